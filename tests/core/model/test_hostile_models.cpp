// Hostile model files (issue 14), generated here from stories260K (small or sparse files): huge
// metadata arrays stay in the file, hyper-parameters that disagree with the tensors are refused
// before anything is sized from them, huge contexts are capped, NaN/Inf weights and logits are
// named, aliasing and ambiguous names are refused, unsorted tensor data is accepted, sharded
// indexes are linear, shards outside the folder are refused, and a file that shrinks while it is
// read gives an error naming it (never SIGBUS, never a half-written output).
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/export/export.h"
#include "core/model/gguf_writer.h"
#include "core/model/architecture.h"
#include "core/model/model.h"
#include "core/model/readers/readers.h"
#include "core/plan/plan.h"
#include "core/util/error.h"
#include "tests/support/fixtures.h"
#include "tests/support/gguf_spec.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>

#include <unistd.h>

using namespace qs;
using qs::test::GgufSpec;

namespace {

template <typename F>
std::string errorOf(F&& f, ErrorKind kind = ErrorKind::InvalidInput)
{
    try {
        f();
    } catch (const Error& e) {
        if (e.kind() != kind)
            return std::string("wrong kind: ") + e.what();
        return e.what();
    }
    return "no error";
}

bool has(const std::string& s, const char* what) { return s.find(what) != std::string::npos; }

QStringList entries(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

const Model& storiesGguf()
{
    static const auto m = openModel(test::stories("stories260K-f32.gguf").toStdString());
    return *m;
}

// A Hugging Face folder of stories260K with config.json edited by `edit`.
QString hfFolder(const QString& dir, const std::function<void(QJsonObject&)>& edit)
{
    QDir().mkpath(dir);
    QFile::copy(test::stories("model.safetensors"), dir + "/model.safetensors");
    QFile in(test::stories("config.json"));
    in.open(QIODevice::ReadOnly);
    QJsonObject cfg = QJsonDocument::fromJson(in.readAll()).object();
    edit(cfg);
    QFile out(dir + "/config.json");
    out.open(QIODevice::WriteOnly);
    out.write(QJsonDocument(cfg).toJson());
    return dir;
}

QuantPlan plan(const Model& m, const char* type, PlanTarget target = PlanTarget::Gguf)
{
    PlanSpec o;
    o.type = type;
    o.target = target;
    return buildPlan(m, o);
}

std::unique_ptr<EvalSetup> prepare(const Model& m, int sample = 8, int window = 0)
{
    EvalStreamOptions o;
    o.sample = sample;
    o.window = window;
    return prepareEvaluation(m, o);
}

}  // namespace

class TestHostileModels : public QObject {
    Q_OBJECT
    QTemporaryDir tmp;
    QString path(const char* name) { return tmp.filePath(QString::fromLatin1(name)); }

private slots:
    void initTestCase() { QVERIFY(tmp.isValid()); }

    // ---- metadata arrays stay in the file ---------------------------------------------------------

    void hugeArraysAreNotMaterialised()
    {
        // 8 M bools and 2 M empty strings: all zero bytes, so the file is sparse.
        const uint64_t nBools = 8'000'000, nStrings = 2'000'000;
        QByteArray head("GGUF", 4);
        auto u32 = [&](uint32_t v) { head.append(reinterpret_cast<const char*>(&v), 4); };
        auto u64 = [&](uint64_t v) { head.append(reinterpret_cast<const char*>(&v), 8); };
        auto str = [&](const char* s) { u64(std::strlen(s)); head.append(s); };
        u32(3); u64(0); u64(3);
        str("small"); u32(9); u32(4); u64(3); u32(1); u32(2); u32(3);
        str("bools"); u32(9); u32(7); u64(nBools);
        const qint64 boolsAt = head.size();
        QByteArray tail;
        {
            QByteArray t;
            auto tu32 = [&](uint32_t v) { t.append(reinterpret_cast<const char*>(&v), 4); };
            auto tu64 = [&](uint64_t v) { t.append(reinterpret_cast<const char*>(&v), 8); };
            tu64(7); t.append("strings"); tu32(9); tu32(8); tu64(nStrings);
            tail = t;
        }
        const QString p = path("arrays.gguf");
        {
            QFile f(p);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(head);
            f.seek(boolsAt + qint64(nBools));
            f.write(tail);
            QVERIFY(f.resize(boolsAt + qint64(nBools) + tail.size() + qint64(nStrings) * 8));
        }
        const auto m = openModel(p.toStdString());
        const MetaValue* bools = m->meta("bools");
        QVERIFY(bools && bools->type == MetaType::Array);
        QCOMPARE(bools->arraySize(), nBools);
        QVERIFY(bools->items.empty());  // left in the file
        QCOMPARE(bools->encoded.size(), size_t(nBools));
        const MetaValue* strings = m->meta("strings");
        QCOMPARE(strings->arraySize(), nStrings);
        QVERIFY(strings->items.empty());
        QCOMPARE(m->meta("small")->elements()[2].asInt().value(), 3);
        // Decoded on demand, element by element; a cap on what is decoded at once.
        uint64_t seen = 0;
        bools->forEachElement([&](const MetaValue& v) {
            if (v.b)
                return false;
            return ++seen < 1000;
        });
        QCOMPARE(seen, uint64_t(1000));
        const std::string e = errorOf([&] { (void)strings->elements(1000); });
        QVERIFY2(has(e, "2000000 string values is too large"), e.c_str());
        // JSON: small arrays whole, huge ones abbreviated with their length.
        const QJsonObject j = m->metadataJson();
        QCOMPARE(j.value("small").toArray().size(), 3);
        const QJsonObject big = j.value("bools").toObject();
        QCOMPARE(big.value("length").toInteger(), qint64(nBools));
        QCOMPARE(big.value("element_type").toString(), QString("bool"));
        QCOMPARE(big.value("first").toArray().size(), 16);
        // A bool that is neither 0 nor 1 deep inside is still found when the file is opened.
        {
            QFile f(p);
            QVERIFY(f.open(QIODevice::ReadWrite));
            f.seek(boolsAt + 7'654'321);
            f.write("\x02", 1);
        }
        const std::string bad = errorOf([&] { (void)openModel(p.toStdString()); });
        QVERIFY2(has(bad, "bool value 2"), bad.c_str());
    }

    void encodedArraysRoundTripThroughTheWriter()
    {
        // The stories GGUF's vocabulary (an encoded array) written by GgufLayout and read back.
        const Model& src = storiesGguf();
        const QString p = GgufSpec::of(src).write(path("copy.gguf"));
        const auto m = openModel(p.toStdString());
        const auto a = src.meta("tokenizer.ggml.tokens")->elements();
        const auto b = m->meta("tokenizer.ggml.tokens")->elements();
        QCOMPARE(a.size(), size_t(512));
        QCOMPARE(b.size(), a.size());
        for (size_t i = 0; i < a.size(); ++i)
            QCOMPARE(b[i].s, a[i].s);
        QCOMPARE(m->metadataJson(), src.metadataJson());
    }

    // ---- hyper-parameters against the tensors ------------------------------------------------------

    void blockCountMustMatchTheLayers()
    {
        GgufSpec s = GgufSpec::of(storiesGguf());
        s.set("llama.block_count", MetaValue::ofU32(1u << 30));
        const auto m = openModel(s.write(path("layers.gguf")).toStdString());
        std::string e = errorOf([&] { (void)LlamaWeights::fromModel(*m); });
        QVERIFY2(has(e, "layers.gguf: the hyper-parameters say 1073741824 layers") && has(e, "those of 5"), e.c_str());
        e = errorOf([&] { exportModel(*m, plan(*m, "Q8_0"), path("layers-out.gguf").toStdString()); });
        QVERIFY2(has(e, "1073741824 layers"), e.c_str());
        QVERIFY(!QFile::exists(path("layers-out.gguf")));

        // config.json: num_hidden_layers 2^30 must not be written as block_count: the GGUF states
        // the layers its tensors hold, and says so.
        const QString hf = hfFolder(path("hf-layers"), [](QJsonObject& c) { c["num_hidden_layers"] = 1 << 30; });
        const auto h = openModel(hf.toStdString());
        const ExportResult hr = exportModel(*h, plan(*h, "Q8_0"), path("hf-layers.gguf").toStdString());
        QVERIFY(std::any_of(hr.warnings.begin(), hr.warnings.end(),
                            [](const std::string& w) { return has(w, "says 1073741824 layers, the tensors hold 5"); }));
        QCOMPARE(openModel(path("hf-layers.gguf").toStdString())->meta("llama.block_count")->asInt().value(), 5);
        e = errorOf([&] { (void)LlamaWeights::fromModel(*h); });
        QVERIFY2(has(e, "1073741824 layers"), e.c_str());
        // Consistent files still export block_count = the layers written.
        const auto ok = openModel(hfFolder(path("hf-ok"), [](QJsonObject&) {}).toStdString());
        exportModel(*ok, plan(*ok, "Q8_0"), path("hf-ok.gguf").toStdString());
        QCOMPARE(openModel(path("hf-ok.gguf").toStdString())->meta("llama.block_count")->asInt().value(), 5);
    }

    void vocabularyMustMatchTheEmbedding()
    {
        // No tokenizer and vocab_size 2^30: no 2^30-entry placeholder vocabulary, an error.
        GgufSpec s = GgufSpec::of(storiesGguf());
        s.drop("tokenizer.");
        s.set("llama.vocab_size", MetaValue::ofU32(1u << 30));
        const auto m = openModel(s.write(path("vocab.gguf")).toStdString());
        std::string e = errorOf([&] { exportModel(*m, plan(*m, "Q8_0"), path("vocab-out.gguf").toStdString()); });
        QVERIFY2(has(e, "vocabulary of 1073741824 tokens") && has(e, "'token_embd.weight' has 512 rows"), e.c_str());
        const QString hf = hfFolder(path("hf-vocab"), [](QJsonObject& c) { c["vocab_size"] = 1 << 30; });
        const auto h = openModel(hf.toStdString());
        const ExportResult hr = exportModel(*h, plan(*h, "Q8_0"), path("hf-vocab.gguf").toStdString());
        QVERIFY(std::any_of(hr.warnings.begin(), hr.warnings.end(), [](const std::string& w) {
            return has(w, "vocabulary of 1073741824, the embedding has 512 rows");
        }));
        QCOMPARE(openModel(path("hf-vocab.gguf").toStdString())->meta("llama.vocab_size")->asInt().value(), 512);
        // Without vocab_size the placeholder has one entry per embedding row.
        s.drop("llama.vocab_size");
        const auto n = openModel(s.write(path("novocab.gguf")).toStdString());
        const ExportResult r = exportModel(*n, plan(*n, "Q8_0"), path("novocab-out.gguf").toStdString());
        QVERIFY(!r.warnings.empty());
        QCOMPARE(openModel(path("novocab-out.gguf").toStdString())->meta("tokenizer.ggml.tokens")->arraySize(), uint64_t(512));
    }

    void hugeContextsAreCappedAndSaidSo()
    {
        // GGUF context_length 2^30.
        GgufSpec s = GgufSpec::of(storiesGguf());
        s.set("llama.context_length", MetaValue::ofU32(1u << 30));
        const auto m = openModel(s.write(path("ctx.gguf")).toStdString());
        auto setup = prepare(*m, 8);
        QCOMPARE(setup->window, kMaxAutoWindow);
        QCOMPARE(setup->stream.value("window").toInt(), kMaxAutoWindow);
        QCOMPARE(setup->warnings.size(), size_t(1));
        QVERIFY2(has(setup->warnings[0], "ctx.gguf: the context length is 1073741824 tokens; evaluating in windows of 4096"),
                 setup->warnings[0].c_str());
        QVERIFY(std::isfinite(setup->evaluator->pplReference()));
        // An explicit window is kept; the file's own (small) context is not capped.
        QCOMPARE(prepare(*m, 8, 64)->window, 64);
        QVERIFY(prepare(*m, 8, 64)->warnings.empty());
        QCOMPARE(prepare(storiesGguf(), 8)->window, 512);
        QVERIFY(prepare(storiesGguf(), 8)->warnings.empty());
        // config.json max_position_embeddings 2^30.
        const auto h = openModel(hfFolder(path("hf-ctx"), [](QJsonObject& c) { c["max_position_embeddings"] = 1 << 30; })
                                     .toStdString());
        QCOMPARE(prepare(*h, 8)->window, kMaxAutoWindow);
        // llama2.c seq_len 2^20 (its rotary tables are in the file: 32 MB of zeros, sparse).
        QFile in(test::stories("stories260K.bin"));
        QVERIFY(in.open(QIODevice::ReadOnly));
        QByteArray bin = in.readAll();
        int32_t hdr[7];
        std::memcpy(hdr, bin.constData(), sizeof hdr);
        const int64_t headSize = hdr[0] / hdr[3];
        const int64_t oldRope = int64_t(hdr[6]) * headSize / 2 * 4 * 2;  // freq_cis_real and _imag
        const int64_t wcls = hdr[5] < 0 ? int64_t(-hdr[5]) * hdr[0] * 4 : 0;  // after the rope tables
        const int32_t seq = 1 << 20;
        std::memcpy(bin.data() + 24, &seq, 4);
        const qint64 ropeAt = bin.size() - wcls - oldRope;
        QByteArray before = bin.left(ropeAt), after = bin.mid(ropeAt + oldRope);
        {
            QFile f(path("ctx.bin"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(before);
            f.seek(ropeAt + qint64(seq) * headSize / 2 * 4 * 2);
            f.write(after);
            QVERIFY(f.resize(ropeAt + qint64(seq) * headSize / 2 * 4 * 2 + after.size()));
        }
        const auto l = openModel(path("ctx.bin").toStdString());
        QCOMPARE(modelConfig(*l)->contextLength, seq);
        QCOMPARE(prepare(*l, 8)->window, kMaxAutoWindow);
    }

    void contextOfOneIsRefusedNotLoopedOn()
    {
        GgufSpec s = GgufSpec::of(storiesGguf());
        s.set("llama.context_length", MetaValue::ofU32(1));
        const auto m = openModel(s.write(path("ctx1.gguf")).toStdString());
        std::string e = errorOf([&] { (void)prepare(*m, 16); });
        QVERIFY2(has(e, "ctx1.gguf: the context length is 1 token"), e.c_str());
        EvalStreamOptions o;
        o.tokensFile = test::stories("eval-tokens.json").toStdString();
        e = errorOf([&] { (void)prepareEvaluation(*m, o); });
        QVERIFY2(has(e, "ctx1.gguf: the context length is 1 token"), e.c_str());
        const auto h = openModel(hfFolder(path("hf-ctx1"), [](QJsonObject& c) { c["max_position_embeddings"] = 1; })
                                     .toStdString());
        e = errorOf([&] { (void)prepare(*h, 16); });
        QVERIFY2(has(e, "the context length is 1 token"), e.c_str());
    }

    // ---- values and names ---------------------------------------------------------------------------

    void nonFiniteWeightsAreNamed()
    {
        for (const float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
            GgufSpec s = GgufSpec::of(storiesGguf());
            auto& t = s.tensor("blk.2.ffn_up.weight");
            std::memcpy(t.data.data() + 4 * 77, &bad, 4);
            const auto m = openModel(s.write(path("nan.gguf")).toStdString());
            const TensorInfo* ti = m->find("blk.2.ffn_up.weight");
            std::string e = errorOf([&] { (void)m->toFloat(*ti); });
            QVERIFY2(has(e, "nan.gguf: tensor 'blk.2.ffn_up.weight' holds") && has(e, "(element 77 of"), e.c_str());
            QVERIFY(has(e, std::isnan(bad) ? "NaN" : "an infinite value"));
            e = errorOf([&] { (void)prepare(*m); });
            QVERIFY2(has(e, "'blk.2.ffn_up.weight' holds"), e.c_str());
            // As a candidate against a clean reference (its matrices are views: named when its
            // logits are not finite).
            const LlamaWeights ref = LlamaWeights::fromModel(storiesGguf());
            const Evaluator ev(ref, sampleTokens(ref, 16, 1));
            e = errorOf([&] { (void)ev.evaluate(LlamaWeights::fromModel(*m)); });
            QVERIFY2(has(e, "nan.gguf: tensor 'blk.2.ffn_up.weight' holds") && has(e, "(element 77 of"), e.c_str());
            e = errorOf([&] { exportModel(*m, plan(*m, "Q4_0"), path("nan-out.gguf").toStdString()); });
            QVERIFY2(has(e, "'blk.2.ffn_up.weight' holds"), e.c_str());
            QVERIFY(!QFile::exists(path("nan-out.gguf")));
        }
    }

    void nonFiniteLogitsAreRefused()
    {
        // Finite weights whose product overflows: the logits are infinite.
        LlamaWeights w = LlamaWeights::fromModel(storiesGguf());
        const WeightTensor& n = w.get("output_norm.weight");
        w.replace(n.name, std::vector<float>(size_t(n.numel()), 3e38f));
        const auto tokens = sampleTokens(LlamaWeights::fromModel(storiesGguf()), 16, 1);
        std::string e = errorOf([&] { Evaluator ev(w, tokens); });
        QVERIFY2(has(e, "gives non-finite logits"), e.c_str());
        const LlamaWeights ref = LlamaWeights::fromModel(storiesGguf());
        const Evaluator ev(ref, tokens);
        e = errorOf([&] { (void)ev.evaluate(w); });
        QVERIFY2(has(e, "the quantized model gives non-finite logits"), e.c_str());
    }

    void threeDimensionalEmbeddingIsRejected()
    {
        GgufSpec s = GgufSpec::of(storiesGguf());
        s.tensor("token_embd.weight").shape = {1, 512, 64};
        const auto m = openModel(s.write(path("embd3d.gguf")).toStdString());
        const std::string e = errorOf([&] { (void)LlamaWeights::fromModel(*m); });
        QVERIFY2(has(e, "'token_embd.weight' has 3 dimensions"), e.c_str());
    }

    void layerNumbersMustNotAlias()
    {
        // "blk.0" and "blk.00": two tensors for one slot of the model.
        GgufSpec s = GgufSpec::of(storiesGguf());
        auto extra = s.tensor("blk.0.attn_q.weight");
        extra.name = "blk.00.attn_q.weight";
        s.tensors.push_back(extra);
        const auto m = openModel(s.write(path("alias.gguf")).toStdString());
        std::string e = errorOf([&] { (void)LlamaWeights::fromModel(*m); });
        QVERIFY2(has(e, "'blk.0.attn_q.weight' and 'blk.00.attn_q.weight' are both"), e.c_str());
        e = errorOf([&] { exportModel(*m, plan(*m, "Q8_0"), path("alias-out.gguf").toStdString()); });
        QVERIFY2(has(e, "same GGUF name 'blk.0.attn_q.weight'"), e.c_str());
    }

    void unsortedTensorDataIsAccepted()
    {
        // The data of the tensors in reverse order: allowed by the specification.
        GgufSpec s = GgufSpec::of(storiesGguf());
        const QString p = s.write(path("sorted.gguf"));
        QFile f(p);
        QVERIFY(f.open(QIODevice::ReadWrite));
        // Swap the two norm tensors' offsets (same size) in the header, and their data.
        const auto m0 = openModel(p.toStdString());
        const TensorInfo* a = m0->find("blk.0.attn_norm.weight");
        const TensorInfo* b = m0->find("blk.0.ffn_norm.weight");
        QCOMPARE(a->nbytes, b->nbytes);
        const std::vector<float> va = m0->toFloat(*a), vb = m0->toFloat(*b);  // before the file changes
        const auto& ga = static_cast<const GgufModel&>(*m0);
        const uint64_t ra = a->offset - ga.dataOffset, rb = b->offset - ga.dataOffset;
        QByteArray all = f.readAll();
        auto patchOffset = [&](const char* name, uint64_t from, uint64_t to) {
            // name, u32 dims (1), u64 ne0, u32 type, u64 offset
            const qsizetype at = all.indexOf(name);
            QVERIFY(at > 0);
            const qsizetype off = at + qsizetype(std::strlen(name)) + 4 + 8 + 4;
            uint64_t was = 0;
            std::memcpy(&was, all.constData() + off, 8);
            QCOMPARE(was, from);
            std::memcpy(all.data() + off, &to, 8);
        };
        patchOffset("blk.0.attn_norm.weight", ra, rb);
        patchOffset("blk.0.ffn_norm.weight", rb, ra);
        const QByteArray da = all.mid(qsizetype(a->offset), qsizetype(a->nbytes));
        const QByteArray db = all.mid(qsizetype(b->offset), qsizetype(b->nbytes));
        all.replace(qsizetype(a->offset), da.size(), db);
        all.replace(qsizetype(b->offset), db.size(), da);
        f.seek(0);
        f.write(all);
        f.close();
        const auto m = openModel(p.toStdString());
        QVERIFY(m->find("blk.0.attn_norm.weight")->offset > m->find("blk.0.ffn_norm.weight")->offset);
        QVERIFY(va != vb);
        QCOMPARE(m->toFloat(*m->find("blk.0.attn_norm.weight")), va);
        QCOMPARE(m->toFloat(*m->find("blk.0.ffn_norm.weight")), vb);
    }

    // ---- safetensors headers, indexes, shards -----------------------------------------------------

    void duplicateHeaderKeysAreRefused()
    {
        const QByteArray header = R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                                  R"("a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})";
        QByteArray file;
        const uint64_t n = uint64_t(header.size());
        file.append(reinterpret_cast<const char*>(&n), 8).append(header).append(QByteArray(12, '\0'));
        QFile f(path("dup.safetensors"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file);
        f.close();
        std::string e = errorOf([&] { (void)openModel(path("dup.safetensors").toStdString()); });
        QVERIFY2(has(e, "dup.safetensors: the safetensors header has two entries named 'a'"), e.c_str());
        // Inside an entry too.
        const QByteArray inner = R"({"a":{"dtype":"F32","dtype":"F16","shape":[2],"data_offsets":[0,8]}})";
        QByteArray file2;
        const uint64_t n2 = uint64_t(inner.size());
        file2.append(reinterpret_cast<const char*>(&n2), 8).append(inner).append(QByteArray(8, '\0'));
        QFile f2(path("dup2.safetensors"));
        QVERIFY(f2.open(QIODevice::WriteOnly));
        f2.write(file2);
        f2.close();
        e = errorOf([&] { (void)openModel(path("dup2.safetensors").toStdString()); });
        QVERIFY2(has(e, "two entries named 'dtype'"), e.c_str());
    }

    void hugeIndexesAreLinear()
    {
        // 200 k shards named by the index, none there: refused at the first one, at once.
        QDir().mkpath(path("many"));
        QByteArray json = "{\"weight_map\":{";
        for (int i = 0; i < 200000; ++i)
            json += (i ? "," : "") + QByteArray("\"t") + QByteArray::number(i) + "\":\"s" + QByteArray::number(i) +
                    ".safetensors\"";
        json += "}}";
        QFile f(path("many/model.safetensors.index.json"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        const std::string e = errorOf([&] { (void)openModel(path("many").toStdString()); });
        QVERIFY2(has(e, "s0.safetensors: cannot open"), e.c_str());
    }

    void shardsOutsideTheFolderAreRefused()
    {
        QDir().mkpath(path("outside/model"));
        QVERIFY(QFile::copy(test::stories("model.safetensors"), path("outside/elsewhere.safetensors")));
        QVERIFY(QFile::link(path("outside/elsewhere.safetensors"), path("outside/model/shard.safetensors")));
        QFile idx(path("outside/model/model.safetensors.index.json"));
        QVERIFY(idx.open(QIODevice::WriteOnly));
        idx.write(R"({"weight_map":{"model.norm.weight":"shard.safetensors"}})");
        idx.close();
        std::string e = errorOf([&] { (void)openModel(path("outside/model").toStdString()); });
        QVERIFY2(has(e, "'shard.safetensors' is a link to a file outside the model's folder"), e.c_str());
        // /etc/passwd's bytes are not read, let alone shown.
        QVERIFY(QFile::remove(path("outside/model/shard.safetensors")));
        QVERIFY(QFile::link("/etc/passwd", path("outside/model/shard.safetensors")));
        e = errorOf([&] { (void)openModel(path("outside/model").toStdString()); });
        QVERIFY2(has(e, "outside the model's folder") && !has(e, "header length"), e.c_str());
        // A Hugging Face cache snapshot links into its repository's blobs/: allowed.
        const QString repo = path("hub/models--x--y");
        QDir().mkpath(repo + "/blobs");
        QDir().mkpath(repo + "/snapshots/abc");
        QVERIFY(QFile::copy(test::stories("model.safetensors"), repo + "/blobs/1234"));
        QVERIFY(QFile::copy(test::stories("config.json"), repo + "/blobs/5678"));
        QVERIFY(QFile::link("../../blobs/1234", repo + "/snapshots/abc/model.safetensors"));
        QVERIFY(QFile::link("../../blobs/5678", repo + "/snapshots/abc/config.json"));
        const auto m = openModel((repo + "/snapshots/abc").toStdString());
        QCOMPARE(m->tensors.size(), size_t(48));
        QVERIFY(modelConfig(*m).has_value());
    }

    void manyMetadataKeysExportInLinearTime()
    {
        // 200 k keys: copied into the export's layout one by one (a quadratic set-or-replace took
        // minutes here).
        GgufSpec s = GgufSpec::of(storiesGguf());
        for (int i = 0; i < 200000; ++i)
            s.meta.push_back({"x.key" + std::to_string(i), MetaValue::ofU32(uint32_t(i))});
        const auto m = openModel(s.write(path("keys.gguf")).toStdString());
        QCOMPARE(m->metadata.size(), s.meta.size());
        exportModel(*m, plan(*m, "Q8_0"), path("keys-out.gguf").toStdString());
        const auto out = openModel(path("keys-out.gguf").toStdString());
        QVERIFY(out->metadata.size() >= s.meta.size());
        QCOMPARE(out->meta("x.key199999")->asInt().value(), 199999);
    }

    // ---- a file that shrinks while it is read ------------------------------------------------------

    void shrinkingSourceIsReportedAndLeavesNothing()
    {
        QTemporaryDir dir;
        const QString p = dir.filePath("shrinks.gguf");
        QVERIFY(QFile::copy(test::stories("stories260K-f32.gguf"), p));
        const auto m = openModel(p.toStdString());
        QVERIFY(::truncate(p.toLocal8Bit().constData(), 64 * 1024) == 0);
        const TensorInfo* last = m->find("output_norm.weight");
        std::string e = errorOf([&] { (void)m->toFloat(*m->find("blk.4.ffn_down.weight")); });
        QVERIFY2(has(e, "shrinks.gguf: the file shrank"), e.c_str());
        e = errorOf([&] { exportModel(*m, plan(*m, "Q8_0"), dir.filePath("out.gguf").toStdString()); });
        QVERIFY2(has(e, "shrinks.gguf: the file shrank"), e.c_str());
        e = errorOf([&] { (void)m->data(*last); });
        QVERIFY2(has(e, "the file shrank"), e.c_str());
        QCOMPARE(entries(dir.path()), QStringList{"shrinks.gguf"});
        // Shrinking before the reads: the same (the mapping is as large as the file was).
        const QString q = dir.filePath("shrinks.safetensors");
        QVERIFY(QFile::copy(test::stories("model.safetensors"), q));
        const auto s = openModel(q.toStdString());
        QVERIFY(::truncate(q.toLocal8Bit().constData(), 0) == 0);
        e = errorOf([&] { exportModel(*s, plan(*s, "NF4", PlanTarget::Safetensors), dir.filePath("o.safetensors").toStdString()); });
        QVERIFY2(has(e, "shrinks.safetensors: the file shrank"), e.c_str());
        QCOMPARE(entries(dir.path()), (QStringList{"shrinks.gguf", "shrinks.safetensors"}));
    }

    // ---- long streams ---------------------------------------------------------------------------

    void evaluationStreamsPastTheCache()
    {
        const LlamaWeights w = LlamaWeights::fromModel(storiesGguf());
        const auto tokens = sampleTokens(w, 300, 5, 64);
        const Evaluator cached(w, tokens, 64);
        const Evaluator streamed(w, tokens, 64, /*cacheBytes=*/0);
        const Evaluator partly(w, tokens, 64, /*cacheBytes=*/3 * 63 * 512 * 8);
        QCOMPARE(cached.cachedWindows(), cached.windows().size());
        QCOMPARE(streamed.cachedWindows(), size_t(0));
        QCOMPARE(partly.cachedWindows(), size_t(3));
        QVERIFY(cached.windows().size() > 4);
        const Format* q4 = findFormat("Q4_0");
        const LlamaWeights cand = applyPrecision(w, uniformPrecision(w, *q4));
        const AccuracyMetrics a = cached.evaluate(cand), b = streamed.evaluate(cand), c = partly.evaluate(cand);
        for (const AccuracyMetrics& x : {b, c}) {
            QCOMPARE(x.kldMean, a.kldMean);
            QCOMPARE(x.kldP99, a.kldP99);
            QCOMPARE(x.kldMax, a.kldMax);
            QCOMPARE(x.top1Agreement, a.top1Agreement);
            QCOMPARE(x.ppl, a.ppl);
            QCOMPARE(x.positions, a.positions);
        }
        QCOMPARE(cached.pplReference(), streamed.pplReference());
        QVERIFY(a.kldMean > 0 && a.kldP99 >= a.kldMean && a.kldMax >= a.kldP99);
        QCOMPARE(cached.evaluate(w).kldMax, 0.0);
    }
};

QTEST_GUILESS_MAIN(TestHostileModels)
#include "test_hostile_models.moc"
