// Each architecture end to end against llama.cpp (node-llama-cpp 3.21): a tiny random-weight
// Hugging Face folder (tests/support/tiny_models.h) exported to GGUF at F16 and Q8_0 loads in
// llama.cpp, and its next-token distributions on stories260K's eval tokens (129, longer than the
// sliding windows of 8) agree with QuantScope's forward pass of the same GGUF and of the folder.
// Run one architecture: test_interop_arch matchesLlamaCpp:qwen2
#include "core/eval/llama_forward.h"
#include "core/export/export.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "tests/interop/llama_probs.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_models.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace qs;
using test::Dists;
using test::ourDistributions;

namespace {


double meanEntropy(const Dists& d)
{
    double h = 0;
    for (const auto& p : d)
        for (double v : p)
            if (v > 0)
                h -= v * std::log(v);
    return h / double(d.size());
}

std::vector<int32_t> tokens()
{
    QFile f(test::stories("eval-tokens.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("eval-tokens.json");
    std::vector<int32_t> t;
    for (const QJsonValue& v : QJsonDocument::fromJson(f.readAll()).object().value("tokens").toArray())
        t.push_back(int32_t(v.toInt()));
    return t;
}

}  // namespace

class TestInteropArch : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    void matchesLlamaCpp_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("dtype");
        QTest::addColumn<QJsonObject>("changes");
        // Source dtypes as these models ship (BF16 for most), F16 and F32 covered too.
        QTest::newRow("llama") << "llama" << "BF16" << QJsonObject();
        QTest::newRow("mistral") << "mistral" << "BF16" << QJsonObject();
        QTest::newRow("qwen2") << "qwen2" << "F32" << QJsonObject();
        QTest::newRow("qwen3") << "qwen3" << "BF16" << QJsonObject();
        QTest::newRow("gemma2") << "gemma2" << "F16" << QJsonObject();
        QTest::newRow("gemma3") << "gemma3_text" << "BF16" << QJsonObject();
        QTest::newRow("phi3") << "phi3" << "F16" << QJsonObject();
        // Variants: a sliding-window pattern of another period (gemma3.attention.sliding_window_pattern),
        // gemma3 without a sliding window, Phi-4-mini's tied embeddings.
        QTest::newRow("gemma3-layer-types")
            << "gemma3_text" << "BF16"
            << QJsonObject{{"layer_types", QJsonArray{"sliding_attention", "sliding_attention", "full_attention",
                                                      "sliding_attention", "sliding_attention", "full_attention"}}};
        QTest::newRow("gemma3-no-window") << "gemma3_text" << "BF16" << QJsonObject{{"sliding_window", QJsonValue::Null}};
        QTest::newRow("phi3-tied") << "phi3" << "F16" << QJsonObject{{"tie_word_embeddings", true}};
    }
    void matchesLlamaCpp()
    {
        QFETCH(QString, type);
        QFETCH(QString, dtype);
        QFETCH(QJsonObject, changes);
        const QString dir =
            test::writeTinyHfModel(tmp.filePath(QString::fromUtf8(QTest::currentDataTag())), type, dtype, 7, changes);
        const auto hf = openModel(dir.toStdString());
        const std::vector<int32_t> toks = tokens();
        const Dists fromHf = ourDistributions(LlamaWeights::fromModel(*hf), toks);

        Dists llamaF16;
        for (const char* qt : {"F16", "Q8_0"}) {
            PlanSpec po;
            po.type = qt;
            po.pure = true;
            const QString out = tmp.filePath(QString::fromUtf8(QTest::currentDataTag()) + "-" + qt + ".gguf");
            exportModel(*hf, buildPlan(*hf, po), out.toStdString());
            const Dists llama = test::llamaCppDistributions(out);
            QCOMPARE(llama.size(), toks.size());
            QCOMPARE(llama[0].size(), size_t(512));
            const Dists fromGguf = ourDistributions(LlamaWeights::fromModel(*openModel(out.toStdString())), toks);
            double top1Gguf = 0, top1Hf = 0;
            const double klGguf = test::meanKl(llama, fromGguf, &top1Gguf);
            const double klHf = test::meanKl(llama, fromHf, &top1Hf);
            qInfo("%s %s: mean KL(llama.cpp || QuantScope) %.3g on the GGUF (top-1 %.3f), %.3g on the folder "
                  "(top-1 %.3f); entropy %.2f nats of %.2f",
                  qPrintable(type), qt, klGguf, top1Gguf, klHf, top1Hf, meanEntropy(llama), std::log(512.0));
            // Informative distributions: a wrong layer would show.
            QVERIFY(meanEntropy(llama) < 0.8 * std::log(512.0));
            if (std::string(qt) == "F16") {
                QVERIFY2(klGguf < 1e-4, qPrintable(QString::number(klGguf)));
                QVERIFY2(klHf < 1e-4, qPrintable(QString::number(klHf)));
                QVERIFY(top1Gguf >= 0.97);
                llamaF16 = llama;
            } else {
                // llama.cpp also rounds the activations entering each Q8_0 product to 8 bits.
                QVERIFY2(klGguf < 5e-3, qPrintable(QString::number(klGguf)));
                QVERIFY(test::meanKl(llamaF16, llama) > 0);                      // Q8_0 is not F16
                QVERIFY(test::meanKl(llamaF16, llama) < 1e-2);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestInteropArch)
#include "test_interop_arch.moc"
