// LlamaWeights from an opened model (kept apart from the forward pass so the pass itself only
// needs tensors in llama.cpp layout).
#include "core/util/error.h"
#include "core/eval/llama_forward.h"

namespace qs {

LlamaWeights LlamaWeights::fromModel(const Model& m)
{
    ModelConfig c = requireModelConfig(m, "evaluation is unavailable");
    if (c.contextLength <= 0)
        c.contextLength = 2048;  // not stated by the file: a window length that every model supports
    std::vector<WeightTensor> tensors;
    for (const TensorInfo& t : m.tensors) {
        const std::string name = c.arch->ggufName(ggufName(m, t.name));
        if (name.empty() || name == "rope_freqs.weight")
            continue;  // tensors the forward pass does not use (rope_freqs is in the config)
        WeightTensor w;
        w.name = name;
        w.cols = t.cols();
        w.rows = t.rows();
        w.sourceBytes = t.nbytes;
        w.data = std::make_shared<const std::vector<float>>(ggufWeights(m, t));
        tensors.push_back(std::move(w));
    }
    return LlamaWeights::fromTensors(c, std::move(tensors), m.path);
}

}  // namespace qs
