#include "core/eval/eval_setup.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/plan/plan.h"

#include <filesystem>
#include <system_error>

namespace qs {

namespace {

void checkCancel(const EvalStreamOptions& o)
{
    if (o.cancel && o.cancel->load())
        throw Error(ErrorKind::Cancelled, "evaluation cancelled");
}

}  // namespace

std::unique_ptr<EvalSetup> prepareEvaluation(const Model& m, const EvalStreamOptions& o)
{
    if (o.window == 1 || o.window < 0)
        invalidInput({}, "the evaluation window must be 0 (context length) or at least 2 tokens");
    if (o.tokensFile.empty() && o.sample < 1)
        invalidInput({}, "the evaluation stream needs at least one sampled token");
    const bool calibrate = o.imatrix || o.errorFeedback;
    if (calibrate) {
        std::error_code ec;
        if (!o.tokensFile.empty() && !o.calibTokensFile.empty() &&
            (o.calibTokensFile == o.tokensFile || std::filesystem::equivalent(o.calibTokensFile, o.tokensFile, ec)))
            invalidInput(o.calibTokensFile, "the calibration stream must differ from the evaluation stream");
        if (o.tokensFile.empty() && o.calibTokensFile.empty() && o.calibSeed == o.seed)
            invalidInput({}, "the calibration seed must differ from the evaluation seed (calibrate on another stream)");
        if (o.calibTokensFile.empty() && o.calibSample < 1)
            invalidInput({}, "the calibration stream needs at least one sampled token");
    }
    const int stages = calibrate ? 4 : 2;
    int done = 0;
    auto step = [&] {
        ++done;
        if (o.progress)
            o.progress(done, stages);
        checkCancel(o);
    };
    checkCancel(o);
    auto s = std::make_unique<EvalSetup>();
    s->weights = std::make_unique<LlamaWeights>(LlamaWeights::fromModel(m));
    const LlamaWeights& w = *s->weights;
    s->window = o.window;
    const int vocab = w.config.vocabSize;
    if (!o.tokensFile.empty()) {
        s->tokens = loadTokenFile(o.tokensFile, vocab);
        s->stream = {{"tokens_file", QString::fromStdString(o.tokensFile)}};
    } else {
        s->tokens = sampleTokens(w, o.sample, o.seed, s->window, 1, o.cancel);
        s->stream = {{"sampled", o.sample}, {"seed", qint64(o.seed)}};
    }
    s->stream.insert(QStringLiteral("tokens"), qint64(s->tokens.size()));
    step();
    s->evaluator = std::make_unique<Evaluator>(w, s->tokens, s->window, o.cancel);
    s->stream.insert(QStringLiteral("positions"), qint64(s->evaluator->positions()));
    step();
    if (calibrate) {
        std::vector<int32_t> calib;
        if (!o.calibTokensFile.empty()) {
            calib = loadTokenFile(o.calibTokensFile, vocab);
            s->stream.insert(QStringLiteral("calibration_file"), QString::fromStdString(o.calibTokensFile));
        } else {
            calib = sampleTokens(w, o.calibSample, o.calibSeed, s->window, 1, o.cancel);
            s->stream.insert(QStringLiteral("calibration_sampled"), o.calibSample);
            s->stream.insert(QStringLiteral("calibration_seed"), qint64(o.calibSeed));
        }
        step();
        ActivationStats stats = collectImportance(w, calib, s->window, o.cancel, o.errorFeedback);
        if (o.imatrix && o.errorFeedback)
            s->imatrix = stats;
        if (o.errorFeedback)
            s->errorFeedback = std::move(stats);
        else
            s->imatrix = std::move(stats);
        step();
    }
    return s;
}

PlanSpec precisionForPlan(const Model& m, const LlamaWeights& w, const PlanSpec& plan)
{
    PlanSpec po = plan;
    const Format* f = findFormat(plan.type);
    po.target = f && f->family() == FormatFamily::Int ? PlanTarget::Safetensors : PlanTarget::Gguf;
    return precisionFromPlan(w, buildPlan(m, po));
}

TypeAccuracy evaluateType(const Model& m, const EvalSetup& s, const PlanSpec& plan, const std::atomic<bool>* cancel)
{
    const PlanSpec prec = precisionForPlan(m, *s.weights, plan);
    TypeAccuracy a;
    a.plain = s.evaluator->evaluate(applyPrecision(*s.weights, prec), cancel);
    if (s.imatrix)
        a.imatrix = s.evaluator->evaluate(applyPrecision(*s.weights, prec, &*s.imatrix), cancel);
    if (s.errorFeedback && errorFeedbackApplies(prec))
        a.errorFeedback = s.evaluator->evaluate(applyErrorFeedback(*s.weights, prec, *s.errorFeedback), cancel);
    return a;
}

}  // namespace qs
