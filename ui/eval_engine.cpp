#include "ui/eval_engine.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/model/architecture.h"
#include "core/eval/llama_forward.h"
#include "core/model/model.h"
#include "core/util/parallel.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>
#include <exception>

namespace qs::ui::engine {

namespace {

QString qstr(const std::string& s) { return QString::fromStdString(s); }
QString tr(const char* s) { return QCoreApplication::translate("qs::ui::engine", s); }

const ActivationStats* importanceOf(const EvalSetup& s) { return s.imatrix ? &*s.imatrix : nullptr; }

// Progress of the evaluations mapped to [lo, hi] of the promise's range.
EvalControl control(const std::function<void(int)>& setValue, int lo, int hi)
{
    EvalControl c;
    c.progress = [setValue, lo, hi](int done, int total) {
        setValue(total > 0 ? lo + int(double(hi - lo) * done / total) : lo);
    };
    return c;
}

// A worker's evaluation setup (the first 5 % of its progress).
template <class T>
std::unique_ptr<EvalSetup> prepare(QPromise<T>& promise, const Model& m, const EvalStreamOptions& so)
{
    promise.setProgressValueAndText(
        1, QCoreApplication::translate("qs::ui::engine", "Running the original model on the evaluation tokens…"));
    auto setup = prepareEvaluation(m, so);
    promise.setProgressValue(50);
    return setup;
}

}  // namespace

int defaultSampleTokens(const Model& m)
{
    // The forward pass costs about 2 flops per parameter and token; the sensitivity runs it once
    // per tensor. Keep the stream short where one pass over 512 tokens would take long.
    const int64_t p = m.nParams();
    if (p <= 2'000'000)
        return kDefaultEvalSample;
    if (p <= 8'000'000)
        return 128;
    return 64;
}

void runSensitivity(QPromise<SensitivityOutcome>& promise, std::shared_ptr<const Model> model, SensitivityRequest req)
{
    SensitivityOutcome out;
    out.request = req;
    // Cancelling the future stops the worker within one forward pass (at the next chunk of a product).
    const CancelScope scope([&promise] { return promise.isCanceled(); });
    promise.setProgressRange(0, 1000);
    promise.setProgressValue(0);
    try {
        const auto setup = prepare(promise, *model, req.stream);
        const PlanSpec p = precisionForPlan(*model, *setup->weights, PlanSpec(req.type.toStdString()));
        const EvalControl c = control([&](int v) { promise.setProgressValue(v); }, 50, 1000);
        out.rows = sensitivity(*setup->evaluator, p, req.byLayer, importanceOf(*setup), &c);
        for (const auto& [name, f] : p.tensors)
            if (f)
                out.formats[name] = f->name();
        out.positions = setup->evaluator->positions();
        out.sourceBytes = setup->weights->sourceBytes();
    } catch (...) {
        if (!takeError(out.error))
            return;  // cancelled: no result, the watcher sees a cancelled future
    }
    promise.addResult(std::move(out));
}

QStringList sizeCandidateChoices()
{
    QStringList out;
    for (const Format* f : allFormats())
        if (f->family() != FormatFamily::Int && f->name() != "F32")
            out << qstr(f->name());
    return out;
}

QStringList defaultSizeCandidateNames()
{
    QStringList out;
    for (const Format* f : defaultSizeCandidates())
        out << qstr(f->name());
    return out;
}

SizeBounds sizeBounds(const Model& m, const QStringList& candidates)
{
    std::vector<const Format*> cands;
    for (const QString& n : candidates)
        if (const Format* f = findFormat(n.toStdString()))
            cands.push_back(f);
    SizeBounds b;
    for (const TensorInfo& t : m.tensors) {
        const std::string name = ggufName(m, t.name);
        if (name.empty() || name == "rope_freqs.weight")
            continue;  // not read by the forward pass (LlamaWeights::fromModel)
        b.params += t.numel();
        uint64_t best = t.nbytes;
        bool any = false;
        if (t.rows() > 1)
            for (const Format* f : cands)
                if (f->supports(t.rows(), t.cols())) {
                    const uint64_t s = f->storageBytes(t.rows(), t.cols());
                    best = any ? std::min(best, s) : s;
                    any = true;
                }
        b.smallestBytes += best;
    }
    return b;
}

void runPlanForSize(QPromise<SizePlanOutcome>& promise, std::shared_ptr<const Model> model, SizePlanRequest req)
{
    SizePlanOutcome out;
    // Cancelling the future stops the worker within one forward pass (at the next chunk of a product).
    const CancelScope scope([&promise] { return promise.isCanceled(); });
    promise.setProgressRange(0, 1000);
    promise.setProgressValue(0);
    try {
        std::vector<const Format*> cands;
        for (const QString& n : req.candidates) {
            const Format* f = findFormat(n.toStdString());
            if (!f)
                invalidInput({}, "unknown format '" + n.toStdString() + "'");
            cands.push_back(f);
        }
        if (req.candidates.isEmpty())
            cands = defaultSizeCandidates();
        if (!(req.target > 0) || !std::isfinite(req.target))
            invalidInput({}, "the size target must be a positive number");
        const auto setup = prepare(promise, *model, req.stream);
        const LlamaWeights& w = *setup->weights;
        out.targetBytes = req.megabytes ? uint64_t(req.target * 1e6) : bytesForBitsPerWeight(w, req.target);
        promise.setProgressValueAndText(51, tr("Measuring the KL of every tensor at every candidate format…"));
        const EvalControl c = control([&](int v) { promise.setProgressValue(v); }, 50, 900);
        const Rounding rounding{importanceOf(*setup), setup->errorFeedback ? &*setup->errorFeedback : nullptr};
        const PlanSpec plan = planForSize(*setup->evaluator, out.targetBytes, cands, rounding, &c);
        out.bytes = precisionBytes(w, plan);
        out.bitsPerWeight = qs::bitsPerWeight(w, out.bytes);
        // One more full evaluation (no progress inside it): say so rather than stand still.
        promise.setProgressValueAndText(901, tr("Measuring the accuracy of the finished plan…"));
        out.metrics = setup->evaluator->evaluate(plan, rounding);
        out.imatrix = rounding.imatrix != nullptr;
        out.errorFeedback = rounding.errorFeedback != nullptr;
        // The plan on the source tensors (by their names in the model).
        for (const auto& t : model->tensors) {
            std::string name = ggufName(*model, t.name);
            if (name.empty())
                name = t.name;
            auto it = plan.tensors.find(name);
            if (it != plan.tensors.end() && it->second)
                out.plan.tensors[t.name] = it->second;
        }
        for (const auto& [name, f] : plan.tensors)
            out.formats[name] = f->name();
        promise.setProgressValue(1000);
    } catch (...) {
        if (!takeError(out.error))
            return;  // cancelled: no result, the watcher sees a cancelled future
    }
    promise.addResult(std::move(out));
}

}  // namespace qs::ui::engine
