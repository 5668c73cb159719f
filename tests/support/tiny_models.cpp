#include "tests/support/tiny_models.h"

#include "core/util/half.h"
#include "core/util/random.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <cstring>

namespace qs::test {

namespace {

struct Rng {
    uint64_t s;
    uint64_t next() { return splitmix64(s); }
    double uniform() { return (double(next() >> 11) + 0.5) * 0x1.0p-53; }
    double normal() { return std::sqrt(-2.0 * std::log(uniform())) * std::cos(2.0 * M_PI * uniform()); }
};

int intOf(const QJsonObject& c, const char* k) { return c.value(QLatin1String(k)).toInt(); }

bool endsWith(const std::string& s, const char* p)
{
    const size_t n = std::strlen(p);
    return s.size() >= n && s.compare(s.size() - n, n, p) == 0;
}

}  // namespace

QStringList tinyArchitectures()
{
    return {"llama", "mistral", "qwen2", "qwen3", "gemma2", "gemma3_text", "phi3"};
}

QJsonObject tinyConfig(const QString& t)
{
    QJsonObject c{{"model_type", t},
                  {"hidden_size", 64},
                  {"intermediate_size", 128},
                  {"num_hidden_layers", 2},
                  {"num_attention_heads", 4},
                  {"num_key_value_heads", 2},
                  {"vocab_size", 512},
                  {"max_position_embeddings", 256},
                  {"rms_norm_eps", 1e-5},
                  {"rope_theta", 10000.0},
                  {"tie_word_embeddings", false},
                  {"hidden_act", "silu"}};
    if (t == "llama") {
        c["architectures"] = QJsonArray{"LlamaForCausalLM"};
        c["rope_theta"] = 500000.0;
        c["rope_scaling"] = QJsonObject{{"rope_type", "llama3"},
                                        {"factor", 8.0},
                                        {"low_freq_factor", 1.0},
                                        {"high_freq_factor", 4.0},
                                        {"original_max_position_embeddings", 64}};
    } else if (t == "mistral") {
        c["architectures"] = QJsonArray{"MistralForCausalLM"};
        c["head_dim"] = 32;  // q is 128 wide on a 64-wide residual stream (as Mistral Nemo)
        c["sliding_window"] = QJsonValue::Null;
    } else if (t == "qwen2") {
        c["architectures"] = QJsonArray{"Qwen2ForCausalLM"};
        c["rope_theta"] = 1000000.0;
        c["tie_word_embeddings"] = true;
        c["use_sliding_window"] = false;
    } else if (t == "qwen3") {
        c["architectures"] = QJsonArray{"Qwen3ForCausalLM"};
        c["head_dim"] = 32;
        c["rope_theta"] = 1000000.0;
        c["rms_norm_eps"] = 1e-6;
    } else if (t == "gemma2") {
        c["architectures"] = QJsonArray{"Gemma2ForCausalLM"};
        c["head_dim"] = 32;
        c["query_pre_attn_scalar"] = 32;
        c["attn_logit_softcapping"] = 2.0;   // small caps so tanh bends the scores and logits
        c["final_logit_softcapping"] = 5.0;
        c["sliding_window"] = 8;
        c["hidden_activation"] = "gelu_pytorch_tanh";
        c["hidden_act"] = "gelu_pytorch_tanh";
        c["tie_word_embeddings"] = true;
        c["rms_norm_eps"] = 1e-6;
    } else if (t == "gemma3_text") {
        c["architectures"] = QJsonArray{"Gemma3ForCausalLM"};
        c["num_hidden_layers"] = 6;  // five sliding-window layers, then a global one
        c["head_dim"] = 32;
        c["query_pre_attn_scalar"] = 32;
        c["sliding_window"] = 8;
        c["sliding_window_pattern"] = 6;
        c["rope_theta"] = 1000000.0;
        c["rope_local_base_freq"] = 10000.0;
        c["rope_scaling"] = QJsonObject{{"rope_type", "linear"}, {"factor", 4.0}};
        c["final_logit_softcapping"] = QJsonValue::Null;
        c["attn_logit_softcapping"] = QJsonValue::Null;
        c["hidden_activation"] = "gelu_pytorch_tanh";
        c["tie_word_embeddings"] = true;
        c["rms_norm_eps"] = 1e-6;
    } else if (t == "phi3") {
        c["architectures"] = QJsonArray{"Phi3ForCausalLM"};
        c["partial_rotary_factor"] = 0.5;
        c["rope_scaling"] = QJsonValue::Null;
        c["sliding_window"] = 2047;
    }
    return c;
}

std::vector<HfTensor> tinyTensors(const QString& t, const QJsonObject& c)
{
    const int64_t D = intOf(c, "hidden_size"), F = intOf(c, "intermediate_size"), L = intOf(c, "num_hidden_layers"),
                  H = intOf(c, "num_attention_heads"), KV = intOf(c, "num_key_value_heads"), V = intOf(c, "vocab_size");
    const int64_t hd = c.contains("head_dim") ? intOf(c, "head_dim") : D / H;
    const bool gemma = t.startsWith(QLatin1String("gemma"));
    std::vector<HfTensor> v{{"model.embed_tokens.weight", {V, D}}};
    for (int64_t l = 0; l < L; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        v.push_back({p + "input_layernorm.weight", {D}});
        if (t == "phi3") {
            v.push_back({p + "self_attn.qkv_proj.weight", {(H + 2 * KV) * hd, D}});
        } else {
            v.push_back({p + "self_attn.q_proj.weight", {H * hd, D}});
            v.push_back({p + "self_attn.k_proj.weight", {KV * hd, D}});
            v.push_back({p + "self_attn.v_proj.weight", {KV * hd, D}});
        }
        if (t == "qwen2") {
            v.push_back({p + "self_attn.q_proj.bias", {H * hd}});
            v.push_back({p + "self_attn.k_proj.bias", {KV * hd}});
            v.push_back({p + "self_attn.v_proj.bias", {KV * hd}});
        }
        if (t == "qwen3" || t == "gemma3_text") {
            v.push_back({p + "self_attn.q_norm.weight", {hd}});
            v.push_back({p + "self_attn.k_norm.weight", {hd}});
        }
        v.push_back({p + "self_attn.o_proj.weight", {D, H * hd}});
        v.push_back({p + "post_attention_layernorm.weight", {D}});
        if (gemma) {
            v.push_back({p + "pre_feedforward_layernorm.weight", {D}});
            v.push_back({p + "post_feedforward_layernorm.weight", {D}});
        }
        if (t == "phi3") {
            v.push_back({p + "mlp.gate_up_proj.weight", {2 * F, D}});
        } else {
            v.push_back({p + "mlp.gate_proj.weight", {F, D}});
            v.push_back({p + "mlp.up_proj.weight", {F, D}});
        }
        v.push_back({p + "mlp.down_proj.weight", {D, F}});
        if (t == "llama" && l == 0)
            v.push_back({p + "self_attn.rotary_emb.inv_freq", {hd / 2}});  // older checkpoints carry it
    }
    v.push_back({"model.norm.weight", {D}});
    if (!c.value(QLatin1String("tie_word_embeddings")).toBool())
        v.push_back({"lm_head.weight", {V, D}});
    return v;
}

void writeSafetensors(const QString& path, const std::vector<HfTensor>& tensors,
                      const std::vector<std::vector<float>>& values, const QString& dtype)
{
    const size_t es = dtype == QLatin1String("F32") ? 4 : 2;
    QJsonObject header;
    QByteArray data;
    for (size_t i = 0; i < tensors.size(); ++i) {
        QJsonArray shape;
        for (int64_t d : tensors[i].shape)
            shape.append(qint64(d));
        const qint64 begin = data.size();
        for (float f : values[i]) {
            if (es == 4) {
                data.append(reinterpret_cast<const char*>(&f), 4);
            } else {
                const uint16_t h = dtype == QLatin1String("BF16") ? fp32ToBf16(f) : fp32ToFp16(f);
                data.append(reinterpret_cast<const char*>(&h), 2);
            }
        }
        header.insert(QString::fromStdString(tensors[i].name),
                      QJsonObject{{"dtype", dtype}, {"shape", shape}, {"data_offsets", QJsonArray{begin, data.size()}}});
    }
    header.insert("__metadata__", QJsonObject{{"format", "pt"}});
    QByteArray h = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (h.size() % 8)
        h.append(' ');
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    const uint64_t n = uint64_t(h.size());
    f.write(reinterpret_cast<const char*>(&n), 8);
    f.write(h);
    f.write(data);
}

QString writeTinyHfModel(const QString& dir, const QString& modelType, const QString& dtype, uint64_t seed,
                         const QJsonObject& configChanges)
{
    QDir().mkpath(dir);
    QJsonObject c = tinyConfig(modelType);
    QJsonObject shapes = c;  // the tensors follow numeric and boolean changes only (a broken config keeps them)
    for (auto it = configChanges.begin(); it != configChanges.end(); ++it) {
        if (it.value().isNull())
            c.remove(it.key());
        else
            c.insert(it.key(), it.value());
        if (it.value().isDouble() || it.value().isBool())
            shapes.insert(it.key(), it.value());
    }
    QFile cf(dir + "/config.json");
    if (!cf.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s/config.json", qPrintable(dir));
    cf.write(QJsonDocument(c).toJson());
    cf.close();

    const bool gemma = modelType.startsWith(QLatin1String("gemma"));
    const std::vector<HfTensor> tensors = tinyTensors(modelType, shapes);
    std::vector<std::vector<float>> values;
    Rng rng{seed * 0x2545F4914F6CDD1Dull + 7};
    for (const HfTensor& t : tensors) {
        int64_t n = 1;
        for (int64_t d : t.shape)
            n *= d;
        std::vector<float> v(static_cast<size_t>(n));
        const int64_t cols = t.shape.back();
        for (float& x : v) {
            if (endsWith(t.name, "norm.weight"))  // gemma stores w of (1 + w)
                x = float((gemma ? 0.0 : 1.0) + 0.1 * rng.normal());
            else if (endsWith(t.name, ".bias"))
                x = float(0.5 * rng.normal());
            else if (endsWith(t.name, "inv_freq"))
                x = float(rng.uniform());
            else if (t.name == "model.embed_tokens.weight" || t.name == "lm_head.weight")
                x = float(0.4 * rng.normal());
            else
                x = float(rng.normal() / std::sqrt(double(cols)));
        }
        values.push_back(std::move(v));
    }
    writeSafetensors(dir + "/model.safetensors", tensors, values, dtype);
    return dir;
}

}  // namespace qs::test
