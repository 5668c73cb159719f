// quantscope-cli bench-model: the JSON schema of issue 12, the source row in its own dtype,
// sizes, positive speeds, option errors. (Speed itself is shown by benchmarks, not asserted.)
#include "tests/support/fixtures.h"

#include <QtTest>

#include <cmath>

class TestCliBenchModel : public QObject {
    Q_OBJECT
private slots:
    void jsonSchema()
    {
        const QString model = qs::test::stories("stories260K-f32.gguf");
        QByteArray out, err;
        QCOMPARE(qs::test::runCli({"bench-model", model, "--types", "Q8_0,Q4_K_M", "--threads", "2", "--json"}, &out, &err),
                 0);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(out, &pe);
        QVERIFY2(pe.error == QJsonParseError::NoError, out.constData());
        const QJsonObject root = doc.object();
        QStringList keys = root.keys();
        keys.sort();
        QCOMPARE(keys, (QStringList{"bandwidth_gb_per_s", "model", "results", "threads"}));
        QCOMPARE(root.value("model").toString(), model);
        QCOMPARE(root.value("threads").toInt(), 2);
        QVERIFY(root.value("bandwidth_gb_per_s").toDouble() > 0);
        const QJsonArray results = root.value("results").toArray();
        QCOMPARE(results.size(), 3);
        const QStringList types{"F32", "Q8_0", "Q4_K_M"};  // the source first, as its dtype
        double sizes[3];
        for (int i = 0; i < 3; ++i) {
            const QJsonObject o = results.at(i).toObject();
            QStringList k = o.keys();
            k.sort();
            QCOMPARE(k, (QStringList{"ceiling_fraction", "pp_tokens_per_s", "size_bytes", "speedup_vs_source",
                                     "tg_tokens_per_s", "type"}));
            QCOMPARE(o.value("type").toString(), types.at(i));
            sizes[i] = o.value("size_bytes").toDouble();
            for (const char* f : {"tg_tokens_per_s", "pp_tokens_per_s", "speedup_vs_source", "ceiling_fraction"})
                QVERIFY2(o.value(f).toDouble() > 0 && std::isfinite(o.value(f).toDouble()), f);
        }
        QCOMPARE(results.at(0).toObject().value("speedup_vs_source").toDouble(), 1.0);
        QFileInfo fi(model);
        QVERIFY(sizes[0] > 0.9 * double(fi.size()) && sizes[0] <= double(fi.size()));  // the F32 tensors
        QVERIFY(sizes[1] < sizes[0] && sizes[2] < sizes[1]);
    }

    void textTable()
    {
        QByteArray out, err;
        QCOMPARE(qs::test::runCli({"bench-model", qs::test::stories("stories260K.bin"), "--types", "Q4_0", "--threads", "1",
                                   "--activations", "float"},
                                  &out, &err),
                 0);
        QVERIFY2(out.contains("tg t/s") && out.contains("GB/s") && out.contains("activations float"), out.constData());
        QVERIFY(out.contains("\nF32 ") && out.contains("\nQ4_0 "));
    }

    void badOptions()
    {
        const QString model = qs::test::stories("stories260K-f32.gguf");
        QByteArray out, err;
        QCOMPARE(qs::test::runCli({"bench-model", model, "--types", "Q4_0,NOPE"}, &out, &err), 2);
        QVERIFY(err.contains("unknown type 'NOPE'"));
        QCOMPARE(err.count('\n'), 1);
        QVERIFY(out.isEmpty());
        QCOMPARE(qs::test::runCli({"bench-model", model, "--threads", "0"}, &out, &err), 2);
        QCOMPARE(qs::test::runCli({"bench-model", model, "--activations", "int8"}, &out, &err), 2);
        QCOMPARE(qs::test::runCli({"bench-model"}, &out, &err), 2);
        QCOMPARE(qs::test::runCli({"bench-model", "/nonexistent.gguf"}, &out, &err), 2);
        QVERIFY(err.contains("/nonexistent.gguf"));
    }
};

QTEST_GUILESS_MAIN(TestCliBenchModel)
#include "test_cli_bench_model.moc"
