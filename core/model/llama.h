#pragma once
// The llama family seen the same way from every source format: hyper-parameters, llama.cpp
// tensor names, and weights in llama.cpp's (GGUF / llama2.c) row order.
#include "core/model/model.h"

#include <optional>
#include <string>
#include <vector>

namespace qs {

struct LlamaConfig {
    int dim = 0;            // embedding length
    int hiddenDim = 0;      // feed-forward length
    int nLayers = 0;
    int nHeads = 0;
    int nKvHeads = 0;
    int vocabSize = 0;
    int contextLength = 0;
    int ropeDim = 0;        // rotary dimensions per head (= head size for llama)
    float rmsEps = 1e-5f;
    float ropeTheta = 10000.0f;
    bool tiedEmbeddings = true;  // no separate output.weight / lm_head.weight
    int headDim() const { return nHeads ? dim / nHeads : 0; }
};

// From GGUF `llama.*` keys, config.json, or the llama2.c header. nullopt if the model is
// not a llama-family model.
std::optional<LlamaConfig> llamaConfig(const Model& m);

// Layers the tensor names show: the highest N of "blk.N." / "model.layers.N." plus one (0 if none).
int layersPresent(const Model& m);

// Throws qs::Error(InvalidInput) naming the file when the hyper-parameters disagree with the
// tensors actually present: a block count other than layersPresent(), or a vocabulary size other
// than the token embedding's rows. Call it before sizing anything from the config (a block count
// of 2^30 on a 5-layer file must not allocate 2^30 of anything, nor be written to an export).
void checkLlamaConfig(const Model& m, const LlamaConfig& c);

// llama.cpp's name for a tensor ("blk.3.attn_q.weight", "token_embd.weight", "output.weight");
// maps Hugging Face names, identity for names already in llama.cpp form. Empty if unknown.
std::string llamaCppName(const std::string& name);

// Float weights of a tensor in llama.cpp's layout: for Hugging Face q_proj/k_proj, rows are
// permuted back from rotate-half order to interleaved pairs. Other tensors: plain toFloat.
std::vector<float> llamaCppWeights(const Model& m, const TensorInfo& t);

}  // namespace qs
