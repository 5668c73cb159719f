// Model-wide export: stories260K from each fixture format to GGUF and fake-quant safetensors,
// re-opened with openModel and checked value by value; the synthetic demo model; atomicity and
// fault handling of quantscope-cli (file size limit, SIGTERM, output == input) as subprocesses.
#include "core/analysis/compare.h"
#include "core/export/demo_model.h"
#include "core/util/error.h"
#include "core/util/parallel.h"
#include "core/export/export.h"
#include "core/formats/format.h"
#include "core/util/half.h"
#include "core/model/architecture.h"
#include "core/plan/plan.h"
#include "tests/support/fixtures.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <csignal>

using namespace qs;

namespace {

QByteArray sha256(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&f);
    return h.result();
}

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

QuantPlan makePlan(const Model& m, const std::string& type, PlanTarget target, bool pure = false)
{
    PlanSpec o;
    o.type = type;
    o.target = target;
    o.pure = pure;
    return buildPlan(m, o);
}

std::string str(const MetaValue* v) { return v ? v->s : std::string(); }
int64_t num(const MetaValue* v) { return v && v->asInt() ? *v->asInt() : -1; }

const char* kSources[] = {"stories260K-f32.gguf", "model.safetensors", "stories260K.bin"};

}  // namespace

class TestExport : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    // GGUF from every source format: metadata, llama.cpp names and shapes, and the stored values
    // are exactly our quantize -> dequantize of the source in llama.cpp's layout.
    void ggufFromEachSource_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("type");
        for (const char* s : kSources)
            for (const char* t : {"Q8_0", "Q4_K_M"})
                QTest::newRow((std::string(s) + " " + t).c_str()) << QString::fromLatin1(s) << QString::fromLatin1(t);
    }
    void ggufFromEachSource()
    {
        QFETCH(QString, source);
        QFETCH(QString, type);
        const auto src = openModel(test::stories(source).toStdString());
        const auto ref = openModel(test::stories("stories260K-f32.gguf").toStdString());
        const QuantPlan plan = makePlan(*src, type.toStdString(), PlanTarget::Gguf);
        const QString out = tmp.filePath(source + "." + type + ".gguf");
        std::vector<ExportProgress> seen;
        ExportOptions eo;
        eo.progress = [&](const ExportProgress& p) { seen.push_back(p); };
        const ExportResult r = exportModel(*src, plan, out.toStdString(), eo);
        QCOMPARE(int(seen.size()), int(plan.entries.size()));
        QCOMPARE(seen.back().done, seen.back().total);
        QCOMPARE(r.bytesWritten, uint64_t(QFileInfo(out).size()));
        QVERIFY(!entries(tmp.path()).filter(QStringLiteral("qs-tmp")).size());

        const auto m = openModel(out.toStdString());
        QCOMPARE(m->format, std::string("gguf"));
        QCOMPARE(str(m->meta("general.architecture")), std::string("llama"));
        QCOMPARE(num(m->meta("general.quantization_version")), int64_t(2));
        QCOMPARE(num(m->meta("general.alignment")), int64_t(32));
        QCOMPARE(num(m->meta("general.file_type")), int64_t(type == "Q8_0" ? 7 : 15));
        for (const char* k : {"llama.context_length", "llama.embedding_length", "llama.block_count",
                              "llama.feed_forward_length", "llama.attention.head_count", "llama.attention.head_count_kv",
                              "llama.rope.dimension_count"})
            QCOMPARE(num(m->meta(k)), num(ref->meta(k)));
        const auto cfg = modelConfig(*m);
        QVERIFY(cfg.has_value());
        QCOMPARE(cfg->nLayers, 5);
        QCOMPARE(cfg->nKvHeads, 4);
        QVERIFY(std::fabs(cfg->rmsEps - 1e-5f) < 1e-9f);
        const MetaValue* tokens = m->meta("tokenizer.ggml.tokens");
        QVERIFY(tokens && tokens->arraySize() == 512);
        QCOMPARE(str(m->meta("tokenizer.ggml.model")), std::string("llama"));
        QCOMPARE(num(m->meta("tokenizer.ggml.bos_token_id")), int64_t(1));
        const std::vector<MetaValue> tok = tokens->elements();
        QCOMPARE(tok[1].s, std::string("<s>"));
        QCOMPARE(tok[3 + 0x41].s, std::string("<0x41>"));
        if (source != "stories260K-f32.gguf")
            QVERIFY(!r.warnings.empty());  // placeholder vocabulary

        // Every reference tensor is there with its shape (the safetensors source adds output.weight).
        for (const auto& t : ref->tensors) {
            const TensorInfo* o = m->find(t.name);
            QVERIFY2(o, t.name.c_str());
            QCOMPARE(o->shape, t.shape);
        }
        QCOMPARE(m->tensors.size(), src->tensors.size());
        for (const auto& e : plan.entries) {
            const TensorInfo* o = m->find(e.outputName);
            QVERIFY2(o, e.outputName.c_str());
            QCOMPARE(o->dtype, e.outputDtype);
            const std::vector<float> got = m->toFloat(*o);
            const std::vector<float> w = ggufWeights(*src, src->tensors[size_t(e.sourceIndex)]);
            const std::vector<float> want = planFormat(e).roundTrip(w.data(), e.rows(), e.cols());
            QVERIFY2(std::memcmp(got.data(), want.data(), got.size() * sizeof(float)) == 0, e.outputName.c_str());
        }
        if (type == "Q4_K_M") {
            // stories260K: rows of 64 and 172 fit no 256-block; the plan says so.
            QVERIFY(plan.fallbacks() > 0);
            QCOMPARE(m->find("blk.0.ffn_down.weight")->dtype, std::string("F16"));
            QCOMPARE(m->find("blk.0.attn_q.weight")->dtype, std::string("Q5_0"));
            QCOMPARE(m->find("blk.2.attn_v.weight")->dtype, std::string("Q8_0"));  // more-bits layer: Q6_K -> Q8_0
        }
    }

    // The three sources hold the same weights: their GGUF exports agree tensor by tensor
    // (safetensors is F16, so compare against an F16-rounded F32 source).
    void sourcesAgree()
    {
        const auto hf = openModel(test::stories("model.safetensors").toStdString());
        const auto bin = openModel(test::stories("stories260K.bin").toStdString());
        for (const char* name : {"blk.1.attn_q.weight", "blk.1.attn_k.weight", "blk.3.ffn_down.weight"}) {
            const TensorInfo* hb = nullptr;
            for (const auto& t : hf->tensors)
                if (ggufTensorName(*hf, t.name) == name)
                    hb = &t;
            QVERIFY(hb);
            const auto a = ggufWeights(*hf, *hb);
            const auto b = bin->toFloat(*bin->find(name));
            QCOMPARE(a.size(), b.size());
            for (size_t i = 0; i < a.size(); ++i)
                QCOMPARE(a[i], fp16ToFp32(fp32ToFp16(b[i])));
        }
    }

    // Fake-quant safetensors: eligible tensors hold dequantized values in the source dtype,
    // everything else is copied byte for byte; works for the INT/NF4 family.
    void fakeQuantSafetensors_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("type");
        QTest::newRow("hf NF4") << "model.safetensors" << "NF4";
        QTest::newRow("hf Q4_K_M") << "model.safetensors" << "Q4_K_M";
        QTest::newRow("gguf INT4_ASYM_G32") << "stories260K-f32.gguf" << "INT4_ASYM_G32";
    }
    void fakeQuantSafetensors()
    {
        QFETCH(QString, source);
        QFETCH(QString, type);
        const auto src = openModel(test::stories(source).toStdString());
        const QuantPlan plan = makePlan(*src, type.toStdString(), PlanTarget::Safetensors);
        const QString out = tmp.filePath(source + "." + type + ".fq.safetensors");
        exportModel(*src, plan, out.toStdString());
        const auto m = openModel(out.toStdString());
        QCOMPARE(m->tensors.size(), src->tensors.size());
        int quantized = 0;
        for (const auto& e : plan.entries) {
            const TensorInfo& s = src->tensors[size_t(e.sourceIndex)];
            const TensorInfo* o = m->find(s.name);
            QVERIFY2(o, s.name.c_str());
            QCOMPARE(o->shape, s.shape);
            QCOMPARE(o->dtype, s.dtype);
            if (!e.eligible) {
                const auto a = src->data(s), b = m->data(*o);
                QVERIFY(a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size()) == 0);
                continue;
            }
            ++quantized;
            const auto w = src->toFloat(s);
            auto want = planFormat(e).roundTrip(w.data(), e.rows(), e.cols());
            if (s.dtype == "F16")
                for (float& x : want)
                    x = fp16ToFp32(fp32ToFp16(x));
            const auto got = m->toFloat(*o);
            QVERIFY2(std::memcmp(got.data(), want.data(), got.size() * sizeof(float)) == 0, s.name.c_str());
            if (e.format != "F16")
                QVERIFY(std::memcmp(got.data(), w.data(), got.size() * sizeof(float)) != 0);  // really quantized
        }
        QVERIFY(quantized >= 35);
    }

    // GGUF export of the INT family is refused with a hint; so is an unknown extension.
    void refusals()
    {
        const auto src = openModel(test::stories("stories260K.bin").toStdString());
        try {
            makePlan(*src, "NF4", PlanTarget::Gguf);
            QFAIL("NF4 to GGUF accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral(".safetensors")));
        }
        QVERIFY_THROWS_EXCEPTION(Error, targetForPath("/tmp/x.bin"));
        const QuantPlan plan = makePlan(*src, "Q8_0", PlanTarget::Gguf);
        QVERIFY_THROWS_EXCEPTION(Error, exportModel(*src, plan, tmp.filePath("x.safetensors").toStdString()));
        // Same file, by path and through a hard link.
        const QString copy = tmp.filePath("copy.bin"), link = tmp.filePath("link.bin");
        QVERIFY(QFile::copy(test::stories("stories260K.bin"), copy));
        QVERIFY(QFile::link(copy, link) || true);
        const auto c = openModel(copy.toStdString());
        const QuantPlan pc = makePlan(*c, "Q8_0", PlanTarget::Gguf);
        QVERIFY_THROWS_EXCEPTION(Error, checkOutputIsNotInput(*c, copy.toStdString()));
        QVERIFY_THROWS_EXCEPTION(Error, checkOutputIsNotInput(*c, link.toStdString()));
    }

    // Cancellation through the API: the flag set after the first tensor stops the export,
    // no output and no temporary file remain.
    void cancelFromProgress()
    {
        const auto src = openModel(test::stories("stories260K.bin").toStdString());
        const QuantPlan plan = makePlan(*src, "Q8_0", PlanTarget::Gguf);
        QTemporaryDir dir;
        std::atomic<bool> cancel{false};
        const CancelScope scope(&cancel);
        ExportOptions eo;
        eo.tensorsInFlight = 1;
        eo.progress = [&](const ExportProgress&) { cancel.store(true); };
        const QString out = dir.filePath("c.gguf");
        try {
            exportModel(*src, plan, out.toStdString(), eo);
            QFAIL("not cancelled");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::Cancelled);
        }
        QVERIFY(entries(dir.path()).isEmpty());
    }

    // The synthetic model: deterministic per seed, realistic statistics, streamed to disk and
    // read back identically.
    void demoModel()
    {
        const auto a = makeDemoModel(3'000'000, GgmlType::F16, 7);
        const auto b = makeDemoModel(3'000'000, GgmlType::F16, 7);
        const auto c = makeDemoModel(3'000'000, GgmlType::F16, 8);
        QCOMPARE(a->format, std::string("memory"));
        QVERIFY(a->meta("quantscope.synthetic") && a->meta("quantscope.synthetic")->b);
        QVERIFY(std::llabs(a->nParams() - 3'000'000) < 1'000'000);
        const auto cfg = modelConfig(*a);
        QVERIFY(cfg.has_value());
        const TensorInfo& q = *a->find("blk.0.attn_q.weight");
        const auto wa = a->toFloat(q), wb = b->toFloat(q), wc = c->toFloat(q);
        QVERIFY(wa == wb);
        QVERIFY(wa != wc);
        // Heavy tails: kurtosis above a Gaussian's 3; a few input channels much larger than the rest.
        const int64_t cols = q.cols(), rows = q.rows();
        double s2 = 0, s4 = 0;
        std::vector<double> colAbs(size_t(cols), 0.0);
        for (int64_t r = 0; r < rows; ++r)
            for (int64_t j = 0; j < cols; ++j) {
                const double x = wa[size_t(r * cols + j)];
                s2 += x * x;
                s4 += x * x * x * x;
                colAbs[size_t(j)] += std::fabs(x);
            }
        const double n = double(rows * cols);
        QVERIFY((s4 / n) / ((s2 / n) * (s2 / n)) > 4.0);
        std::vector<double> sorted = colAbs;
        std::sort(sorted.begin(), sorted.end());
        QVERIFY(sorted.back() > 3.0 * sorted[sorted.size() / 2]);
        const auto norm = a->toFloat(*a->find("blk.0.attn_norm.weight"));
        double mean = 0;
        for (float x : norm)
            mean += x;
        mean /= double(norm.size());
        QVERIFY(std::fabs(mean - 1.0) < 0.05);

        // Streamed to safetensors and GGUF: re-read values equal the in-memory model's.
        for (const char* ext : {".safetensors", ".gguf"}) {
            const QString out = tmp.filePath(QStringLiteral("demo") + ext);
            writeDemoModel(3'000'000, GgmlType::F16, 7, out.toStdString(), {});
            const auto m = openModel(out.toStdString());
            QCOMPARE(m->tensors.size(), a->tensors.size());
            QVERIFY(m->toFloat(*m->find("blk.0.attn_q.weight")) == wa);
            const TensorInfo* emb = m->find("token_embd.weight");
            QCOMPARE(emb->shape, a->find("token_embd.weight")->shape);
            QVERIFY(m->toFloat(*emb) == a->toFloat(*a->find("token_embd.weight")));
        }
    }

    // compare: one row per type, the same numbers as measuring tensor by tensor.
    void compareRows()
    {
        const auto m = openModel(test::stories("stories260K.bin").toStdString());
        const CompareResult r = compareModel(*m, {"F32", "Q8_0", "Q4_K_M", "NF4"});
        QCOMPARE(int(r.rows.size()), 4);
        QCOMPARE(r.rows[0].total.stats.rmse(), 0.0);
        QVERIFY(r.rows[1].total.stats.rmse() < r.rows[2].total.stats.rmse());
        QVERIFY(r.rows[1].total.stats.sqnrDb() > 40);
        QCOMPARE(r.rows[2].tensors, 36);
        QVERIFY(r.rows[2].fallbacks > 0);
        // Independent check of Q8_0's rmse and size.
        double se = 0;
        int64_t n = 0;
        uint64_t bytes = 0;
        for (const auto& t : m->tensors) {
            if (!isEligible(t.name, t.shape))
                continue;
            const Format& f = *findFormat(t.cols() % 32 == 0 ? "Q8_0" : "F16");
            const auto w = m->toFloat(t);
            const auto d = f.roundTrip(w.data(), t.rows(), t.cols());
            for (size_t i = 0; i < w.size(); ++i)
                se += (double(d[i]) - double(w[i])) * (double(d[i]) - double(w[i]));
            n += int64_t(w.size());
            bytes += f.storageBytes(t.rows(), t.cols());
        }
        QVERIFY(std::fabs(std::sqrt(se / double(n)) - r.rows[1].total.stats.rmse()) < 1e-9);
        QCOMPARE(r.rows[1].sizeBytes(), bytes);

        QByteArray out;
        QCOMPARE(test::runCli({"compare", test::stories("stories260K.bin"), "--types", "Q8_0,Q4_K_M,INT4_SYM_G32", "--json"}, &out), 0);
        const QJsonObject j = QJsonDocument::fromJson(out).object();
        const QJsonArray rows = j.value("results").toArray();
        QCOMPARE(rows.size(), 3);
        for (const char* k : {"type", "bits_per_weight", "size_bytes", "rmse", "sqnr_db", "max_abs_error", "p99_abs_error",
                              "cosine", "seconds"})
            QVERIFY2(rows[0].toObject().contains(QLatin1String(k)), k);
        QCOMPARE(rows[0].toObject().value("rmse").toDouble(), r.rows[1].total.stats.rmse());
        QCOMPARE(test::runCli({"compare", test::stories("stories260K.bin"), "--types", "Q8_0,BOGUS"}), 2);
        QCOMPARE(test::runCli({"compare", test::stories("stories260K.bin"), "--types", "Q8_0", "--csv"}, &out), 0);
        QCOMPARE(out.split('\n').at(0), QByteArray("type,bits_per_weight,size_bytes,rmse,sqnr_db,max_abs_error,p99_abs_error,cosine,seconds"));
    }

    // ---- quantscope-cli as a subprocess: plan output, failures leave nothing behind ----

    void cliQuantize()
    {
        QTemporaryDir dir;
        QByteArray out, err;
        const QString o = dir.filePath("q.gguf");
        QCOMPARE(test::runCli({"quantize", test::stories("model.safetensors"), "--type", "Q4_K_M", "--override",
                               "attn_q=Q8_0", "--output", o}, &out, &err), 0);
        QVERIFY(out.contains("blk.0.attn_q.weight"));
        QVERIFY(out.contains("override"));
        QVERIFY(out.contains("fallback"));
        QVERIFY(err.contains("progress: 48/48"));
        QCOMPARE(openModel(o.toStdString())->find("blk.3.attn_q.weight")->dtype, std::string("Q8_0"));
        QCOMPARE(entries(dir.path()), QStringList{"q.gguf"});
        QCOMPARE(test::runCli({"quantize", test::stories("model.safetensors"), "--type", "NF4", "--output", dir.filePath("n.gguf")},
                              &out, &err), 2);
        QVERIFY(err.contains(".safetensors"));
        QCOMPARE(test::runCli({"quantize", test::stories("model.safetensors"), "--type", "Q4_K_M"}), 2);
        QCOMPARE(test::runCli({"quantize", tmp.filePath("missing.gguf"), "--type", "Q8_0", "--output", dir.filePath("m.gguf")}), 2);
        QCOMPARE(test::runCli({"quantize", test::stories("stories260K.bin"), "--type", "Q8_0", "--output", dir.filePath("no/such/dir/m.gguf")}), 2);
        QCOMPARE(entries(dir.path()), QStringList{"q.gguf"});
    }

    // Presets llama.cpp refuses without an importance matrix: the plan says where it comes from,
    // the export calibrates one; a format this build lacks is a one-line error before any work.
    void cliPresetImportance()
    {
        QTemporaryDir dir;
        QByteArray out, err;
        const QString demo = dir.filePath("demo.gguf");
        QCOMPARE(test::runCli({"make-demo", "--params", "3M", "--dtype", "F32", "--output", demo}), 0);
        QCOMPARE(test::runCli({"quantize", demo, "--type", "IQ2_XXS", "--calib-sample", "64", "--dry-run"}, &out, &err), 0);
        QVERIFY2(out.contains("importance: calibrated from 64 sampled tokens (seed 2)"), out.constData());
        QVERIFY(out.contains("attn_v, GQA 1: Q2_K"));
        QCOMPARE(test::runCli({"quantize", demo, "--type", "Q4_K_M", "--dry-run"}, &out, &err), 0);
        QVERIFY(!out.contains("importance:"));
        const QString o = dir.filePath("iq2.gguf");
        QCOMPARE(test::runCli({"quantize", demo, "--type", "IQ2_XXS", "--calib-sample", "64", "--output", o}, &out, &err), 0);
        QVERIFY2(err.contains("importance: calibrating on 64 tokens sampled as 8 sequences"), err.constData());
        const auto q = openModel(o.toStdString());
        QCOMPARE(q->find("blk.0.attn_q.weight")->dtype, std::string("IQ2_XXS"));
        QCOMPARE(q->meta("general.file_type")->asInt().value_or(0), int64_t(19));
        const QString o1 = dir.filePath("iq1.gguf");
        const int rc = test::runCli({"quantize", demo, "--type", "IQ1_S", "--calib-sample", "64", "--output", o1}, &out, &err);
        if (findFormat("IQ1_S")) {
            QCOMPARE(rc, 0);
        } else {  // the plan names IQ1_S before this build has its format
            QCOMPARE(rc, 2);
            QVERIFY2(err.contains("IQ1_S (tensor blk.0.attn_q.weight) is not available in this build"), err.constData());
            QCOMPARE(err.count('\n'), 1);
            QVERIFY(!QFileInfo::exists(o1));
        }
    }

    void fileSizeLimit()
    {
        QTemporaryDir dir;
        const QString in = test::stories("stories260K.bin");
        const QByteArray sum = sha256(in);
        QProcess p;
        // 100 blocks of 1 KiB: the ~1.1 MB F32 GGUF cannot be written.
        p.start("bash", {"-c", "ulimit -f 100; exec \"$0\" quantize \"$1\" --type F32 --output \"$2\"", test::cliPath(), in,
                         dir.filePath("big.gguf")});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains("big.gguf"));
        QVERIFY(entries(dir.path()).isEmpty());
        QCOMPARE(sha256(in), sum);
    }

    void sigtermMidExport()
    {
        QTemporaryDir dir;
        const QString in = dir.filePath("demo.gguf");
        QCOMPARE(test::runCli({"make-demo", "--params", "30M", "--dtype", "F32", "--seed", "3", "--output", in}), 0);
        const QByteArray sum = sha256(in);
        QProcess p;
        p.start(test::cliPath(), {"quantize", in, "--type", "Q4_K_M", "--output", dir.filePath("out.gguf")});
        QVERIFY(p.waitForStarted());
        // Wait for the first progress line, then ask it to stop.
        QByteArray err;
        QElapsedTimer t;
        t.start();
        while (!err.contains("progress:") && t.elapsed() < 120000 && p.state() == QProcess::Running) {
            p.waitForReadyRead(100);
            err += p.readAllStandardError();
        }
        QVERIFY2(err.contains("progress:"), err.constData());
        QVERIFY(!err.contains("progress: 83/83"));
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 1);
        err += p.readAllStandardError();
        QVERIFY2(err.contains("cancelled"), err.constData());
        QCOMPARE(entries(dir.path()), QStringList{"demo.gguf"});
        QCOMPARE(sha256(in), sum);
    }

    void outputIsInput()
    {
        QTemporaryDir dir;
        // A single file, the same file through a hard link, and a file of a Hugging Face folder.
        const QString bin = dir.filePath("m.bin"), hard = dir.filePath("hard.gguf");
        QVERIFY(QFile::copy(test::stories("stories260K.bin"), bin));
        QVERIFY(::link(bin.toLocal8Bit().constData(), hard.toLocal8Bit().constData()) == 0);
        QVERIFY(QDir(dir.path()).mkdir("hf"));
        const QString st = dir.filePath("hf/model.safetensors");
        QVERIFY(QFile::copy(test::stories("model.safetensors"), st));
        QVERIFY(QFile::copy(test::stories("config.json"), dir.filePath("hf/config.json")));
        const QByteArray s1 = sha256(bin), s2 = sha256(st);
        const QStringList before = entries(dir.path()), beforeHf = entries(dir.filePath("hf"));
        QByteArray err;
        QCOMPARE(test::runCli({"quantize", bin, "--type", "Q8_0", "--output", hard}, nullptr, &err), 2);
        QVERIFY(err.contains("overwrite the input"));
        QCOMPARE(test::runCli({"quantize", dir.filePath("hf"), "--type", "NF4", "--output", st}, nullptr, &err), 2);
        QCOMPARE(test::runCli({"quantize", st, "--type", "NF4", "--output", dir.filePath("hf/../hf/model.safetensors")}), 2);
        QCOMPARE(sha256(bin), s1);
        QCOMPARE(sha256(st), s2);
        QCOMPARE(entries(dir.path()), before);
        QCOMPARE(entries(dir.filePath("hf")), beforeHf);
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"
