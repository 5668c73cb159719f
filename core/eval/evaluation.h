#pragma once
// Model-level accuracy of a precision: the model's next-token distributions with its weights
// stored at that precision, against the reference (the weights as read from the file, run in
// their own dtype).
//
// A precision is a plan (core/plan/plan.h) whose exact tensor map assigns a Format to some
// weight matrices by llama.cpp name; evaluation quantizes each once (optionally
// importance-weighted) and runs the forward pass on those bytes, in one of two activation modes
// (kernels::ActMode): Llama quantizes the activations to each format's vec-dot type as llama.cpp
// does (the KL llama.cpp gives for the exported file), Float keeps them float (weights-only: the
// KL of the quantize-dequantize round trip). The INT/NF4 family always runs with float
// activations.
#include "core/formats/format.h"
#include "core/eval/llama_forward.h"
#include "core/plan/plan.h"

#include <QByteArray>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <string>
#include <vector>

namespace qs {

// "llama" / "float", as --activations spells the modes; nullopt for another name.
const char* activationModeName(ActMode m);
std::optional<ActMode> activationModeFromName(std::string_view name);

// ---- Token streams ------------------------------------------------------------------------

// {"tokens": [id, ...]} from a JSON file; ids must be integers in [0, vocabSize).
// Throws qs::Error(InvalidInput) naming the file otherwise.
std::vector<int32_t> loadTokenFile(const std::string& path, int vocabSize);
// The same from the file's bytes (`path` for messages).
std::vector<int32_t> parseTokenJson(const QByteArray& json, const std::string& path, int vocabSize);

// n tokens sampled from the model at temperature 1 with a fixed seed (no tokenizer needed):
// windows of `window` tokens (0: the context length), each starting with `bos` followed by
// window-1 sampled tokens, until n tokens have been sampled. Deterministic for a given seed.
// Cancellation (here and below): the calling thread's qs::CancelScope, asked after every token /
// window and inside the products of the forward pass -> qs::Error(Cancelled). Sampling runs with
// float activations, so the stream does not depend on the activation mode evaluated.
std::vector<int32_t> sampleTokens(const LlamaWeights& w, int n, uint64_t seed, int window = 0, int32_t bos = 1);

// The calibration stream sampled from the model (the calibration of quantize --error-feedback and
// of calibrated importance matrices, compare's --calib-sample/--calib-seed stream): n tokens at
// temperature 1 as kCalibrationSequences sequences decoded in lockstep (one multi-sequence
// LlamaSession: every decode step reads each weight once for all of them), each starting with
// `bos`, sequence i holding n / 8 sampled tokens (the first n % 8 one more). When that exceeds a
// window (`window` as in sampleTokens), more sequences of at most window - 1 sampled tokens each,
// decoded eight at a time. Each sequence is one calibration window. Deterministic for a given
// seed (every sequence has its own random stream from it) and independent of the thread count;
// not the stream sampleTokens gives for the same seed. With stats, the windows' activation
// statistics are collected as they are decoded (the same as collectImportance of the windows, up
// to the rounding of the batched products; moments as stats->collectMoments set them).
// Cancellation as sampleTokens.
constexpr int kCalibrationSequences = 8;
int calibrationSequenceCount(const LlamaWeights& w, int n, int window = 0);  // how many sequences
std::vector<std::vector<int32_t>> sampleCalibrationWindows(const LlamaWeights& w, int n, uint64_t seed,
                                                           int window = 0, int32_t bos = 1,
                                                           ActivationStats* stats = nullptr);

// The window used when none is asked for (window 0) is the context length, capped here: a file
// may state a context of 2^30 tokens, whose key/value cache no machine holds.
constexpr int kMaxAutoWindow = 4096;
// The window length an evaluation uses for `window` (0: the context length, at most
// kMaxAutoWindow; larger than the context: the context). Throws qs::Error(InvalidInput) naming
// the model's file if the context is shorter than 2 tokens or window is negative.
int evaluationWindow(const LlamaWeights& w, int window);

// The stream cut into consecutive windows of at most `window` tokens (0: context length).
std::vector<std::vector<int32_t>> splitWindows(const std::vector<int32_t>& tokens, int window);
// llama-perplexity's windows of a tokenized text: consecutive chunks of exactly `window` tokens (a
// shorter rest is dropped), each starting with `bos` in place of its first token when bos >= 0.
// Score them from position window / 2 (Evaluator's firstScored).
std::vector<std::vector<int32_t>> textWindows(const std::vector<int32_t>& tokens, int window, int32_t bos);

// ---- Precisions -----------------------------------------------------------------------------

// Below, a precision is a PlanSpec of which only `tensors` counts: llama.cpp tensor name ->
// format; a tensor it does not name is kept as read.

// The precision a resolved quantization plan (presets, fallbacks, overrides) gives the
// weights: every eligible tensor the forward pass uses, at the plan's format for it.
PlanSpec precisionFromPlan(const LlamaWeights& w, const QuantPlan& plan);

// `f` on every weight matrix it supports (row length a multiple of its block size); the others
// are kept as read and listed in *skipped when given.
PlanSpec uniformPrecision(const LlamaWeights& w, const Format& f, std::vector<std::string>* skipped = nullptr);

// Storage of the model at a precision: assigned tensors at their format's exact size, the
// others at their size in the source file.
uint64_t precisionBytes(const LlamaWeights& w, const PlanSpec& p);
inline double bitsPerWeight(const LlamaWeights& w, uint64_t bytes)
{
    return w.nParams() > 0 ? 8.0 * double(bytes) / double(w.nParams()) : 0.0;
}

// The weights stored at the precision: each assigned tensor quantized once into a buffer of its
// format's bytes (GGUF block formats row chunk by row chunk, so no float copy of more than a
// slice of one tensor exists); the others keep sharing the source's views. With an importance
// matrix, each format minimises the importance-weighted error of the tensors it has statistics
// for. Cancellable within a tensor by a qs::CancelScope on the calling thread.
LlamaWeights applyPrecision(const LlamaWeights& w, const PlanSpec& p, const ActivationStats* imatrix = nullptr);

// Importance matrix: mean squared activation entering each column of every weight matrix, over
// the windows of a calibration stream (use a different stream from the evaluation one); float
// activations, as llama.cpp's imatrix tool collects them.
// With moments, also each matrix's input second moment XᵀX (for error feedback).
ActivationStats collectImportance(const LlamaWeights& w, const std::vector<int32_t>& tokens, int window = 0,
                                  bool moments = false);
// The same over given windows (e.g. sampleCalibrationWindows'), each from position 0.
ActivationStats collectImportance(const LlamaWeights& w, const std::vector<std::vector<int32_t>>& windows,
                                  bool moments = false);

// The weights as error-feedback rounding (core/eval/error_feedback.h) quantizes them on the
// calibration stream `calibration` was collected from, sequentially (as GPTQ does): the calibration
// windows run through the model layer by layer, product group by product group (the matrices that
// read one input: Q/K/V, the output projection, gate/up, down, then a separate classifier), the
// source model beside the one being quantized. Each group's matrices are first corrected towards
// the source layer's outputs on the source model's inputs (SourceCorrection, ridge sourceRidge() below),
// then rounded with H = XᵀX of their inputs in the model quantized so far, so the errors of the
// layers before are corrected too, not only this layer's rounding. A group that reads the output of
// an RMS norm (Q/K/V: attn_norm, gate/up: ffn_norm, the classifier: output_norm, also when it is
// the tied token embedding) then gets one scale per input folded into that norm's weights
// (fitInputScale), which the export writes with the rounded matrices. The token embedding (a lookup,
// where each weight's own error counts, also when it doubles as the classifier) and any tensor
// that is no product input get their format's plain rounding, as does every assigned tensor whose
// format error feedback cannot write. Statistics without a stream (not from collectImportance)
// use their input moments instead: one pass, no correction.
// Both fits regularise more as the calibration gets short for the matrix's width (n inputs, N
// calibration rows; XᵀX has rank at most N): the correction's ridge is λ = max(1, 16 n/N) × XᵀX's
// mean diagonal and the rounding's damping max(0.01, n/N) of it. With 1024 calibration rows the 1B
// demo's 2048- and 5632-wide inputs otherwise overfit (Q4_K_M error feedback 1.4x plain's KL in
// llama.cpp with λ = 1, damping 0.01); stories260K's 64-wide inputs keep λ = 1, damping 0.0625.
constexpr double kSourceRidge = 1.0, kSourceRidgePerRatio = 16.0, kDampingPerRatio = 1.0;
// The norms' scales: ridge μ of fitInputScale (towards 1, relative to its normal matrix's mean diagonal).
constexpr double kNormRidge = 0.01;
// The classifier norm's KL refinement (fitClassifierScale) runs where calibration rows x classifier
// weights (the multiply-adds of one pass over the logits) stay within this: about 30 such passes and
// as many for the gradients, and the classifier and its rounding held as floats. stories260K: 3.4e7.
// On the 1B demo (6.7e10) a run on 122 of its rows gave no gain for 10 s, so large ones skip it.
// kKlFitLogits bounds rows x vocabulary, the source probabilities it keeps (128 MB of floats).
constexpr double kKlFitMacs = 8.0e9, kKlFitLogits = 32.0e6;
double sourceRidge(int64_t inputs, int64_t rows);
double feedbackDamping(int64_t inputs, int64_t rows);
// progress(layers done, layers) after each layer of the sequential pass.
LlamaWeights applyErrorFeedback(const LlamaWeights& w, const PlanSpec& p, const ActivationStats& calibration,
                                const std::function<void(int, int)>& progress = {});
// The layers' output error of `q` against `ref` (outputError in error_feedback.h), summed over the
// matrices `q` holds other bytes for and `heldOut` has input moments of their width for: with
// moments of a stream other than the calibration's, how much error feedback lowers what the next
// layer sees, not only the final KL.
OutputError outputError(const LlamaWeights& ref, const LlamaWeights& q, const ActivationStats& heldOut);
// Whether applyErrorFeedback changes anything over plain rounding for this precision.
bool errorFeedbackApplies(const PlanSpec& p);

// How a precision's tensors are rounded: by the formats' own search (plain), with an importance
// matrix, or by error feedback with the input second moments of a calibration stream (which then
// decides; error feedback weighs its scale search by the moments' diagonal, the importance).
struct Rounding {
    const ActivationStats* imatrix = nullptr;
    const ActivationStats* errorFeedback = nullptr;
};
// applyErrorFeedback with r.errorFeedback, else applyPrecision with r.imatrix.
LlamaWeights applyRounding(const LlamaWeights& w, const PlanSpec& p, const Rounding& r);

// For an export (ExportOptions::quantizeTensor): writes a tensor `quantized` (applyErrorFeedback's
// result) holds quantized bytes of that format and shape for, as those bytes, and a norm's weights
// it rescaled (an F32 vector the plan keeps whose values differ from the source's), and returns
// true; false (the format's own rounding) otherwise. `quantized` must outlive the function.
std::function<bool(const PlanEntry&, const Format&, const float* values, void* dst)>
errorFeedbackExporter(const LlamaWeights& quantized);
// The same for a fake-quant safetensors export (ExportOptions::replaceFloats): the values of a
// tensor the plan quantizes as `quantized` (applyErrorFeedback's result on m's weights) holds them
// in the plan's format, and a norm's weights it rescaled, in m's own layout (sourceLayoutWeights);
// empty otherwise. m and `quantized` must outlive the function.
std::function<std::vector<float>(const PlanEntry&)> errorFeedbackFakeQuant(const Model& m, const LlamaWeights& quantized);

// ---- Metrics --------------------------------------------------------------------------------

struct AccuracyMetrics {
    double kldMean = 0;       // mean over positions of KL(reference || candidate), nats
    double kldP99 = 0;        // 99th percentile of the per-position KL (nearest rank)
    double kldMax = 0;
    double top1Agreement = 0; // fraction of positions where both models' most likely token agree
    double ppl = 0;           // perplexity of the candidate on the stream's next tokens
    double pplReference = 0;
    int64_t positions = 0;    // scored positions (each window's tokens after its first)
    double pplDelta() const { return ppl - pplReference; }
    double pplRatio() const { return pplReference > 0 ? ppl / pplReference : 0; }
};

// Reference log-probabilities an Evaluator keeps by default (256 MiB); see below.
constexpr uint64_t kDefaultReferenceCacheBytes = uint64_t(256) << 20;

// Holds the reference model's log-probabilities on a token stream, computed once (the reference
// in its own dtype, in the evaluator's activation mode; candidates run in the same mode), for the
// windows that fit in `cacheBytes`; the reference of the windows past that is computed again
// window by window when a candidate is evaluated, so memory does not grow with the stream's
// length beyond a window (plus the tokens and 4 bytes per position). Non-finite logits (NaN or
// infinite weights or activations) are refused with qs::Error(InvalidInput) naming the model's file.
class Evaluator {
public:
    Evaluator(const LlamaWeights& reference, const std::vector<int32_t>& tokens, int window = 0,
              uint64_t cacheBytes = kDefaultReferenceCacheBytes, ActMode mode = ActMode::Float);
    // Given windows, each scored on the tokens it predicts from position firstScored on (the
    // prediction of token firstScored + 1 is the first scored); windows too short are dropped.
    Evaluator(const LlamaWeights& reference, std::vector<std::vector<int32_t>> windows, int firstScored,
              uint64_t cacheBytes = kDefaultReferenceCacheBytes, ActMode mode = ActMode::Float);

    AccuracyMetrics evaluate(const LlamaWeights& candidate) const;
    AccuracyMetrics evaluate(const PlanSpec& p, const ActivationStats* imatrix = nullptr) const
    {
        return evaluate(applyPrecision(reference_, p, imatrix));
    }
    AccuracyMetrics evaluate(const PlanSpec& p, const Rounding& r) const { return evaluate(applyRounding(reference_, p, r)); }
    double pplReference() const { return pplRef_; }
    int64_t positions() const { return positions_; }
    const LlamaWeights& reference() const { return reference_; }
    const std::vector<std::vector<int32_t>>& windows() const { return windows_; }
    size_t cachedWindows() const { return refLogProbs_.size(); }  // the first ones
    ActMode mode() const { return mode_; }

private:
    const LlamaWeights& reference_;
    ActMode mode_ = ActMode::Float;
    std::vector<std::vector<int32_t>> windows_;
    int64_t firstScored_ = 0;
    // Per window: (len-1-firstScored) x vocab log-probabilities, in double so identical models give KL 0.
    std::vector<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> refLogProbs_;
    std::vector<std::vector<int32_t>> refTop_;
    double pplRef_ = 0;
    int64_t positions_ = 0;
};

// ---- Sensitivity and mixed precision ------------------------------------------------------

// Progress of the long evaluations below: progress(done, total) after every evaluation of a
// candidate. They stop with qs::Error(Cancelled) once the calling thread's qs::CancelScope is
// cancelled.
struct EvalControl {
    std::function<void(int done, int total)> progress;
};

struct Sensitivity {
    std::string name;     // tensor name, or "blk.N" for a whole layer
    double kldMean = 0;   // KL when only this tensor (layer) is quantized
    double top1Agreement = 0;
    uint64_t bytesSaved = 0;  // against the source storage
};

// KL when only one tensor (byLayer: one layer's matrices; the embedding and classifier count
// as their own entries) is quantized with `f`, highest first. Tensors `f` does not support
// are left out.
std::vector<Sensitivity> sensitivity(const Evaluator& ev, const Format& f, bool byLayer = false,
                                     const ActivationStats* imatrix = nullptr, const EvalControl* control = nullptr);
// The same with each tensor at the format a precision (e.g. a preset's plan) gives it.
std::vector<Sensitivity> sensitivity(const Evaluator& ev, const PlanSpec& p, bool byLayer = false,
                                     const ActivationStats* imatrix = nullptr, const EvalControl* control = nullptr);

// A per-tensor plan within `targetBytes` that minimises the summed single-tensor KL (greedy:
// start every matrix at its smallest candidate, then repeatedly take the upgrade with the
// largest KL reduction per added byte that still fits). Throws qs::Error(InvalidInput) if even
// the smallest candidates exceed the target. candidates: formats to choose from; rounding: how
// each candidate rounds a tensor when its KL is measured (plain, importance, error feedback), so
// the plan is chosen for the rounding its export will use.
PlanSpec planForSize(const Evaluator& ev, uint64_t targetBytes, const std::vector<const Format*>& candidates,
                      const Rounding& rounding = {}, const EvalControl* control = nullptr);
// The candidates plan-for-size uses when none are given: every GGUF block format and F16.
std::vector<const Format*> defaultSizeCandidates();
// Bytes of the model at `bpw` bits per weight (all parameters counted).
uint64_t bytesForBitsPerWeight(const LlamaWeights& w, double bpw);

}  // namespace qs
