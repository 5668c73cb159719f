#include "core/eval/eval_setup.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/plan/plan.h"
#include "core/util/parallel.h"

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
    if (o.imatrix) {
        if (!o.tokensFile.empty() && o.calibTokensFile == o.tokensFile)
            invalidInput(o.calibTokensFile, "the calibration stream must differ from the evaluation stream");
        if (o.tokensFile.empty() && o.calibTokensFile.empty() && o.calibSeed == o.seed)
            invalidInput({}, "the calibration seed must differ from the evaluation seed (calibrate on another stream)");
        if (o.calibTokensFile.empty() && o.calibSample < 1)
            invalidInput({}, "the calibration stream needs at least one sampled token");
    }
    const int stages = o.imatrix ? 4 : 2;
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
    s->evaluator = std::make_unique<Evaluator>(w, s->tokens, s->window, o.cancel, o.activations);
    s->stream.insert(QStringLiteral("activations"), QString::fromLatin1(activationModeName(o.activations)));
    s->stream.insert(QStringLiteral("positions"), qint64(s->evaluator->positions()));
    step();
    if (o.imatrix) {
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
        s->imatrix = collectImportance(w, calib, s->window, o.cancel);
        step();
    }
    return s;
}

Precision precisionForType(const Model& m, const LlamaWeights& w, const std::string& type, bool pure,
                           const std::vector<std::string>& overrides)
{
    PlanOptions po;
    po.type = type;
    po.pure = pure;
    po.overrides = overrides;
    const Format* f = findFormat(type);
    po.target = f && f->family() == FormatFamily::Int ? PlanTarget::Safetensors : PlanTarget::Gguf;
    return precisionFromPlan(w, buildPlan(m, po));
}

TypeAccuracy evaluateType(const Model& m, const EvalSetup& s, const std::string& type, bool pure,
                          const std::vector<std::string>& overrides, const std::atomic<bool>* cancel)
{
    const CancelScope scope(cancel);  // quantizing and the products stop within a tensor
    const Precision prec = precisionForType(m, *s.weights, type, pure, overrides);
    TypeAccuracy a;
    a.plain = s.evaluator->evaluate(applyPrecision(*s.weights, prec), cancel);
    if (s.imatrix)
        a.imatrix = s.evaluator->evaluate(applyPrecision(*s.weights, prec, &*s.imatrix), cancel);
    return a;
}

}  // namespace qs
