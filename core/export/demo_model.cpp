#include "core/export/demo_model.h"

#include "core/util/error.h"
#include "core/export/export.h"
#include "core/util/half.h"
#include "core/util/parallel.h"
#include "core/util/random.h"
#include "core/plan/plan.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

namespace qs {

namespace {

uint64_t splitmix(uint64_t& s) { return splitmix64(s); }

uint64_t hashName(const std::string& s, uint64_t seed)
{
    uint64_t h = 0xcbf29ce484222325ull ^ seed;
    for (unsigned char c : s)
        h = (h ^ c) * 0x100000001b3ull;
    uint64_t st = h;
    return splitmix(st);
}

// Uniform in (0, 1).
inline float uniform01(uint64_t& s) { return (float(splitmix(s) >> 40) + 0.5f) * (1.0f / 16777216.0f); }

// Laplace with scale b (std = b * sqrt(2)): heavier tails than a Gaussian, like trained weights.
inline float laplace(uint64_t& s, float b)
{
    const uint64_t r = splitmix(s);
    const float u = (float(r >> 40) + 0.5f) * (1.0f / 16777216.0f);
    const float mag = -b * std::log(u);
    return (r & 1u) ? mag : -mag;
}

class DemoModel : public Model {
public:
    ModelConfig cfg;
    GgmlType dtype = GgmlType::F32;
    uint64_t seed = 0;
    std::vector<int64_t> outlierCols;  // input channels with large weights (residual stream dims)

    std::span<const std::byte> data(const TensorInfo& t) const override
    {
        std::lock_guard lk(mutex_);
        auto it = cache_.find(t.name);
        if (it == cache_.end()) {
            const std::vector<float> v = floats(t);
            std::vector<std::byte> bytes(t.nbytes);
            if (dtype == GgmlType::F32) {
                std::memcpy(bytes.data(), v.data(), bytes.size());
            } else {
                auto* h = reinterpret_cast<uint16_t*>(bytes.data());
                for (size_t i = 0; i < v.size(); ++i)
                    h[i] = fp32ToFp16(v[i]);
            }
            it = cache_.emplace(t.name, std::move(bytes)).first;
        }
        return {it->second.data(), it->second.size()};
    }

    std::vector<float> floats(const TensorInfo& t) const
    {
        const int64_t n = t.numel(), cols = t.cols(), rows = t.rows();
        std::vector<float> out(static_cast<size_t>(n));
        const uint64_t tseed = hashName(t.name, seed);
        const bool norm = t.shape.size() < 2;
        const bool embed = t.name == "token_embd.weight" || t.name == "output.weight";
        const bool readsResidual = t.name.find("attn_q.") != std::string::npos ||
                                   t.name.find("attn_k.") != std::string::npos ||
                                   t.name.find("attn_v.") != std::string::npos ||
                                   t.name.find("ffn_gate.") != std::string::npos ||
                                   t.name.find("ffn_up.") != std::string::npos || t.name == "output.weight";
        const float b = norm ? 0.03f : embed ? 0.015f : float(0.7 / std::sqrt(double(cols)));
        // Per-tensor gain of the outlier channels (5x .. 20x).
        uint64_t gs = tseed ^ 0x5151;
        const float gain = 5.0f + 15.0f * uniform01(gs);
        constexpr int64_t kRowsPerChunk = 16;
        const int64_t chunks = (rows + kRowsPerChunk - 1) / kRowsPerChunk;
        parallelFor(chunks, std::max<int64_t>(1, 65536 / std::max<int64_t>(1, cols * kRowsPerChunk)),
                    [&](int64_t cb, int64_t ce) {
            for (int64_t c = cb; c < ce; ++c) {
                uint64_t s = tseed + uint64_t(c) * 0x632BE59BD9B4E019ull;
                const int64_t r0 = c * kRowsPerChunk, r1 = std::min(rows, r0 + kRowsPerChunk);
                for (int64_t r = r0; r < r1; ++r) {
                    float* row = out.data() + r * cols;
                    for (int64_t j = 0; j < cols; ++j)
                        row[j] = norm ? 1.0f + laplace(s, b) : laplace(s, b);
                    if (readsResidual)
                        for (int64_t oc : outlierCols)
                            if (oc < cols)
                                row[oc] *= gain;
                }
            }
        });
        if (dtype == GgmlType::F16)
            for (float& x : out)
                x = fp16Round(x);
        return out;
    }

private:
    mutable std::mutex mutex_;
    mutable std::map<std::string, std::vector<std::byte>> cache_;
};

int64_t roundUp(int64_t v, int64_t m) { return (v + m - 1) / m * m; }

ModelConfig shapeFor(int dim, int64_t vocab)
{
    ModelConfig c;
    c.arch = findArchitectureByGguf("llama");
    c.dim = dim;
    const int headDim = dim >= 256 ? 64 : 32;
    c.nHeads = std::max(1, dim / headDim);
    c.nKvHeads = c.nHeads >= 8 ? c.nHeads / 4 : c.nHeads;
    c.hiddenDim = int(roundUp(8 * int64_t(dim) / 3, dim >= 256 ? 256 : 32));
    c.vocabSize = int(vocab);
    c.contextLength = 2048;
    c.ropeDim = c.headDim();
    c.rmsEps = 1e-5f;
    c.ropeTheta = 10000.0f;
    c.tiedEmbeddings = vocab < 32000;
    return c;
}

int64_t perLayer(const ModelConfig& c)
{
    const int64_t d = c.dim, kv = int64_t(c.nKvHeads) * c.headDim();
    return 2 * d * d + 2 * d * kv + 3 * d * c.hiddenDim + 2 * d;
}

int64_t embedParams(const ModelConfig& c) { return int64_t(c.vocabSize) * c.dim * (c.tiedEmbeddings ? 1 : 2) + c.dim; }

}  // namespace

ModelConfig demoConfig(int64_t params)
{
    if (params < 1000 || params > (int64_t(1) << 40))
        invalidInput("", "--params must be between 1000 and 2^40 (got " + std::to_string(params) + ")");
    const int64_t vocab = params >= 50'000'000 ? 32000 : params >= 2'000'000 ? 4096 : 512;
    static const int dims[] = {64, 128, 256, 384, 512, 768, 1024, 1536, 2048, 2560, 3072, 4096, 5120, 6144, 8192};
    ModelConfig best = shapeFor(64, std::min<int64_t>(vocab, 256));
    best.nLayers = 1;
    bool found = false;
    for (int d : dims) {
        ModelConfig c = shapeFor(d, vocab);
        const int64_t rest = params - embedParams(c);
        if (rest <= 0)
            break;
        const double layers = double(rest) / double(perLayer(c));
        if (layers >= std::max(1.0, d / 128.0)) {
            c.nLayers = int(std::max<int64_t>(1, std::llround(layers)));
            best = c;
            found = true;
        }
    }
    if (!found) {  // tiny: smallest shape, vocabulary trimmed to fit
        ModelConfig c = shapeFor(64, 256);
        c.nLayers = 1;
        best = c;
    }
    return best;
}

std::unique_ptr<Model> makeDemoModel(int64_t params, GgmlType dtype, uint64_t seed)
{
    return makeDemoModel(demoConfig(params), dtype, seed);
}

std::unique_ptr<Model> makeDemoModel(const ModelConfig& shape, GgmlType dtype, uint64_t seed)
{
    if (dtype != GgmlType::F32 && dtype != GgmlType::F16)
        invalidInput("", "the demo model's dtype must be F16 or F32");
    if (shape.dim <= 0 || shape.hiddenDim <= 0 || shape.nLayers <= 0 || shape.nHeads <= 0 || shape.nKvHeads <= 0 ||
        shape.vocabSize <= 0 || shape.dim % shape.nHeads != 0 || shape.nHeads % shape.nKvHeads != 0)
        invalidInput("", "a demo model needs positive sizes, heads dividing the embedding and KV heads dividing the heads");
    auto m = std::make_unique<DemoModel>();
    m->cfg = shape;
    m->cfg.arch = findArchitectureByGguf("llama");
    m->dtype = dtype;
    m->seed = seed;
    m->format = "memory";
    m->architecture = "llama";
    const ModelConfig& c = m->cfg;
    // A few outlier input channels (about 1 in 256, at least 1).
    uint64_t s = seed ^ 0xD1B54A32D192ED03ull;
    const int64_t nOut = std::max<int64_t>(1, c.dim / 256);
    while (int64_t(m->outlierCols.size()) < nOut) {
        const int64_t col = int64_t(splitmix(s) % uint64_t(c.dim));
        if (std::find(m->outlierCols.begin(), m->outlierCols.end(), col) == m->outlierCols.end())
            m->outlierCols.push_back(col);
    }

    const char* dt = dtype == GgmlType::F16 ? "F16" : "F32";
    const uint64_t es = dtype == GgmlType::F16 ? 2 : 4;
    auto add = [&](std::string name, std::vector<int64_t> shape) {
        TensorInfo t;
        t.name = std::move(name);
        t.shape = std::move(shape);
        t.dtype = dt;
        t.type = dtype;
        t.nbytes = uint64_t(t.numel()) * es;
        m->tensors.push_back(std::move(t));
    };
    const int64_t D = c.dim, H = c.hiddenDim, KV = int64_t(c.nKvHeads) * c.headDim(), V = c.vocabSize;
    add("token_embd.weight", {V, D});
    for (int l = 0; l < c.nLayers; ++l) {
        const std::string p = "blk." + std::to_string(l) + ".";
        add(p + "attn_norm.weight", {D});
        add(p + "attn_q.weight", {D, D});
        add(p + "attn_k.weight", {KV, D});
        add(p + "attn_v.weight", {KV, D});
        add(p + "attn_output.weight", {D, D});
        add(p + "ffn_norm.weight", {D});
        add(p + "ffn_gate.weight", {H, D});
        add(p + "ffn_down.weight", {D, H});
        add(p + "ffn_up.weight", {H, D});
    }
    add("output_norm.weight", {D});
    if (!c.tiedEmbeddings)
        add("output.weight", {V, D});

    auto u32 = [&](const char* key, int64_t v) { m->metadata.push_back({key, MetaValue::ofU32(uint32_t(v))}); };
    m->metadata.push_back({"general.architecture", MetaValue::ofString("llama")});
    m->metadata.push_back({"general.name", MetaValue::ofString("QuantScope synthetic demo (" + std::to_string(m->nParams()) +
                                                               " parameters, seed " + std::to_string(seed) + ")")});
    m->metadata.push_back({"general.description", MetaValue::ofString(
        "synthetic weights (Laplace bulk, outlier input channels, norms near 1); not a trained model")});
    m->metadata.push_back({"quantscope.synthetic", MetaValue::ofBool(true)});
    m->metadata.push_back({"quantscope.seed", MetaValue::ofString(std::to_string(seed))});
    u32("general.file_type", dtype == GgmlType::F16 ? 1 : 0);
    u32("llama.context_length", c.contextLength);
    u32("llama.embedding_length", D);
    u32("llama.feed_forward_length", H);
    u32("llama.block_count", c.nLayers);
    u32("llama.attention.head_count", c.nHeads);
    u32("llama.attention.head_count_kv", c.nKvHeads);
    u32("llama.rope.dimension_count", c.headDim());
    m->metadata.push_back({"llama.rope.freq_base", MetaValue::ofF32(c.ropeTheta)});
    m->metadata.push_back({"llama.attention.layer_norm_rms_epsilon", MetaValue::ofF32(c.rmsEps)});
    u32("llama.vocab_size", V);
    m->path = "";
    return m;
}

std::vector<float> demoTensorFloats(const Model& m, const TensorInfo& t)
{
    const auto* d = dynamic_cast<const DemoModel*>(&m);
    if (!d)
        invalidInput(m.path, "not a demo model");
    return d->floats(t);
}

ExportResult writeDemoModel(int64_t params, GgmlType dtype, uint64_t seed, const std::string& outPath,
                            const ExportOptions& opts)
{
    return writeDemoModel(demoConfig(params), dtype, seed, outPath, opts);
}

ExportResult writeDemoModel(const ModelConfig& shape, GgmlType dtype, uint64_t seed, const std::string& outPath,
                            const ExportOptions& opts)
{
    const auto m = makeDemoModel(shape, dtype, seed);
    PlanSpec po;
    po.type = std::string(ggmlTypeInfo(dtype).name);
    po.pure = true;
    po.target = targetForPath(outPath);
    const QuantPlan plan = buildPlan(*m, po);
    ExportOptions o = opts;
    const Model& model = *m;
    o.loadFloats = [&model](const TensorInfo& t) { return demoTensorFloats(model, t); };
    return exportModel(*m, plan, outPath, o);
}

}  // namespace qs
