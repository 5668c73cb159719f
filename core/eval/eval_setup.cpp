#include "core/eval/eval_setup.h"

#include "core/eval/imatrix_file.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/plan/plan.h"
#include "core/tokenizer/tokenizer.h"
#include "core/util/parallel.h"

#include <filesystem>
#include <system_error>

namespace qs {

std::vector<int32_t> textCalibrationTokens(const Model& m, int vocabSize, const std::string& path)
{
    const auto tok = loadTokenizer(m);
    std::vector<int32_t> t = tok->encode(readTextFile(path), false);
    if (tok->addBos())
        t.insert(t.begin(), tok->bos());
    for (int32_t id : t)
        if (id < 0 || id >= vocabSize)
            invalidInput(path, "token " + std::to_string(id) + " of the text is outside the model's vocabulary of " +
                                   std::to_string(vocabSize));
    if (t.size() < 2)
        invalidInput(path, "the calibration text is " + std::to_string(t.size()) + " tokens; it needs at least 2");
    return t;
}

std::unique_ptr<EvalSetup> prepareEvaluation(const Model& m, const EvalStreamOptions& o)
{
    if (o.window == 1 || o.window < 0)
        invalidInput({}, "the evaluation window must be 0 (context length) or at least 2 tokens");
    if (o.textFile.empty() && o.tokensFile.empty() && o.sample < 1)
        invalidInput({}, "the evaluation stream needs at least one sampled token");
    if (!o.calibTextFile.empty() && !o.calibTokensFile.empty())
        invalidInput({}, "calibrate on a token file or on a text file, not both");
    {
        std::error_code ec;
        if (!o.calibTextFile.empty() && !o.textFile.empty() &&
            (o.calibTextFile == o.textFile || std::filesystem::equivalent(o.calibTextFile, o.textFile, ec)))
            invalidInput(o.calibTextFile, "the calibration stream must differ from the evaluation stream");
    }
    const bool fileImatrix = !o.imatrixFile.empty();
    const bool calibrate = (o.imatrix && !fileImatrix) || o.errorFeedback;
    if (calibrate) {
        std::error_code ec;
        if (!o.tokensFile.empty() && !o.calibTokensFile.empty() &&
            (o.calibTokensFile == o.tokensFile || std::filesystem::equivalent(o.calibTokensFile, o.tokensFile, ec)))
            invalidInput(o.calibTokensFile, "the calibration stream must differ from the evaluation stream");
        if (o.textFile.empty() && o.tokensFile.empty() && o.calibTokensFile.empty() && o.calibTextFile.empty() &&
            o.calibSeed == o.seed)
            invalidInput({}, "the calibration seed must differ from the evaluation seed (calibrate on another stream)");
        if (o.calibTokensFile.empty() && o.calibTextFile.empty() && o.calibSample < 1)
            invalidInput({}, "the calibration stream needs at least one sampled token");
    }
    const bool heldOut = o.errorFeedback && o.outputError;
    const int stages = (calibrate ? 4 : 2) + (heldOut ? 1 : 0) + (fileImatrix ? 1 : 0);
    int done = 0;
    auto step = [&] {
        ++done;
        if (o.progress)
            o.progress(done, stages);
        throwIfCancelled();
    };
    throwIfCancelled();
    auto s = std::make_unique<EvalSetup>();
    s->weights = std::make_unique<LlamaWeights>(LlamaWeights::fromModel(m));
    const LlamaWeights& w = *s->weights;
    s->window = evaluationWindow(w, o.window);
    if (o.window == 0 && s->window < w.config.contextLength)
        s->warnings.push_back(m.path + ": the context length is " + std::to_string(w.config.contextLength) +
                              " tokens; evaluating in windows of " + std::to_string(s->window) +
                              " (--window N for another length)");
    s->stream.insert(QStringLiteral("window"), s->window);
    const int vocab = w.config.vocabSize;
    std::vector<std::vector<int32_t>> textChunks;  // a text file's windows, scored from their middle
    if (!o.textFile.empty()) {
        // As llama-perplexity: the text with BOS (if the model adds it), chunks of the window
        // length each starting with BOS, the second half of each scored.
        const auto tok = loadTokenizer(m);
        s->tokens = tok->encode(readTextFile(o.textFile), false);
        if (tok->addBos())
            s->tokens.insert(s->tokens.begin(), tok->bos());
        for (int32_t t : s->tokens)
            if (t >= vocab)
                invalidInput(o.textFile, "token " + std::to_string(t) + " of the text is outside the model's vocabulary of " +
                                             std::to_string(vocab));
        textChunks = textWindows(s->tokens, s->window, tok->addBos() ? tok->bos() : -1);
        if (textChunks.empty())
            invalidInput(o.textFile, "the text is " + std::to_string(s->tokens.size()) +
                                         " tokens, fewer than one window of " + std::to_string(s->window) +
                                         " (choose a shorter window)");
        s->stream = {{"text_file", QString::fromStdString(o.textFile)},
                     {"window", s->window},
                     {"windows", qint64(textChunks.size())},
                     {"scored_from", s->window / 2}};
    } else if (!o.tokensFile.empty()) {
        s->tokens = loadTokenFile(o.tokensFile, vocab);
        s->stream.insert(QStringLiteral("tokens_file"), QString::fromStdString(o.tokensFile));
    } else {
        s->tokens = sampleTokens(w, o.sample, o.seed, s->window, 1);
        s->stream.insert(QStringLiteral("sampled"), o.sample);
        s->stream.insert(QStringLiteral("seed"), qint64(o.seed));
    }
    s->stream.insert(QStringLiteral("tokens"), qint64(s->tokens.size()));
    s->calibration = {{}, calibrationChoice(o),
                      o.textFile.empty() && o.tokensFile.empty() && o.calibTokensFile.empty() &&
                          o.calibTextFile.empty() && o.calibSeed == o.seed};
    if (!o.calibTextFile.empty()) {
        s->calibration.textTokens = textCalibrationTokens(m, vocab, o.calibTextFile);
        s->stream.insert(QStringLiteral("calibration_text_file"), QString::fromStdString(o.calibTextFile));
    }
    step();
    s->evaluator = textChunks.empty() ? std::make_unique<Evaluator>(w, s->tokens, s->window,
                                                                    kDefaultReferenceCacheBytes, o.activations)
                                      : std::make_unique<Evaluator>(w, std::move(textChunks), s->window / 2,
                                                                    kDefaultReferenceCacheBytes, o.activations);
    s->stream.insert(QStringLiteral("activations"), QString::fromLatin1(activationModeName(o.activations)));
    s->stream.insert(QStringLiteral("positions"), qint64(s->evaluator->positions()));
    step();
    if (calibrate) {
        if (!o.calibTokensFile.empty()) {
            s->stream.insert(QStringLiteral("calibration_file"), QString::fromStdString(o.calibTokensFile));
        } else if (o.calibTextFile.empty()) {
            s->stream.insert(QStringLiteral("calibration_sampled"), o.calibSample);
            s->stream.insert(QStringLiteral("calibration_seed"), qint64(o.calibSeed));
            s->stream.insert(QStringLiteral("calibration_sequences"),
                             calibrationSequenceCount(w, o.calibSample, s->window));
        }
        step();
        ActivationStats stats = s->calibrate(o.errorFeedback && o.calibrationMoments);
        if (o.imatrix && !fileImatrix && o.errorFeedback)
            s->imatrix = stats;
        if (o.errorFeedback)
            s->errorFeedback = std::move(stats);
        else
            s->imatrix = std::move(stats);
        step();
    }
    if (fileImatrix) {
        ImatrixFile f = loadImatrixFile(o.imatrixFile);
        std::vector<std::pair<std::string, int64_t>> matrices;
        for (const std::string& name : w.matrixNames())
            matrices.emplace_back(name, w.get(name).cols);
        if (const int unknown = checkImatrixFile(f, matrices))
            s->warnings.push_back(o.imatrixFile + ": " + std::to_string(unknown) + " of its " + std::to_string(f.names.size()) +
                                  " entries name no matrix of the model (ignored)");
        s->imatrix = std::move(f.stats);
        s->stream.insert(QStringLiteral("imatrix_file"), QString::fromStdString(o.imatrixFile));
        step();
    }
    if (heldOut) {
        // The evaluation stream's own inputs (text windows as whole windows).
        s->heldOut = collectImportance(w, s->tokens, s->window, /*moments=*/true);
        step();
    }
    return s;
}

CalibrationChoice calibrationChoice(const EvalStreamOptions& o)
{
    return {o.calibTokensFile, o.calibTextFile, o.calibSample, o.calibSeed};
}

ActivationStats calibrationStats(const Model& m, const LlamaWeights& w, const CalibrationChoice& c)
{
    if (!c.tokensFile.empty() && !c.textFile.empty())
        invalidInput({}, "calibrate on a token file or on a text file, not both");
    if (c.textFile.empty() && c.tokensFile.empty() && c.sample < 1)
        invalidInput({}, "the calibration stream needs at least one sampled token");
    const std::vector<int32_t> text =
        c.textFile.empty() ? std::vector<int32_t>{} : textCalibrationTokens(m, w.config.vocabSize, c.textFile);
    return calibrationStats(w, text, c, 0, false);
}

ActivationStats calibrationStats(const LlamaWeights& w, const std::vector<int32_t>& textTokens, const CalibrationChoice& c,
                                 int window, bool moments)
{
    if (!textTokens.empty())
        return collectImportance(w, textTokens, window, moments);
    if (!c.tokensFile.empty())
        return collectImportance(w, loadTokenFile(c.tokensFile, w.config.vocabSize), window, moments);
    ActivationStats stats;
    stats.collectMoments(moments);
    sampleCalibrationWindows(w, c.sample, c.seed, window, 1, &stats);
    return stats;
}

ActivationStats EvalSetup::calibrate(bool moments) const
{
    return calibrationStats(*weights, calibration.textTokens, calibration.choice, window, moments);
}

const ActivationStats& EvalSetup::calibratedImportance() const
{
    std::lock_guard lock(calibMutex_);
    if (!calibrated_) {
        if (calibration.sameAsEvaluation)
            invalidInput({}, "the calibration seed must differ from the evaluation seed (calibrate on another stream)");
        if (calibration.textTokens.empty() && calibration.choice.tokensFile.empty() && calibration.choice.sample < 1)
            invalidInput({}, "the calibration stream needs at least one sampled token");
        calibrated_ = calibrate(/*moments=*/false);
    }
    return *calibrated_;
}

PlanSpec precisionForPlan(const Model& m, const LlamaWeights& w, const PlanSpec& plan, bool* importanceRequired)
{
    PlanSpec po = plan;
    const Format* f = findFormat(plan.type);
    po.target = f && f->family() == FormatFamily::Int ? PlanTarget::Safetensors : PlanTarget::Gguf;
    const QuantPlan qp = buildPlan(m, po);
    if (importanceRequired)
        *importanceRequired = qp.importanceRequired;
    return precisionFromPlan(w, qp);
}

TypeAccuracy evaluateType(const Model& m, const EvalSetup& s, const PlanSpec& plan)
{
    bool needsImportance = false;
    const PlanSpec prec = precisionForPlan(m, *s.weights, plan, &needsImportance);
    TypeAccuracy a;
    const bool ef = s.errorFeedback && errorFeedbackApplies(prec);
    // A plan llama.cpp refuses without an importance matrix is exported with one (calibrated when
    // the user gave none), so it is evaluated with one.
    const ActivationStats* planImportance =
        needsImportance ? (s.imatrix ? &*s.imatrix : &s.calibratedImportance()) : nullptr;
    {
        const LlamaWeights plain = applyPrecision(*s.weights, prec, planImportance);
        a.plain = s.evaluator->evaluate(plain);
        a.plainWithImportance = planImportance != nullptr;
        if (ef && s.heldOut)
            a.plainOutputError = outputError(*s.weights, plain, *s.heldOut).relative();
    }
    if (s.imatrix)
        a.imatrix = planImportance ? a.plain : s.evaluator->evaluate(applyPrecision(*s.weights, prec, &*s.imatrix));
    if (ef) {
        const LlamaWeights q = applyErrorFeedback(*s.weights, prec, *s.errorFeedback);
        a.errorFeedback = s.evaluator->evaluate(q);
        if (s.heldOut)
            a.errorFeedbackOutputError = outputError(*s.weights, q, *s.heldOut).relative();
    }
    return a;
}

}  // namespace qs
