// The llama family seen the same way from GGUF, llama2.c and Hugging Face safetensors.
#include "core/model/llama.h"

#include "core/util/error.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <charconv>
#include <cstring>

namespace qs {
namespace {

bool plausible(const LlamaConfig& c)
{
    return c.dim > 0 && c.hiddenDim > 0 && c.nLayers > 0 && c.nHeads > 0 && c.nKvHeads > 0 && c.vocabSize > 0 &&
           c.dim % c.nHeads == 0 && c.nHeads % c.nKvHeads == 0 && c.ropeDim >= 0 && c.ropeDim <= c.headDim() &&
           c.ropeDim % 2 == 0 && c.contextLength >= 0;
}

std::optional<int> metaInt(const Model& m, const std::string& key)
{
    const MetaValue* v = m.meta(key);
    if (!v)
        return std::nullopt;
    const auto i = v->asInt();
    if (!i || *i < 0 || *i > (1 << 30))
        return std::nullopt;
    return int(*i);
}

std::optional<float> metaFloat(const Model& m, const std::string& key)
{
    const MetaValue* v = m.meta(key);
    if (!v)
        return std::nullopt;
    const auto f = v->asFloat();
    return f ? std::optional<float>(float(*f)) : std::nullopt;
}

std::optional<LlamaConfig> fromMetadata(const Model& m)
{
    const MetaValue* arch = m.meta("general.architecture");
    if (!arch || arch->type != MetaType::String || arch->s != "llama")
        return std::nullopt;
    const std::string p = arch->s + ".";
    LlamaConfig c;
    const auto dim = metaInt(m, p + "embedding_length");
    const auto ff = metaInt(m, p + "feed_forward_length");
    const auto layers = metaInt(m, p + "block_count");
    const auto heads = metaInt(m, p + "attention.head_count");
    if (!dim || !ff || !layers || !heads)
        return std::nullopt;
    c.dim = *dim;
    c.hiddenDim = *ff;
    c.nLayers = *layers;
    c.nHeads = *heads;
    c.nKvHeads = metaInt(m, p + "attention.head_count_kv").value_or(c.nHeads);
    c.contextLength = metaInt(m, p + "context_length").value_or(0);
    c.ropeDim = metaInt(m, p + "rope.dimension_count").value_or(c.headDim());
    c.rmsEps = metaFloat(m, p + "attention.layer_norm_rms_epsilon").value_or(1e-5f);
    c.ropeTheta = metaFloat(m, p + "rope.freq_base").value_or(10000.0f);
    if (auto v = metaInt(m, p + "vocab_size"))
        c.vocabSize = *v;
    else if (const TensorInfo* t = m.find("token_embd.weight"); t && t->shape.size() == 2 && t->shape[0] <= (1 << 30))
        c.vocabSize = int(t->shape[0]);
    else if (const MetaValue* tok = m.meta("tokenizer.ggml.tokens");
             tok && tok->type == MetaType::Array && tok->arraySize() <= (1u << 30))
        c.vocabSize = int(tok->arraySize());
    c.tiedEmbeddings = m.find("output.weight") == nullptr;
    return c;
}

std::optional<int> cfgInt(const QJsonObject& o, const char* key)
{
    const QJsonValue v = o.value(QLatin1String(key));
    if (!v.isDouble())
        return std::nullopt;
    const double d = v.toDouble();
    if (!(d >= 0) || d > double(1 << 30) || d != double(int(d)))
        return std::nullopt;
    return int(d);
}

std::optional<LlamaConfig> fromHfConfig(const Model& m)
{
    const QJsonObject& o = m.hfConfig;
    const bool llama = o.value(QLatin1String("model_type")).toString() == QLatin1String("llama") ||
                       o.value(QLatin1String("architectures")).toArray().contains(QStringLiteral("LlamaForCausalLM"));
    if (!llama)
        return std::nullopt;
    LlamaConfig c;
    const auto dim = cfgInt(o, "hidden_size");
    const auto ff = cfgInt(o, "intermediate_size");
    const auto layers = cfgInt(o, "num_hidden_layers");
    const auto heads = cfgInt(o, "num_attention_heads");
    const auto vocab = cfgInt(o, "vocab_size");
    if (!dim || !ff || !layers || !heads || !vocab)
        return std::nullopt;
    c.dim = *dim;
    c.hiddenDim = *ff;
    c.nLayers = *layers;
    c.nHeads = *heads;
    c.nKvHeads = cfgInt(o, "num_key_value_heads").value_or(c.nHeads);
    c.vocabSize = *vocab;
    c.contextLength = cfgInt(o, "max_position_embeddings").value_or(0);
    c.ropeDim = c.headDim();
    c.rmsEps = float(o.value(QLatin1String("rms_norm_eps")).toDouble(1e-6));
    c.ropeTheta = float(o.value(QLatin1String("rope_theta")).toDouble(10000.0));
    c.tiedEmbeddings = m.find("lm_head.weight") == nullptr;
    return c;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// "model.layers.N.REST" -> N and REST.
bool splitLayer(std::string_view name, int& layer, std::string_view& rest)
{
    constexpr std::string_view pre = "model.layers.";
    if (!startsWith(name, pre))
        return false;
    name.remove_prefix(pre.size());
    const auto dot = name.find('.');
    if (dot == std::string_view::npos || dot == 0)
        return false;
    const auto [ptr, ec] = std::from_chars(name.data(), name.data() + dot, layer);
    if (ec != std::errc() || ptr != name.data() + dot || layer < 0)
        return false;
    rest = name.substr(dot + 1);
    return true;
}

}  // namespace

std::optional<LlamaConfig> llamaConfig(const Model& m)
{
    std::optional<LlamaConfig> c = fromMetadata(m);
    if (!c && !m.hfConfig.isEmpty())
        c = fromHfConfig(m);
    if (!c || !plausible(*c))
        return std::nullopt;
    return c;
}

int layersPresent(const Model& m)
{
    int64_t top = 0;
    for (const auto& t : m.tensors) {
        std::string_view n(t.name);
        for (std::string_view pre : {std::string_view("blk."), std::string_view("model.layers.")}) {
            if (!startsWith(n, pre))
                continue;
            const std::string_view rest = n.substr(pre.size());
            int64_t l = 0;
            const auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), l);
            if (ec == std::errc() && ptr != rest.data() && ptr < rest.data() + rest.size() && *ptr == '.' && l >= 0 &&
                l < (int64_t(1) << 30))
                top = std::max(top, l + 1);
        }
    }
    return int(top);
}

void checkLlamaConfig(const Model& m, const LlamaConfig& c)
{
    const int layers = layersPresent(m);
    if (c.nLayers != layers)
        invalidInput(m.path, "the hyper-parameters say " + std::to_string(c.nLayers) + " layers (block_count / "
                             "num_hidden_layers), but the tensors are those of " + std::to_string(layers));
    for (const char* name : {"token_embd.weight", "model.embed_tokens.weight"}) {
        const TensorInfo* t = m.find(name);
        if (!t || t->shape.empty())
            continue;
        if (t->shape.size() != 2)
            invalidInput(m.path, "tensor '" + t->name + "' has " + std::to_string(t->shape.size()) +
                                     " dimensions; a token embedding is a matrix (vocabulary x embedding)");
        if (t->shape[0] != c.vocabSize)
            invalidInput(m.path, "the hyper-parameters say a vocabulary of " + std::to_string(c.vocabSize) +
                                     " tokens, but '" + t->name + "' has " + std::to_string(t->shape[0]) + " rows");
    }
}

std::string llamaCppName(const std::string& name)
{
    static const std::pair<std::string_view, std::string_view> top[] = {
        {"model.embed_tokens.weight", "token_embd.weight"},
        {"lm_head.weight", "output.weight"},
        {"model.norm.weight", "output_norm.weight"},
    };
    for (const auto& [hf, cpp] : top)
        if (name == hf)
            return std::string(cpp);
    static const std::pair<std::string_view, std::string_view> layerParts[] = {
        {"input_layernorm.weight", "attn_norm.weight"},
        {"post_attention_layernorm.weight", "ffn_norm.weight"},
        {"self_attn.q_proj.weight", "attn_q.weight"},
        {"self_attn.k_proj.weight", "attn_k.weight"},
        {"self_attn.v_proj.weight", "attn_v.weight"},
        {"self_attn.o_proj.weight", "attn_output.weight"},
        {"mlp.gate_proj.weight", "ffn_gate.weight"},
        {"mlp.up_proj.weight", "ffn_up.weight"},
        {"mlp.down_proj.weight", "ffn_down.weight"},
    };
    int layer = 0;
    std::string_view rest;
    if (splitLayer(name, layer, rest)) {
        for (const auto& [hf, cpp] : layerParts)
            if (rest == hf)
                return "blk." + std::to_string(layer) + "." + std::string(cpp);
        return {};
    }
    // Already llama.cpp's names?
    static const std::string_view cppTop[] = {"token_embd.weight", "output.weight", "output_norm.weight"};
    for (auto n : cppTop)
        if (name == n)
            return name;
    if (startsWith(name, "blk.")) {
        std::string_view s(name);
        s.remove_prefix(4);
        const auto dot = s.find('.');
        int l = 0;
        if (dot != std::string_view::npos && dot > 0) {
            const auto [ptr, ec] = std::from_chars(s.data(), s.data() + dot, l);
            if (ec == std::errc() && ptr == s.data() + dot) {
                const std::string_view part = s.substr(dot + 1);
                for (const auto& [hf, cpp] : layerParts)
                    if (part == cpp)
                        return "blk." + std::to_string(l) + "." + std::string(part);  // "blk.00." is layer 0 too
            }
        }
    }
    return {};
}

std::vector<float> llamaCppWeights(const Model& m, const TensorInfo& t)
{
    std::vector<float> w = m.toFloat(t);
    int layer = 0;
    std::string_view rest;
    if (!splitLayer(t.name, layer, rest))
        return w;
    const bool q = rest == "self_attn.q_proj.weight", k = rest == "self_attn.k_proj.weight";
    if (!q && !k)
        return w;
    const auto c = llamaConfig(m);
    if (!c)
        invalidInput(m.path, "tensor '" + t.name + "': cannot undo the rotary permutation without the model's "
                                                   "head counts (config.json)");
    const int64_t heads = q ? c->nHeads : c->nKvHeads;
    const int64_t hd = c->headDim();
    const int64_t cols = t.cols();
    if (t.shape.size() != 2 || t.rows() != heads * hd)
        invalidInput(m.path, "tensor '" + t.name + "' has " + std::to_string(t.rows()) + " rows, expected " +
                                 std::to_string(heads * hd) + " (" + std::to_string(heads) + " heads of " +
                                 std::to_string(hd) + ")");
    // llama.cpp row h*hd + 2i + j  <-  HF row h*hd + j*hd/2 + i
    std::vector<float> out(w.size());
    const int64_t half = hd / 2;
    for (int64_t h = 0; h < heads; ++h)
        for (int64_t i = 0; i < half; ++i)
            for (int64_t j = 0; j < 2; ++j) {
                const int64_t dst = h * hd + 2 * i + j, src = h * hd + j * half + i;
                std::memcpy(out.data() + dst * cols, w.data() + src * cols, size_t(cols) * sizeof(float));
            }
    return out;
}

}  // namespace qs
