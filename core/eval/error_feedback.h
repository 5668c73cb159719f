#pragma once
// Error-feedback rounding (the method of GPTQ, Frantar et al. 2022) into llama.cpp's block formats.
//
// A weight matrix W (rows x cols, y = W x) is quantized so that the layer's output on calibration
// inputs X changes least, not the weights: with H = XᵀX/N + damping, columns are quantized in order
// and each column's rounding error is spread over the columns not yet quantized through H⁻¹ (its
// upper Cholesky factor U, Hinv = UᵀU): for column c, e = (w_c − q_c)/U[c,c] and
// w_j −= e·U[c,j] for j > c (applied lazily in batches of columns). A block's scale(s) are chosen by
// the format's own quantizer, importance-weighted by H's diagonal, when the block's first column is
// reached (from the already-updated weights); its columns then round to the nearest level of that
// frozen grid. The stored bytes are ordinary llama.cpp blocks.
//
// What the pass needs of U comes from one Cholesky factorisation of H in reversed index order, H = V Vᵀ
// with V upper triangular and U = V⁻¹: GPTQ's errors are E = (W − Q)V, so each column passes on its
// final residual W_c − q_c (W as given, before any feedback) through V's row c scaled by V's
// diagonal, w_j += (W_c − q_c)·V[c][j]/V[j][j] — the same values as e·U[c,j] gives, without
// inverting V. A block's scales are chosen from GPTQ's weights at its first column, which those
// updates reach through the inverse of V's diagonal block there (S x S, once per matrix)
// (errorFeedbackFactor; in float as GPTQ's, of H scaled to a unit mean diagonal; blocked, in parallel), made once for all the matrices that
// read the same inputs (ErrorFeedbackFactors). The rounding runs in float on tiles of rows (rows
// are independent given U; tiles in parallel with qs::parallelFor, a CancelScope stops it), and
// each batch's update of the later columns is one matrix product (core/eval/ef_linalg.h, AVX-512 or AVX2/FMA
// where the CPU has it: the bytes written may differ in rare roundings between such CPUs and others).
#include "core/formats/format.h"

#include <cstdint>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <vector>

namespace qs {

// The formats error feedback can write: every GGUF block format QuantScope encodes (Q8_0, Q6_K,
// Q5_1, Q5_K, Q5_0, Q4_1, Q4_K, Q4_0, IQ4_NL, Q3_K, Q2_K), and the INT family (INTn and NF4; their
// pieces, Format::pieceLength, as blocks: a group's scale chosen when the pass reaches the group, a
// row's (one scale per row) or the tensor's (one per tensor, from W as given) before). Not floats.
bool errorFeedbackSupported(const Format& f);

struct ErrorFeedbackOptions {
    double damping = 0.01;  // added to H's diagonal, as a fraction of its mean diagonal
    int batch = 128;        // columns per lazy update (rounded up to a multiple of the block size)
    // Formats of one fp16 scale per 32 weights (Q8_0, Q4_0, Q5_0, IQ4_NL): each block's scale d is
    // picked among d0·(1 + scaleStep·k), |k| <= scaleSearch, d0 the format's own choice, by the loss
    // error feedback adds inside the block (Σ e_c², the rounding as the pass then does it); 0: d0.
    int scaleSearch = 3;
    double scaleStep = 0.01;
};

// Second moment of a matrix's inputs: H[i][j] = sum over tokens x_i x_j (n x n, row-major),
// accumulated from calibration activations.
struct InputMoments {
    int64_t n = 0;
    int64_t tokens = 0;
    std::vector<double> xtx;

    // x: nTokens x width, row-major. mirror false: only the lower triangle (with the diagonal) is
    // updated, until mirror() copies it to the upper one (many adds, one copy).
    void add(const float* x, int64_t nTokens, int64_t width, bool mirror = true);
    void mirror();
};

// H = XᵀX of one calibration stream's inputs, summed in float: its lower triangle (with the
// diagonal; the upper one is left zero), n x n row-major.
struct SecondMoment {
    int64_t n = 0;
    std::vector<float> lower;
};
// x: tokens x n, row-major; in parallel (half the products of the full XᵀX, a quarter of
// InputMoments' double work), for a float factorisation.
SecondMoment streamSecondMoment(const float* x, int64_t tokens, int64_t n);
// What error feedback needs of H for every matrix that reads the same inputs (made once, shared):
// feed (n x n row-major, zero below the diagonal; of H / its mean live diagonal, dead inputs
// decoupled), with H = V Vᵀ, V upper triangular: feed[c][c] = 1/V[c][c] (= U[c][c], U the upper
// Cholesky factor of H⁻¹, up to a positive factor) and feed[c][k] = −V[c][k]/V[k][k] for k > c (a
// column's residual times its row is what it passes on); and H's diagonal as the blocks' importance (0 for dead
// inputs). ok is false when H cannot be factorised even with a hundred times the damping (then
// the matrices get the format's plain quantizer).
struct ErrorFeedbackFactor {
    int64_t n = 0;
    bool ok = false;
    std::vector<uint8_t> dead;
    std::vector<float> importance;
    std::vector<float> feed;
};
// Throws qs::Error(InvalidInput) when H is not n x n. Runs in parallel (qs::parallelFor).
std::shared_ptr<const ErrorFeedbackFactor> errorFeedbackFactor(const std::vector<double>& H, int64_t n,
                                                               double damping = ErrorFeedbackOptions{}.damping);
// The same from a float lower triangle.
std::shared_ptr<const ErrorFeedbackFactor> errorFeedbackFactor(const SecondMoment& H,
                                                               double damping = ErrorFeedbackOptions{}.damping);

// The factors of the input moments used last (matrices that read the same inputs, as a layer's
// Q, K and V or its gate and up projections, share one), made once each. Safe for concurrent use:
// a thread asking for a factor another thread is making waits for it.
class ErrorFeedbackFactors {
public:
    explicit ErrorFeedbackFactors(double damping = ErrorFeedbackOptions{}.damping, size_t keep = 4);
    std::shared_ptr<const ErrorFeedbackFactor> get(const std::shared_ptr<const InputMoments>& m);

private:
    struct Entry {
        std::shared_ptr<const InputMoments> key;
        std::shared_future<std::shared_ptr<const ErrorFeedbackFactor>> factor;
    };
    double damping_;
    size_t keep_;
    std::mutex mutex_;
    std::deque<Entry> entries_;
};

// Quantizes W (rows x cols, row-major) into f's bytes (f.storageBytes(rows, cols) at dst) with error
// feedback through H (cols x cols, symmetric, H = XᵀX or any positive multiple). Inputs that never
// fired (H[i][i] == 0) get plain rounding for their column and pass no error on. If H cannot be
// factorised even with more damping, the whole matrix falls back to the format's plain quantizer.
// Throws qs::Error(InvalidInput) for an unsupported format or a row length it cannot store.
void errorFeedbackQuantize(const Format& f, const float* W, int64_t rows, int64_t cols,
                           const std::vector<double>& H, void* dst, const ErrorFeedbackOptions& o = {});
// The same with H's factor made beforehand (F.n == cols; o.damping is the factor's).
void errorFeedbackQuantize(const Format& f, const float* W, int64_t rows, int64_t cols, const ErrorFeedbackFactor& F,
                           void* dst, const ErrorFeedbackOptions& o = {});

// The correction of sequential error feedback (applyErrorFeedback in core/eval/evaluation.h): a
// matrix whose inputs are now X (tokens x n, those of the model quantized so far) where the source
// model gave it Xf is first moved to W + W (Xf − X)ᵀ X (XᵀX + λI)⁻¹ — the ridge regression of the
// source outputs W Xf on X, λ = ridge × XᵀX's mean diagonal — and then rounded, so the rounding
// errors of the layers before are corrected as well as this one's. Made once per input, as
// W ↦ W + (W A) B with A n x k, B k x n, k = min(tokens, n) (through the tokens' Gram matrix when
// they are fewer than the inputs), and applied to every matrix reading it. Nothing to correct
// (X == Xf, or no input ever non-zero) leaves W as it is. Both in parallel (qs::parallelFor).
class SourceCorrection {
public:
    // xtx: streamSecondMoment(x, tokens, n) when the caller has it (used when tokens > n, where
    // the correction needs XᵀX itself).
    SourceCorrection(const float* xf, const float* x, int64_t tokens, int64_t n, double ridge,
                     const SecondMoment* xtx = nullptr);
    bool active() const { return k_ > 0; }
    void apply(float* W, int64_t rows) const;  // rows x n, row-major, in place

private:
    int64_t n_ = 0, k_ = 0;
    std::vector<float> a_, b_;
};

// A layer's output error on the inputs X that H = XᵀX comes from, for W and its rounding Wq (rows x
// cols, row-major; H cols x cols): error = ‖XWᵀ − XWqᵀ‖² = Σ_rows (w − wq)ᵀ H (w − wq), signal =
// ‖XWᵀ‖². With H from a held-out stream, what error feedback is meant to lower.
struct OutputError {
    double error = 0;
    double signal = 0;
    OutputError& operator+=(const OutputError& o)
    {
        error += o.error;
        signal += o.signal;
        return *this;
    }
    double relative() const { return signal > 0 ? error / signal : 0.0; }
};
OutputError outputError(const float* W, const float* Wq, int64_t rows, int64_t cols, const std::vector<double>& H);

// After error feedback: the block scales (and offsets) of each row refit with its codes fixed, to
// the least output error (w − ŵ)ᵀ H (w − ŵ) against the row W the rounding started from (H damped
// by `damping` × its mean diagonal): per row one small least-squares system (blocks × blocks, twice
// that with offsets), the solution stored as fp16 as the format does, kept only where it lowers
// the error. For the 32-weight blocks with one fp16 scale (Q8_0, Q4_0, Q5_0, IQ4_NL) or a scale
// and an offset (Q4_1, Q5_1). dst: f's bytes of W (rows x cols), changed in place. Returns the
// error summed over rows before and after (in H's units) and how many rows changed.
struct ScaleRefit {
    int64_t rows = 0, improved = 0;
    double before = 0, after = 0;
};
bool scaleRefitSupported(const Format& f);
// Throws qs::Error(InvalidInput) for an unsupported format, a row length it cannot store, or H not cols x cols.
ScaleRefit refitBlockScales(const Format& f, const float* W, int64_t rows, int64_t cols, const std::vector<double>& H,
                            void* dst, double damping = 0.0);
// The same with H as streamSecondMoment gives it.
ScaleRefit refitBlockScales(const Format& f, const float* W, int64_t rows, int64_t cols, const SecondMoment& H,
                            void* dst, double damping = 0.0);

// Sequential error feedback's step after a group of matrices that read the output of an RMS norm
// (a layer's Q/K/V or gate/up projections, the classifier) is rounded: one scale per input, to
// be folded into the norm's weights (a norm's weights are stored as floats, so this costs no
// bits). With X the group's inputs in the model quantized so far and Xf the source model's, s
// minimises Σ_W ‖Xf Wᵀ − X diag(s) Ŵᵀ‖² + μ‖s − 1‖² over the group's matrices W and their
// roundings Ŵ: a linear least-squares problem in s with the normal matrix Σ_W (ŴᵀŴ) ∘ (XᵀX)
// (∘ elementwise) and right-hand side Σ_W diag(Ŵᵀ W Xfᵀ X); μ = ridge × that matrix's mean
// diagonal. It corrects what the rounding does to the products' overall gains per input (at
// low bits a rounded matrix's outputs come out too large, and the logits too confident).
struct RoundedMatrix {
    const float* w = nullptr;   // source weights, rows x n, row-major
    const float* wq = nullptr;  // their rounding, decoded
    int64_t rows = 0;
};
struct InputScale {
    std::vector<float> scale;  // n values; all 1 when nothing is to be gained
    double reduction = 0;      // how much lower the squared output error is at s than at s = 1 (without μ)
};
// xf, x: tokens x n, row-major; xtx: streamSecondMoment(x, tokens, n) when the caller has it. The
// matrices may be a sample of the group's rows (the normal equations are sums over rows). Runs in
// parallel (qs::parallelFor). Throws qs::Error(InvalidInput) for an empty group or a matrix with
// no rows.
InputScale fitInputScale(const std::vector<RoundedMatrix>& group, const float* xf, const float* x, int64_t tokens,
                         int64_t n, double ridge = 0.01, const SecondMoment* xtx = nullptr);

// Then, for the classifier's norm: the scales refined to the least mean KL divergence of the next-token
// distribution of the rounded classifier from the source's over calibration rows, by gradient descent
// with backtracking from s = 1 (up to `iterations` steps, stopping once a step gains less than 1e-5 of
// the divergence): logits softcap(Ê (s ∘ x)) against softcap(E xf) (softcap > 0: c·tanh(z/c), as
// gemma2). Least squares on the logits weighs every vocabulary entry alike; the divergence weighs
// them by the source's probabilities, as the evaluation does. Each step costs a few products of
// tokens x n x vocab multiply-adds.
// e, eq: vocab x n (source classifier, its rounding); xf, x: tokens x n (inputs of the source model
// and of the rounded one, x with the norm's scales so far). Runs in parallel; the same result on
// every run. Throws qs::Error(InvalidInput) for empty shapes.
struct ClassifierScale {
    std::vector<float> scale;      // n values to multiply into the norm's weights (all 1: no gain)
    double before = 0, after = 0;  // mean KL divergence over the rows, at s = 1 and at s
};
ClassifierScale fitClassifierScale(const float* e, const float* eq, int64_t vocab, const float* xf, const float* x,
                                   int64_t tokens, int64_t n, float softcap = 0.0f, int iterations = 30);

}  // namespace qs
