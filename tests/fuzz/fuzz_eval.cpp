// libFuzzer target for the evaluation path: the input is a config.json and a token file
// ({"tokens": [...]}), separated by a NUL byte. A tiny llama model is made in memory with Hugging
// Face names: shaped by the config when its sizes are small, otherwise by a fixed small shape (so
// a config that disagrees with its tensors, e.g. 2^30 layers, must be refused before anything is
// sized from it). Then the weights are loaded, the tokens checked, a stream sampled and the model
// evaluated against itself (KL exactly 0, finite perplexity). qs::Error(InvalidInput) is the
// expected way to refuse; anything else (another error, a crash, a leak, a timeout, more memory
// than the limit) is a bug.
#include "core/eval/evaluation.h"
#include "core/model/architecture.h"
#include "core/model/model.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

class TinyModel : public qs::Model {
public:
    std::vector<std::vector<float>> values;
    std::span<const std::byte> data(const qs::TensorInfo& t) const override
    {
        const auto& v = values.at(size_t(t.offset));
        return {reinterpret_cast<const std::byte*>(v.data()), v.size() * sizeof(float)};
    }
    void add(const std::string& name, std::vector<int64_t> shape, uint64_t& seed)
    {
        qs::TensorInfo t;
        t.name = name;
        t.shape = std::move(shape);
        t.dtype = "F32";
        t.type = qs::GgmlType::F32;
        t.offset = values.size();
        t.nbytes = uint64_t(t.numel()) * 4;
        std::vector<float> v(size_t(t.numel()));
        for (float& x : v) {
            seed = seed * 6364136223846793005ull + 1442695040888963407ull;
            x = t.shape.size() == 1 ? 1.0f : float(int64_t(seed >> 40) % 2001 - 1000) * 1e-4f;
        }
        values.push_back(std::move(v));
        tensors.push_back(std::move(t));
    }
};

int small(const QJsonObject& o, const char* key, int fallback, int max)
{
    const double d = o.value(QLatin1String(key)).toDouble(-1);
    return d >= 1 && d <= max && d == std::floor(d) ? int(d) : fallback;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    qs::setMaxThreads(1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const char* text = reinterpret_cast<const char*>(data);
    const void* nul = std::memchr(text, 0, size);
    const size_t cfgLen = nul ? size_t(static_cast<const char*>(nul) - text) : size;
    const QByteArray cfgJson = QByteArray::fromRawData(text, qsizetype(cfgLen));
    const QByteArray tokJson = nul ? QByteArray::fromRawData(text + cfgLen + 1, qsizetype(size - cfgLen - 1)) : QByteArray();
    const QJsonDocument doc = QJsonDocument::fromJson(cfgJson);
    if (!doc.isObject())
        return 0;
    TinyModel m;
    m.path = "fuzz-config";
    m.format = "memory";
    m.hfConfig = doc.object();
    // Shapes: the config's own when small, else a fixed tiny llama.
    const QJsonObject& c = m.hfConfig;
    int heads = small(c, "num_attention_heads", 2, 8);
    int kv = small(c, "num_key_value_heads", heads, 8);
    int dim = small(c, "hidden_size", 16, 64);
    if (dim % heads != 0 || (dim / heads) % 2 != 0 || heads % kv != 0) {
        heads = 2;
        kv = 1;
        dim = 16;
    }
    const int hidden = small(c, "intermediate_size", 24, 96);
    const int layers = small(c, "num_hidden_layers", 1, 3);
    const int vocab = small(c, "vocab_size", 32, 300);
    const int64_t hd = dim / heads;
    uint64_t seed = size;
    m.add("model.embed_tokens.weight", {vocab, dim}, seed);
    for (int l = 0; l < layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        m.add(p + "input_layernorm.weight", {dim}, seed);
        m.add(p + "self_attn.q_proj.weight", {heads * hd, dim}, seed);
        m.add(p + "self_attn.k_proj.weight", {kv * hd, dim}, seed);
        m.add(p + "self_attn.v_proj.weight", {kv * hd, dim}, seed);
        m.add(p + "self_attn.o_proj.weight", {dim, heads * hd}, seed);
        m.add(p + "post_attention_layernorm.weight", {dim}, seed);
        m.add(p + "mlp.gate_proj.weight", {hidden, dim}, seed);
        m.add(p + "mlp.up_proj.weight", {hidden, dim}, seed);
        m.add(p + "mlp.down_proj.weight", {dim, hidden}, seed);
    }
    m.add("model.norm.weight", {dim}, seed);
    if (size % 2)
        m.add("lm_head.weight", {vocab, dim}, seed);
    try {
        const qs::LlamaWeights w = qs::LlamaWeights::fromModel(m);
        std::vector<int32_t> tokens = tokJson.isEmpty() ? qs::sampleTokens(w, 6, size, 4)
                                                        : qs::parseTokenJson(tokJson, "fuzz-tokens", w.config.vocabSize);
        if (tokens.size() > 256)
            tokens.resize(256);  // the forward pass's cost is not what is fuzzed
        const int window = int(size % 7);  // 0 (the context length) or a short window
        const qs::Evaluator ev(w, tokens, window == 1 ? 2 : window);
        const qs::AccuracyMetrics a = ev.evaluate(w);
        if (a.kldMax != 0.0 || a.top1Agreement != 1.0 || !std::isfinite(a.ppl) || a.ppl != a.pplReference ||
            a.positions != ev.positions()) {
            std::fprintf(stderr, "the model against itself: KL max %g, top-1 %g, ppl %g vs %g\n", a.kldMax,
                         a.top1Agreement, a.ppl, a.pplReference);
            std::abort();
        }
    } catch (const qs::Error& e) {
        if (e.kind() != qs::ErrorKind::InvalidInput) {
            std::fprintf(stderr, "unexpected error kind: %s\n", e.what());
            std::abort();
        }
    }
    return 0;
}
