// Quantization plans: llama.cpp's preset mixtures on a 32-layer llama shape (expectations
// derived here from the written rules, independently of core/plan.cpp), fallbacks, overrides.
#include "core/util/error.h"
#include "core/plan/plan.h"

#include <QJsonObject>
#include <QtTest>

#include <map>
#include <set>

using namespace qs;

namespace {

// A model of tensor headers only (plans never read data).
class ShapeModel : public Model {
public:
    std::span<const std::byte> data(const TensorInfo&) const override { return {}; }
};

std::unique_ptr<Model> llamaShape(int layers, int64_t dim, int64_t ffn, int64_t vocab, int heads, int kvHeads,
                                  bool tied, bool hfNames = false)
{
    auto m = std::make_unique<ShapeModel>();
    m->format = "gguf";
    m->path = "shape.gguf";
    auto add = [&](std::string name, std::vector<int64_t> shape) {
        TensorInfo t;
        t.name = std::move(name);
        t.shape = std::move(shape);
        t.dtype = "F16";
        t.type = GgmlType::F16;
        t.nbytes = uint64_t(t.numel()) * 2;
        m->tensors.push_back(t);
    };
    const int64_t kv = dim / heads * kvHeads;
    add(hfNames ? "model.embed_tokens.weight" : "token_embd.weight", {vocab, dim});
    for (int l = 0; l < layers; ++l) {
        if (hfNames) {
            const std::string p = "model.layers." + std::to_string(l) + ".";
            add(p + "input_layernorm.weight", {dim});
            add(p + "self_attn.q_proj.weight", {dim, dim});
            add(p + "self_attn.k_proj.weight", {kv, dim});
            add(p + "self_attn.v_proj.weight", {kv, dim});
            add(p + "self_attn.o_proj.weight", {dim, dim});
            add(p + "post_attention_layernorm.weight", {dim});
            add(p + "mlp.gate_proj.weight", {ffn, dim});
            add(p + "mlp.down_proj.weight", {dim, ffn});
            add(p + "mlp.up_proj.weight", {ffn, dim});
        } else {
            const std::string p = "blk." + std::to_string(l) + ".";
            add(p + "attn_norm.weight", {dim});
            add(p + "attn_q.weight", {dim, dim});
            add(p + "attn_k.weight", {kv, dim});
            add(p + "attn_v.weight", {kv, dim});
            add(p + "attn_output.weight", {dim, dim});
            add(p + "ffn_norm.weight", {dim});
            add(p + "ffn_gate.weight", {ffn, dim});
            add(p + "ffn_down.weight", {dim, ffn});
            add(p + "ffn_up.weight", {ffn, dim});
        }
    }
    add(hfNames ? "model.norm.weight" : "output_norm.weight", {dim});
    if (!tied)
        add(hfNames ? "lm_head.weight" : "output.weight", {vocab, dim});
    auto u32 = [&](const char* k, int64_t v) { m->metadata.push_back({k, MetaValue::ofU32(uint32_t(v))}); };
    m->metadata.push_back({"general.architecture", MetaValue::ofString("llama")});
    u32("llama.embedding_length", dim);
    u32("llama.feed_forward_length", ffn);
    u32("llama.block_count", layers);
    u32("llama.attention.head_count", heads);
    u32("llama.attention.head_count_kv", kvHeads);
    u32("llama.context_length", 4096);
    m->metadata.push_back({"llama.attention.layer_norm_rms_epsilon", MetaValue::ofF32(1e-5f)});
    if (hfNames) {  // a Hugging Face folder: config.json says the architecture
        m->format = "safetensors";
        m->path = "shape/model.safetensors";
        m->metadata.clear();
        m->hfConfig = QJsonObject{{"model_type", "llama"},
                                  {"hidden_size", qint64(dim)},
                                  {"intermediate_size", qint64(ffn)},
                                  {"num_hidden_layers", layers},
                                  {"num_attention_heads", heads},
                                  {"num_key_value_heads", kvHeads},
                                  {"vocab_size", qint64(vocab)}};
    }
    return m;
}

QuantPlan plan(const Model& m, const std::string& type, bool pure = false, std::vector<std::string> overrides = {},
               PlanTarget target = PlanTarget::Gguf)
{
    PlanSpec o;
    o.type = type;
    o.pure = pure;
    o.overrides = std::move(overrides);
    o.target = target;
    return buildPlan(m, o);
}

std::map<std::string, std::string> byName(const QuantPlan& p)
{
    std::map<std::string, std::string> r;
    for (const auto& e : p.entries)
        r[e.outputName] = e.outputDtype;
    return r;
}

std::map<std::string, int> histogramOf(const QuantPlan& p)
{
    std::map<std::string, int> h;
    for (const auto& e : p.entries)
        ++h[e.outputDtype];
    return h;
}

// Layers that get more bits in llama.cpp's K_M mixtures, listed the way the rule is written:
// the first eighth, the last eighth, and every third layer in between starting two after the
// first eighth.
std::set<int> moreBitsLayers(int n)
{
    std::set<int> s;
    for (int i = 0; i < n / 8; ++i)
        s.insert(i);
    for (int i = 7 * n / 8; i < n; ++i)
        s.insert(i);
    for (int i = n / 8 + 2; i < 7 * n / 8; i += 3)
        s.insert(i);
    return s;
}

std::string blk(int l, const char* part) { return "blk." + std::to_string(l) + "." + part + ".weight"; }

}  // namespace

class TestPlan : public QObject {
    Q_OBJECT
private slots:
    void eligibility()
    {
        QVERIFY(isEligible("blk.0.attn_q.weight", {64, 64}));
        QVERIFY(!isEligible("blk.0.attn_norm.weight", {64}));
        QVERIFY(!isEligible("blk.0.attn_q.bias", {64, 64}));
        QVERIFY(!isEligible("some.scale", {4, 4}));
        QVERIFY(isEligible("model.layers.0.mlp.up_proj.weight", {172, 64}));
        QVERIFY(useMoreBits(0, 32) && useMoreBits(31, 32) && useMoreBits(6, 32) && !useMoreBits(4, 32));
    }

    void q4KM()
    {
        const auto m = llamaShape(32, 4096, 11008, 32000, 32, 32, false);
        const QuantPlan p = plan(*m, "Q4_K_M");
        QCOMPARE(p.fileType, 15u);
        QVERIFY(p.preset.has_value());
        const auto more = moreBitsLayers(32);
        QCOMPARE(int(more.size()), 16);
        const auto h = histogramOf(p);
        // attn_v and ffn_down on the more-bits layers, plus output.weight.
        QCOMPARE(h.at("Q6_K"), 2 * int(more.size()) + 1);
        QCOMPARE(h.at("F32"), 2 * 32 + 1);
        QCOMPARE(h.at("Q4_K"), 32 * 7 + 1 - (2 * int(more.size())));
        QCOMPARE(p.fallbacks(), 0);
        const auto t = byName(p);
        QCOMPARE(t.at("output.weight"), std::string("Q6_K"));
        QCOMPARE(t.at("token_embd.weight"), std::string("Q4_K"));
        for (int l = 0; l < 32; ++l) {
            const std::string want = more.count(l) ? "Q6_K" : "Q4_K";
            QCOMPARE(t.at(blk(l, "attn_v")), want);
            QCOMPARE(t.at(blk(l, "ffn_down")), want);
            QCOMPARE(t.at(blk(l, "attn_q")), std::string("Q4_K"));
            QCOMPARE(t.at(blk(l, "ffn_up")), std::string("Q4_K"));
        }
        // Q5_K_M: the same mixture on Q5_K.
        const auto h5 = histogramOf(plan(*m, "Q5_K_M"));
        QCOMPARE(h5.at("Q6_K"), 2 * int(more.size()) + 1);
        QCOMPARE(h5.at("Q5_K"), 32 * 7 + 1 - 2 * int(more.size()));
    }

    void otherPresets()
    {
        const auto m = llamaShape(32, 4096, 11008, 32000, 32, 32, false);
        {   // Q4_K_S: attn_v of the first 4 layers and ffn_down of the first eighth at Q5_K.
            const auto t = byName(plan(*m, "Q4_K_S"));
            for (int l = 0; l < 32; ++l) {
                QCOMPARE(t.at(blk(l, "attn_v")), std::string(l < 4 ? "Q5_K" : "Q4_K"));
                QCOMPARE(t.at(blk(l, "ffn_down")), std::string(l < 32 / 8 ? "Q5_K" : "Q4_K"));
            }
            QCOMPARE(t.at("output.weight"), std::string("Q6_K"));
        }
        {   // Q3_K_M: attn_v first 2 at Q5_K else Q4_K; ffn_down first sixteenth Q5_K else Q4_K; attn_output Q4_K.
            const auto t = byName(plan(*m, "Q3_K_M"));
            for (int l = 0; l < 32; ++l) {
                QCOMPARE(t.at(blk(l, "attn_v")), std::string(l < 2 ? "Q5_K" : "Q4_K"));
                QCOMPARE(t.at(blk(l, "ffn_down")), std::string(l < 2 ? "Q5_K" : "Q4_K"));
                QCOMPARE(t.at(blk(l, "attn_output")), std::string("Q4_K"));
                QCOMPARE(t.at(blk(l, "attn_q")), std::string("Q3_K"));
            }
        }
        {   // Q2_K without GQA: attn_v, ffn_down, attn_output at Q3_K.
            const auto t = byName(plan(*m, "Q2_K"));
            QCOMPARE(t.at(blk(5, "attn_v")), std::string("Q3_K"));
            QCOMPARE(t.at(blk(5, "ffn_down")), std::string("Q3_K"));
            QCOMPARE(t.at(blk(5, "attn_output")), std::string("Q3_K"));
            QCOMPARE(t.at(blk(5, "ffn_gate")), std::string("Q2_K"));
            QCOMPARE(t.at("output.weight"), std::string("Q6_K"));
        }
        {   // Q2_K with 4 query heads per KV head: attn_v at Q4_K.
            const auto g = llamaShape(4, 4096, 11008, 32000, 32, 8, false);
            QCOMPARE(byName(plan(*g, "Q2_K")).at(blk(1, "attn_v")), std::string("Q4_K"));
        }
        {   // Q8_0 keeps the output at Q8_0; Q4_0 and Q6_K put it at Q6_K.
            QCOMPARE(histogramOf(plan(*m, "Q8_0")).at("Q8_0"), 32 * 7 + 2);
            const auto t = byName(plan(*m, "Q4_0"));
            QCOMPARE(t.at("output.weight"), std::string("Q6_K"));
            QCOMPARE(t.at(blk(0, "attn_v")), std::string("Q4_0"));
            QCOMPARE(histogramOf(plan(*m, "Q6_K")).at("Q6_K"), 32 * 7 + 2);
        }
        {   // Tied embeddings: token_embd plays the output and gets Q6_K.
            const auto tied = llamaShape(8, 4096, 11008, 32000, 32, 32, true);
            QCOMPARE(byName(plan(*tied, "Q4_K_M")).at("token_embd.weight"), std::string("Q6_K"));
        }
        {   // Hugging Face names map to llama.cpp names and the same rules.
            const auto hf = llamaShape(32, 4096, 11008, 32000, 32, 32, false, true);
            const QuantPlan p = plan(*hf, "Q4_K_M");
            QCOMPARE(histogramOf(p).at("Q6_K"), 33);
            QCOMPARE(byName(p).at(blk(6, "attn_v")), std::string("Q6_K"));
            const QuantPlan s = plan(*hf, "Q4_K_M", false, {}, PlanTarget::Safetensors);
            QCOMPARE(s.entries[0].outputName, std::string("model.embed_tokens.weight"));
            QCOMPARE(s.entries[0].outputDtype, std::string("F16"));  // fake-quant keeps the dtype
        }
    }

    // The presets added with llama.cpp's full rule set (llama-quant.cpp), on the same shapes.
    void lowBitPresets()
    {
        const auto m = llamaShape(32, 4096, 11008, 32000, 32, 32, false);
        const std::map<std::string, uint32_t> fileTypes = {
            {"Q4_1", 3},    {"Q5_0", 8},     {"Q5_1", 9},    {"Q3_K_S", 11}, {"Q3_K_L", 13}, {"IQ2_XXS", 19},
            {"IQ2_XS", 20}, {"Q2_K_S", 21},  {"IQ3_XS", 22}, {"IQ3_XXS", 23}, {"IQ1_S", 24}, {"IQ4_NL", 25},
            {"IQ3_S", 26},  {"IQ3_M", 27},   {"IQ2_S", 28},  {"IQ2_M", 29},  {"IQ4_XS", 30}, {"IQ1_M", 31},
            {"TQ1_0", 36},  {"TQ2_0", 37},   {"MXFP4_MOE", 38}};
        for (const auto& [name, ft] : fileTypes) {
            QVERIFY2(isPreset(name), name.c_str());
            QCOMPARE(plan(*m, name).fileType, ft);
        }
        QCOMPARE(int(presetNames().size()), 30);
        {   // IQ2_XXS: lowest-bit rules; llama.cpp requires an importance matrix, so the plan assumes
            // a calibrated one.
            const QuantPlan p = plan(*m, "IQ2_XXS");
            QVERIFY(p.importanceRequired && p.importance && p.importanceCalibrated);
            const auto t = byName(p);
            QCOMPARE(t.at("output.weight"), std::string("Q5_K"));
            QCOMPARE(t.at("token_embd.weight"), std::string("Q2_K"));
            for (int l = 0; l < 32; ++l) {
                QCOMPARE(t.at(blk(l, "attn_v")), std::string("Q2_K"));
                QCOMPARE(t.at(blk(l, "ffn_down")), std::string(l < 4 ? "Q2_K" : "IQ2_XXS"));
                QCOMPARE(t.at(blk(l, "attn_output")), std::string("IQ2_XXS"));
                QCOMPARE(t.at(blk(l, "ffn_gate")), std::string("IQ2_XXS"));
            }
            PlanSpec given("IQ2_XXS");
            given.importance = true;  // a file: nothing to calibrate
            const QuantPlan g = buildPlan(*m, given);
            QVERIFY(g.importance && g.importanceRequired && !g.importanceCalibrated);
        }
        {   // IQ1_M: attn_output at IQ2_XXS; IQ2_M: IQ3_S for token_embd, attn_v, attn_output and the
            // first eighth of ffn_down, IQ2_S elsewhere; IQ2_S: the same on IQ2_XS.
            QCOMPARE(byName(plan(*m, "IQ1_M")).at(blk(9, "attn_output")), std::string("IQ2_XXS"));
            QCOMPARE(byName(plan(*m, "IQ1_M")).at(blk(9, "attn_q")), std::string("IQ1_M"));
            for (const char* name : {"IQ2_M", "IQ2_S"}) {
                const auto t = byName(plan(*m, name));
                const std::string base = std::string(name) == "IQ2_M" ? "IQ2_S" : "IQ2_XS";
                QCOMPARE(t.at("token_embd.weight"), std::string("IQ3_S"));
                QCOMPARE(t.at(blk(3, "ffn_down")), std::string("IQ3_S"));
                QCOMPARE(t.at(blk(4, "ffn_down")), base);
                QCOMPARE(t.at(blk(7, "attn_v")), std::string("IQ3_S"));
                QCOMPARE(t.at(blk(7, "attn_output")), std::string("IQ3_S"));
                QCOMPARE(t.at(blk(7, "ffn_up")), base);
            }
        }
        {   // With 4 query heads per KV head the lowest-bit presets keep attn_v at Q4_K.
            const auto g = llamaShape(8, 4096, 11008, 32000, 32, 8, false);
            QCOMPARE(byName(plan(*g, "IQ1_S")).at(blk(2, "attn_v")), std::string("Q4_K"));
            QCOMPARE(byName(plan(*g, "IQ4_XS")).at(blk(2, "attn_v")), std::string("Q5_K"));
            QCOMPARE(byName(plan(*g, "Q2_K_S")).at(blk(2, "attn_v")), std::string("Q4_K"));
            QCOMPARE(byName(plan(*g, "IQ3_S")).at(blk(2, "attn_v")), std::string("Q4_K"));
            QCOMPARE(byName(plan(*m, "IQ3_S")).at(blk(2, "attn_v")), std::string("IQ3_S"));
        }
        {   // IQ3_XS: attn_q/attn_k at IQ3_XXS, ffn_up/ffn_gate too outside the first and last eighth.
            const auto t = byName(plan(*m, "IQ3_XS"));
            for (int l = 0; l < 32; ++l) {
                const bool middle = l >= 4 && l < 28;
                QCOMPARE(t.at(blk(l, "ffn_up")), std::string(middle ? "IQ3_XXS" : "IQ3_S"));
                QCOMPARE(t.at(blk(l, "ffn_gate")), std::string(middle ? "IQ3_XXS" : "IQ3_S"));
                QCOMPARE(t.at(blk(l, "attn_q")), std::string("IQ3_XXS"));
                QCOMPARE(t.at(blk(l, "ffn_down")), std::string("IQ3_S"));
            }
        }
        {   // IQ3_XXS (importance assumed): attn_q/k at IQ2_S, attn_output IQ3_S, attn_v IQ3_XXS.
            const auto t = byName(plan(*m, "IQ3_XXS"));
            QCOMPARE(t.at(blk(0, "attn_q")), std::string("IQ2_S"));
            QCOMPARE(t.at(blk(0, "attn_k")), std::string("IQ2_S"));
            QCOMPARE(t.at(blk(0, "attn_output")), std::string("IQ3_S"));
            QCOMPARE(t.at(blk(0, "attn_v")), std::string("IQ3_XXS"));
            QCOMPARE(t.at(blk(0, "ffn_down")), std::string("IQ3_XXS"));
            QCOMPARE(t.at("token_embd.weight"), std::string("IQ3_S"));
        }
        {   // Rules that change with an importance matrix: IQ4_NL's first-eighth ffn_down, Q4_0/Q5_0's.
            PlanSpec with("IQ4_NL");
            with.importance = true;
            QCOMPARE(byName(plan(*m, "IQ4_NL")).at(blk(3, "ffn_down")), std::string("Q5_K"));
            QCOMPARE(byName(buildPlan(*m, with)).at(blk(3, "ffn_down")), std::string("IQ4_NL"));
            QVERIFY(!plan(*m, "IQ4_NL").importance);
            for (const auto& [preset, first] : {std::pair{"Q4_0", "Q4_1"}, std::pair{"Q5_0", "Q5_1"}}) {
                PlanSpec s(preset);
                QCOMPARE(byName(buildPlan(*m, s)).at(blk(3, "ffn_down")), std::string(preset));
                s.importance = true;
                const auto t = byName(buildPlan(*m, s));
                QCOMPARE(t.at(blk(3, "ffn_down")), std::string(first));
                QCOMPARE(t.at(blk(4, "ffn_down")), std::string(preset));
            }
        }
        {   // K-quant S/L and Q2_K_S (which llama.cpp only writes with an importance matrix).
            auto t = byName(plan(*m, "Q3_K_L"));
            QCOMPARE(t.at(blk(20, "attn_v")), std::string("Q5_K"));
            QCOMPARE(t.at(blk(20, "ffn_down")), std::string("Q5_K"));
            QCOMPARE(t.at(blk(20, "attn_output")), std::string("Q5_K"));
            QCOMPARE(histogramOf(plan(*m, "Q3_K_S")).at("Q3_K"), 32 * 7 + 1);
            const QuantPlan qs = plan(*m, "Q2_K_S");
            QVERIFY(qs.importanceRequired);
            t = byName(qs);
            QCOMPARE(t.at(blk(3, "ffn_down")), std::string("Q4_K"));
            QCOMPARE(t.at(blk(4, "ffn_down")), std::string("Q2_K"));
            QCOMPARE(t.at(blk(4, "attn_v")), std::string("Q2_K"));
            QVERIFY(!plan(*m, "Q2_K").importanceRequired);
        }
        {   // Ternary presets: token_embd Q4_K, output Q6_K. MXFP4_MOE on a dense model: Q8_0 throughout.
            const auto t = byName(plan(*m, "TQ1_0"));
            QCOMPARE(t.at("token_embd.weight"), std::string("Q4_K"));
            QCOMPARE(t.at("output.weight"), std::string("Q6_K"));
            QCOMPARE(t.at(blk(0, "attn_v")), std::string("TQ1_0"));
            QCOMPARE(histogramOf(plan(*m, "MXFP4_MOE")).at("Q8_0"), 32 * 7 + 2);
        }
        {   // A 256-weight type this build may not have (IQ1_S) still falls back as llama.cpp says.
            const auto narrow = llamaShape(8, 320, 640, 1000, 5, 5, false);
            const QuantPlan p = plan(*narrow, "IQ1_S");
            QCOMPARE(byName(p).at(blk(1, "attn_q")), std::string("IQ4_NL"));
            QVERIFY(!p.importanceRequired);  // nothing is left at a type that needs one
        }
        {   // llama.cpp's 70B llama (80 layers, GQA): attn_v one step up from Q3_K/Q4_K to Q5_K.
            const auto big = llamaShape(80, 8192, 28672, 32000, 64, 8, false);
            QCOMPARE(byName(plan(*big, "Q3_K_M")).at(blk(40, "attn_v")), std::string("Q5_K"));
            QCOMPARE(byName(plan(*big, "Q2_K")).at(blk(40, "attn_v")), std::string("Q5_K"));
            QCOMPARE(byName(plan(*big, "Q4_K_M")).at(blk(40, "attn_v")), std::string("Q5_K"));  // Q4_K, raised
            QCOMPARE(byName(plan(*big, "Q4_K_M")).at(blk(42, "attn_v")), std::string("Q6_K"));  // more-bits layer
            QCOMPARE(byName(plan(*m, "Q3_K_M")).at(blk(20, "attn_v")), std::string("Q4_K"));  // not a 70B
        }
        {   // 8 experts (llama.expert_count): attn_v/attn_k at Q8_0, attn_output Q5_K for Q4_K_M.
            auto moe = llamaShape(8, 4096, 11008, 32000, 32, 32, false);
            moe->metadata.push_back({"llama.expert_count", MetaValue::ofU32(8)});
            const auto t = byName(plan(*moe, "Q4_K_M"));
            QCOMPARE(t.at(blk(2, "attn_v")), std::string("Q8_0"));
            QCOMPARE(t.at(blk(2, "attn_k")), std::string("Q8_0"));
            QCOMPARE(t.at(blk(2, "attn_output")), std::string("Q5_K"));
            QCOMPARE(byName(plan(*moe, "IQ2_XS")).at(blk(2, "attn_k")), std::string("Q4_K"));
        }
    }

    void pure()
    {
        const auto m = llamaShape(32, 4096, 11008, 32000, 32, 32, false);
        const QuantPlan p = plan(*m, "Q4_K_M", true);
        QVERIFY(!p.preset.has_value());
        QCOMPARE(p.fileType, 15u);
        const auto h = histogramOf(p);
        QCOMPARE(h.at("Q4_K"), 32 * 7 + 2);
        QCOMPARE(h.count("Q6_K"), size_t(0));
        QCOMPARE(histogramOf(plan(*m, "F16")).at("F16"), 32 * 7 + 2);
    }

    void fallbacks()
    {
        // Row length 320 = 64 * 5: fits 32-blocks, not 256-blocks.
        const auto m = llamaShape(8, 320, 640, 1000, 5, 5, false);
        auto t = byName(plan(*m, "Q4_K_M"));
        QCOMPARE(t.at(blk(1, "attn_q")), std::string("Q5_0"));   // Q4_K -> Q5_0
        QCOMPARE(t.at(blk(0, "attn_v")), std::string("Q8_0"));   // Q6_K -> Q8_0 (more-bits layer 0)
        QCOMPARE(t.at("output.weight"), std::string("Q8_0"));    // output rule: not a multiple of 256
        t = byName(plan(*m, "Q5_K_S"));
        QCOMPARE(t.at(blk(1, "attn_q")), std::string("Q5_1"));   // Q5_K -> Q5_1
        t = byName(plan(*m, "Q2_K"));
        QCOMPARE(t.at(blk(1, "ffn_gate")), std::string("Q4_0"));  // Q2_K -> Q4_0
        QCOMPARE(t.at(blk(1, "attn_output")), std::string("Q4_0"));  // Q3_K -> Q4_0
        const QuantPlan p = plan(*m, "Q4_K_M");
        QVERIFY(p.fallbacks() > 0);
        for (const auto& e : p.entries)
            if (e.fallback)
                QVERIFY(QString::fromStdString(e.reason).contains(QStringLiteral("fallback")));
        QVERIFY(!p.warnings.empty());

        // Row length 100 fits no block at all: F16, whatever the type.
        const auto odd = llamaShape(2, 100, 200, 300, 4, 4, false);
        for (const char* type : {"Q4_K_M", "Q8_0", "Q4_0", "Q2_K"}) {
            const auto ot = byName(plan(*odd, type));
            QCOMPARE(ot.at(blk(0, "attn_q")), std::string("F16"));
            QCOMPARE(ot.at("output.weight"), std::string("F16"));
        }
        // ffn_down rows of 200 (not a multiple of 32) fall back to F16 as well.
        QCOMPARE(byName(plan(*m, "Q4_K_M")).at(blk(1, "ffn_down")), std::string("Q5_0"));  // 640 = 20 * 32
        const auto odd2 = llamaShape(2, 256, 172, 300, 4, 4, false);
        QCOMPARE(byName(plan(*odd2, "Q4_K_M")).at(blk(1, "ffn_down")), std::string("F16"));
        QCOMPARE(byName(plan(*odd2, "Q4_K_M")).at(blk(1, "ffn_up")), std::string("Q4_K"));
        // The INT family falls back to F16 when the group does not divide the row.
        QCOMPARE(byName(plan(*odd, "INT4_SYM_G32", false, {}, PlanTarget::Safetensors)).size(), odd->tensors.size());
        const QuantPlan ip = plan(*odd, "INT4_SYM_G32", false, {}, PlanTarget::Safetensors);
        for (const auto& e : ip.entries)
            if (e.eligible)
                QCOMPARE(e.format, std::string("F16"));
    }

    void overrides()
    {
        const auto m = llamaShape(8, 4096, 11008, 32000, 32, 32, false);
        const QuantPlan p = plan(*m, "Q4_K_M", false, {"attn_(q|k)\\.=Q8_0", "^output\\.=Q4_K", "blk\\.0\\.=Q2_K"});
        const auto t = byName(p);
        QCOMPARE(t.at(blk(3, "attn_q")), std::string("Q8_0"));
        QCOMPARE(t.at(blk(0, "attn_k")), std::string("Q8_0"));  // first match wins
        QCOMPARE(t.at(blk(0, "ffn_up")), std::string("Q2_K"));
        QCOMPARE(t.at("output.weight"), std::string("Q4_K"));
        QCOMPARE(t.at(blk(2, "attn_v")), std::string("Q4_K"));  // preset rules still apply elsewhere
        QCOMPARE(t.at(blk(3, "attn_v")), std::string("Q6_K"));
        int overridden = 0;
        for (const auto& e : p.entries)
            if (e.overridden) {
                ++overridden;
                QVERIFY(QString::fromStdString(e.reason).startsWith(QStringLiteral("override")));
            }
        QCOMPARE(overridden, 8 * 2 + 1 + 5);  // blk.0: 7 weights, 2 already matched
        // Overrides match Hugging Face names too.
        const auto hf = llamaShape(2, 256, 512, 1000, 4, 4, false, true);
        QCOMPARE(byName(plan(*hf, "Q8_0", false, {"q_proj=F16"})).at(blk(1, "attn_q")), std::string("F16"));
    }

    void invalidRequests()
    {
        const auto m = llamaShape(2, 256, 512, 1000, 4, 4, false);
        auto kindOf = [&](const std::string& type, std::vector<std::string> ov, PlanTarget target) {
            try {
                plan(*m, type, false, std::move(ov), target);
            } catch (const Error& e) {
                return int(e.kind());
            }
            return -1;
        };
        const int invalid = int(ErrorKind::InvalidInput);
        QCOMPARE(kindOf("Q4_K_X", {}, PlanTarget::Gguf), invalid);
        QCOMPARE(kindOf("Q4_K_M", {"([=Q8_0"}, PlanTarget::Gguf), invalid);
        QCOMPARE(kindOf("Q4_K_M", {"attn_q"}, PlanTarget::Gguf), invalid);
        QCOMPARE(kindOf("Q4_K_M", {"attn_q=Q9_9"}, PlanTarget::Gguf), invalid);
        // INT/NF4 cannot go into a GGUF; as fake-quant safetensors they can.
        QCOMPARE(kindOf("NF4", {}, PlanTarget::Gguf), invalid);
        QCOMPARE(kindOf("Q4_K_M", {"ffn=INT4_SYM_G32"}, PlanTarget::Gguf), invalid);
        QCOMPARE(kindOf("NF4", {}, PlanTarget::Safetensors), -1);
        try {
            plan(*m, "NF4");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral(".safetensors")));
        }
    }
};

QTEST_GUILESS_MAIN(TestPlan)
#include "test_plan.moc"
