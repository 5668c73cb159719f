// quantscope-cli tokenize: {"tokens": [...]} and the text listing for a tokenizer.json, a
// Hugging Face folder and a GGUF exported from it; bad input as one line naming the file, exit 2.
#include "core/export/export.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/tokenizer/tokenizer.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_llama.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

using namespace qs;

namespace {

using test::writeFile;

std::vector<int32_t> tokensOf(const QByteArray& json)
{
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    if (o.keys() != QStringList{"tokens"})
        return {-1};
    std::vector<int32_t> out;
    for (const QJsonValue& v : o.value("tokens").toArray())
        out.push_back(int32_t(v.toInteger()));
    return out;
}

}  // namespace

class TestCliTokenize : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString folder, text;

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        folder = tmp.filePath("model");
        test::TinyLlama t;
        t.vocabSize = 272;
        test::writeTinyLlama(folder, t);
        writeFile(folder + "/tokenizer.json", QJsonDocument(test::smallByteLevelTokenizer()).toJson());
        text = tmp.filePath("text.txt");
        writeFile(text, "hello world\nxabc <tool> <|end|>\n");
    }

    void json_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("tokenizer.json") << QStringLiteral("model/tokenizer.json");
        QTest::newRow("folder") << QStringLiteral("model");
        QTest::newRow("gguf") << QStringLiteral("model.gguf");
    }
    void json()
    {
        QFETCH(QString, model);
        const QString path = tmp.filePath(model);
        if (model.endsWith(".gguf") && !QFile::exists(path)) {
            const auto m = openModel(folder.toStdString());
            PlanSpec po;
            po.type = "F16";
            exportModel(*m, buildPlan(*m, po), path.toStdString());
        }
        const auto tok = Tokenizer::fromHuggingFace((folder + "/tokenizer.json").toStdString());
        const std::string t = readTextFile(text.toStdString());
        QByteArray out, err;
        QCOMPARE(test::runCli({"tokenize", path, "--text", text, "--json"}, &out, &err), 0);
        QCOMPARE(tokensOf(out), tok->encode(t));
        QCOMPARE(tokensOf(out).front(), 268);  // BOS
        QCOMPARE(test::runCli({"tokenize", path, "--text", text, "--json", "--no-special"}, &out, &err), 0);
        QCOMPARE(tokensOf(out), tok->encode(t, false));
        QCOMPARE(test::runCli({"tokenize", path, "--text", text, "--json", "--parse-special"}, &out, &err), 0);
        QCOMPARE(tokensOf(out), tok->encode(t, true, true));
        QVERIFY(tokensOf(out) != tok->encode(t));
    }

    void listing()
    {
        QByteArray out;
        QCOMPARE(test::runCli({"tokenize", folder, "--text", text}, &out), 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QCOMPARE(lines.at(0), QByteArray("268\t<|begin|>"));
        QCOMPARE(lines.at(1), QByteArray("259\thello"));
        QCOMPARE(lines.at(2), QByteArray("264\t\xC4\xA0world"));
        QCOMPARE(lines.at(3), QByteArray("10\t\xC4\x8A"));  // the piece as stored: the byte-level newline Ċ
        QVERIFY2(lines.last().startsWith(QByteArray::number(lines.size() - 1) + " tokens; tokenizer: byte-level BPE (llama-bpe)"),
                 lines.last().constData());
    }

    void badInput_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no --text") << QStringList{"tokenize", "@folder"} << "--text is required";
        QTest::newRow("missing text") << QStringList{"tokenize", "@folder", "--text", "@tmp/none.txt"}
                                      << "@tmp/none.txt: cannot read the text file";
        QTest::newRow("empty text") << QStringList{"tokenize", "@folder", "--text", "@tmp/empty.txt"}
                                    << "@tmp/empty.txt: the text file is empty";
        QTest::newRow("binary text") << QStringList{"tokenize", "@folder", "--text", "@tmp/binary.bin"}
                                     << "@tmp/binary.bin: not a text file (NUL byte at offset 2)";
        QTest::newRow("placeholder") << QStringList{"tokenize", "@stories/stories260K-f32.gguf", "--text", "@tmp/text.txt"}
                                     << "stories260K-f32.gguf: the model has no real tokenizer: its vocabulary is a placeholder";
        QTest::newRow("no tokenizer") << QStringList{"tokenize", "@stories/stories260K.bin", "--text", "@tmp/text.txt"}
                                      << "stories260K.bin: a llama2c model carries no tokenizer";
        QTest::newRow("bad tokenizer.json") << QStringList{"tokenize", "@tmp/broken/tokenizer.json", "--text", "@tmp/text.txt"}
                                            << "@tmp/broken/tokenizer.json: not valid JSON";
    }
    void badInput()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        writeFile(tmp.filePath("empty.txt"), {});
        writeFile(tmp.filePath("binary.bin"), QByteArray("PK\0\3", 4));
        QDir().mkpath(tmp.filePath("broken"));
        writeFile(tmp.filePath("broken/tokenizer.json"), "{\"model\": ");
        auto expand = [&](QString s) {
            return s.replace("@folder", folder).replace("@tmp", tmp.path()).replace("@stories", test::stories("").chopped(1));
        };
        for (QString& a : args)
            a = expand(a);
        QByteArray out, err;
        QCOMPARE(test::runCli(args, &out, &err), 2);
        QVERIFY(out.isEmpty());
        QCOMPARE(err.count('\n'), 1);
        QVERIFY2(QString::fromUtf8(err).contains(expand(message)), err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliTokenize)
#include "test_cli_tokenize.moc"
