#pragma once
// A float32 forward pass of a Llama-family decoder (token embedding, RMSNorm, rotary position
// embedding on interleaved pairs, grouped-query attention with a causal mask, SwiGLU FFN, final
// norm, tied or separate classifier). Weights are held in llama.cpp's layout and names, so the
// same code runs a GGUF, a llama2.c checkpoint or a Hugging Face folder, and any precision's
// reconstruction of them (evaluation swaps tensors for their quantize-dequantize round trip).
#include "core/eval/error_feedback.h"
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

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One weight tensor, float32, rows x cols row-major (a 1-D tensor has rows = 1). The data is
// shared between weight sets, so a variant that replaces one tensor copies only that one.
struct WeightTensor {
    std::string name;  // llama.cpp name, e.g. "blk.0.attn_q.weight"
    int64_t rows = 0;
    int64_t cols = 0;
    uint64_t sourceBytes = 0;  // storage of the tensor in the file it came from (for sizes)
    std::shared_ptr<const std::vector<float>> data;

    const float* ptr() const { return data->data(); }
    int64_t numel() const { return rows * cols; }
    bool isMatrix() const { return rows > 1; }  // quantizable 2-D weight (norms are 1-D)
};

class LlamaWeights {
public:
    ModelConfig config;
    std::string path;  // where the weights came from, for error messages
    std::vector<WeightTensor> tensors;

    // Every tensor of a model the forward pass can run, in llama.cpp layout (qs::modelConfig,
    // qs::ggufName, qs::ggufWeights). Throws qs::Error naming the file if its architecture is
    // unknown or its configuration incomplete (saying why evaluation is unavailable), or a tensor
    // is missing or has the wrong shape.
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
    // Makes tensor `name` hold `values` (same shape); other weight sets sharing the old data keep it.
    void replace(const std::string& name, std::vector<float> values);

private:
    void check() const;
};

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

    // Also accumulate each matrix's full input second moment XᵀX (for error feedback; matrices
    // that read the same input share one). Off by default: it costs width² doubles per input.
    void collectMoments(bool on) { collectMoments_ = on; }
    // XᵀX of the tensor's inputs; null when not collected or the tensor never ran.
    std::shared_ptr<const InputMoments> moments(const std::string& tensor) const;

private:
    struct Acc {
        std::vector<double> sum;
        int64_t count = 0;
    };
    std::map<std::string, Acc> sums_;
    bool collectMoments_ = false;
    std::map<std::string, std::shared_ptr<InputMoments>> moments_;
};

// Incremental evaluation with a key/value cache: eval() feeds tokens at the next positions and
// returns their logits (one row per token, vocabSize columns).
class LlamaSession {
public:
    // maxTokens: cache capacity (0: the model's context length).
    explicit LlamaSession(const LlamaWeights& w, int maxTokens = 0);
    RowMatrix eval(std::span<const int32_t> tokens, ActivationStats* stats = nullptr);
    int position() const { return pos_; }
    int capacity() const { return cap_; }
    void reset() { pos_ = 0; }

private:
    const LlamaWeights& w_;
    int cap_ = 0;
    int pos_ = 0;
    std::vector<RowMatrix> k_, v_;  // per layer: cap x kvDim
    std::vector<float> ropeFreq_, ropeFreqSwa_;  // per rotated pair: global and sliding-window layers
};

// Logits of one window of tokens at positions 0..n-1 (n <= context length).
RowMatrix llamaLogits(const LlamaWeights& w, std::span<const int32_t> tokens, ActivationStats* stats = nullptr);

}  // namespace qs
