// The tokenizer engine on small hand-made tokenizers whose right answers can be worked out by
// hand: BPE by merge rank (byte-level, and SentencePiece-style with byte fallback), SentencePiece
// by score (GGUF "llama"), special tokens, BOS rules, the GGUF metadata written for llama.cpp and
// read back, and every kind of bad input as a one-line error naming the file.
#include "core/export/export.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/tokenizer/tokenizer.h"
#include "core/tokenizer/tokenizer_internal.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_llama.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace qs;

namespace {

using test::writeFile;

// JSON written with single quotes for readability (no raw strings: moc does not read them).
QByteArray json(const char* singleQuoted) { return QByteArray(singleQuoted).replace('\'', '"'); }

void writeJson(const QString& path, const QJsonObject& o) { writeFile(path, QJsonDocument(o).toJson()); }

// The message of the qs::Error `f` throws (empty if it throws none).
QString errorOf(const std::function<void()>& f, ErrorKind* kind = nullptr)
{
    try {
        f();
    } catch (const Error& e) {
        if (kind)
            *kind = e.kind();
        return QString::fromStdString(e.what());
    }
    return {};
}

MetaValue strings(const std::vector<std::string>& v)
{
    MetaValue m;
    m.type = MetaType::Array;
    m.elementType = MetaType::String;
    for (const auto& s : v)
        m.items.push_back(MetaValue::ofString(s));
    return m;
}

MetaValue floats(const std::vector<float>& v)
{
    MetaValue m;
    m.type = MetaType::Array;
    m.elementType = MetaType::F32;
    for (float f : v)
        m.items.push_back(MetaValue::ofF32(f));
    return m;
}

}  // namespace

class TestTokenizer : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

    QString write(const QString& name, const QJsonObject& tokenizer, const QJsonObject& config = {})
    {
        const QString dir = tmp.filePath(name);
        QDir().mkpath(dir);
        writeJson(dir + "/tokenizer.json", tokenizer);
        if (!config.isEmpty())
            writeJson(dir + "/tokenizer_config.json", config);
        return dir + "/tokenizer.json";
    }

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    void byteLevelBpe()
    {
        const auto t = Tokenizer::fromHuggingFace(write("bl", test::smallByteLevelTokenizer()).toStdString());
        QCOMPARE(t->kind(), Tokenizer::Kind::ByteLevelBpe);
        QCOMPARE(t->size(), 271);
        QVERIFY(t->addBos());
        QCOMPARE(t->bos(), 268);
        const int hello = t->find("hello"), world = t->find("Ġworld"), abc = t->find("abc"), x = 'x';
        QCOMPARE(t->encode("hello world", false), (std::vector<int32_t>{hello, world}));
        QCOMPARE(t->encode("hello world"), (std::vector<int32_t>{268, hello, world}));
        // A word that is a token is that token (ignore_merges); otherwise merges by rank: "b c"
        // (rank 9) before "a b" (rank 10) makes x + abc, not x + ab + c.
        QCOMPARE(t->encode("abc", false), (std::vector<int32_t>{abc}));
        QCOMPARE(t->encode("xabc", false), (std::vector<int32_t>{x, abc}));
        // Bytes: "é" is two byte tokens; a newline is its own word.
        QCOMPARE(t->encode("\xC3\xA9\n", false), (std::vector<int32_t>{0xC3, 0xA9, '\n'}));
        QCOMPARE(t->decode(t->encode("hello world é!", false)), std::string("hello world é!"));
    }

    void addedTokens()
    {
        const auto t = Tokenizer::fromHuggingFace(write("bl2", test::smallByteLevelTokenizer()).toStdString());
        const int hello = t->find("hello");
        // A user-defined (non-special) token is always matched; control tokens only when parsed.
        QCOMPARE(t->encode("hello<tool>hello", false), (std::vector<int32_t>{hello, 270, hello}));
        QCOMPARE(t->encode("hello<|end|>", false, true), (std::vector<int32_t>{hello, 269}));
        const std::vector<int32_t> literal = t->encode("hello<|end|>", false, false);
        QVERIFY(literal.size() > 2);
        QCOMPARE(t->decode(literal), std::string("hello<|end|>"));
        QCOMPARE(t->decode(std::vector<int32_t>{268, hello}, true), std::string("hello"));
        QCOMPARE(t->decode(std::vector<int32_t>{268, hello}, false), std::string("<|begin|>hello"));
    }

    void bosFromConfig()
    {
        // tokenizer_config.json's add_bos_token overrides the post-processor's template.
        const auto t = Tokenizer::fromHuggingFace(
            write("bl3", test::smallByteLevelTokenizer(), QJsonObject{{"add_bos_token", false}, {"eos_token", "<|end|>"}}).toStdString());
        QVERIFY(!t->addBos());
        QCOMPARE(t->eos(), 269);
        QCOMPARE(t->encode("hello", true).size(), size_t(1));
    }

    void sentencePieceBpe()
    {
        const auto t = Tokenizer::fromHuggingFace(write("spm", test::smallSentencePieceTokenizer()).toStdString());
        QCOMPARE(t->kind(), Tokenizer::Kind::SentencePiece);
        QVERIFY(!t->addBos());  // no template, no tokenizer_config.json
        QCOMPARE(t->unk(), 0);
        QCOMPARE(t->type(0), TokenType::Unknown);
        QCOMPARE(t->type(3 + 'c'), TokenType::Byte);
        // "ab ab c" -> ▁ab▁ab▁c: ▁ab ▁ab ▁ <0x63>
        QCOMPARE(t->encode("ab ab c"), (std::vector<int32_t>{264, 264, 259, 3 + 'c'}));
        QCOMPARE(t->decode(t->encode("ab ab c")), std::string("ab ab c"));
        // Byte fallback for a character outside the vocabulary: the prefix ▁, then é's two bytes.
        QCOMPARE(t->encode("é"), (std::vector<int32_t>{259, 3 + 0xC3, 3 + 0xA9}));
        const auto withBos = Tokenizer::fromHuggingFace(
            write("spm2", test::smallSentencePieceTokenizer(), QJsonObject{{"add_bos_token", true}, {"bos_token", "<s>"}}).toStdString());
        QCOMPARE(withBos->encode("ab"), (std::vector<int32_t>{1, 264}));
    }

    // GGUF "llama": the pair whose result has the highest score joins first.
    void sentencePieceByScore()
    {
        std::vector<MetaEntry> meta{{"tokenizer.ggml.model", MetaValue::ofString("llama")},
                                    {"tokenizer.ggml.tokens", strings({"<unk>", "<s>", "</s>", "\xE2\x96\x81", "a", "b",
                                                                       "c", "ab", "bc", "\xE2\x96\x81" "a"})},
                                    {"tokenizer.ggml.scores", floats({0, 0, 0, 0, 0, 0, 0, -2, -1, -3})}};
        const auto t = Tokenizer::fromGgufMetadata(meta, "x.gguf");
        QVERIFY(t->addBos());  // llama.cpp's default for "llama"
        QCOMPARE(t->bos(), 1);
        // ▁abc: bc (-1) before ab (-2) before ▁a (-3): ▁a bc.
        QCOMPARE(t->encode("abc"), (std::vector<int32_t>{1, 9, 8}));
        meta[2].value.items[7] = MetaValue::ofF32(0.5f);  // now ab wins: ▁ ab c
        QCOMPARE(Tokenizer::fromGgufMetadata(meta, "x.gguf")->encode("abc", false), (std::vector<int32_t>{3, 7, 6}));
        meta.push_back({"tokenizer.ggml.add_space_prefix", MetaValue::ofBool(false)});
        meta.push_back({"tokenizer.ggml.add_bos_token", MetaValue::ofBool(false)});
        QCOMPARE(Tokenizer::fromGgufMetadata(meta, "x.gguf")->encode("abc"), (std::vector<int32_t>{7, 6}));
    }

    // The metadata written for llama.cpp reads back as the same tokenizer.
    void ggufMetadataRoundTrip()
    {
        for (const QJsonObject& j : {test::smallSentencePieceTokenizer(), test::smallByteLevelTokenizer()}) {
            const auto hf = Tokenizer::fromHuggingFace(write(QString::number(qHash(QJsonDocument(j).toJson())), j).toStdString());
            const std::vector<MetaEntry> meta = hf->ggufMetadata(hf->size() + 5);
            const auto g = Tokenizer::fromGgufMetadata(meta, "x.gguf");
            QCOMPARE(g->size(), hf->size() + 5);
            QCOMPARE(g->type(hf->size() + 4), TokenType::Unused);
            QCOMPARE(g->kind(), hf->kind());
            QCOMPARE(g->addBos(), hf->addBos());
            for (const char* text : {"ab ab c", "hello world", "abc abc", " a  b\n\nab", "é and ü"})
                QCOMPARE(g->encode(text), hf->encode(text));
        }
        // SentencePiece scores follow merge order: ▁a (merge 0) -1, ab -2, ▁ab -3.
        const auto hf = Tokenizer::fromHuggingFace(write("spm3", test::smallSentencePieceTokenizer()).toStdString());
        for (const MetaEntry& e : hf->ggufMetadata(300))
            if (e.key == "tokenizer.ggml.scores") {
                QCOMPARE(e.value.items[262].f, -1.0);
                QCOMPARE(e.value.items[263].f, -2.0);
                QCOMPARE(e.value.items[264].f, -3.0);
            }
        QVERIFY(errorOf([&] { hf->ggufMetadata(100); }).contains("more than the model's vocabulary of 100"));
    }

    void badTokenizerJson_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("not json") << QByteArray("{\"model\": {") << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1, 2]") << "not a JSON object";
        QTest::newRow("no model") << QByteArray("{\"version\": \"1.0\"}") << "no \"model\" object";
        QTest::newRow("unigram") << json("{'model': {'type': 'Unigram', 'vocab': [['a', 0]]}}")
                                 << "the tokenizer model is 'Unigram'";
        QTest::newRow("empty vocab") << json("{'model': {'type': 'BPE', 'vocab': {}, 'merges': []}}")
                                     << "model.vocab is missing or empty";
        QTest::newRow("bad id") << json("{'model': {'type': 'BPE', 'vocab': {'a': -3}, 'merges': []}}")
                                << "token 'a' has no valid id";
        QTest::newRow("shared id") << json("{'model': {'type': 'BPE', 'vocab': {'a': 0, 'b': 0}, 'merges': []}}")
                                   << "is given to both";
        QTest::newRow("merge") << json("{'model': {'type': 'BPE', 'vocab': {'a': 0, 'b': 1}, 'merges': ['a b']}}")
                               << "merge 0 ('a' 'b'): 'ab' is not in the vocabulary";
        QTest::newRow("pre") << json("{'model': {'type': 'BPE', 'vocab': {'a': 0}, 'merges': []}, 'pre_tokenizer': {'type': 'BertPreTokenizer'}}")
                             << "pre-tokenizer 'BertPreTokenizer' is not supported";
        QTest::newRow("regex") << json("{'model': {'type': 'BPE', 'vocab': {'a': 0}, 'merges': []}, 'pre_tokenizer': {'type': 'Split', 'pattern': {'Regex': '(a'}, 'behavior': 'Isolated'}}")
                               << "does not compile";
        QTest::newRow("unk") << json("{'model': {'type': 'BPE', 'vocab': {'a': 0}, 'merges': [], 'unk_token': '<unk>'}}")
                             << "the unknown token '<unk>' is not in the vocabulary";
    }
    void badTokenizerJson()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString dir = tmp.filePath(QStringLiteral("bad-") + QTest::currentDataTag());
        QDir().mkpath(dir);
        writeFile(dir + "/tokenizer.json", content);
        ErrorKind kind = ErrorKind::Failure;
        const QString e = errorOf([&] { Tokenizer::fromHuggingFace((dir + "/tokenizer.json").toStdString()); }, &kind);
        QVERIFY2(e.startsWith(dir + "/tokenizer.json: ") && e.contains(message), qPrintable(e));
        QVERIFY(!e.contains('\n'));
        QCOMPARE(kind, ErrorKind::InvalidInput);
    }

    void badGgufTokenizer_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("message");
        QTest::newRow("none") << "" << "no tokenizer.ggml.model";
        QTest::newRow("no_vocab") << "no_vocab" << "the model has no tokenizer";
        QTest::newRow("bert") << "bert" << "'bert' is not one QuantScope runs";
        QTest::newRow("gpt2 without merges") << "gpt2" << "without tokenizer.ggml.merges";
        QTest::newRow("unknown pre") << "gpt2-pre" << "tokenizer.ggml.pre 'no-such-pre' is not a pre-tokenizer";
        QTest::newRow("short scores") << "llama-scores" << "tokenizer.ggml.scores has 2 entries for 3 tokens";
    }
    void badGgufTokenizer()
    {
        QFETCH(QString, model);
        QFETCH(QString, message);
        std::vector<MetaEntry> meta;
        if (!model.isEmpty())
            meta.push_back({"tokenizer.ggml.model", MetaValue::ofString(model.section('-', 0, 0).toStdString())});
        meta.push_back({"tokenizer.ggml.tokens", strings({"a", "b", "ab"})});
        if (model == "gpt2-pre") {
            meta.push_back({"tokenizer.ggml.merges", strings({"a b"})});
            meta.push_back({"tokenizer.ggml.pre", MetaValue::ofString("no-such-pre")});
        }
        if (model == "llama-scores")
            meta.push_back({"tokenizer.ggml.scores", floats({0, 0})});
        const QString e = errorOf([&] { Tokenizer::fromGgufMetadata(meta, "m.gguf"); });
        QVERIFY2(e.startsWith("m.gguf: ") && e.contains(message), qPrintable(e));
    }

    void placeholderVocabulary()
    {
        const QString e = errorOf([] { loadTokenizer(*openModel(test::stories("stories260K-f32.gguf").toStdString())); });
        QVERIFY2(e.contains("stories260K-f32.gguf: ") && e.contains("placeholder"), qPrintable(e));
        // QuantScope's own placeholder (written when exporting a model without a tokenizer) too.
        std::vector<std::string> tokens{"<unk>", "<s>", "</s>"};
        for (int b = 0; b < 256; ++b) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "<0x%02X>", b);
            tokens.push_back(buf);
        }
        for (int i = 259; i < 300; ++i)
            tokens.push_back("\xE2\x96\x81tok" + std::to_string(i));
        std::vector<MetaEntry> meta{{"tokenizer.ggml.model", MetaValue::ofString("llama")},
                                    {"tokenizer.ggml.tokens", strings(tokens)}};
        QVERIFY(errorOf([&] { Tokenizer::fromGgufMetadata(meta, "p.gguf"); }).contains("placeholder"));
        tokens.back() = "\xE2\x96\x81hello";  // one real piece: not a placeholder
        meta[1].value = strings(tokens);
        QVERIFY(errorOf([&] { Tokenizer::fromGgufMetadata(meta, "p.gguf"); }).isEmpty());
    }

    void modelsWithoutTokenizer()
    {
        QString e = errorOf([] { loadTokenizer(*openModel(test::stories("stories260K.bin").toStdString())); });
        QVERIFY2(e.contains("carries no tokenizer"), qPrintable(e));
        e = errorOf([] { loadTokenizer(*openModel(test::stories("").toStdString())); });
        QVERIFY2(e.contains("no tokenizer.json beside it"), qPrintable(e));
    }

    // A tokenizer with more tokens than the model's embedding has rows.
    void vocabularySizeMismatch()
    {
        const QString dir = tmp.filePath("small-model");
        test::TinyLlama t;
        t.vocabSize = 200;  // the SentencePiece test tokenizer has 265
        test::writeTinyLlama(dir, t);
        writeJson(dir + "/tokenizer.json", test::smallSentencePieceTokenizer());
        const auto m = openModel(dir.toStdString());
        QString e = errorOf([&] { loadTokenizer(*m); });
        QVERIFY2(e.startsWith(dir + "/tokenizer.json: ") && e.contains("265 tokens") && e.contains("200"), qPrintable(e));
        // The export refuses it too, and leaves no file.
        PlanSpec po;
        po.type = "F16";
        const QString out = tmp.filePath("small.gguf");
        e = errorOf([&] { exportModel(*m, buildPlan(*m, po), out.toStdString()); });
        QVERIFY2(e.contains("tokenizer.json") && e.contains("265 tokens"), qPrintable(e));
        QVERIFY(!QFile::exists(out));
        // A broken tokenizer.json fails the export the same way.
        writeFile(dir + "/tokenizer.json", "{ not json");
        e = errorOf([&] { exportModel(*m, buildPlan(*m, po), out.toStdString()); });
        QVERIFY2(e.startsWith(dir + "/tokenizer.json: not valid JSON"), qPrintable(e));
        QVERIFY(!QFile::exists(out));
    }

    // Export: the HF folder's tokenizer in the GGUF (no placeholder, no warning); one llama.cpp
    // has no pre-tokenizer for gets the placeholder and says why.
    void exportWritesTokenizer()
    {
        const QString dir = tmp.filePath("with-tokenizer");
        test::TinyLlama t;
        t.vocabSize = 280;
        test::writeTinyLlama(dir, t);
        writeJson(dir + "/tokenizer.json", test::smallByteLevelTokenizer());
        const auto m = openModel(dir.toStdString());
        PlanSpec po;
        po.type = "F16";
        const QString out = tmp.filePath("with-tokenizer.gguf");
        const ExportResult r = exportModel(*m, buildPlan(*m, po), out.toStdString());
        QVERIFY(r.warnings.empty());
        const auto g = openModel(out.toStdString());
        QCOMPARE(QString::fromStdString(g->meta("tokenizer.ggml.model")->s), QStringLiteral("gpt2"));
        QCOMPARE(QString::fromStdString(g->meta("tokenizer.ggml.pre")->s), QStringLiteral("llama-bpe"));
        QCOMPARE(g->meta("tokenizer.ggml.merges")->arraySize(), uint64_t(12));
        QCOMPARE(g->meta("tokenizer.ggml.bos_token_id")->u, uint64_t(268));
        QVERIFY(g->meta("tokenizer.ggml.add_bos_token")->b);
        QCOMPARE(g->meta("tokenizer.ggml.tokens")->arraySize(), uint64_t(280));
        QCOMPARE(loadTokenizer(*g)->encode("hello world"), Tokenizer::fromHuggingFace((dir + "/tokenizer.json").toStdString())->encode("hello world"));

        QJsonObject odd = test::smallByteLevelTokenizer();
        QJsonObject pre = odd["pre_tokenizer"].toObject();
        QJsonArray steps = pre["pretokenizers"].toArray();
        QJsonObject split = steps[0].toObject();
        split["pattern"] = QJsonObject{{"Regex", "\\p{L}+|\\p{N}+"}};
        steps[0] = split;
        pre["pretokenizers"] = steps;
        odd["pre_tokenizer"] = pre;
        writeJson(dir + "/tokenizer.json", odd);
        const ExportResult r2 = exportModel(*m, buildPlan(*m, po), out.toStdString());
        QCOMPARE(r2.warnings.size(), size_t(2));
        QVERIFY2(QString::fromStdString(r2.warnings[0]).contains("llama.cpp has no pre-tokenizer"), r2.warnings[0].c_str());
        QVERIFY(QString::fromStdString(r2.warnings[1]).contains("placeholder vocabulary"));
    }

    void textFiles_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray() << "the text file is empty";
        QTest::newRow("nul") << QByteArray("abc\0def", 7) << "not a text file (NUL byte at offset 3)";
        QTest::newRow("latin1") << QByteArray("caf\xE9 ok") << "not a UTF-8 text file (invalid byte sequence at offset 3)";
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << "invalid byte sequence at offset 0";
        QTest::newRow("surrogate") << QByteArray("ab\xED\xA0\x80") << "invalid byte sequence at offset 2";
        QTest::newRow("truncated") << QByteArray("ab\xE4\xB8") << "invalid byte sequence at offset 2";
        QTest::newRow("ok") << QByteArray("\xEF\xBB\xBFGr\xC3\xBC\xC3\x9F" "e \xF0\x9F\x98\x80\n") << "";
    }
    void textFiles()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString path = tmp.filePath(QStringLiteral("text-%1.txt").arg(QTest::currentDataTag()));
        writeFile(path, content);
        std::string got;
        const QString e = errorOf([&] { got = readTextFile(path.toStdString()); });
        if (message.isEmpty()) {
            QVERIFY2(e.isEmpty(), qPrintable(e));
            QCOMPARE(QByteArray::fromStdString(got), content);  // as is, byte order mark included
        } else {
            QVERIFY2(e == path + ": " + message || (e.startsWith(path + ": ") && e.contains(message)), qPrintable(e));
        }
        QVERIFY(errorOf([&] { readTextFile(tmp.filePath("missing.txt").toStdString()); }).contains("cannot read the text file"));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
