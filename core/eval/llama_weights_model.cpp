// LlamaWeights from an opened model (kept apart from the forward pass so the pass itself only
// needs tensors in llama.cpp layout).
#include "core/util/error.h"
#include "core/eval/llama_forward.h"

#include <map>

namespace qs {

LlamaWeights LlamaWeights::fromModel(const Model& m)
{
    ModelConfig c = requireModelConfig(m, "evaluation is unavailable");
    checkConfigAgainstTensors(m, c);  // before anything is sized from it
    if (c.contextLength <= 0)
        c.contextLength = 2048;  // not stated by the file: a window length that every model supports
    if (c.contextLength < 2)
        invalidInput(m.path, "the context length is " + std::to_string(c.contextLength) +
                                 " token: evaluating needs windows of at least 2 (one to predict from)");
    std::vector<WeightTensor> tensors;
    std::map<std::string, std::string> seen;  // llama.cpp name -> source name
    for (const TensorInfo& t : m.tensors) {
        const std::string name = c.arch->ggufName(ggufName(m, t.name));
        if (name.empty() || name == "rope_freqs.weight")
            continue;  // tensors the forward pass does not use (rope_freqs is in the config)
        if (const auto [it, added] = seen.emplace(name, t.name); !added)
            invalidInput(m.path, "tensors '" + it->second + "' and '" + t.name + "' are both the model's '" + name +
                                     "' (layer numbers must be written one way)");
        if (t.shape.size() > 2)
            invalidInput(m.path, "tensor '" + t.name + "' has " + std::to_string(t.shape.size()) +
                                     " dimensions; the forward pass takes matrices and vectors");
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
