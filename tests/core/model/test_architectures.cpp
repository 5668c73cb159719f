// The architecture descriptions (core/model/architecture.h) on tiny random-weight Hugging Face
// folders of each: config.json -> hyper-parameters, tensor names, value transforms, the GGUF
// metadata an export writes (the keys llama.cpp reads for the architecture, agreeing with the
// tensors present), the export read back giving the same forward pass, and bad input (unknown
// model_type, missing keys) as one-line errors naming the file with nothing written.
#include "core/eval/llama_forward.h"
#include "core/export/export.h"
#include "core/model/architecture.h"
#include "core/plan/plan.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_models.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

using namespace qs;

namespace {

std::vector<int32_t> someTokens(int n)
{
    std::vector<int32_t> t;
    uint32_t s = 12345;
    for (int i = 0; i < n; ++i) {
        s = s * 1664525u + 1013904223u;
        t.push_back(int32_t((s >> 8) % 512));
    }
    return t;
}

float maxAbsDiff(const RowMatrix& a, const RowMatrix& b)
{
    if (a.rows() != b.rows() || a.cols() != b.cols())
        return INFINITY;
    return (a - b).cwiseAbs().maxCoeff();
}

ExportResult exportAs(const Model& m, const std::string& type, const QString& out)
{
    PlanSpec po;
    po.type = type;
    po.pure = true;
    return exportModel(m, buildPlan(m, po), out.toStdString());
}

// The "<arch>." keys llama.cpp's loader reads for each architecture (llama.cpp's llama-model.cpp
// and its converter), for the tiny models' configurations.
std::set<std::string> expectedKeys(const QString& type)
{
    std::set<std::string> common{"context_length",
                                 "embedding_length",
                                 "block_count",
                                 "feed_forward_length",
                                 "attention.head_count",
                                 "attention.head_count_kv",
                                 "attention.layer_norm_rms_epsilon",
                                 "rope.freq_base",
                                 "rope.dimension_count",
                                 "attention.key_length",
                                 "attention.value_length"};
    if (type == "llama" || type == "mistral")
        common.insert("vocab_size");
    if (type == "gemma2")
        common.insert({"attn_logit_softcapping", "final_logit_softcapping", "attention.sliding_window"});
    if (type == "gemma3_text")
        common.insert({"attention.sliding_window", "rope.freq_base_swa", "rope.scaling.type", "rope.scaling.factor"});
    return common;
}

std::string ggufArch(const QString& type)
{
    if (type == "mistral")
        return "llama";
    if (type == "gemma3_text")
        return "gemma3";
    return type.toStdString();
}

}  // namespace

class TestArchitectures : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;

    QString folder(const QString& type, const QString& dtype = "F32", const QJsonObject& changes = {})
    {
        static int n = 0;
        return test::writeTinyHfModel(tmp.filePath(type + QString::number(++n)), type, dtype, 1, changes);
    }

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    void registry()
    {
        std::set<std::string_view> names;
        for (const Architecture* a : architectures()) {
            QVERIFY(names.insert(a->name).second);
            QCOMPARE(findArchitectureByGguf(a->gguf)->gguf, a->gguf);
            for (std::string_view t : a->hfModelTypes)
                QCOMPARE(findArchitectureByHf(t), a);
        }
        QCOMPARE(findArchitectureByGguf("llama")->name, std::string_view("llama"));  // not mistral
        QCOMPARE(findArchitectureByHf("mistral")->gguf, std::string_view("llama"));
        QVERIFY(!findArchitectureByHf("gpt2"));
    }

    void hyperParameters_data()
    {
        QTest::addColumn<QString>("type");
        for (const QString& t : test::tinyArchitectures())
            QTest::newRow(qPrintable(t)) << t;
    }
    void hyperParameters()
    {
        QFETCH(QString, type);
        const auto m = openModel(folder(type).toStdString());
        const ModelArchitecture a = modelArchitecture(*m);
        QVERIFY2(a.config, a.error.c_str());
        const ModelConfig& c = *a.config;
        QCOMPARE(c.arch->gguf, std::string_view(ggufArch(type)));
        QCOMPARE(c.dim, 64);
        QCOMPARE(c.vocabSize, 512);
        QCOMPARE(c.nKvHeads, 2);
        QCOMPARE(c.contextLength, 256);
        QCOMPARE(a.source, (QDir(QString::fromStdString(m->path)).filePath("config.json")).toStdString());
        if (type == "llama") {
            QCOMPARE(c.ropeLayout, RopeLayout::Interleaved);
            QCOMPARE(c.ropeFreqFactors.size(), size_t(8));
            QCOMPARE(c.ropeFreqFactors.front(), 1.0f);  // short wavelengths kept
            QCOMPARE(c.ropeFreqFactors.back(), 8.0f);   // long ones divided by the factor
            QVERIFY(c.ropeFreqFactors[1] > 1.0f && c.ropeFreqFactors[1] < 8.0f);  // smoothed band
        }
        if (type == "mistral" || type == "qwen3" || type.startsWith("gemma"))
            QCOMPARE(c.headDim(), 32);
        if (type == "qwen2")
            QVERIFY(c.tiedEmbeddings);
        if (type == "qwen3" || type == "mistral")
            QVERIFY(!c.tiedEmbeddings);
        if (type == "gemma2") {
            QCOMPARE(c.activation, Activation::GeluTanh);
            QCOMPARE(c.embedScale, 8.0f);
            QCOMPARE(c.attnSoftcap, 2.0f);
            QCOMPARE(c.finalSoftcap, 5.0f);
            QCOMPARE(c.slidingWindow, 8);
            QCOMPARE(c.slidingLayers, (std::vector<uint8_t>{1, 0}));
        }
        if (type == "gemma3_text") {
            QCOMPARE(c.slidingLayers, (std::vector<uint8_t>{1, 1, 1, 1, 1, 0}));
            QCOMPARE(c.ropeThetaSwa, 10000.0f);
            QCOMPARE(c.ropeTheta, 1e6f);
            QCOMPARE(c.ropeFreqScale, 0.25f);
            QCOMPARE(c.ropeFreqScaleSwa, 1.0f);
            QCOMPARE(c.finalSoftcap, 0.0f);
        }
        if (type == "phi3")
            QCOMPARE(c.rotaryDim(), 8);
    }

    // Every Hugging Face tensor gets a llama.cpp name the architecture reads (the rotary cache
    // of older checkpoints excepted), and all of llama.cpp's required tensors are covered.
    void tensorNames_data() { hyperParameters_data(); }
    void tensorNames()
    {
        QFETCH(QString, type);
        const auto m = openModel(folder(type).toStdString());
        const ModelConfig c = *modelConfig(*m);
        std::set<std::string> specs, mapped;
        for (const TensorSpec& s : c.arch->tensors(c))
            specs.insert(s.name);
        for (const TensorInfo& t : m->tensors) {
            const std::string n = ggufName(*m, t.name);
            if (t.name.find("rotary_emb") != std::string::npos) {
                QVERIFY(n.empty());
                continue;
            }
            QVERIFY2(specs.count(n), (t.name + " -> '" + n + "'").c_str());
            QVERIFY2(mapped.insert(n).second, n.c_str());
            QCOMPARE(c.arch->ggufName(n), n);  // llama.cpp names map to themselves
        }
        for (const TensorSpec& s : c.arch->tensors(c))
            QVERIFY2(!s.required || mapped.count(s.name), s.name.c_str());
    }

    // Hugging Face applies rope to rotate-half halves; llama.cpp's llama rope to interleaved
    // pairs of the permuted rows. Same logits either way.
    void rotateHalfPermutation()
    {
        const auto m = openModel(folder("llama").toStdString());
        const LlamaWeights permuted = LlamaWeights::fromModel(*m);
        LlamaWeights raw = permuted;
        raw.config.ropeLayout = RopeLayout::Neox;
        for (const TensorInfo& t : m->tensors) {
            const std::string n = ggufName(*m, t.name);
            if (n.find("attn_q.") != std::string::npos || n.find("attn_k.") != std::string::npos)
                raw.replace(n, m->toFloat(t));
        }
        const auto tokens = someTokens(40);
        const RowMatrix a = llamaLogits(permuted, tokens), b = llamaLogits(raw, tokens);
        QVERIFY2(maxAbsDiff(a, b) < 1e-4f, qPrintable(QString::number(maxAbsDiff(a, b))));
        raw.config.ropeLayout = RopeLayout::Interleaved;  // the wrong pairing differs
        QVERIFY(maxAbsDiff(a, llamaLogits(raw, tokens)) > 1e-2f);
    }

    // Gemma's config stores w of a (1 + w) norm; llama.cpp's layout holds 1 + w.
    void gemmaNormOffset()
    {
        const auto m = openModel(folder("gemma2").toStdString());
        for (const TensorInfo& t : m->tensors)
            if (t.name.find("norm") != std::string::npos) {
                const auto stored = m->toFloat(t), ours = ggufWeights(*m, t);
                for (size_t i = 0; i < stored.size(); ++i)
                    QCOMPARE(ours[i], stored[i] + 1.0f);
            }
    }

    // HF folder -> GGUF (F32): the keys llama.cpp reads, block_count and vocabulary agreeing with
    // the tensors, and the file read back runs the same forward pass as the folder.
    void exportRoundTrip_data() { hyperParameters_data(); }
    void exportRoundTrip()
    {
        QFETCH(QString, type);
        const auto hf = openModel(folder(type, "BF16").toStdString());
        const QString out = tmp.filePath(type + "-f32.gguf");
        const ExportResult r = exportAs(*hf, "F32", out);
        const auto g = openModel(out.toStdString());
        const std::string p = ggufArch(type) + ".";
        std::set<std::string> keys;
        for (const MetaEntry& e : g->metadata)
            if (e.key.rfind(p, 0) == 0)
                keys.insert(e.key.substr(p.size()));
        QCOMPARE(keys, expectedKeys(type));
        const ModelConfig hc = *modelConfig(*hf);
        const ModelArchitecture ga = modelArchitecture(*g);
        QVERIFY2(ga.config, ga.error.c_str());
        const ModelConfig& gc = *ga.config;
        QCOMPARE(gc.arch, findArchitectureByGguf(ggufArch(type)));
        QCOMPARE(gc.nLayers, hc.nLayers);
        QCOMPARE(gc.headDim(), hc.headDim());
        QCOMPARE(gc.rotaryDim(), hc.rotaryDim());
        QCOMPARE(gc.ropeFreqFactors, hc.ropeFreqFactors);
        QCOMPARE(gc.slidingLayers, hc.slidingLayers);
        QCOMPARE(gc.tiedEmbeddings, hc.tiedEmbeddings);
        QCOMPARE(*g->meta(p + "block_count")->asInt(), int64_t(hc.nLayers));
        QVERIFY(!g->find("blk.0.rotary_emb.inv_freq") && !g->find("model.layers.0.self_attn.rotary_emb.inv_freq"));
        QCOMPARE(bool(g->find("rope_freqs.weight")), type == "llama");
        if (type == "llama") {
            bool warned = false;
            for (const std::string& w : r.warnings)
                warned = warned || w.find("rotary_emb") != std::string::npos;
            QVERIFY(!warned);  // left out by the plan, not kept under its source name
        }
        const auto tokens = someTokens(48);
        const LlamaWeights a = LlamaWeights::fromModel(*hf), b = LlamaWeights::fromModel(*g);
        const float d = maxAbsDiff(llamaLogits(a, tokens), llamaLogits(b, tokens));
        QVERIFY2(d < 1e-4f, qPrintable(QString::number(d)));
    }

    // The forward pass notices each feature: switching one off changes the logits.
    void featuresMatter()
    {
        const auto tokens = someTokens(32);
        auto changes = [&](const QString& type, auto mutate) {
            const auto m = openModel(folder(type).toStdString());
            const LlamaWeights w = LlamaWeights::fromModel(*m);
            LlamaWeights v = w;
            mutate(v.config);
            return maxAbsDiff(llamaLogits(w, tokens), llamaLogits(v, tokens));
        };
        QVERIFY(changes("gemma2", [](ModelConfig& c) { c.attnSoftcap = 0; }) > 1e-3f);
        QVERIFY(changes("gemma2", [](ModelConfig& c) { c.finalSoftcap = 0; }) > 1e-3f);
        QVERIFY(changes("gemma2", [](ModelConfig& c) { c.slidingWindow = 0; }) > 1e-3f);
        QVERIFY(changes("gemma2", [](ModelConfig& c) { c.activation = Activation::Silu; }) > 1e-3f);
        QVERIFY(changes("gemma3_text", [](ModelConfig& c) { c.ropeThetaSwa = 0; }) > 1e-3f);
        QVERIFY(changes("gemma3_text", [](ModelConfig& c) { c.ropeFreqScale = 1; }) > 1e-3f);
        QVERIFY(changes("llama", [](ModelConfig& c) { c.ropeFreqFactors.clear(); }) > 1e-3f);
        QVERIFY(changes("phi3", [](ModelConfig& c) { c.ropeDim = 16; }) > 1e-3f);
    }

    // A sliding-window pattern with another period is written as that period; one without a
    // period cannot be stated in a GGUF (llama.cpp's gemma2/3 read a number): exported with a warning.
    void slidingPatterns()
    {
        const QJsonArray period3{"sliding_attention", "sliding_attention", "full_attention",
                                 "sliding_attention", "sliding_attention", "full_attention"};
        const auto a = openModel(folder("gemma3_text", "F32", {{"layer_types", period3}}).toStdString());
        const QString outA = tmp.filePath("g3-period3.gguf");
        exportAs(*a, "F16", outA);
        const auto ga = openModel(outA.toStdString());
        QCOMPARE(*ga->meta("gemma3.attention.sliding_window_pattern")->asInt(), int64_t(3));
        QCOMPARE(modelConfig(*ga)->slidingLayers, (std::vector<uint8_t>{1, 1, 0, 1, 1, 0}));

        const QJsonArray none{"sliding_attention", "full_attention", "sliding_attention",
                              "sliding_attention", "full_attention", "sliding_attention"};
        const auto b = openModel(folder("gemma3_text", "F32", {{"layer_types", none}}).toStdString());
        QCOMPARE(modelConfig(*b)->slidingLayers, (std::vector<uint8_t>{1, 0, 1, 1, 0, 1}));
        const ExportResult r = exportAs(*b, "F16", tmp.filePath("g3-none.gguf"));
        bool warned = false;
        for (const std::string& w : r.warnings)
            warned = warned || w.find("follow no period") != std::string::npos;
        QVERIFY(warned);
    }

    // A model cut to its first layers: the GGUF states the layers it holds.
    void blockCountFollowsTensors()
    {
        const QString dir = folder("qwen2", "F32", {{"num_hidden_layers", 2}});
        QJsonObject cfg = test::tinyConfig("qwen2");
        cfg["num_hidden_layers"] = 3;
        QFile f(dir + "/config.json");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(cfg).toJson());
        f.close();
        const auto m = openModel(dir.toStdString());
        QVERIFY_THROWS_EXCEPTION(Error, LlamaWeights::fromModel(*m));  // blk.2 is missing
        const QString out = tmp.filePath("cut.gguf");
        const ExportResult r = exportAs(*m, "Q8_0", out);
        QVERIFY(!r.warnings.empty());
        const auto g = openModel(out.toStdString());
        QCOMPARE(*g->meta("qwen2.block_count")->asInt(), int64_t(2));
        QCOMPARE(LlamaWeights::fromModel(*g).config.nLayers, 2);
    }

    // Unknown architectures open and compare at the weight level; what needs the architecture
    // says so in one line naming config.json and the model_type.
    void unknownArchitecture()
    {
        const QString dir = folder("llama", "F16", {{"model_type", "olmo_next"}, {"rope_scaling", QJsonValue::Null}});
        const auto m = openModel(dir.toStdString());
        const ModelArchitecture a = modelArchitecture(*m);
        QVERIFY(!a.arch && !a.config);
        const std::string cfgPath = QDir(dir).filePath("config.json").toStdString();
        QVERIFY2(a.error.rfind(cfgPath + ": ", 0) == 0, a.error.c_str());
        QVERIFY(a.error.find("olmo_next") != std::string::npos);
        QVERIFY(a.error.find('\n') == std::string::npos);
        try {
            LlamaWeights::fromModel(*m);
            QFAIL("no error");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            const std::string w = e.what();
            QVERIFY2(w.find(cfgPath) == 0 && w.find("olmo_next") != std::string::npos &&
                         w.find("evaluation is unavailable") != std::string::npos,
                     w.c_str());
        }
        // A GGUF for llama.cpp needs the architecture: refused, nothing written.
        const QString out = tmp.filePath("unknown.gguf");
        QVERIFY_THROWS_EXCEPTION(Error, exportAs(*m, "Q8_0", out));
        QVERIFY(!QFileInfo::exists(out));
        QCOMPARE(QDir(tmp.path()).entryList({"*qs-tmp*"}, QDir::Files | QDir::Hidden).size(), 0);
        // Weight level: fake-quant safetensors export, compare (CLI), info.
        PlanSpec po;
        po.type = "Q8_0";
        po.target = PlanTarget::Safetensors;
        const QString st = tmp.filePath("unknown-q8.safetensors");
        exportModel(*m, buildPlan(*m, po), st.toStdString());
        QCOMPARE(openModel(st.toStdString())->tensors.size(), m->tensors.size());
        QByteArray out1, err;
        QCOMPARE(test::runCli({"compare", dir, "--types", "Q8_0,Q4_0", "--json"}, &out1), 0);
        QCOMPARE(QJsonDocument::fromJson(out1).object().value("results").toArray().size(), 2);
        QCOMPARE(test::runCli({"info", dir}, &out1), 0);
        QVERIFY(out1.contains("olmo_next"));
        QCOMPARE(test::runCli({"compare", dir, "--types", "Q8_0", "--eval", "--sample", "16"}, nullptr, &err), 2);
        const QList<QByteArray> lines = err.trimmed().split('\n');
        QCOMPARE(lines.size(), 1);
        QVERIFY2(lines[0].contains(QByteArray::fromStdString(cfgPath)) && lines[0].contains("olmo_next") &&
                     lines[0].contains("evaluation is unavailable"),
                 lines[0].constData());
    }

    // A config missing a key the architecture needs, or holding a bad one: one line naming
    // config.json and the key, for evaluation and for GGUF export; nothing written.
    void badConfig_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("qwen2 no heads") << "qwen2" << "num_attention_heads" << QJsonValue(QJsonValue::Null);
        QTest::newRow("gemma2 no hidden_size") << "gemma2" << "hidden_size" << QJsonValue(QJsonValue::Null);
        QTest::newRow("phi3 no vocab") << "phi3" << "vocab_size" << QJsonValue(QJsonValue::Null);
        QTest::newRow("llama heads as text") << "llama" << "num_attention_heads" << QJsonValue("four");
        QTest::newRow("qwen3 yarn") << "qwen3" << "rope_scaling"
                                    << QJsonValue(QJsonObject{{"rope_type", "yarn"}, {"factor", 4.0}});
        QTest::newRow("gemma3 bad layer_types") << "gemma3_text" << "layer_types" << QJsonValue(QJsonArray{"full_attention"});
        QTest::newRow("mistral 3 kv heads") << "mistral" << "num_key_value_heads" << QJsonValue(3);
    }
    void badConfig()
    {
        QFETCH(QString, type);
        QFETCH(QString, key);
        QFETCH(QJsonValue, value);
        const QString dir = folder(type, "F16", {{key, value}});
        const auto m = openModel(dir.toStdString());  // still opens
        const std::string cfgPath = QDir(dir).filePath("config.json").toStdString();
        const ModelArchitecture a = modelArchitecture(*m);
        QVERIFY(a.arch && !a.config);
        QVERIFY2(a.error.rfind(cfgPath + ": ", 0) == 0 && a.error.find('\n') == std::string::npos, a.error.c_str());
        if (key != "num_key_value_heads")
            QVERIFY2(a.error.find(key.toStdString()) != std::string::npos ||
                         (key == "rope_scaling" && a.error.find("yarn") != std::string::npos),
                     a.error.c_str());
        QVERIFY_THROWS_EXCEPTION(Error, LlamaWeights::fromModel(*m));
        const QString out = tmp.filePath("bad-" + type + ".gguf");
        try {
            exportAs(*m, "Q8_0", out);
            QFAIL("exported");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).rfind(cfgPath + ": ", 0) == 0, e.what());
        }
        QVERIFY(!QFileInfo::exists(out));
        QByteArray err;
        QCOMPARE(test::runCli({"quantize", dir, "--type", "Q8_0", "--output", out}, nullptr, &err), 2);
        QByteArrayList errors;  // plan warnings may come first
        for (const QByteArray& l : err.trimmed().split('\n'))
            if (!l.contains("warning:"))
                errors << l;
        QVERIFY2(errors.size() == 1 && errors[0].contains(QByteArray::fromStdString(cfgPath)), err.constData());
        QVERIFY(!QFileInfo::exists(out));
    }

    // A GGUF whose architecture is not described: opens, its config is unavailable with a reason.
    void unknownGgufArchitecture()
    {
        const auto m = openModel(folder("qwen2").toStdString());
        const QString out = tmp.filePath("q.gguf");
        exportAs(*m, "F16", out);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray bytes = f.readAll();
        const qsizetype at = bytes.indexOf("qwen2");  // general.architecture's value comes first
        QVERIFY(at > 0);
        bytes.replace(at, 5, "qwenX");
        f.seek(0);
        f.write(bytes);
        f.close();
        const auto g = openModel(out.toStdString());
        const ModelArchitecture a = modelArchitecture(*g);
        QVERIFY(!a.arch);
        QVERIFY2(a.error.find("qwenX") != std::string::npos && a.error.rfind(out.toStdString(), 0) == 0, a.error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestArchitectures)
#include "test_architectures.moc"
