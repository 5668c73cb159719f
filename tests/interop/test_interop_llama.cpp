// llama.cpp (node-llama-cpp 3.21) loads what `quantize` writes: stories260K exported from each
// fixture format (GGUF F32, HF safetensors F16, llama2.c) at Q8_0, Q4_K_M (with its fallbacks:
// rows of 64 and 172 fit no 256-block) and Q4_0; its next-token distributions on eval-tokens.json
// stay close to the FP32 GGUF fixture's (mean KL divergence per position). And every llama.cpp
// preset's plan equals llama.cpp's own: llama_model_quantize (libllama, dlopen'ed) writes each
// preset from the same input and its tensor types are compared with ours, tensor by tensor.
#include "core/export/demo_model.h"
#include "core/export/export.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "tests/interop/llama_probs.h"
#include "tests/support/fixtures.h"

#include <QTemporaryDir>
#include <QtTest>

#include <dlfcn.h>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

using namespace qs;

namespace {

// llama.h (the bundled llama.cpp): struct llama_model_imatrix_data and the fields of struct
// llama_model_quantize_params in order; spare room after them, should the library's be larger.
struct ImatrixEntry {
    const char* name;
    const float* data;
    size_t size;
};
struct QuantizeParams {
    int32_t nthread;
    int32_t ftype;
    int32_t outputTensorType;
    int32_t tokenEmbeddingType;
    bool allowRequantize;
    bool quantizeOutputTensor;
    bool onlyCopy;
    bool pure;
    bool keepSplit;
    bool dryRun;
    const ImatrixEntry* imatrix;
    const void* kvOverrides;
    const void* ttOverrides;
    const int32_t* pruneLayers;
    size_t maxBufSize;
    unsigned char spare[256];
};

// llama.cpp's whole-model quantizer from node-llama-cpp's libllama (beside libggml-base.so).
class LlamaQuantizer {
public:
    LlamaQuantizer()
    {
        const QString base = test::ggmlBaseLib();
        const QByteArray path = (base.left(base.lastIndexOf(QLatin1Char('/')) + 1) + QStringLiteral("libllama.v0.4.0.so")).toLocal8Bit();
        lib_ = dlopen(path.constData(), RTLD_NOW | RTLD_LOCAL);
        if (!lib_)
            qFatal("cannot load %s: %s", path.constData(), dlerror());
        defaults_ = reinterpret_cast<QuantizeParams (*)()>(dlsym(lib_, "llama_model_quantize_default_params"));
        quantize_ = reinterpret_cast<uint32_t (*)(const char*, const char*, const QuantizeParams*)>(dlsym(lib_, "llama_model_quantize"));
        auto logSet = reinterpret_cast<void (*)(void (*)(int, const char*, void*), void*)>(dlsym(lib_, "llama_log_set"));
        auto init = reinterpret_cast<void (*)()>(dlsym(lib_, "llama_backend_init"));
        if (!defaults_ || !quantize_ || !logSet || !init)
            qFatal("%s lacks llama_model_quantize", path.constData());
        init();
        logSet([](int, const char* text, void* log) { static_cast<std::string*>(log)->append(text); }, &log_);
    }
    // Quantizes `in` to `out` at llama_ftype `ftype`, with an importance matrix of all ones for
    // every tensor of `model` when asked. Returns llama.cpp's log on failure, empty on success.
    std::string run(const Model& model, const QString& in, const QString& out, uint32_t ftype, bool imatrix)
    {
        std::vector<std::vector<float>> ones;
        std::vector<ImatrixEntry> entries;
        if (imatrix) {
            for (const auto& t : model.tensors)
                if (t.shape.size() >= 2)
                    ones.emplace_back(size_t(t.shape.back() * (t.shape.size() == 3 ? t.shape[0] : 1)), 1.0f);
            size_t i = 0;
            for (const auto& t : model.tensors)
                if (t.shape.size() >= 2) {
                    entries.push_back({t.name.c_str(), ones[i].data(), ones[i].size()});
                    ++i;
                }
            entries.push_back({nullptr, nullptr, 0});
        }
        QuantizeParams p = defaults_();
        p.nthread = 2;
        p.ftype = int32_t(ftype);
        p.imatrix = imatrix ? entries.data() : nullptr;
        log_.clear();
        const QByteArray a = in.toLocal8Bit(), b = out.toLocal8Bit();
        return quantize_(a.constData(), b.constData(), &p) == 0 ? std::string() : log_ + "\nllama_model_quantize failed";
    }

private:
    void* lib_ = nullptr;
    QuantizeParams (*defaults_)() = nullptr;
    uint32_t (*quantize_)(const char*, const char*, const QuantizeParams*) = nullptr;
    std::string log_;
};

}  // namespace

class TestInteropLlama : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    test::Dists ref;
    std::map<std::string, double> kls;
    std::unique_ptr<LlamaQuantizer> quantizer;
    QString demo;
    int compared = 0;

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

    // Every preset: llama.cpp's llama_model_quantize and our plan give every tensor the same
    // type, and general.file_type is the same. Inputs: stories260K (dim 64, ffn 172: every
    // 256-block and some 32-blocks fall back; GQA 2; tied embeddings) and a make-demo model (dim
    // 256, ffn 256, GQA 4, 8 layers: the first-eighth and more-bits layer rules differ per layer;
    // an output.weight of its own).
    // llama.cpp refuses some presets without an importance matrix: they get one of all ones, and
    // our plan says it calibrates one; on the demo, four presets whose rules change with one run both
    // ways (stories260K has no first eighth of layers for them to differ on).
    void presetsMatchLlamaCpp_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("preset");
        QTest::addColumn<bool>("imatrix");
        for (const char* in : {"stories260K", "demo"})
            for (const auto& p : presetNames()) {
                QTest::newRow((std::string(in) + " " + p).c_str()) << QString::fromLatin1(in) << QString::fromStdString(p) << false;
                if (std::string(in) == "demo" && (p == "Q4_0" || p == "Q5_0" || p == "IQ4_NL" || p == "IQ4_XS"))
                    QTest::newRow((std::string(in) + " " + p + " imatrix").c_str())
                        << QString::fromLatin1(in) << QString::fromStdString(p) << true;
            }
    }
    void presetsMatchLlamaCpp()
    {
        QFETCH(QString, input);
        QFETCH(QString, preset);
        QFETCH(bool, imatrix);
        if (!quantizer)
            quantizer = std::make_unique<LlamaQuantizer>();
        QString in = test::stories("stories260K-f32.gguf");
        if (input == QLatin1String("demo")) {
            if (demo.isEmpty()) {
                // make-demo's generator at a shape of our own: the smallest make-demo size with GQA
                // (dim 512) has 14M weights, which llama.cpp's 1-2 bit quantizers take minutes over.
                ModelConfig c = demoConfig(1'000'000);
                c.dim = 256;
                c.nHeads = 8;
                c.nKvHeads = 2;
                c.hiddenDim = 256;
                c.nLayers = 8;
                c.vocabSize = 256;
                c.ropeDim = 32;
                c.tiedEmbeddings = false;
                demo = tmp.filePath(QStringLiteral("demo-f32.gguf"));
                writeDemoModel(c, GgmlType::F32, 7, demo.toStdString(), {});
            }
            in = demo;
        }
        const auto src = openModel(in.toStdString());
        if (input == QLatin1String("demo")) {  // the shape the comment above promises
            QCOMPARE(src->meta("llama.block_count")->asInt().value_or(0), int64_t(8));
            QCOMPARE(src->meta("llama.embedding_length")->asInt().value_or(0), int64_t(256));
            QVERIFY(src->find("output.weight") != nullptr);
            QCOMPARE(src->meta("llama.attention.head_count")->asInt().value_or(0) /
                         src->meta("llama.attention.head_count_kv")->asInt().value_or(1),
                     int64_t(4));
        }
        PlanSpec spec(preset.toStdString());
        spec.importance = imatrix;
        const QuantPlan plan = buildPlan(*src, spec);
        QVERIFY(plan.preset.has_value());
        // The plan assumes an importance matrix exactly when asked for one or llama.cpp requires one.
        QCOMPARE(plan.importance, imatrix || plan.importanceRequired);
        QCOMPARE(plan.importanceCalibrated, !imatrix && plan.importanceRequired);

        const QString out = tmp.filePath(input + "-" + preset + (imatrix ? "-imatrix" : "") + ".gguf");
        const std::string failed = quantizer->run(*src, in, out, plan.fileType, plan.importance);
        QVERIFY2(failed.empty(), failed.c_str());
        const auto ref = openModel(out.toStdString());
        QCOMPARE(ref->meta("general.file_type")->asInt().value_or(-1), int64_t(plan.fileType));
        std::map<std::string, std::string> theirs;
        for (const auto& t : ref->tensors)
            theirs[t.name] = t.dtype;
        QCOMPARE(plan.entries.size(), theirs.size());
        int n = 0;
        std::map<std::string, int> histogram;
        for (const auto& e : plan.entries) {
            QVERIFY2(theirs.count(e.outputName), e.outputName.c_str());
            const std::string& want = theirs.at(e.outputName);
            QVERIFY2(e.outputDtype == want, qPrintable(QStringLiteral("%1: ours %2 (%3), llama.cpp %4")
                                                           .arg(QString::fromStdString(e.outputName),
                                                                QString::fromStdString(e.outputDtype),
                                                                QString::fromStdString(e.reason),
                                                                QString::fromStdString(want))));
            ++histogram[want];
            ++n;
        }
        compared += n;
        std::string h;
        for (const auto& [type, count] : histogram)
            h += " " + type + " x" + std::to_string(count);
        qInfo("%s %s%s: %d tensors equal:%s", qPrintable(input), qPrintable(preset), imatrix ? " (imatrix)" : "", n, h.c_str());
    }
    void presetsMatchLlamaCppTotal()
    {
        qInfo("tensor types compared with llama.cpp: %d", compared);
        QVERIFY(compared > 0);
    }
};

QTEST_GUILESS_MAIN(TestInteropLlama)
#include "test_interop_llama.moc"
