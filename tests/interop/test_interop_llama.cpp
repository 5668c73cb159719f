// llama.cpp (node-llama-cpp 3.21) loads what `quantize` writes: stories260K exported from each
// fixture format (GGUF F32, HF safetensors F16, llama2.c) at Q8_0, Q4_K_M (with its fallbacks:
// rows of 64 and 172 fit no 256-block) and Q4_0; its next-token distributions on eval-tokens.json
// stay close to the FP32 GGUF fixture's (mean KL divergence per position).
#include "core/export/export.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "tests/interop/llama_probs.h"
#include "tests/support/fixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <map>

using namespace qs;

class TestInteropLlama : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    test::Dists ref;
    std::map<std::string, double> kls;

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        ref = test::llamaCppDistributions(test::stories("stories260K-f32.gguf"));
        QCOMPARE(int(ref.size()), 129);
        QCOMPARE(int(ref[0].size()), 512);
        // Sanity: the reference is a distribution whose perplexity matches the fixture's README (12.79).
        double s = 0;
        for (double p : ref[5])
            s += p;
        QVERIFY(std::fabs(s - 1.0) < 1e-3);
    }

    void quantizedCloseToFp32_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("type");
        QTest::addColumn<double>("maxKl");
        for (const char* s : {"stories260K-f32.gguf", "model.safetensors", "stories260K.bin"}) {
            // stories260K (dim 64) is very sensitive: Q8_0 costs about 0.045 nats per token, the
            // 4-bit presets far more (ppl 12.8 -> ~24 at Q4_K_M, ~84 at Q4_0).
            QTest::newRow((std::string(s) + " Q8_0").c_str()) << QString::fromLatin1(s) << "Q8_0" << 0.1;
            QTest::newRow((std::string(s) + " Q4_K_M").c_str()) << QString::fromLatin1(s) << "Q4_K_M" << 1.5;
            QTest::newRow((std::string(s) + " Q4_0").c_str()) << QString::fromLatin1(s) << "Q4_0" << 3.0;
        }
    }
    void quantizedCloseToFp32()
    {
        QFETCH(QString, source);
        QFETCH(QString, type);
        QFETCH(double, maxKl);
        const auto src = openModel(test::stories(source).toStdString());
        PlanSpec po;
        po.type = type.toStdString();
        const QuantPlan plan = buildPlan(*src, po);
        const QString out = tmp.filePath(QString(source).replace('.', '_') + "-" + type + ".gguf");
        exportModel(*src, plan, out.toStdString());
        const auto q = test::llamaCppDistributions(out);
        QCOMPARE(q.size(), ref.size());
        const double kl = test::meanKl(ref, q);
        qInfo("%s -> %s: mean KL vs FP32 = %.6f (%d fallbacks)", qPrintable(source), qPrintable(type), kl, plan.fallbacks());
        QVERIFY(std::isfinite(kl) && kl >= 0);
        QVERIFY2(kl < maxKl, qPrintable(QString::number(kl)));
        // Not identical to FP32: the quantization is really there.
        QVERIFY(kl > 1e-7);
        kls[(source + " " + type).toStdString()] = kl;
    }

    // More bits, closer to FP32; the same weights from GGUF and llama2.c give the same model.
    void consistency()
    {
        for (const char* s : {"stories260K-f32.gguf", "model.safetensors", "stories260K.bin"}) {
            const std::string p = s;
            QVERIFY(kls.at(p + " Q8_0") < kls.at(p + " Q4_K_M"));
            QVERIFY(kls.at(p + " Q4_K_M") < kls.at(p + " Q4_0"));
        }
        for (const char* t : {" Q8_0", " Q4_K_M", " Q4_0"})
            QVERIFY(std::fabs(kls.at(std::string("stories260K-f32.gguf") + t) - kls.at(std::string("stories260K.bin") + t)) < 1e-9);
    }

    // Negative control: Hugging Face q/k rows left in rotate-half order (no permutation back)
    // are far from FP32 even at F16, so the comparison above does see layout errors.
    void unpermutedRowsAreDetected()
    {
        const auto src = openModel(test::stories("model.safetensors").toStdString());
        PlanSpec po;
        po.type = "F16";
        const QuantPlan plan = buildPlan(*src, po);
        ExportOptions eo;
        const Model& m = *src;
        eo.loadFloats = [&m](const TensorInfo& t) { return m.toFloat(t); };
        const QString out = tmp.filePath("unpermuted.gguf");
        exportModel(*src, plan, out.toStdString(), eo);
        const double bad = test::meanKl(ref, test::llamaCppDistributions(out));
        qInfo("unpermuted q/k rows at F16: mean KL vs FP32 = %.6f", bad);
        QVERIFY(bad > 5 * kls.at("model.safetensors Q8_0"));
    }
};

QTEST_GUILESS_MAIN(TestInteropLlama)
#include "test_interop_llama.moc"
