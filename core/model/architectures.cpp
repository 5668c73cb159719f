// The architecture descriptions: one object per decoder family, with what llama.cpp expects of
// its GGUF (general.architecture, metadata keys, tensor names and layout) and how a Hugging Face
// config.json and checkpoint map onto that. Facts are llama.cpp's (its converter and loader) and
// Hugging Face Transformers' model definitions.
#include "core/model/architecture_internal.h"

#include <cmath>
#include <type_traits>

namespace qs {

namespace {

// A metadata key bound to a ModelConfig member.
template <auto Member>
MetaKey key(const char* suffix, bool required = false, bool whenNonZero = false)
{
    using T = std::remove_cvref_t<decltype(std::declval<ModelConfig&>().*Member)>;
    MetaKey k;
    k.suffix = suffix;
    k.type = std::is_same_v<T, float> ? MetaType::F32 : MetaType::U32;
    k.get = [](const ModelConfig& c) { return double(c.*Member); };
    k.set = [](ModelConfig& c, double v) { c.*Member = T(v); };
    k.required = required;
    k.whenNonZero = whenNonZero;
    return k;
}

// The keys llama.cpp reads for every architecture here.
std::vector<MetaKey> commonKeys()
{
    MetaKey ctx = key<&ModelConfig::contextLength>("context_length");
    // A config without max_position_embeddings: a window length every model supports.
    ctx.get = [](const ModelConfig& c) { return double(c.contextLength > 0 ? c.contextLength : 2048); };
    MetaKey ropeDim = key<&ModelConfig::ropeDim>("rope.dimension_count");
    ropeDim.get = [](const ModelConfig& c) { return double(c.rotaryDim()); };
    MetaKey keyLen = key<&ModelConfig::headSize>("attention.key_length");
    keyLen.get = [](const ModelConfig& c) { return double(c.headDim()); };
    MetaKey valueLen = keyLen;  // read back by the value-length check (equal key and value lengths)
    valueLen.suffix = "attention.value_length";
    valueLen.set = [](ModelConfig&, double) {};
    return {ctx,
            key<&ModelConfig::dim>("embedding_length", true),
            key<&ModelConfig::nLayers>("block_count", true),
            key<&ModelConfig::hiddenDim>("feed_forward_length", true),
            key<&ModelConfig::nHeads>("attention.head_count", true),
            key<&ModelConfig::nKvHeads>("attention.head_count_kv"),
            key<&ModelConfig::rmsEps>("attention.layer_norm_rms_epsilon", true),
            key<&ModelConfig::ropeTheta>("rope.freq_base"),
            ropeDim,
            keyLen,
            valueLen};
}

template <typename... More>
std::vector<MetaKey> keysWith(More... more)
{
    std::vector<MetaKey> k = commonKeys();
    (k.push_back(more), ...);
    return k;
}

// Hugging Face layer tensor names shared by all of them ("model.layers.N." + this).
std::vector<NamePair> layerNamesWith(std::vector<NamePair> more)
{
    std::vector<NamePair> v{
        {"input_layernorm.weight", "attn_norm.weight"},     {"self_attn.q_proj.weight", "attn_q.weight"},
        {"self_attn.k_proj.weight", "attn_k.weight"},       {"self_attn.v_proj.weight", "attn_v.weight"},
        {"self_attn.o_proj.weight", "attn_output.weight"},  {"mlp.gate_proj.weight", "ffn_gate.weight"},
        {"mlp.up_proj.weight", "ffn_up.weight"},            {"mlp.down_proj.weight", "ffn_down.weight"},
    };
    v.insert(v.end(), more.begin(), more.end());
    return v;
}

const std::vector<NamePair> kTopNames{
    {"model.embed_tokens.weight", "token_embd.weight"},
    {"model.norm.weight", "output_norm.weight"},
    {"lm_head.weight", "output.weight"},
};

ModelConfig defaults(RopeLayout rope, float rmsEps = 1e-6f, float ropeTheta = 10000.0f)
{
    ModelConfig c;
    c.ropeLayout = rope;
    c.rmsEps = rmsEps;
    c.ropeTheta = ropeTheta;
    return c;
}

// ---- llama: Llama 1-3.x. Interleaved rope, so Hugging Face's rotate-half q/k rows are permuted
// back (llama.cpp's converter does the same). Llama 3.1+'s rope scaling ("llama3") becomes the
// rope_freqs.weight tensor of per-pair frequency divisors; linear scaling becomes rope.scaling.*.
Architecture makeLlama()
{
    Architecture a;
    a.name = "llama";
    a.gguf = "llama";
    a.hfModelTypes = {"llama"};
    a.defaults = defaults(RopeLayout::Interleaved);
    a.keys = keysWith(key<&ModelConfig::vocabSize>("vocab_size"));
    a.ropeFreqsTensor = true;
    a.hfLayerNames = layerNamesWith({{"post_attention_layernorm.weight", "ffn_norm.weight"}});
    a.hfTopNames = kTopNames;
    a.permuteQk = true;
    return a;
}

// ---- mistral: llama.cpp runs Mistral as "llama" (its converter writes general.architecture
// llama). Mistral 7B v0.1's sliding window (4096) is not applied by llama.cpp's llama graph, so
// it is not applied here either: the same for windows up to 4096 tokens.
Architecture makeMistral()
{
    Architecture a = makeLlama();
    a.name = "mistral";
    a.hfModelTypes = {"mistral"};
    return a;
}

// ---- qwen2: Qwen2 / Qwen2.5. NEOX rope (no permutation), biases on q/k/v.
Architecture makeQwen2()
{
    Architecture a;
    a.name = "qwen2";
    a.gguf = "qwen2";
    a.hfModelTypes = {"qwen2"};
    a.defaults = defaults(RopeLayout::Neox);
    a.keys = commonKeys();
    a.layer.qkvBias = true;
    a.hfLayerNames = layerNamesWith({{"post_attention_layernorm.weight", "ffn_norm.weight"},
                                     {"self_attn.q_proj.bias", "attn_q.bias"},
                                     {"self_attn.k_proj.bias", "attn_k.bias"},
                                     {"self_attn.v_proj.bias", "attn_v.bias"}});
    a.hfTopNames = kTopNames;
    return a;
}

// ---- qwen3: NEOX rope, RMSNorm of every query and key head (weights of head_dim) before rope;
// head_dim is its own hyper-parameter (attention.key_length).
Architecture makeQwen3()
{
    Architecture a;
    a.name = "qwen3";
    a.gguf = "qwen3";
    a.hfModelTypes = {"qwen3"};
    a.defaults = defaults(RopeLayout::Neox);
    a.keys = commonKeys();
    a.layer.qkNorm = true;
    a.hfLayerNames = layerNamesWith({{"post_attention_layernorm.weight", "ffn_norm.weight"},
                                     {"self_attn.q_norm.weight", "attn_q_norm.weight"},
                                     {"self_attn.k_norm.weight", "attn_k_norm.weight"}});
    a.hfTopNames = kTopNames;
    return a;
}

// ---- gemma2 / gemma3 share: embeddings scaled by sqrt(dim), GeGLU (tanh GELU) FFN, norms after
// attention and after the FFN, tied classifier (llama.cpp never reads output.weight), NEOX rope,
// Hugging Face's (1 + w) norms stored as 1 + w. llama.cpp scales queries by 1/sqrt(head_dim),
// except for the 27B models (told apart by layer count) where it uses 1/sqrt(dim / heads).
float gemmaLlamaCppQueryScale(const ModelConfig& c, int bigModelLayers)
{
    return c.nLayers == bigModelLayers ? 1.0f / std::sqrt(float(c.dim / c.nHeads)) : 1.0f / std::sqrt(float(c.headDim()));
}

std::string gemmaScaleNote(const ModelConfig& c, int bigModelLayers)
{
    const float want = c.attnScale > 0 ? c.attnScale : 1.0f / std::sqrt(float(c.headDim()));
    const float got = gemmaLlamaCppQueryScale(c, bigModelLayers);
    if (std::fabs(want - got) <= 1e-6f * got)
        return {};
    return "config.json scales queries by 1/sqrt(" + std::to_string(int(std::lround(1.0 / (double(want) * want)))) +
           ") (query_pre_attn_scalar), llama.cpp by 1/sqrt(" + std::to_string(int(std::lround(1.0 / (double(got) * got)))) +
           ") for a model of " + std::to_string(c.nLayers) + " layers: llama.cpp will not run this GGUF as Transformers does";
}

void gemmaHfCommon(const ConfigReader& r, ModelConfig& c)
{
    c.embedScale = std::sqrt(float(c.dim));
    const int hd = c.headDim();
    const double qpas = r.optNumber("query_pre_attn_scalar").value_or(hd);
    if (!(qpas > 0))
        r.fail("\"query_pre_attn_scalar\" must be positive");
    c.attnScale = float(1.0 / std::sqrt(qpas));
    c.attnSoftcap = float(r.optNumber("attn_logit_softcapping").value_or(0));
    c.finalSoftcap = float(r.optNumber("final_logit_softcapping").value_or(0));
}

// The sliding-window layers of a GGUF: every period-th layer global, the period from
// <arch>.attention.sliding_window_pattern when it is a number (llama.cpp's gemma2/gemma3 read only
// a number there), else the architecture's.
void ggufSlidingLayers(const Model& m, ModelConfig& c, int defaultPeriod)
{
    int period = defaultPeriod;
    if (const MetaValue* p = ggufKey(m, c, "attention.sliding_window_pattern"); p && p->type != MetaType::Array)
        if (const auto v = p->asInt(); v && *v >= 0 && *v <= c.nLayers)
            period = int(*v);
    c.slidingLayers = periodicSlidingLayers(c.nLayers, period);
}

// The period of the sliding-window layers, 0 if they follow none.
int slidingPeriod(const ModelConfig& c)
{
    for (int p = 1; p <= c.nLayers; ++p)
        if (c.slidingLayers == periodicSlidingLayers(c.nLayers, p))
            return p;
    return 0;
}

// Writes the period when it is not the architecture's default.
void writeSlidingPattern(const ModelConfig& c, std::vector<MetaEntry>& out, int defaultPeriod)
{
    const int p = slidingPeriod(c);
    if (c.slidingWindow > 0 && p > 0 && p != defaultPeriod)
        out.push_back({std::string(c.arch->gguf) + ".attention.sliding_window_pattern", MetaValue::ofU32(uint32_t(p))});
}

std::string gemmaNotes(const ModelConfig& c, int bigModelLayers)
{
    std::string note = gemmaScaleNote(c, bigModelLayers);
    if (c.slidingWindow > 0 && slidingPeriod(c) == 0)
        note += std::string(note.empty() ? "" : "; ") +
                "the sliding-window layers follow no period, which a GGUF cannot state: llama.cpp will use "
                "its default pattern";
    return note;
}

Architecture gemmaBase()
{
    Architecture a;
    a.defaults = defaults(RopeLayout::Neox);
    a.defaults.activation = Activation::GeluTanh;
    a.layer.postNorms = true;
    a.outputTensor = false;
    a.hfLayerNames = layerNamesWith({{"post_attention_layernorm.weight", "post_attention_norm.weight"},
                                     {"pre_feedforward_layernorm.weight", "ffn_norm.weight"},
                                     {"post_feedforward_layernorm.weight", "post_ffw_norm.weight"}});
    a.hfTopNames = {{"model.embed_tokens.weight", "token_embd.weight"}, {"model.norm.weight", "output_norm.weight"}};
    a.normPlusOne = true;
    return a;
}

// ---- gemma2: attention and final logit soft-capping, every other layer (the even ones) a
// sliding window (4096 by default).
constexpr int kGemma2BigLayers = 46;  // Gemma 2 27B

Architecture makeGemma2()
{
    Architecture a = gemmaBase();
    a.name = "gemma2";
    a.gguf = "gemma2";
    a.hfModelTypes = {"gemma2"};
    a.defaults.attnSoftcap = 50.0f;   // llama.cpp's defaults when the keys are absent
    a.defaults.finalSoftcap = 30.0f;
    a.defaults.slidingWindow = 4096;
    a.keys = keysWith(key<&ModelConfig::attnSoftcap>("attn_logit_softcapping"),
                      key<&ModelConfig::finalSoftcap>("final_logit_softcapping"),
                      key<&ModelConfig::slidingWindow>("attention.sliding_window"));
    a.fromHf = [](const ConfigReader& r, ModelConfig& c) {
        gemmaHfCommon(r, c);
        c.slidingWindow = r.optInt("sliding_window").value_or(4096);
        c.slidingLayers = hfSlidingLayers(r, c.nLayers, 2);
    };
    a.fromGguf = [](const Model& m, ModelConfig& c) {
        c.embedScale = std::sqrt(float(c.dim));
        c.attnScale = gemmaLlamaCppQueryScale(c, kGemma2BigLayers);
        ggufSlidingLayers(m, c, 2);
    };
    a.toGguf = [](const ModelConfig& c, std::vector<MetaEntry>& out) { writeSlidingPattern(c, out, 2); };
    a.exportNote = [](const ModelConfig& c) { return gemmaNotes(c, kGemma2BigLayers); };
    return a;
}

// ---- gemma3: per-head q/k RMSNorm, five sliding-window layers then one global one, the sliding
// layers with their own rope base (rope_local_base_freq, 10000) and without the rope scaling of
// the global ones; no soft-capping unless config.json asks. Text-only checkpoints are
// "gemma3_text"; multimodal ones ("gemma3") keep the language model under language_model.
constexpr int kGemma3BigLayers = 62;  // Gemma 3 27B

Architecture makeGemma3()
{
    Architecture a = gemmaBase();
    a.name = "gemma3";
    a.gguf = "gemma3";
    a.hfModelTypes = {"gemma3_text", "gemma3"};
    a.defaults.ropeTheta = 1000000.0f;
    a.defaults.ropeThetaSwa = 10000.0f;
    a.defaults.ropeFreqScaleSwa = 1.0f;
    a.layer.qkNorm = true;
    a.keys = keysWith(key<&ModelConfig::slidingWindow>("attention.sliding_window"),
                      key<&ModelConfig::ropeThetaSwa>("rope.freq_base_swa"),
                      key<&ModelConfig::finalSoftcap>("final_logit_softcapping", false, true));
    a.hfLayerNames.push_back({"self_attn.q_norm.weight", "attn_q_norm.weight"});
    a.hfLayerNames.push_back({"self_attn.k_norm.weight", "attn_k_norm.weight"});
    a.hfPrefixes = {{"language_model.model.", "model."}, {"model.language_model.", "model."},
                    {"language_model.lm_head.", "lm_head."}};
    a.fromHf = [](const ConfigReader& r, ModelConfig& c) {
        gemmaHfCommon(r, c);
        if (c.attnSoftcap > 0)
            r.fail("\"attn_logit_softcapping\" is set, which llama.cpp's gemma3 does not apply (not supported)");
        c.slidingWindow = r.optInt("sliding_window").value_or(0);
        c.slidingLayers = hfSlidingLayers(r, c.nLayers, 6);
        c.ropeThetaSwa = float(r.optNumber("rope_local_base_freq").value_or(10000.0));
    };
    a.fromGguf = [](const Model& m, ModelConfig& c) {
        c.embedScale = std::sqrt(float(c.dim));
        c.attnScale = gemmaLlamaCppQueryScale(c, kGemma3BigLayers);
        ggufSlidingLayers(m, c, 6);
    };
    a.toGguf = [](const ModelConfig& c, std::vector<MetaEntry>& out) { writeSlidingPattern(c, out, 6); };
    a.exportNote = [](const ModelConfig& c) { return gemmaNotes(c, kGemma3BigLayers); };
    return a;
}

// ---- phi3: Phi-3 / Phi-3.5 / Phi-4-mini. q, k, v in one fused attn_qkv and gate, up in one
// ffn_up (gate rows first), both kept fused as llama.cpp's converter keeps them; NEOX rope over
// partial_rotary_factor of each head. llama.cpp runs phi3 without its sliding window (it warns
// and disables it), so it is not applied here either.
Architecture makePhi3()
{
    Architecture a;
    a.name = "phi3";
    a.gguf = "phi3";
    a.hfModelTypes = {"phi3"};
    a.defaults = defaults(RopeLayout::Neox, 1e-5f);
    a.keys = commonKeys();
    a.layer.fusedQkv = true;
    a.layer.fusedGateUp = true;
    a.hfLayerNames = {{"input_layernorm.weight", "attn_norm.weight"},
                      {"self_attn.qkv_proj.weight", "attn_qkv.weight"},
                      {"self_attn.o_proj.weight", "attn_output.weight"},
                      {"post_attention_layernorm.weight", "ffn_norm.weight"},
                      {"mlp.gate_up_proj.weight", "ffn_up.weight"},
                      {"mlp.down_proj.weight", "ffn_down.weight"}};
    a.hfTopNames = kTopNames;
    a.fromHf = [](const ConfigReader& r, ModelConfig& c) {
        const double f = r.optNumber("partial_rotary_factor").value_or(1.0);
        if (!(f > 0 && f <= 1))
            r.fail("\"partial_rotary_factor\" must be in (0, 1]");
        c.ropeDim = int(f * c.headDim());
    };
    return a;
}

}  // namespace

const std::vector<const Architecture*>& architectures()
{
    static const Architecture llama = makeLlama(), mistral = makeMistral(), qwen2 = makeQwen2(), qwen3 = makeQwen3(),
                              gemma2 = makeGemma2(), gemma3 = makeGemma3(), phi3 = makePhi3();
    static const std::vector<const Architecture*> all{&llama, &mistral, &qwen2, &qwen3, &gemma2, &gemma3, &phi3};
    return all;
}

}  // namespace qs
