// The forward pass and the evaluation against llama.cpp (node-llama-cpp 3.21 running
// tests/interop/llama_probs.mjs): logits parity on the FP32 stories260K GGUF; the KL reported for
// a precision equals the KL recomputed from the exported GGUF's own weights; the importance
// matrix lowers the KL that llama.cpp itself measures on the exported files.
#include "core/eval/evaluation.h"
#include "core/export/export.h"
#include "core/model/architecture.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "tests/interop/llama_probs.h"
#include "tests/support/fixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace qs;

using test::Dists;
using test::ourDistributions;
using test::llamaCppDistributions;
using test::meanKl;


class TestInteropEval : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    std::unique_ptr<Model> model;
    std::unique_ptr<LlamaWeights> w;
    std::vector<int32_t> tokens;
    std::unique_ptr<Evaluator> ev;       // float activations (weights only)
    std::unique_ptr<Evaluator> evLlama;  // llama mode
    ActivationStats imatrix;
    Dists llamaRef;

    // Exports the model at `type` (with the importance matrix or not); returns the file.
    QString exportAt(const std::string& type, bool withImatrix, PlanSpec* precision)
    {
        PlanSpec po;
        po.type = type;
        const QuantPlan plan = buildPlan(*model, po);
        ExportOptions eo;
        if (withImatrix)
            eo.importance = [this](const PlanEntry& e) { return imatrix.importance(e.ggufName); };
        const QString out = tmp.filePath(QString::fromStdString(type) + (withImatrix ? "-imatrix" : "") + ".gguf");
        exportModel(*model, plan, out.toStdString(), eo);
        if (precision)
            *precision = precisionFromPlan(*w, plan);
        return out;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(tmp.isValid());
        model = openModel(test::stories("stories260K-f32.gguf").toStdString());
        w = std::make_unique<LlamaWeights>(LlamaWeights::fromModel(*model));
        tokens = loadTokenFile(test::stories("eval-tokens.json").toStdString(), w->config.vocabSize);
        ev = std::make_unique<Evaluator>(*w, tokens);
        imatrix = collectImportance(*w, sampleTokens(*w, 1024, 7, 256), 256);  // another stream than eval-tokens
        llamaRef = llamaCppDistributions(test::stories("stories260K-f32.gguf"));
        QCOMPARE(llamaRef.size(), tokens.size());
    }

    void logitsMatchLlamaCpp()
    {
        double top1 = 0;
        const double kl = meanKl(llamaRef, ourDistributions(*w, tokens), &top1);
        qInfo("FP32 stories260K: mean KL(llama.cpp || QuantScope) = %.3g, top-1 agreement %.4f", kl, top1);
        QVERIFY2(kl < 1e-3, qPrintable(QString::number(kl)));
        QVERIFY(top1 >= 0.98);
        // The llama.cpp reference's perplexity on the 128 sampled tokens is the fixture's 12.79 too.
        double nll = 0;
        for (size_t i = 0; i + 1 < tokens.size(); ++i)
            nll -= std::log(llamaRef[i][size_t(tokens[i + 1])]);
        QVERIFY(std::abs(std::exp(nll / 128.0) - ev->pplReference()) < 0.05);
    }

    void exportedKlEqualsReported_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("withImatrix");
        for (const char* t : {"Q8_0", "Q4_K_M", "Q4_0", "Q2_K"}) {
            QTest::newRow(t) << QString::fromLatin1(t) << false;
            QTest::newRow((std::string(t) + " imatrix").c_str()) << QString::fromLatin1(t) << true;
        }
    }
    void exportedKlEqualsReported()
    {
        QFETCH(QString, type);
        QFETCH(bool, withImatrix);
        PlanSpec p;
        const QString file = exportAt(type.toStdString(), withImatrix, &p);
        const AccuracyMetrics reported = ev->evaluate(p, withImatrix ? &imatrix : nullptr);
        const auto reopened = openModel(file.toStdString());
        const AccuracyMetrics fromFile = ev->evaluate(LlamaWeights::fromModel(*reopened));
        QCOMPARE(fromFile.kldMean, reported.kldMean);
        QCOMPARE(fromFile.kldP99, reported.kldP99);
        QCOMPARE(fromFile.top1Agreement, reported.top1Agreement);
        QCOMPARE(fromFile.ppl, reported.ppl);
        QVERIFY(reported.kldMean > 0);
    }

    // In llama mode (activations quantized to each format's vec-dot type, keys and values rounded
    // to F16 in the cache, as llama.cpp runs the file) the KL QuantScope reports for a precision is
    // the KL llama.cpp gives for its export: within 5 % (or 0.002 absolute); and the two runs of the
    // exported file give nearly the same distributions (measured: KL 4e-5 at Q8_0, 6e-4 at Q4_0,
    // 2e-3 at Q4_K_M, where llama.cpp runs repacked Q4_K; float mode is 0.016-0.020 away). In float
    // mode (weights only) the reported KL may differ by more.
    void llamaModeKlMatchesLlamaCpp_data()
    {
        QTest::addColumn<QString>("type");
        // MXFP4: the one type of issue 17 whose blocks (32 weights) fit stories260K's rows of 64 and 172
        // (the 256-weight IQ4_XS, TQ1_0 and TQ2_0 fall back to other types here).
        for (const char* t : {"Q8_0", "Q5_0", "Q4_0", "Q4_K_M", "MXFP4"})
            QTest::newRow(t) << QString::fromLatin1(t);
    }
    void llamaModeKlMatchesLlamaCpp()
    {
        QFETCH(QString, type);
        if (!evLlama)
            evLlama = std::make_unique<Evaluator>(*w, tokens, 0, kDefaultReferenceCacheBytes, ActMode::Llama);
        PlanSpec p;
        const QString file = exportAt(type.toStdString(), false, &p);
        const Dists theirDists = llamaCppDistributions(file);
        const double theirs = meanKl(llamaRef, theirDists);
        const double ours = evLlama->evaluate(p).kldMean, weightsOnly = ev->evaluate(p).kldMean;
        qInfo("%s mean KL: llama.cpp on the export %.5f, QuantScope llama mode %.5f (%.3fx), float mode %.5f",
              qPrintable(type), theirs, ours, ours / theirs, weightsOnly);
        QVERIFY2(std::abs(ours - theirs) <= std::max(0.05 * theirs, 0.002),
                 qPrintable(QStringLiteral("%1: %2 vs llama.cpp %3").arg(type).arg(ours).arg(theirs)));
        const auto exported = openModel(file.toStdString());
        const LlamaWeights q = LlamaWeights::fromModel(*exported);
        const double apart = meanKl(theirDists, ourDistributions(q, tokens, ActMode::Llama));
        const double apartFloat = meanKl(theirDists, ourDistributions(q, tokens, ActMode::Float));
        qInfo("%s: KL(llama.cpp || QuantScope) running the export: llama mode %.2e, float mode %.2e", qPrintable(type),
              apart, apartFloat);
        QVERIFY2(apart < 4e-3 && apart < apartFloat / 5, qPrintable(QStringLiteral("%1: %2").arg(type).arg(apart)));
    }

    void importanceLowersKlInLlamaCpp()
    {
        for (const char* type : {"Q4_0", "Q2_K"}) {
            PlanSpec p;
            const double plain = meanKl(llamaRef, llamaCppDistributions(exportAt(type, false, &p)));
            const double weighted = meanKl(llamaRef, llamaCppDistributions(exportAt(type, true, nullptr)));
            const double ours = ev->evaluate(p).kldMean, oursWeighted = ev->evaluate(p, &imatrix).kldMean;
            qInfo("%s mean KL in llama.cpp %.4f -> %.4f with the importance matrix (QuantScope: %.4f -> %.4f)", type,
                  plain, weighted, ours, oursWeighted);
            QVERIFY2(weighted < plain, type);
            QVERIFY2(oursWeighted < ours, type);
        }
    }
};

QTEST_GUILESS_MAIN(TestInteropEval)
#include "test_interop_eval.moc"
