#pragma once
// The decoder architectures QuantScope runs and exports for llama.cpp. Each is one description
// object (core/model/architectures.cpp): its Hugging Face model_type and GGUF
// general.architecture, how config.json and the GGUF metadata give its hyper-parameters, the
// metadata keys llama.cpp reads for it, Hugging Face -> llama.cpp tensor names and value
// transforms (row permutation, norm offset), and the tensors of a layer. The forward pass, the
// exporter and the config readers read the description; nothing else asks which architecture
// a model is.
//
// A model of an architecture not described here still opens, compares and exports at the
// weight level; what needs its hyper-parameters (evaluation, a llama.cpp-ready GGUF) says why
// it is unavailable, naming the file and the architecture.
#include "core/model/model.h"

#include <QJsonObject>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct Architecture;

// How rotary position embedding pairs the values of a head (llama.cpp's rope types).
enum class RopeLayout : uint8_t {
    Interleaved,  // pairs (2i, 2i+1): LLAMA_ROPE_TYPE_NORM (llama, mistral)
    Neox,         // pairs (i, i + n/2): LLAMA_ROPE_TYPE_NEOX (qwen2, qwen3, gemma, phi3)
};

enum class Activation : uint8_t {
    Silu,      // SwiGLU: silu(gate) * up
    GeluTanh,  // GeGLU with the tanh approximation: gelu(gate) * up
};

// Hyper-parameters of a decoder, the same from every source format. Values are those llama.cpp
// uses for the GGUF (the description converts config.json's conventions).
struct ModelConfig {
    const Architecture* arch = nullptr;
    int dim = 0;            // embedding length
    int hiddenDim = 0;      // feed-forward length
    int nLayers = 0;
    int nHeads = 0;
    int nKvHeads = 0;
    int vocabSize = 0;
    int contextLength = 0;
    int headSize = 0;       // attention key/value length per head (0: dim / nHeads)
    int ropeDim = 0;        // rotated values per head (0: the head size)
    float rmsEps = 1e-5f;
    float ropeTheta = 10000.0f;
    bool tiedEmbeddings = true;  // no separate output.weight / lm_head.weight

    RopeLayout ropeLayout = RopeLayout::Interleaved;
    Activation activation = Activation::Silu;
    // Rope variants: the angle of pair i at position p is
    //   p * ropeFreqScale * ropeTheta^(-2i/ropeDim) / ropeFreqFactors[i]
    float ropeFreqScale = 1.0f;          // linear rope scaling: 1 / factor
    std::vector<float> ropeFreqFactors;  // Llama 3 rope scaling (rope_freqs.weight), one per pair; empty: 1
    float embedScale = 1.0f;             // token embeddings are multiplied by this (gemma: sqrt(dim))
    float attnScale = 0.0f;              // query scale (0: 1 / sqrt(head size))
    float attnSoftcap = 0.0f;            // scores -> c * tanh(scores / c) when > 0 (gemma2)
    float finalSoftcap = 0.0f;           // logits -> c * tanh(logits / c) when > 0 (gemma2)
    // Sliding-window attention: a sliding layer at position p sees keys p - slidingWindow + 1 .. p.
    int slidingWindow = 0;               // 0: none
    std::vector<uint8_t> slidingLayers;  // per layer, 1 = sliding window (empty: none)
    float ropeThetaSwa = 0.0f;           // rope base of sliding layers (0: ropeTheta)
    float ropeFreqScaleSwa = 0.0f;       // rope scale of sliding layers (0: ropeFreqScale)

    int headDim() const { return headSize > 0 ? headSize : (nHeads ? dim / nHeads : 0); }
    int rotaryDim() const { return ropeDim > 0 ? ropeDim : headDim(); }
    bool isSliding(int layer) const
    {
        return slidingWindow > 0 && layer >= 0 && size_t(layer) < slidingLayers.size() && slidingLayers[size_t(layer)];
    }
};

// Which tensors a layer holds in llama.cpp's layout, beyond attn_norm, attn_output, ffn_norm,
// ffn_down (every architecture here has those).
struct LayerLayout {
    bool fusedQkv = false;     // attn_qkv (q, k, v rows stacked) instead of attn_q/attn_k/attn_v
    bool qkvBias = false;      // attn_q/attn_k/attn_v.bias
    bool qkNorm = false;       // attn_q_norm / attn_k_norm: RMSNorm per head, before rope
    bool postNorms = false;    // post_attention_norm / post_ffw_norm on the attention and FFN outputs
    bool fusedGateUp = false;  // ffn_up holds gate then up (2 x ffn rows), no ffn_gate
};

// One tensor llama.cpp reads for a configuration: llama.cpp name and row-major shape.
struct TensorSpec {
    std::string name;
    std::vector<int64_t> shape;
    bool required = true;
};

// A GGUF metadata key "<arch>.<suffix>" bound to a hyper-parameter.
struct MetaKey {
    const char* suffix;
    MetaType type = MetaType::U32;               // U32 or F32
    double (*get)(const ModelConfig&) = nullptr;
    void (*set)(ModelConfig&, double) = nullptr;
    bool required = false;     // reading a GGUF without it fails (llama.cpp refuses such a file too)
    bool whenNonZero = false;  // written only when the value is non-zero (optional features)
};

// Hugging Face name piece -> llama.cpp name piece ("self_attn.q_proj.weight" -> "attn_q.weight").
struct NamePair {
    std::string_view hf;
    std::string_view gguf;
};

struct ConfigReader;  // config.json access with one-line errors (architecture.cpp)

struct Architecture {
    std::string_view name;                      // QuantScope's name ("mistral")
    std::string_view gguf;                      // general.architecture llama.cpp knows ("llama")
    std::vector<std::string_view> hfModelTypes; // config.json model_type values
    ModelConfig defaults;                       // llama.cpp's values when a key is absent; features
    std::vector<MetaKey> keys;                  // the metadata keys llama.cpp reads (besides rope scaling)
    LayerLayout layer;
    bool outputTensor = true;        // llama.cpp reads output.weight when present (gemma: never; tied)
    bool ropeFreqsTensor = false;    // llama.cpp reads rope_freqs.weight (Llama 3 rope scaling)
    // Hugging Face -> llama.cpp names, for the tensors of a layer ("model.layers.N." + hf) and
    // the others. Sources already in llama.cpp's names map to themselves.
    std::vector<NamePair> hfLayerNames;
    std::vector<NamePair> hfTopNames;
    std::vector<NamePair> hfPrefixes;           // leading parts renamed before matching (multimodal wrappers)
    bool permuteQk = false;    // HF q/k rows are in rotate-half order; llama.cpp's interleaved rope wants pairs
    bool normPlusOne = false;  // HF norms store w and scale by (1 + w); llama.cpp stores 1 + w
    // config.json -> the hyper-parameters beyond the common keys (may be null).
    void (*fromHf)(const ConfigReader& c, ModelConfig& out) = nullptr;
    // The GGUF metadata -> the hyper-parameters beyond `keys` (may be null).
    void (*fromGguf)(const Model& m, ModelConfig& out) = nullptr;
    // Extra metadata llama.cpp reads for the configuration (may be null).
    void (*toGguf)(const ModelConfig& c, std::vector<MetaEntry>& out) = nullptr;
    // A warning when llama.cpp will run the exported file differently from config.json (may be null).
    std::string (*exportNote)(const ModelConfig& c) = nullptr;

    // llama.cpp's name for a tensor of a model of this architecture (Hugging Face or llama.cpp
    // names); empty if llama.cpp does not read such a tensor.
    std::string ggufName(const std::string& sourceName) const;
    // The tensors llama.cpp reads for a configuration, in GGUF order.
    std::vector<TensorSpec> tensors(const ModelConfig& c) const;
    // The metadata keys "<gguf>.*" for a configuration (general.* and tokenizer.* not included).
    std::vector<MetaEntry> metadata(const ModelConfig& c) const;
};

// Every description, in display order.
const std::vector<const Architecture*>& architectures();
const Architecture* findArchitectureByHf(std::string_view modelType);
const Architecture* findArchitectureByGguf(std::string_view generalArchitecture);
// "llama, mistral, qwen2, ..." (model_type values) for messages.
std::string knownModelTypes();

// What QuantScope knows about a model's architecture.
struct ModelArchitecture {
    const Architecture* arch = nullptr;  // null: not an architecture described here
    std::string source;                  // where it was read: config.json path, or the model file
    std::string name;                    // model_type / general.architecture as the file says
    std::optional<ModelConfig> config;   // set when the hyper-parameters are complete and usable
    std::string error;                   // otherwise: "FILE: why" in one line
};
ModelArchitecture modelArchitecture(const Model& m);

// The model's hyper-parameters, or nullopt (unknown architecture, incomplete config).
std::optional<ModelConfig> modelConfig(const Model& m);
// The same, or qs::Error(InvalidInput) with the one-line reason naming the file, followed by
// "; " + `consequence` ("evaluation is unavailable").
ModelConfig requireModelConfig(const Model& m, const std::string& consequence);

// Layers the tensor names show: the highest N of "blk.N." / "model.layers.N." plus one (0 if none).
int layersPresent(const Model& m);
// Throws qs::Error(InvalidInput) naming the file when the hyper-parameters disagree with the
// tensors actually present: a block count other than layersPresent(), or a vocabulary size other
// than the token embedding's rows. Call it before sizing anything from the config (a block count
// of 2^30 on a 5-layer file must not allocate 2^30 of anything, nor be written to an export).
void checkConfigAgainstTensors(const Model& m, const ModelConfig& c);

// llama.cpp's name of a tensor of this model (Hugging Face names mapped for its architecture,
// identity for names already in llama.cpp form). Empty if llama.cpp does not read it or the
// architecture is unknown.
std::string ggufName(const Model& m, const std::string& name);

// Whether the model's tensors already carry llama.cpp's names and layout (GGUF, llama2.c, a model
// built in memory), so no Hugging Face permutation or norm offset applies to them.
bool isGgufNamed(const Model& m);

// Float values of a tensor in llama.cpp's layout: Hugging Face q/k rows permuted back to
// interleaved pairs (llama, mistral), norm weights stored as 1 + w (gemma). Other tensors and
// other sources: plain toFloat.
std::vector<float> ggufWeights(const Model& m, const TensorInfo& t);
// The other way: values w of t in llama.cpp's layout (as ggufWeights gives them, e.g. after error
// feedback rounded them) in the source's own layout (q/k rows in rotate-half order, norms minus 1).
std::vector<float> sourceLayoutWeights(const Model& m, const TensorInfo& t, std::vector<float> w);

// Tensors llama.cpp needs that the source does not hold as such (rope_freqs.weight of a Hugging
// Face Llama 3 with rope scaling), with their float values.
struct ExtraTensor {
    std::string name;
    std::vector<int64_t> shape;
    std::vector<float> values;
};
std::vector<ExtraTensor> extraGgufTensors(const Model& m, const ModelConfig& c);

// Llama 3's per-pair rope frequency divisors from config.json's rope_scaling (transformers'
// "llama3" rope type): factor, low/high frequency factors and the original context length.
std::vector<float> llama3RopeFactors(int ropeDim, float theta, float factor, float lowFreqFactor,
                                     float highFreqFactor, float originalContext);

}  // namespace qs
