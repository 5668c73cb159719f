// Model readers on the stories260K fixtures: the three formats agree, info --json, sharded folders,
// llama.cpp names and the rotary un-permutation of Hugging Face q/k projections.
#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/util/half.h"
#include "core/model/architecture.h"
#include "core/model/model.h"
#include "tests/support/fixtures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <unistd.h>

using namespace qs;

namespace {

std::string st(const QString& s) { return s.toStdString(); }

QJsonObject infoJson(const QString& path)
{
    QByteArray out, err;
    const int rc = test::runCli({"info", path, "--json"}, &out, &err);
    if (rc != 0)
        qWarning("info failed (%d): %s", rc, err.constData());
    const auto doc = QJsonDocument::fromJson(out);
    return doc.object();
}

// Writes a safetensors file with the given tensors (F16/F32 raw bytes taken from a model).
void writeSafetensors(const QString& file, const Model& m, const std::vector<const TensorInfo*>& ts)
{
    QJsonObject header;
    uint64_t off = 0;
    for (const TensorInfo* t : ts) {
        QJsonArray shape;
        for (int64_t d : t->shape)
            shape.append(qint64(d));
        header.insert(QString::fromStdString(t->name),
                      QJsonObject{{"dtype", QString::fromStdString(t->dtype)},
                                  {"shape", shape},
                                  {"data_offsets", QJsonArray{qint64(off), qint64(off + t->nbytes)}}});
        off += t->nbytes;
    }
    QByteArray h = QJsonDocument(header).toJson(QJsonDocument::Compact);
    while (h.size() % 8)
        h.append(' ');
    std::ofstream f(st(file), std::ios::binary);
    const uint64_t n = uint64_t(h.size());
    f.write(reinterpret_cast<const char*>(&n), 8);
    f.write(h.constData(), h.size());
    for (const TensorInfo* t : ts) {
        const auto d = m.data(*t);
        f.write(reinterpret_cast<const char*>(d.data()), std::streamsize(d.size()));
    }
}

// A GGUF v3 with one 2-D tensor per entry: {type id, cols, data}.
struct GgufTensor {
    uint32_t type;
    uint64_t rows, cols;
    QByteArray data;
};
QByteArray ggufWith(const std::vector<GgufTensor>& ts)
{
    QByteArray b;
    auto u32 = [&](uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); };
    auto u64 = [&](uint64_t v) { b.append(reinterpret_cast<const char*>(&v), 8); };
    auto str = [&](const QByteArray& s) { u64(uint64_t(s.size())); b.append(s); };
    b.append("GGUF");
    u32(3);
    u64(ts.size());
    u64(1);
    str("general.architecture");
    u32(8);
    str("test");
    uint64_t off = 0;
    for (size_t i = 0; i < ts.size(); ++i) {
        str("t" + QByteArray::number(qulonglong(i)));
        u32(2);
        u64(ts[i].cols);
        u64(ts[i].rows);
        u32(ts[i].type);
        u64(off);
        off += uint64_t(ts[i].data.size() + 31) / 32 * 32;
    }
    while (b.size() % 32)
        b.append('\0');
    for (const auto& t : ts) {
        b.append(t.data);
        while (b.size() % 32)
            b.append('\0');
    }
    return b;
}

// Resident memory of this process in bytes.
uint64_t residentBytes()
{
    QFile f("/proc/self/statm");
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts[1].toULongLong() * uint64_t(sysconf(_SC_PAGESIZE)) : 0;
}

}  // namespace

class TestReaders : public QObject {
    Q_OBJECT
private slots:
    void infoJsonOnFixtures()
    {
        const QJsonObject g = infoJson(test::stories("stories260K-f32.gguf"));
        QCOMPARE(g.value("format").toString(), QString("gguf"));
        QCOMPARE(g.value("architecture").toString(), QString("llama"));
        QCOMPARE(g.value("tensors").toArray().size(), 47);
        QCOMPARE(g.value("n_params").toInteger(), 260032);
        QCOMPARE(g.value("metadata").toObject().value("llama.block_count").toInteger(), 5);
        QCOMPARE(g.value("metadata").toObject().value("tokenizer.ggml.tokens").toArray().size(), 512);

        const QJsonObject s = infoJson(test::stories("model.safetensors"));
        QCOMPARE(s.value("format").toString(), QString("safetensors"));
        QCOMPARE(s.value("architecture").toString(), QString("llama"));
        QCOMPARE(s.value("tensors").toArray().size(), 48);
        QCOMPARE(s.value("n_params").toInteger(), 292800);
        QCOMPARE(s.value("metadata").toObject().value("config").toObject().value("hidden_size").toInt(), 64);

        const QJsonObject l = infoJson(test::stories("stories260K.bin"));
        QCOMPARE(l.value("format").toString(), QString("llama2c"));
        QCOMPARE(l.value("n_params").toInteger(), 260032);
        QCOMPARE(l.value("tensors").toArray().size(), 47);

        // Each tensor entry is complete and its byte size matches shape and dtype.
        qint64 sum = 0;
        for (const auto& v : s.value("tensors").toArray()) {
            const QJsonObject t = v.toObject();
            QCOMPARE(t.value("dtype").toString(), QString("F16"));
            qint64 n = 1;
            for (const auto& d : t.value("shape").toArray())
                n *= d.toInteger();
            QCOMPARE(t.value("bytes").toInteger(), 2 * n);
            sum += n;
        }
        QCOMPARE(sum, 292800);

        // The folder opens the same model.
        const QJsonObject folder = infoJson(QFileInfo(test::stories("model.safetensors")).absolutePath());
        QCOMPARE(folder.value("n_params").toInteger(), 292800);
    }

    void infoHumanReadable()
    {
        QByteArray out;
        QCOMPARE(test::runCli({"info", test::stories("stories260K-f32.gguf")}, &out), 0);
        QVERIFY(out.contains("format:        gguf"));
        QVERIFY(out.contains("architecture:  llama"));
        QVERIFY(out.contains("260032"));
        QVERIFY(out.contains("blk.4.ffn_down.weight"));
        QVERIFY(out.contains("[64, 172]"));
        QVERIFY2(out.contains("hyper-params:  llama: dim 64, hidden 172, layers 5, heads 8 (4 KV) of 8, vocab 512, "
                              "context 512, tied output"),
                 out.constData());
        QCOMPARE(test::runCli({"info", test::stories("model.safetensors")}, &out), 0);
        QVERIFY2(out.contains("heads 8 (4 KV) of 8, vocab 512, context 512, separate output"), out.constData());
        QVERIFY(out.contains("model.layers.4.mlp.down_proj.weight"));
        QCOMPARE(test::runCli({"info", test::stories("stories260K.bin")}, &out), 0);
        QVERIFY(out.contains("format:        llama2c"));
        QVERIFY(out.contains("dim 64, hidden 172, layers 5"));
    }

    void ggufAndLlama2cAgreeExactly()
    {
        const auto g = openModel(st(test::stories("stories260K-f32.gguf")));
        const auto l = openModel(st(test::stories("stories260K.bin")));
        QCOMPARE(g->tensors.size(), l->tensors.size());
        for (const auto& t : g->tensors) {
            const TensorInfo* u = l->find(t.name);
            QVERIFY2(u, t.name.c_str());
            QCOMPARE(u->shape, t.shape);
            const auto a = g->toFloat(t), b = l->toFloat(*u);
            QVERIFY2(std::memcmp(a.data(), b.data(), a.size() * 4) == 0, t.name.c_str());
        }
        // The GGUF's metadata and the llama2.c header give the same configuration.
        const auto cg = modelConfig(*g), cl = modelConfig(*l);
        QVERIFY(cg && cl);
        QCOMPARE(cg->dim, 64);
        QCOMPARE(cg->hiddenDim, 172);
        QCOMPARE(cg->nLayers, 5);
        QCOMPARE(cg->nHeads, 8);
        QCOMPARE(cg->nKvHeads, 4);
        QCOMPARE(cg->vocabSize, 512);
        QCOMPARE(cg->contextLength, 512);
        QCOMPARE(cg->ropeDim, 8);
        QVERIFY(cg->tiedEmbeddings);
        QCOMPARE(cl->dim, cg->dim);
        QCOMPARE(cl->hiddenDim, cg->hiddenDim);
        QCOMPARE(cl->nKvHeads, cg->nKvHeads);
        QCOMPARE(cl->vocabSize, cg->vocabSize);
        QCOMPARE(cl->contextLength, cg->contextLength);
        QCOMPARE(cl->tiedEmbeddings, cg->tiedEmbeddings);
    }

    void safetensorsMatchesGgufAfterUnpermuting()
    {
        const auto g = openModel(st(test::stories("stories260K-f32.gguf")));
        const auto s = openModel(st(test::stories("model.safetensors")));
        const auto cs = modelConfig(*s);
        QVERIFY(cs);
        QCOMPARE(cs->dim, 64);
        QCOMPARE(cs->nKvHeads, 4);
        QCOMPARE(cs->vocabSize, 512);
        QVERIFY(!cs->tiedEmbeddings);  // a separate lm_head.weight
        int matched = 0, permuted = 0;
        for (const auto& t : s->tensors) {
            const std::string name = ggufName(*s, t.name);
            QVERIFY2(!name.empty(), t.name.c_str());
            const TensorInfo* gt = g->find(name);
            if (!gt) {
                QCOMPARE(name, std::string("output.weight"));  // tied in the GGUF: equals the embedding
                gt = g->find("token_embd.weight");
            }
            QCOMPARE(t.shape, gt->shape);
            const auto a = ggufWeights(*s, t);
            const auto b = g->toFloat(*gt);
            // F16 of the F32 weights, exactly.
            for (size_t i = 0; i < a.size(); ++i)
                if (a[i] != fp16ToFp32(fp32ToFp16(b[i])))
                    QFAIL(qPrintable(QString("%1[%2]: %3 vs %4").arg(t.name.c_str()).arg(i).arg(a[i]).arg(b[i])));
            // Without the un-permutation q/k differ.
            if (name.find("attn_q") != std::string::npos || name.find("attn_k") != std::string::npos) {
                QVERIFY(s->toFloat(t) != a);
                ++permuted;
            }
            ++matched;
        }
        QCOMPARE(matched, 48);
        QCOMPARE(permuted, 10);
    }

    void ggufEveryTypeByNameAndRegisteredDecoders()
    {
        // One tensor of every type id the GGUF spec lists; registered formats decode exactly as
        // the format itself does, the others are listed by name and refused by name.
        std::vector<GgufTensor> ts;
        std::vector<uint32_t> ids;
        std::vector<float> src(2 * 256);
        for (size_t i = 0; i < src.size(); ++i)
            src[i] = std::sin(float(i) * 0.37f) * (1.0f + float(i % 7));
        for (uint32_t id = 0; id < 64; ++id) {
            const auto info = ggmlTypeInfo(id);
            if (!info)
                continue;
            QByteArray data(int(2 * 256 / info->blockSize * info->typeSize), '\0');
            if (const Format* f = formatForGgml(info->type))
                f->quantize(src.data(), 2, 256, data.data());
            else
                for (int k = 0; k < data.size(); ++k)
                    data[k] = char(k * 13);
            ts.push_back({id, 2, 256, data});
            ids.push_back(id);
        }
        QVERIFY(ids.size() >= 30);
        QTemporaryDir dir;
        const QString file = dir.filePath("types.gguf");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(ggufWith(ts));
        f.close();
        const auto m = openModel(st(file));
        QCOMPARE(m->tensors.size(), ids.size());
        QCOMPARE(m->architecture.value_or(""), std::string("test"));
        int decoded = 0;
        for (size_t i = 0; i < ids.size(); ++i) {
            const TensorInfo& t = m->tensors[i];
            const auto info = ggmlTypeInfo(ids[i]);
            QCOMPARE(t.dtype, std::string(info->name));
            QCOMPARE(t.shape, (std::vector<int64_t>{2, 256}));
            QCOMPARE(t.nbytes, uint64_t(ts[i].data.size()));
            if (const Format* fmt = formatForGgml(info->type)) {
                std::vector<float> want(512);
                fmt->dequantize(ts[i].data.constData(), 2, 256, want.data());
                const auto got = m->toFloat(t);
                QVERIFY2(std::memcmp(got.data(), want.data(), 512 * 4) == 0, t.dtype.c_str());
                ++decoded;
            } else {
                try {
                    (void)m->toFloat(t);
                    QFAIL("decoded an unregistered type");
                } catch (const Error& e) {
                    QCOMPARE(e.kind(), ErrorKind::InvalidInput);
                    QVERIFY2(QString(e.what()).contains(QString::fromStdString(t.dtype)), e.what());
                }
            }
        }
        QVERIFY(decoded >= 3);  // at least F32, F16, BF16
        qInfo("%d of %zu GGUF types decode through the registered formats", decoded, ids.size());
    }

    void openingIsLazy()
    {
        // Sparse multi-GB files: opening reads the headers only, so resident memory stays small
        // (reading the data would page in gigabytes).
        QTemporaryDir dir;
        const uint64_t rows = 1ull << 16, cols = 1ull << 15;  // 2^31 F32 values: 8 GiB
        const QByteArray head = ggufWith({{0, rows, cols, QByteArray()}});
        const QString g = dir.filePath("big.gguf");
        {
            QFile f(g);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(head);
            QVERIFY(f.resize(qint64(head.size()) + qint64(rows * cols * 4)));
        }
        const QByteArray stHeader = R"({"w":{"dtype":"BF16","shape":[65536,32768],"data_offsets":[0,4294967296]}})";
        const QString s = dir.filePath("big.safetensors");
        {
            QFile f(s);
            QVERIFY(f.open(QIODevice::WriteOnly));
            const uint64_t n = uint64_t(stHeader.size());
            f.write(reinterpret_cast<const char*>(&n), 8);
            f.write(stHeader);
            QVERIFY(f.resize(qint64(8 + n) + (qint64(1) << 32)));
        }
        const QString l = dir.filePath("big.bin");
        {
            // dim 4096, hidden 11008, 4 layers, 32 heads, 32 kv heads, vocab 32000, seq 2048
            const int32_t h[7] = {4096, 11008, 4, 32, 32, 32000, 2048};
            const uint64_t floats = 32000ull * 4096 + 4 * 4096 * 2 + 4 * 4096ull * 4096 * 4 +
                                    4 * 11008ull * 4096 * 3 + 4096 + 2048 * 128;
            QFile f(l);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(reinterpret_cast<const char*>(h), sizeof h);
            QVERIFY(f.resize(qint64(sizeof h + floats * 4)));
        }
        const uint64_t before = residentBytes();
        const auto mg = openModel(st(g));
        const auto ms = openModel(st(s));
        const auto ml = openModel(st(l));
        const uint64_t after = residentBytes();
        QCOMPARE(mg->nParams(), int64_t(rows * cols));
        QCOMPARE(mg->data(mg->tensors[0]).size(), size_t(rows * cols * 4));
        QCOMPARE(ms->nParams(), int64_t(1) << 31);
        QCOMPARE(ml->tensors.size(), size_t(1 + 4 * 9 + 1));
        QCOMPARE(ml->nParams(), int64_t(32000) * 4096 + 4 * (2 * 4096 + 4 * 4096 * 4096 + 3 * 11008 * 4096) + 4096);
        QVERIFY2(after < before + (64ull << 20),
                 qPrintable(QString("resident memory grew by %1 MiB").arg(double(after - before) / (1 << 20))));
    }

    void llamaCppNames()
    {
        const Architecture& llama = *findArchitectureByHf("llama");
        auto llamaCppName = [&](const char* n) { return llama.ggufName(n); };
        QCOMPARE(llamaCppName("model.layers.12.self_attn.q_proj.weight"), std::string("blk.12.attn_q.weight"));
        QCOMPARE(llamaCppName("model.layers.0.self_attn.o_proj.weight"), std::string("blk.0.attn_output.weight"));
        QCOMPARE(llamaCppName("model.layers.3.input_layernorm.weight"), std::string("blk.3.attn_norm.weight"));
        QCOMPARE(llamaCppName("model.layers.3.post_attention_layernorm.weight"), std::string("blk.3.ffn_norm.weight"));
        QCOMPARE(llamaCppName("model.layers.1.mlp.gate_proj.weight"), std::string("blk.1.ffn_gate.weight"));
        QCOMPARE(llamaCppName("model.layers.1.mlp.up_proj.weight"), std::string("blk.1.ffn_up.weight"));
        QCOMPARE(llamaCppName("model.layers.1.mlp.down_proj.weight"), std::string("blk.1.ffn_down.weight"));
        QCOMPARE(llamaCppName("model.embed_tokens.weight"), std::string("token_embd.weight"));
        QCOMPARE(llamaCppName("lm_head.weight"), std::string("output.weight"));
        QCOMPARE(llamaCppName("model.norm.weight"), std::string("output_norm.weight"));
        QCOMPARE(llamaCppName("blk.7.ffn_up.weight"), std::string("blk.7.ffn_up.weight"));
        QCOMPARE(llamaCppName("token_embd.weight"), std::string("token_embd.weight"));
        QCOMPARE(llamaCppName("model.layers.x.mlp.up_proj.weight"), std::string());
        QCOMPARE(llamaCppName("model.layers.1.rotary_emb.inv_freq"), std::string());
        QCOMPARE(llamaCppName("blk.1.nonsense"), std::string());
    }

    void shardedFolder()
    {
        const auto s = openModel(st(test::stories("model.safetensors")));
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<const TensorInfo*> a, b;
        QJsonObject weightMap;
        for (size_t i = 0; i < s->tensors.size(); ++i) {
            const bool first = i < s->tensors.size() / 2;
            (first ? a : b).push_back(&s->tensors[i]);
            weightMap.insert(QString::fromStdString(s->tensors[i].name),
                             first ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
        }
        writeSafetensors(dir.filePath("model-00001-of-00002.safetensors"), *s, a);
        writeSafetensors(dir.filePath("model-00002-of-00002.safetensors"), *s, b);
        QFile idx(dir.filePath("model.safetensors.index.json"));
        QVERIFY(idx.open(QIODevice::WriteOnly));
        idx.write(QJsonDocument(QJsonObject{{"metadata", QJsonObject{{"total_size", 585600}}},
                                            {"weight_map", weightMap}})
                      .toJson());
        idx.close();
        QFile::copy(test::stories("config.json"), dir.filePath("config.json"));

        for (const QString& path : {dir.path(), dir.filePath("model.safetensors.index.json")}) {
            const auto m = openModel(st(path));
            QCOMPARE(m->format, std::string("safetensors"));
            QCOMPARE(m->architecture.value_or(""), std::string("llama"));
            QCOMPARE(m->tensors.size(), s->tensors.size());
            QCOMPARE(m->nParams(), int64_t(292800));
            QVERIFY(!m->hfConfig.isEmpty());
            int inSecond = 0;
            for (const auto& t : s->tensors) {
                const TensorInfo* u = m->find(t.name);
                QVERIFY(u);
                inSecond += u->file;
                QVERIFY(m->toFloat(*u) == s->toFloat(t));
            }
            QCOMPARE(size_t(inSecond), b.size());
            QVERIFY(modelConfig(*m).has_value());
        }
        const QJsonObject info = infoJson(dir.path());
        QCOMPARE(info.value("tensors").toArray().size(), 48);

        // A weight_map entry pointing at a missing shard, and a tensor in the wrong shard.
        weightMap.insert("model.norm.weight", "model-00003-of-00002.safetensors");
        QVERIFY(idx.open(QIODevice::WriteOnly | QIODevice::Truncate));
        idx.write(QJsonDocument(QJsonObject{{"weight_map", weightMap}}).toJson());
        idx.close();
        try {
            openModel(st(dir.path()));
            QFAIL("missing shard accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            QVERIFY2(QString(e.what()).contains("model-00003-of-00002.safetensors"), e.what());
        }
        weightMap.insert("model.norm.weight", "../model.safetensors");
        QVERIFY(idx.open(QIODevice::WriteOnly | QIODevice::Truncate));
        idx.write(QJsonDocument(QJsonObject{{"weight_map", weightMap}}).toJson());
        idx.close();
        QByteArray err;
        QCOMPARE(test::runCli({"info", dir.path()}, nullptr, &err), 2);
        QVERIFY2(err.contains("model.safetensors.index.json"), err.constData());
    }

    void unsupportedSafetensorsDtypesAreListed()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("mixed.safetensors");
        QJsonObject header{
            {"a", QJsonObject{{"dtype", "I8"}, {"shape", QJsonArray{2, 3}}, {"data_offsets", QJsonArray{0, 6}}}},
            {"b", QJsonObject{{"dtype", "F64"}, {"shape", QJsonArray{1}}, {"data_offsets", QJsonArray{8, 16}}}},
            {"c", QJsonObject{{"dtype", "BF16"}, {"shape", QJsonArray{2}}, {"data_offsets", QJsonArray{16, 20}}}},
            {"d", QJsonObject{{"dtype", "F8_E4M3"}, {"shape", QJsonArray{4}}, {"data_offsets", QJsonArray{20, 24}}}},
        };
        QByteArray h = QJsonDocument(header).toJson(QJsonDocument::Compact);
        std::ofstream f(st(file), std::ios::binary);
        const uint64_t n = uint64_t(h.size());
        f.write(reinterpret_cast<const char*>(&n), 8);
        f.write(h.constData(), h.size());
        const char data[24] = {1, 2, 3, 4, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, char(0x80), 0x3f, 0, char(0xc0), 1, 2, 3, 4};
        f.write(data, 24);
        f.close();
        const auto m = openModel(st(file));
        QCOMPARE(m->tensors.size(), size_t(4));
        QCOMPARE(m->find("a")->dtype, std::string("I8"));
        QCOMPARE(m->find("b")->dtype, std::string("F64"));
        QCOMPARE(m->find("d")->dtype, std::string("F8_E4M3"));
        QVERIFY(!m->find("a")->type.has_value());
        QCOMPARE(m->toFloat(*m->find("c")), (std::vector<float>{1.0f, -2.0f}));
        for (const char* name : {"a", "b", "d"}) {
            try {
                m->toFloat(*m->find(name));
                QFAIL("decoded an unsupported dtype");
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::InvalidInput);
                QVERIFY2(QString(e.what()).contains(QString::fromStdString(m->find(name)->dtype)), e.what());
                QVERIFY2(QString(e.what()).contains(file), e.what());
            }
        }
        const QJsonObject info = infoJson(file);
        QCOMPARE(info.value("tensors").toArray().size(), 4);
        QCOMPARE(info.value("architecture").type(), QJsonValue::Null);
    }

    void refusesPickles()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("pytorch_model.bin");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray("PK\x03\x04", 4) + QByteArray(200, 'x'));
        f.close();
        QByteArray err;
        QCOMPARE(test::runCli({"info", file}, nullptr, &err), 2);
        QVERIFY2(err.contains("PyTorch pickle"), err.constData());
        QVERIFY2(err.startsWith("quantscope-cli: " + file.toUtf8() + ": "), err.constData());
        QCOMPARE(err.count('\n'), 1);
    }
};

QTEST_GUILESS_MAIN(TestReaders)
#include "test_readers.moc"
