#pragma once
// An evaluation built from a model, the one way the CLI (compare --eval, plan-for-size) and the
// GUI do it, so their numbers agree: the evaluation stream (a token file, or tokens sampled from
// the reference model with a fixed seed), the reference logits, and optionally an importance
// matrix calibrated on a different stream. Then the accuracy of a type as its plan quantizes the
// model (presets, fallbacks, pure, overrides), with and without the importance matrix.
#include "core/eval/evaluation.h"
#include "core/model/model.h"

#include <QJsonObject>

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace qs {

// Defaults shared by the CLI options and the GUI.
constexpr int kDefaultEvalSample = 512;      // tokens sampled for the evaluation stream
constexpr uint64_t kDefaultEvalSeed = 1;
constexpr int kDefaultCalibSample = 1024;    // tokens sampled for the importance matrix
constexpr uint64_t kDefaultCalibSeed = 2;    // differs from the evaluation seed

struct EvalStreamOptions {
    std::string textFile;              // UTF-8 text, tokenized by the model's tokenizer, windows as
                                       // llama-perplexity scores them; empty: tokensFile or sample
    std::string tokensFile;            // {"tokens": [...]}; empty: sample
    int sample = kDefaultEvalSample;   // tokens to sample when there is no file
    uint64_t seed = kDefaultEvalSeed;
    int window = 0;                    // tokens per window; 0: the model's context length
    bool imatrix = false;              // also collect an importance matrix
    std::string imatrixFile;           // instead, read it from llama.cpp's imatrix file (GGUF or .dat;
                                       // implies imatrix; core/eval/imatrix_file.h)
    bool errorFeedback = false;        // also calibrate error feedback (its stream, run again by
                                       // the sequential pass of applyErrorFeedback)
    bool calibrationMoments = false;   // with errorFeedback: also keep the calibration's input
                                       // second moments (the block inspector's one-row error feedback)
    bool outputError = false;          // with errorFeedback: also the evaluation stream's input
                                       // moments, for each type's layer output error (compare)
    std::string calibTokensFile;       // calibration stream (imatrix, error feedback); empty: sample
    std::string calibTextFile;         // or a text file, tokenized with the model's own tokenizer
    int calibSample = kDefaultCalibSample;
    uint64_t calibSeed = kDefaultCalibSeed;
    // How activations meet the weights in the evaluation (reference and candidates): Llama
    // (default) gives the KL llama.cpp gives for the exported file, Float the weights-only KL.
    ActMode activations = ActMode::Llama;
    std::function<void(int done, int total)> progress;  // after each stage
};

// The calibration stream of error feedback or a calibrated importance matrix: a token file, a text
// file (the model's own tokenizer) or `sample` tokens sampled from the model with `seed`.
struct CalibrationChoice {
    std::string tokensFile;  // or
    std::string textFile;    // or sampled:
    int sample = kDefaultCalibSample;
    uint64_t seed = kDefaultCalibSeed;
};
// The one an evaluation's options name (calibTokensFile, calibTextFile, calibSample, calibSeed).
CalibrationChoice calibrationChoice(const EvalStreamOptions& o);
// Its statistics (importance; the input second moments too when `moments`), collected on the way:
// the text's or the token file's windows, else sampled (sampleCalibrationWindows, collected while
// the sequences are decoded); windows of `window` tokens (0: the model's context). The first form
// is quantize's and the window's export (the text tokenized here); the second takes a text file's
// tokens already made (used when not empty). Errors as textCalibrationTokens and loadTokenFile.
ActivationStats calibrationStats(const Model& m, const LlamaWeights& w, const CalibrationChoice& c);
ActivationStats calibrationStats(const LlamaWeights& w, const std::vector<int32_t>& textTokens, const CalibrationChoice& c,
                                 int window, bool moments);

// The reference model, its evaluation stream and cached logits, and the importance matrix when
// asked for.
struct EvalSetup {
    std::unique_ptr<LlamaWeights> weights;
    std::vector<int32_t> tokens;
    int window = 0;
    std::unique_ptr<Evaluator> evaluator;
    std::optional<ActivationStats> imatrix;
    std::optional<ActivationStats> errorFeedback;  // the calibration (and its input moments if asked)
    // With error feedback and outputError: the input second moments on the evaluation stream
    // itself (held out from the calibration), for each type's layer output error.
    std::optional<ActivationStats> heldOut;
    QJsonObject stream;  // how the evaluation (and calibration) streams were made
    std::vector<std::string> warnings;  // e.g. a window capped below the stated context length

    // The importance for a plan llama.cpp refuses without one (IQ2_XXS, IQ1_S, ... presets) when
    // the setup has none: calibrated on first use from the calibration stream, as the export
    // calibrates it, then kept. Thread-safe; Error(Cancelled) leaves it to be made again.
    const ActivationStats& calibratedImportance() const;
    struct CalibrationStream {
        std::vector<int32_t> textTokens;  // a calibration text file's tokens (BOS as the model adds it)
        CalibrationChoice choice;
        bool sameAsEvaluation = false;  // the evaluation stream is sampled with the same seed
    } calibration;

private:
    friend std::unique_ptr<EvalSetup> prepareEvaluation(const Model& m, const EvalStreamOptions& o);
    // The statistics of the calibration stream (calibrationStats, on the evaluation's windows).
    ActivationStats calibrate(bool moments) const;
    mutable std::mutex calibMutex_;
    mutable std::optional<ActivationStats> calibrated_;
};

// A text file is tokenized with the model's own tokenizer (BOS as the model adds it) and cut
// into windows of the window length like llama-perplexity: each chunk starts with BOS (when the
// model adds it) and only its second half is scored.
// Throws qs::Error(InvalidInput) for a model that is not llama-shaped, a bad token or text file, a
// model without a real tokenizer (with a text file), a window of 1, or a calibration stream equal
// to the evaluation stream; Error(Cancelled) when the calling thread's qs::CancelScope is cancelled
// (asked per token / window, and within the products).
std::unique_ptr<EvalSetup> prepareEvaluation(const Model& m, const EvalStreamOptions& o);

// A calibration text file's tokens: the model's own tokenizer, BOS first when the model adds it;
// Error(InvalidInput) naming the file for a model without a real tokenizer, a token outside the
// vocabulary or a text of fewer than 2 tokens.
std::vector<int32_t> textCalibrationTokens(const Model& m, int vocabSize, const std::string& path);

// The precision a plan (type, pure, overrides; its target is chosen here) gives the model:
// every eligible tensor at the plan's format for it (INT/NF4 types through the safetensors
// target, others through GGUF).
// importanceRequired: set when the plan is a preset llama.cpp refuses without an importance matrix
// (the export then calibrates one; evaluateType evaluates it with one).
PlanSpec precisionForPlan(const Model& m, const LlamaWeights& w, const PlanSpec& plan, bool* importanceRequired = nullptr);

struct TypeAccuracy {
    // As the export quantizes: with the setup's importance matrix (or one calibrated for it) when
    // the plan requires one, else without.
    AccuracyMetrics plain;
    bool plainWithImportance = false;
    std::optional<AccuracyMetrics> imatrix;  // when the setup has an importance matrix
    // When the setup has error-feedback calibration and the type has a format it can write.
    std::optional<AccuracyMetrics> errorFeedback;
    // Then also the layers' relative output error ‖XWᵀ − XŴᵀ‖² / ‖XWᵀ‖² summed over the quantized
    // matrices on the evaluation stream's inputs, plain and with error feedback.
    std::optional<double> plainOutputError, errorFeedbackOutputError;
};
TypeAccuracy evaluateType(const Model& m, const EvalSetup& s, const PlanSpec& plan);

}  // namespace qs
