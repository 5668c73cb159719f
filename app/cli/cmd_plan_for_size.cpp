// quantscope-cli plan-for-size MODEL --target-bpw X | --target-mb X: a per-tensor mixed-precision
// plan within a size, chosen greedily from single-tensor KL sensitivities, and its accuracy.
#include "app/cli/cancel.h"
#include "core/util/parallel.h"
#include "app/cli/cli.h"
#include "app/cli/eval_cli.h"
#include "core/util/atomic_file.h"
#include "core/util/error.h"
#include "core/export/export.h"
#include "core/model/architecture.h"
#include "core/plan/plan.h"

#include <QRegularExpression>

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <optional>

namespace qs::cli {

namespace {

// The plan as `quantize --override` rules (one exact-name pattern per tensor), for the user.
QJsonArray overridesJson(const PlanSpec& plan)
{
    QJsonArray out;
    for (const auto& [name, f] : plan.tensors)
        out.append(QStringLiteral("^%1$=%2").arg(QRegularExpression::escape(QString::fromStdString(name)),
                                                  QString::fromStdString(f->name())));
    return out;
}

}  // namespace

int cmdPlanForSize(const QStringList& args)
{
    QCommandLineParser p;
    const QCommandLineOption bpwOpt(QStringLiteral("target-bpw"), QStringLiteral("Size target in bits per weight."),
                                    QStringLiteral("X"));
    const QCommandLineOption mbOpt(QStringLiteral("target-mb"), QStringLiteral("Size target in MB (10^6 bytes)."),
                                   QStringLiteral("X"));
    const QCommandLineOption typesOpt(
        QStringLiteral("types"),
        QStringLiteral("Formats to choose from, comma-separated (default: every GGUF block format and F16)."),
        QStringLiteral("LIST"));
    const QCommandLineOption jsonOpt(QStringLiteral("json"), QStringLiteral("Print one JSON object."));
    const QCommandLineOption outOpt(QStringLiteral("output"),
                                    QStringLiteral("Also write the model with this plan (.gguf, or .safetensors fake-quant)."),
                                    QStringLiteral("FILE"));
    p.addOptions({bpwOpt, mbOpt, typesOpt, jsonOpt, outOpt});
    const EvalOptions eo;
    eo.addTo(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("GGUF, llama2.c or Hugging Face llama model."));
    if (int rc = parseArgs(p, args,
                           "Choose a format per weight matrix so the model fits a size target with the least KL "
                           "divergence from the original (greedy over single-tensor sensitivities).",
                           1, 1);
        rc >= 0)
        return rc;
    if (p.isSet(outOpt) && p.value(outOpt).isEmpty()) {
        printErr(QStringLiteral("--output needs a file name (.gguf or .safetensors), got an empty one"));
        return InvalidInput;
    }
    const CancelScope cancelScope(&installCancelHandlers());  // Ctrl-C reaches every loop below
    return guarded([&] {
        if (p.isSet(bpwOpt) == p.isSet(mbOpt))
            invalidInput({}, "give exactly one of --target-bpw and --target-mb");
        std::vector<const Format*> cands;
        if (p.isSet(typesOpt)) {
            cands = parseFormatList(p.value(typesOpt));
        } else {
            cands = defaultSizeCandidates();
        }
        noteInput(p.positionalArguments().front());
        const auto model = openModel(p.positionalArguments().front().toStdString());
        const auto s = prepareEval(*model, p, eo);
        const LlamaWeights& w = *s->weights;
        bool ok = false;
        const double x = p.value(p.isSet(bpwOpt) ? bpwOpt : mbOpt).toDouble(&ok);
        if (!ok || !(x > 0) || !std::isfinite(x))
            invalidInput({}, "the size target must be a positive number");
        const uint64_t target = p.isSet(bpwOpt) ? bytesForBitsPerWeight(w, x) : uint64_t(x * 1e6);
        const ActivationStats* im = s->imatrix ? &*s->imatrix : nullptr;
        // With --error-feedback each candidate's KL is measured as error feedback rounds it, and
        // the plan is evaluated and written that way.
        const Rounding rounding{im, s->errorFeedback ? &*s->errorFeedback : nullptr};
        const PlanSpec plan = planForSize(*s->evaluator, target, cands, rounding);
        const uint64_t bytes = precisionBytes(w, plan);
        const AccuracyMetrics m = s->evaluator->evaluate(plan, rounding);
        if (p.isSet(outOpt)) {
            const std::string out = p.value(outOpt).toStdString();
            PlanSpec po = plan;  // the chosen tensors; everything else as F32
            po.type = "F32";
            po.pure = true;
            po.target = targetForPath(out);
            checkOutputIsNotInput(*model, out);
            checkOutputPath(out);
            ExportOptions xo;
            if (im)
                xo.importance = [im](const PlanEntry& e) { return im->importance(e.ggufName); };
            std::optional<LlamaWeights> efWeights;
            if (rounding.errorFeedback) {
                efWeights = applyErrorFeedback(w, plan, *rounding.errorFeedback);
                if (po.target == PlanTarget::Gguf)
                    xo.quantizeTensor = errorFeedbackExporter(*efWeights);
                else  // fake-quant safetensors: the values it evaluated, in the source's layout
                    xo.replaceFloats = errorFeedbackFakeQuant(*model, *efWeights);
            }
            exportModel(*model, buildPlan(*model, po), out, xo);
        }

        if (p.isSet(jsonOpt)) {
            QJsonObject tensors;
            for (const auto& t : w.tensors) {
                auto it = plan.tensors.find(t.name);
                tensors.insert(QString::fromStdString(t.name),
                               it != plan.tensors.end() ? QString::fromStdString(it->second->name())
                                                        : QStringLiteral("source"));
            }
            QJsonObject o{{"model", p.positionalArguments().front()},
                          {"target_bytes", qint64(target)},
                          {"bytes", qint64(bytes)},
                          {"bits_per_weight", bitsPerWeight(w, bytes)},
                          {"imatrix", im != nullptr},
                          {"error_feedback", rounding.errorFeedback != nullptr},
                          {"stream", s->stream},
                          {"tensors", tensors},
                          {"overrides", overridesJson(plan)}};
            addMetrics(o, m);
            printOut(QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) + "\n");
        } else {
            QString out;
            for (const auto& t : w.tensors) {
                auto it = plan.tensors.find(t.name);
                out += QStringLiteral("%1 %2\n")
                           .arg(QString::fromStdString(t.name), -28)
                           .arg(it != plan.tensors.end() ? QString::fromStdString(it->second->name())
                                                         : QStringLiteral("(as read)"));
            }
            out += QStringLiteral("size %1 bytes (%2 bits/weight; target %3 bytes)%4\n")
                       .arg(bytes)
                       .arg(bitsPerWeight(w, bytes), 0, 'f', 3)
                       .arg(target)
                       .arg(rounding.errorFeedback ? QStringLiteral(", error feedback")
                            : im                   ? QStringLiteral(", importance matrix")
                                                   : QString());
            out += QStringLiteral("KL mean %1  p99 %2  top-1 %3  ppl %4 (reference %5) over %6 positions\n")
                       .arg(m.kldMean, 0, 'g', 4)
                       .arg(m.kldP99, 0, 'g', 4)
                       .arg(m.top1Agreement, 0, 'f', 4)
                       .arg(m.ppl, 0, 'f', 3)
                       .arg(m.pplReference, 0, 'f', 3)
                       .arg(m.positions);
            printOut(out);
        }
        return Ok;
    });
}

}  // namespace qs::cli
