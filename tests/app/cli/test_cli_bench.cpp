// quantscope-cli bench: JSON shape, positive throughputs, llama.cpp's quantizer beside ours (the
// same importance where it requires one), option errors.
#include "tests/support/fixtures.h"

#include <QtTest>

class TestCliBench : public QObject {
    Q_OBJECT
private slots:
    void jsonShape()
    {
        QByteArray out, err;
        QCOMPARE(qs::test::runCli({"bench", "--types", "int4_sym_g32,NF4", "--threads", "2", "--runs", "2", "--json"}, &out, &err), 0);
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(out, &pe);
        QVERIFY2(pe.error == QJsonParseError::NoError, out.constData());
        const QJsonObject root = doc.object();
        QCOMPARE(root.keys(), QStringList{"results"});
        const QJsonArray results = root.value("results").toArray();
        QCOMPARE(results.size(), 2);
        const QStringList names{"INT4_SYM_G32", "NF4"};
        for (int i = 0; i < 2; ++i) {
            const QJsonObject o = results.at(i).toObject();
            QStringList keys = o.keys();
            keys.sort();
            QCOMPARE(keys, (QStringList{"dequantize_mweights_per_s", "importance", "quantize_mweights_per_s", "threads", "type"}));
            QCOMPARE(o.value("type").toString(), names.at(i));
            QCOMPARE(o.value("importance").toBool(), false);
            QCOMPARE(o.value("threads").toInt(), 2);
            QVERIFY(o.value("quantize_mweights_per_s").toDouble() > 0);
            QVERIFY(o.value("dequantize_mweights_per_s").toDouble() > 0);
            QVERIFY(std::isfinite(o.value("quantize_mweights_per_s").toDouble()));
        }
    }

    // GGUF types: llama.cpp's ggml_quantize_chunk on the same matrix (the interop tests' npm
    // packages provide it); IQ2_XXS, which llama.cpp refuses without an imatrix, gets the same
    // importance on both sides, TQ2_0 none.
    void llamaSideBySide()
    {
        QByteArray out, err;
        QCOMPARE(qs::test::runCli({"bench", "--types", "TQ2_0,IQ2_XXS", "--threads", "2", "--runs", "1", "--json"}, &out, &err), 0);
        const QJsonArray results = QJsonDocument::fromJson(out).object().value("results").toArray();
        QCOMPARE(results.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject o = results.at(i).toObject();
            QCOMPARE(o.value("importance").toBool(), i == 1);
            const double ours = o.value("quantize_mweights_per_s").toDouble(),
                         theirs = o.value("llama_quantize_mweights_per_s").toDouble();
            QVERIFY2(ours > 0 && theirs > 0, out.constData());
            QVERIFY(std::fabs(o.value("quantize_ratio").toDouble() - ours / theirs) < 1e-6 * ours / theirs);
        }
    }

    void humanTable()
    {
        QByteArray out;
        QCOMPARE(qs::test::runCli({"bench", "--types", "INT8_ASYM_CHANNEL", "--threads", "1", "--runs", "1"}, &out), 0);
        const QList<QByteArray> lines = out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines.at(0).startsWith("llama.cpp: "));
        QVERIFY(lines.at(1).contains("quantize Mw/s") && lines.at(1).contains("llama Mw/s"));
        const QList<QByteArray> cells = lines.at(2).simplified().split(' ');
        QCOMPARE(cells.size(), 8);
        QCOMPARE(cells.at(0), QByteArray("INT8_ASYM_CHANNEL"));
        QCOMPARE(cells.at(1), QByteArray("1"));
        QCOMPARE(cells.at(3), QByteArray("no"));
        QVERIFY(cells.at(4).toDouble() > 0 && cells.at(7).toDouble() > 0);
        QCOMPARE(cells.at(5), QByteArray("-"));  // no llama.cpp type
    }

    void badOptions()
    {
        QByteArray out, err;
        QCOMPARE(qs::test::runCli({"bench", "--types", "INT4_SYM_G32,NOPE"}, &out, &err), 2);
        QVERIFY(err.contains("unknown type 'NOPE'"));
        QCOMPARE(err.count('\n'), 1);
        QVERIFY(out.isEmpty());
        QCOMPARE(qs::test::runCli({"bench", "--threads", "zero"}, &out, &err), 2);
        QVERIFY(err.contains("--threads"));
        QCOMPARE(qs::test::runCli({"bench", "--runs", "0"}, &out, &err), 2);
        // Every command takes --threads, and checks it before any work.
        for (const char* cmd : {"info", "compare", "quantize", "plan-for-size", "tokenize", "make-demo"}) {
            QCOMPARE(qs::test::runCli({cmd, "--threads", "0", "no-such-model.gguf"}, &out, &err), 2);
            QVERIFY2(err.contains("--threads: expected a number from 1 to 1024, got '0'"), err.constData());
        }
        QCOMPARE(qs::test::runCli({"bench", "extra"}, &out, &err), 2);
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "test_cli_bench.moc"
