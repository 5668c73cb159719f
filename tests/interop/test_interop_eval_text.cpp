// compare --eval --text against llama.cpp's perplexity of the same text (llama_perplexity.mjs: the
// text tokenized by llama.cpp, llama-perplexity's windows, the second half of each scored), on a
// tiny random-weight Llama carrying the llama2 tokenizer (BOS added) and one carrying the qwen3
// tokenizer (no BOS): the reference (F32) agrees within 1% on the same number of windows and scored
// positions; with llama2's tokenizer the F16 and Q8_0 rows too.
#include "core/export/export.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "core/tokenizer/tokenizer.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_llama.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <vector>

using namespace qs;

namespace {

constexpr int kWindow = 64;

QString textFile() { return QStringLiteral(QS_SOURCE_DIR "/tests/data/tokenizer/multilingual.txt"); }

QJsonObject llamaPerplexity(const QString& gguf)
{
    QProcess p;
    p.setWorkingDirectory(test::interopDir());
    p.start(QStringLiteral("node"), {test::interopDir() + "/llama_perplexity.mjs", gguf, textFile(), "--ctx",
                                     QString::number(kWindow)});
    const bool finished = p.waitForFinished(600000);
    if (!finished || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        qFatal("llama_perplexity.mjs failed on %s (%s): %s", qPrintable(gguf),
               finished ? qPrintable(QStringLiteral("exit code %1").arg(p.exitCode())) : "timed out",
               p.readAllStandardError().constData());
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

}  // namespace

class TestInteropEvalText : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    void perplexityMatchesLlamaCpp_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("llama2") << QStringLiteral("llama2");
        QTest::newRow("qwen3") << QStringLiteral("qwen3");
    }
    void perplexityMatchesLlamaCpp()
    {
        QFETCH(QString, name);
        const QString dir = tmp.filePath(name);
        const auto tok = Tokenizer::fromHuggingFace((test::npmTokenizerDir(name) + "/tokenizer.json").toStdString());
        test::TinyLlama t;
        t.vocabSize = tok->size();
        t.layers = 2;
        t.contextLength = 2 * kWindow;
        t.seed = 7;
        test::writeTinyLlama(dir, t, test::npmTokenizerDir(name));

        QByteArray out, err;
        QCOMPARE(test::runCli({"compare", dir, "--types", "F16,Q8_0", "--eval", "--text", textFile(), "--window",
                               QString::number(kWindow), "--json"},
                              &out, &err),
                 0);
        const QJsonArray rows = QJsonDocument::fromJson(out).object().value("results").toArray();
        QCOMPARE(rows.size(), 2);

        const auto model = openModel(dir.toStdString());
        auto exportAt = [&](const char* type) {
            PlanSpec po;
            po.type = type;
            const QString gguf = dir + "-" + type + ".gguf";
            exportModel(*model, buildPlan(*model, po), gguf.toStdString());
            return llamaPerplexity(gguf);
        };
        const QJsonObject ref = exportAt("F32");
        const int64_t positions = rows[0].toObject().value("eval_positions").toInteger();
        const int64_t tokens = ref.value("tokens").toInteger();
        QCOMPARE(positions, ref.value("count").toInteger());
        QCOMPARE(positions, (tokens / kWindow) * (kWindow - kWindow / 2 - 1));
        QVERIFY2(positions >= 4 * (kWindow / 2 - 1), "enough windows to mean something");

        struct Row {
            const char* type;
            double ours;
            double llama;
        };
        const double oursRef = rows[0].toObject().value("ppl_reference").toDouble();
        std::vector<Row> checks{{"F32 (reference)", oursRef, ref.value("ppl").toDouble()}};
        // node-llama-cpp hands over each distribution as a sorted map: with Qwen's 151 669 tokens
        // that takes minutes, so the quantized rows are checked on the llama2 vocabulary only.
        if (tok->size() < 100000) {
            checks.push_back({"F16", rows[0].toObject().value("ppl").toDouble(), exportAt("F16").value("ppl").toDouble()});
            checks.push_back({"Q8_0", rows[1].toObject().value("ppl").toDouble(), exportAt("Q8_0").value("ppl").toDouble()});
        }
        for (const Row& r : checks) {
            qInfo("%s %s: perplexity %.4f (QuantScope) vs %.4f (llama.cpp), %lld positions", qPrintable(name), r.type,
                  r.ours, r.llama, qlonglong(positions));
            QVERIFY2(std::abs(r.ours / r.llama - 1) < 0.01, r.type);
        }
    }
};

QTEST_GUILESS_MAIN(TestInteropEvalText)
#include "test_interop_eval_text.moc"
