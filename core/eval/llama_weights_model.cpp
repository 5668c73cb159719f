// LlamaWeights from an opened model (kept apart from the forward pass so the pass itself only
// needs tensors in llama.cpp layout): matrices are views of the file's stored rows.
#include "core/eval/llama_forward.h"
#include "core/formats/format.h"
#include "core/util/error.h"

#include <cstring>
#include <map>

namespace qs {

namespace {

// Hugging Face stores q/k rows in rotate-half order for architectures llama.cpp rotates in
// interleaved pairs (Architecture::permuteQk). Returns the number of heads whose rows must be
// permuted (0: none).
int64_t rotaryHeads(const std::string& ggufName, const ModelConfig& c)
{
    if (!c.arch || !c.arch->permuteQk)
        return 0;
    const bool q = ggufName.ends_with(".attn_q.weight");
    const bool k = ggufName.ends_with(".attn_k.weight");
    if (!q && !k)
        return 0;
    return q ? c.nHeads : c.nKvHeads;
}

// llama.cpp row h*hd + 2i + j  <-  stored row h*hd + j*rd/2 + i (i < rd/2, the rotated part of
// each head; the rest stays), whole rows of rowBytes each.
std::shared_ptr<const std::vector<uint8_t>> permuteRotary(const uint8_t* src, int64_t heads, int64_t hd, int64_t rd,
                                                          size_t rowBytes)
{
    auto out = std::make_shared<std::vector<uint8_t>>(src, src + size_t(heads * hd) * rowBytes);
    const int64_t half = rd / 2;
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t i = 0; i < half; ++i)
            for (int64_t j = 0; j < 2; ++j) {
                const int64_t dst = h * hd + 2 * i + j, from = h * hd + j * half + i;
                std::memcpy(out->data() + size_t(dst) * rowBytes, src + size_t(from) * rowBytes, rowBytes);
            }
    return out;
}

}  // namespace

LlamaWeights LlamaWeights::fromModel(const Model& m)
{
    ModelConfig c = requireModelConfig(m, "evaluation is unavailable");
    checkConfigAgainstTensors(m, c);  // before anything is sized from it
    if (c.contextLength <= 0)
        c.contextLength = 2048;  // not stated by the file: a window length that every model supports
    if (c.contextLength < 2)
        invalidInput(m.path, "the context length is " + std::to_string(c.contextLength) +
                                 " token: evaluating needs windows of at least 2 (one to predict from)");

    // Shapes first, from the headers alone: a model whose tensors disagree with its
    // hyper-parameters is refused before anything is read or allocated.
    std::vector<std::pair<std::string, const TensorInfo*>> used;
    std::map<std::string, std::pair<int64_t, int64_t>> shapes;
    std::map<std::string, std::string> seen;  // llama.cpp name -> source name
    for (const TensorInfo& t : m.tensors) {
        const std::string name = c.arch->ggufName(ggufName(m, t.name));
        if (name.empty() || name == "rope_freqs.weight")
            continue;  // tensors the forward pass does not use (rope_freqs is in the config)
        if (const auto [it, added] = seen.emplace(name, t.name); !added)
            invalidInput(m.path, "tensors '" + it->second + "' and '" + t.name + "' are both the model's '" + name +
                                     "' (layer numbers must be written one way)");
        if (t.shape.size() > 2 || (t.shape.size() == 2 && t.shape[0] <= 0))
            invalidInput(m.path, "tensor '" + t.name + "' has " + std::to_string(t.shape.size()) +
                                     " dimensions; the forward pass takes matrices and vectors");
        shapes[name] = {t.shape.size() == 2 ? t.rows() : 1, t.cols()};
        used.emplace_back(name, &t);
    }
    checkTensorShapes(c, shapes, m.path);

    const bool hfNames = !isGgufNamed(m);
    std::vector<WeightTensor> tensors;
    tensors.reserve(used.size());
    for (const auto& [name, tp] : used) {
        const TensorInfo& t = *tp;
        const int64_t rows = t.shape.size() == 2 ? t.rows() : 1, cols = t.cols();
        const Format* f = t.type ? formatForGgml(*t.type) : nullptr;
        if (!f)
            invalidInput(m.path, "tensor '" + t.name + "' has dtype " + t.dtype + ", which QuantScope cannot decode");
        if (!f->supports(rows, cols))
            invalidInput(m.path, "tensor '" + t.name + "': row length " + std::to_string(cols) +
                                     " is not a multiple of the " + t.dtype + " block size");
        const auto bytes = m.data(t);
        if (bytes.size() != f->storageBytes(rows, cols))
            invalidInput(m.path, "tensor '" + t.name + "': " + std::to_string(bytes.size()) + " bytes of data, " +
                                     t.dtype + " of this shape needs " + std::to_string(f->storageBytes(rows, cols)));
        WeightTensor w;
        w.name = name;
        w.rows = rows;
        w.cols = cols;
        w.sourceBytes = t.nbytes;
        const bool vector = rows == 1 && name != "token_embd.weight" && name != "output.weight";
        if (vector || !kernels::hasKernel(*t.type)) {
            // Norms and biases (and the rare matrix in a type without a kernel): decoded to float,
            // with the architecture's adjustments (gemma's 1 + w, permuted q/k biases).
            w = WeightTensor::fromFloats(name, rows, cols, ggufWeights(m, t), t.nbytes);
            tensors.push_back(std::move(w));
            continue;
        }
        const size_t rowBytes = kernels::rowBytes(*t.type, cols);
        const auto* src = reinterpret_cast<const uint8_t*>(bytes.data());
        w.q = QMatrix{*t.type, src, rows, cols, rowBytes, nullptr};
        if (const int64_t heads = hfNames ? rotaryHeads(name, c) : 0) {
            auto permuted = permuteRotary(src, heads, c.headDim(), c.rotaryDim(), rowBytes);
            w.q.data = permuted->data();
            w.owner = std::move(permuted);
        } else if (kernels::canRepack(w.q)) {
            // Q4_0: the kernels' layout (kernels::repack), made once here; it replaces the view
            // into the file for every product (the file's pages of the tensor are read once)
            auto packed = std::make_shared<std::vector<uint8_t>>(bytes.size());
            w.q = kernels::repack(w.q, packed->data());
            w.owner = std::move(packed);
        } else if (auto owner = m.dataOwner(t)) {
            w.owner = std::move(owner);  // read in place: the view keeps the file's map alive
            w.inPlace = true;
        } else {  // bytes that live only as long as the Model: a copy in the stored type
            auto copy = std::make_shared<const std::vector<uint8_t>>(src, src + bytes.size());
            w.q.data = copy->data();
            w.owner = std::move(copy);
        }
        tensors.push_back(std::move(w));
    }
    return LlamaWeights::fromTensors(c, std::move(tensors), m.path);
}

}  // namespace qs
