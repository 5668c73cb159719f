#pragma once
// The forward pass of a Llama-family decoder (token embedding, RMSNorm, rotary position
// embedding on interleaved pairs, grouped-query attention with a causal mask, SwiGLU FFN, final
// norm, tied or separate classifier, and the per-architecture variations of
// core/model/architecture.h) on the weights as they are stored. Weights are held in llama.cpp's
// layout and names, so the same code runs a GGUF, a llama2.c checkpoint or a Hugging Face folder,
// and any precision's quantized bytes of them (evaluation swaps tensors for the bytes a Format
// makes of them).
//
// Every weight matrix is a QMatrix view: into the memory-mapped file (GGUF tensors in any type
// with a kernel, F16/BF16/F32 safetensors rows as stored), into a copy in the source dtype (the
// rotary row permutation of Hugging Face q/k), or into a precision's quantized buffer. Q4_0
// matrices are held in the kernels' repacked layout (kernels::repack): a precision's buffer is
// repacked in place, a GGUF's Q4_0 tensor is repacked once into a buffer of its own size that
// replaces the view into the file (so it counts in ownedBytes()). There is
// never a float32 copy of the model; 1-D tensors (norms) are decoded to float. Every product
// goes through one function, linear() in llama_forward.cpp, i.e. kernels::matmul.
#include "core/eval/error_feedback.h"
#include "core/kernels/kernels.h"
#include "core/model/architecture.h"

#include <Eigen/Core>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

class Format;

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using kernels::ActMode;
using kernels::QMatrix;

// One weight tensor as stored: rows x cols row-major (a 1-D tensor has rows = 1), a view `q` of
// bytes that `owner` keeps alive (a memory map, a quantized buffer, a decoded float vector).
// Copies share the bytes, so a variant that replaces one tensor allocates only that one.
struct WeightTensor {
    std::string name;  // llama.cpp name, e.g. "blk.0.attn_q.weight"
    int64_t rows = 0;
    int64_t cols = 0;
    uint64_t sourceBytes = 0;  // storage of the tensor in the file it came from (for sizes)
    QMatrix q;                 // the stored rows (q.rows == rows, q.cols == cols)
    std::shared_ptr<const void> owner;
    bool inPlace = false;      // q views the model file's own bytes (its memory map)
                               // (never for Q4_0 matrices: those are repacked, see above)

    int64_t numel() const { return rows * cols; }
    bool isMatrix() const { return rows > 1; }  // quantizable 2-D weight (norms are 1-D)
    GgmlType type() const { return q.type; }
    // Bytes the view reads (whole tensor).
    uint64_t storedBytes() const;
    // The values of an F32 tensor (throws qs::Error for any other type).
    const float* floats() const;
    // Rows [r0, r1) decoded to float ((r1 - r0) * cols values), as the products see them in
    // float mode.
    void decodeRows(int64_t r0, int64_t r1, float* out) const;
    std::vector<float> toFloat() const;  // the whole tensor decoded (tests, small tensors)

    // A tensor holding float values (type F32).
    static WeightTensor fromFloats(std::string name, int64_t rows, int64_t cols, std::vector<float> values,
                                   uint64_t sourceBytes = 0);
};

class LlamaWeights {
public:
    ModelConfig config;
    std::string path;  // where the weights came from, for error messages
    std::vector<WeightTensor> tensors;

    // Every tensor of a model the forward pass can run, in llama.cpp layout (qs::modelConfig,
    // qs::ggufName, qs::ggufWeights), read in place where the file's storage allows (the views
    // keep the file's memory map alive, so the weights may outlive `m`). Throws qs::Error naming
    // the file if its architecture is unknown or its configuration incomplete (saying why
    // evaluation is unavailable), or a tensor is missing or has a shape that disagrees with the
    // hyper-parameters (checked before anything is allocated).
    static LlamaWeights fromModel(const Model& m);
    // From a config and tensors already in llama.cpp layout; checks names and shapes against
    // the config's architecture.
    static LlamaWeights fromTensors(const ModelConfig& c, std::vector<WeightTensor> tensors,
                                    const std::string& path = {});

    const WeightTensor* find(std::string_view name) const;
    const WeightTensor& get(std::string_view name) const;  // throws qs::Error if absent
    // The classifier: output.weight, or token_embd.weight when tied.
    const WeightTensor& classifier() const;
    // Names of the 2-D weight matrices (the tensors a precision may quantize), in file order.
    std::vector<std::string> matrixNames() const;
    int64_t nParams() const;
    uint64_t sourceBytes() const;
    // Makes tensor `name` hold `values` (same shape, type F32); other weight sets sharing the old
    // data keep it.
    void replace(const std::string& name, std::vector<float> values);
    // Makes tensor `name` the given tensor (same name and shape).
    void replace(WeightTensor t);
    // Every tensor decoded to F32: the float32 reference path (tests, small models only).
    LlamaWeights toF32() const;
    // Bytes of the weights' own buffers (quantized copies, permuted rows, decoded norms), not
    // counting the views into a memory-mapped file.
    uint64_t ownedBytes() const;
    // Throws qs::Error(InvalidInput) naming the file, the tensor and the element when a tensor
    // holds NaN or an infinite value (decoded row chunk by row chunk: the matrices are views, so
    // nothing checked them when they were read). Used to explain non-finite logits.
    void checkFinite() const;

private:
    void check() const;
};

// Throws qs::Error(InvalidInput) naming `path` when the hyper-parameters are unusable, or a tensor
// the forward pass needs (the config's architecture's tensors) is missing from `shapes` (llama.cpp
// name -> rows, cols; a 1-D tensor has rows 1) or has a shape that disagrees with them.
void checkTensorShapes(const ModelConfig& c, const std::map<std::string, std::pair<int64_t, int64_t>>& shapes,
                       const std::string& path);

// Per-column sums of squared input activations of every weight matrix, gathered from forward
// passes: the importance matrix (mean squared activation entering each column). Filled by
// the thread that runs the forward pass (not for concurrent use).
class ActivationStats {
public:
    // Adds the squared values of x (rows = tokens, cols = the matrix's input length) for the
    // tensors in `names` (matrices that read the same input share one pass).
    void add(std::initializer_list<const std::string*> names, const RowMatrix& x);
    // Mean squared activation per column (cols values); empty if the tensor never ran.
    std::vector<float> importance(const std::string& tensor) const;
    int64_t tokens(const std::string& tensor) const;
    bool empty() const { return sums_.empty(); }
    // Sets a matrix's mean squared activation per column directly (from an imatrix file, over
    // `tokens` tokens): importance() then returns `mean`.
    void setMeanSquares(const std::string& tensor, const std::vector<float>& mean, int64_t tokens);

    // Also accumulate each matrix's full input second moment XᵀX (for error feedback; matrices
    // that read the same input share one). Off by default: it costs width² doubles per input.
    void collectMoments(bool on) { collectMoments_ = on; }
    // XᵀX of the tensor's inputs; null when not collected or the tensor never ran. Inputs of
    // fewer than 256 rows at a time (decode steps) are held back until enough have come for one
    // efficient update (and XᵀX mirrored once at the end): after such add()s call flushMoments()
    // (collectImportance and sampleCalibrationWindows do), else this throws qs::Error(Failure).
    std::shared_ptr<const InputMoments> moments(const std::string& tensor) const;
    void flushMoments();
    // Only the rows r with keep[r] != 0 of the next add() calls count (each must have keep.size()
    // rows); empty: all rows.
    void keepRows(std::vector<uint8_t> keep) { keep_ = std::move(keep); }

    // The windows of the calibration stream the statistics came from (collectImportance and
    // sampleCalibrationWindows record them), for passes that run it again, as sequential error
    // feedback does; empty for an imatrix file.
    void setStream(std::vector<std::vector<int32_t>> windows) { streamWindows_ = std::move(windows); }
    const std::vector<std::vector<int32_t>>& streamWindows() const { return streamWindows_; }

private:
    struct Acc {
        std::vector<double> sum;
        int64_t count = 0;
    };
    struct Pending {  // rows not yet in a moment's XᵀX (row-major, `width` floats each)
        std::vector<float> rows;
        int64_t width = 0;
    };
    std::map<std::string, Acc> sums_;
    bool collectMoments_ = false;
    std::vector<std::vector<int32_t>> streamWindows_;
    std::map<std::string, std::shared_ptr<InputMoments>> moments_;
    std::map<InputMoments*, Pending> pending_;
    std::vector<uint8_t> keep_;
    bool unmirrored_ = false;  // moments added to since flushMoments()
};

// Incremental evaluation with a key/value cache: eval() feeds tokens at the next positions and
// returns their logits (one row per token, vocabSize columns).
// The key/value cache (F32) grows with the tokens fed, up to the capacity. In ActMode::Llama its
// keys and values are rounded to F16 as stored, as in llama.cpp's default F16 cache.
//
// With sequences > 1 the session holds that many independent sequences in lockstep, each with its
// own key/value cache and all at the same position: eval() takes the same number of tokens for
// every sequence (sequence-major: sequence 0's tokens, then sequence 1's, ...) and returns the
// logits in that order (lastOnly: one row per sequence). Every weight product then runs on all
// the sequences' rows at once (a decode step reads each weight once for all of them); each
// sequence's attention sees its own keys only, so its logits are those of a session of its own up
// to the rounding of the batched products.
class LlamaSession {
public:
    // maxTokens: cache capacity per sequence (0: the model's context length). mode: how
    // activations meet the weights in every product (see kernels::ActMode).
    explicit LlamaSession(const LlamaWeights& w, int maxTokens = 0, ActMode mode = ActMode::Float, int sequences = 1);
    // lastOnly: the logits of the last token only (one row per sequence), as a decoder needs them.
    // Throws qs::Error(InvalidInput) if tokens.size() is not a multiple of sequences().
    RowMatrix eval(std::span<const int32_t> tokens, ActivationStats* stats = nullptr, bool lastOnly = false);
    ActMode mode() const { return mode_; }
    int position() const { return pos_; }
    int capacity() const { return cap_; }
    int sequences() const { return seqs_; }
    void reset() { pos_ = 0; }

    // eval() in pieces, for passes that act between a layer's products (sequential error
    // feedback): begin() embeds the tokens (at the next positions); piece(l, p) runs piece p of
    // layer l and returns the input of product group p (productGroup) — 0: the attention's
    // input, 1: the output projection's, 2: the feed-forward's, 3: the down projection's; 4: the
    // rest of the layer (returns null); classifierInput() the final norm, classify() the logits
    // (and advances the position). The weights are looked up piece by piece, so a tensor
    // replaced in the LlamaWeights between pieces is the one the later pieces use.
    static constexpr int kLayerPieces = 5;
    void begin(std::span<const int32_t> tokens);
    const RowMatrix* piece(int l, int p, ActivationStats* stats = nullptr);
    const RowMatrix& classifierInput(ActivationStats* stats = nullptr, bool lastOnly = false);
    RowMatrix classify();
    // The hidden state between layers (tokens x dim).
    const RowMatrix& hidden() const { return wk_.x; }
    // Multiplies the columns of the normed input that piece 0 or 2 or classifierInput() returned
    // last by s (one value per column): that input as it is once its norm's weights (see
    // productGroupNorm) are scaled by s, for a pass that changes them between pieces.
    // Throws qs::Error(InvalidInput) if s has the wrong length.
    void scaleNormed(const std::vector<float>& s);

private:
    struct Work {  // what one layer's pieces pass on
        int n = 0;
        RowMatrix x, xn, qkv, q, k, v, att, o, g, u;
    };
    Work wk_;
    void growCache(int needed);
    const LlamaWeights& w_;
    ActMode mode_ = ActMode::Float;
    int cap_ = 0;
    int pos_ = 0;
    int seqs_ = 1;
    std::vector<RowMatrix> k_, v_;  // per layer and sequence (layer-major): (allocated rows <= cap) x kvDim
    std::vector<float> ropeFreq_, ropeFreqSwa_;  // per rotated pair: global and sliding-window layers
};

// Names of the matrices that read the input of piece p (0..3) of layer l (see LlamaSession::piece).
std::vector<std::string> productGroup(const LlamaWeights& w, int l, int piece);
// The RMS norm whose output is that input (its weights multiply it column by column): layer l's
// attn_norm for piece 0, ffn_norm for piece 2; empty for the pieces whose input no norm ends in.
std::string productGroupNorm(int l, int piece);

// Logits of one window of tokens at positions 0..n-1 (n <= context length).
RowMatrix llamaLogits(const LlamaWeights& w, std::span<const int32_t> tokens, ActivationStats* stats = nullptr,
                      ActMode mode = ActMode::Float);

}  // namespace qs
