// Every validation rule of the readers rejects a hand-made bad file with qs::Error(InvalidInput)
// naming the file (CLI: exit code 2, one line on stderr), never a crash; truncations and random
// byte flips of the real fixtures are rejected or read, never crash (CI also runs this under ASan).
#include "core/util/error.h"
#include "core/model/model.h"
#include "core/model/readers/readers.h"
#include "tests/support/fixtures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <cstring>
#include <functional>
#include <random>

using namespace qs;

namespace {

// Little-endian byte builder.
struct Bytes {
    QByteArray b;
    Bytes& u8(uint8_t v) { b.append(char(v)); return *this; }
    Bytes& u32(uint32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); return *this; }
    Bytes& i32(int32_t v) { b.append(reinterpret_cast<const char*>(&v), 4); return *this; }
    Bytes& u64(uint64_t v) { b.append(reinterpret_cast<const char*>(&v), 8); return *this; }
    Bytes& f32(float v) { b.append(reinterpret_cast<const char*>(&v), 4); return *this; }
    Bytes& str(const QByteArray& s) { u64(uint64_t(s.size())); b.append(s); return *this; }
    Bytes& raw(const QByteArray& s) { b.append(s); return *this; }
    Bytes& pad(int align) { while (b.size() % align) b.append('\0'); return *this; }
    Bytes& zeros(int n) { b.append(QByteArray(n, '\0')); return *this; }
};

struct TInfo {
    QByteArray name;
    std::vector<uint64_t> ne;  // ggml order
    uint32_t type = 0;
    uint64_t offset = 0;
};

// A GGUF with the given tensors (F32 data of `dataBytes` zero bytes) and optional alignment key.
QByteArray gguf(const std::vector<TInfo>& ts, uint64_t dataBytes, uint32_t version = 3, int64_t alignment = -1,
                uint32_t alignType = 4)
{
    Bytes g;
    g.raw("GGUF").u32(version).u64(ts.size()).u64(alignment >= 0 ? 2 : 1);
    g.str("general.architecture").u32(8).str("llama");
    if (alignment >= 0) {
        g.str("general.alignment").u32(alignType);
        if (alignType == 4)
            g.u32(uint32_t(alignment));
        else
            g.u64(uint64_t(alignment));
    }
    for (const auto& t : ts) {
        g.str(t.name).u32(uint32_t(t.ne.size()));
        for (uint64_t d : t.ne)
            g.u64(d);
        g.u32(t.type).u64(t.offset);
    }
    g.pad(alignment > 0 && alignment <= 4096 && (alignment & (alignment - 1)) == 0 ? int(alignment) : 32);
    g.zeros(int(dataBytes));
    return g.b;
}

QByteArray safetensors(const QByteArray& header, int dataBytes)
{
    Bytes s;
    s.u64(uint64_t(header.size())).raw(header).zeros(dataBytes);
    return s.b;
}

QByteArray llama2c(int32_t dim, int32_t hidden, int32_t layers, int32_t heads, int32_t kv, int32_t vocab, int32_t seq,
                   int64_t floats)
{
    Bytes l;
    l.i32(dim).i32(hidden).i32(layers).i32(heads).i32(kv).i32(vocab).i32(seq);
    l.zeros(int(floats * 4));
    return l.b;
}

int64_t llama2cFloats(int64_t dim, int64_t hidden, int64_t L, int64_t heads, int64_t kv, int64_t vocab, int64_t seq)
{
    const int64_t hs = dim / heads, kvDim = hs * kv, v = vocab < 0 ? -vocab : vocab;
    return v * dim + L * dim * 2 + L * dim * dim * 2 + L * kvDim * dim * 2 + L * hidden * dim * 3 + dim +
           seq * hs + (vocab < 0 ? v * dim : 0);
}

// Opens bytes from an exact-size heap buffer (so ASan sees any read past the end), decoding
// every tensor. Returns "" if the model opened, else the InvalidInput message. Fails the test on
// any other exception.
std::string openAll(const QByteArray& bytes, const std::string& name,
                    const std::function<std::unique_ptr<Model>(ByteSource)>& open = openModelBytes)
{
    auto buf = std::make_shared<std::vector<std::byte>>(size_t(bytes.size()));
    if (!bytes.isEmpty())
        std::memcpy(buf->data(), bytes.constData(), size_t(bytes.size()));
    ByteSource src{name, std::span<const std::byte>(buf->data(), buf->size()), buf};
    try {
        auto m = open(src);
        for (const auto& t : m->tensors) {
            try {
                (void)m->toFloat(t);
            } catch (const Error& e) {
                if (e.kind() != ErrorKind::InvalidInput)
                    throw;
            }
        }
        return {};
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::InvalidInput)
            throw std::runtime_error(std::string("not InvalidInput: ") + e.what());
        return e.what();
    }
}

}  // namespace

class TestReaderValidation : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString p = dir_.filePath(name);
        QFile f(p);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            qFatal("cannot write %s", qPrintable(p));
        f.write(bytes);
        return p;
    }

    // openModel on the file rejects it with a one-line InvalidInput naming it and containing `what`.
    void expectRejected(const QString& name, const QByteArray& bytes, const char* what, bool viaCli = false)
    {
        const QString p = write(name, bytes);
        try {
            auto m = openModel(p.toStdString());
            for (const auto& t : m->tensors)
                (void)m->toFloat(t);
            QFAIL(qPrintable(name + ": accepted, expected: " + what));
        } catch (const Error& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(e.kind() == ErrorKind::InvalidInput, qPrintable(msg));
            QVERIFY2(msg.startsWith(p + ": "), qPrintable(msg));
            QVERIFY2(msg.contains(QLatin1String(what)), qPrintable(name + ": expected '" + what + "' in: " + msg));
            QVERIFY2(!msg.contains('\n'), qPrintable(msg));
        }
        if (viaCli) {
            QByteArray out, err;
            QCOMPARE(test::runCli({"info", p, "--json"}, &out, &err), 2);
            QVERIFY(out.isEmpty());
            QVERIFY2(err.startsWith("quantscope-cli: " + p.toUtf8() + ": "), err.constData());
            QCOMPARE(err.count('\n'), 1);
        }
    }

private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void craftedGgufIsReadable()
    {
        // The builder makes valid files: every other case below breaks one thing.
        const auto m = openModel(write("ok.gguf", gguf({{"a", {4, 2}, 0, 0}, {"b", {8}, 0, 32}}, 64)).toStdString());
        QCOMPARE(m->tensors.size(), size_t(2));
        QCOMPARE(m->tensors[0].shape, (std::vector<int64_t>{2, 4}));
        QCOMPARE(m->toFloat(m->tensors[1]).size(), size_t(8));
        const auto m2 = openModel(write("ok64.gguf", gguf({{"a", {64}, 0, 0}, {"b", {8}, 0, 256}}, 288, 2, 128)).toStdString());
        QCOMPARE(m2->tensors.size(), size_t(2));
        QCOMPARE(static_cast<const GgufModel&>(*m2).alignment, 128u);
        QCOMPARE(static_cast<const GgufModel&>(*m2).dataOffset % 128, uint64_t(0));
    }

    void ggufEveryValueType()
    {
        Bytes g;
        g.raw("GGUF").u32(3).u64(0).u64(14);
        g.str("u8").u32(0).u8(200);
        g.str("i8").u32(1).u8(0xff);
        g.str("u16").u32(2).u8(0x34).u8(0x12);
        g.str("i16").u32(3).u8(0xfe).u8(0xff);
        g.str("u32").u32(4).u32(4000000000u);
        g.str("i32").u32(5).i32(-7);
        g.str("f32").u32(6).f32(1.5f);
        g.str("bool").u32(7).u8(1);
        g.str("string").u32(8).str("héllo");
        g.str("u64").u32(10).u64(1ull << 40);
        g.str("i64").u32(11).u64(uint64_t(-5ll));
        g.str("f64").u32(12).u64(0x3ff8000000000000ull);  // 1.5
        g.str("strings").u32(9).u32(8).u64(2).str("a").str("bc");
        // [[1, 2], [], [3]] as nested u16 arrays
        g.str("nested").u32(9).u32(9).u64(3);
        g.u32(2).u64(2).u8(1).u8(0).u8(2).u8(0);
        g.u32(2).u64(0);
        g.u32(2).u64(1).u8(3).u8(0);
        const auto m = openModel(write("types.gguf", g.b).toStdString());
        QCOMPARE(m->meta("u8")->asInt().value(), 200);
        QCOMPARE(m->meta("i8")->asInt().value(), -1);
        QCOMPARE(m->meta("u16")->asInt().value(), 0x1234);
        QCOMPARE(m->meta("i16")->asInt().value(), -2);
        QCOMPARE(m->meta("u32")->asInt().value(), 4000000000ll);
        QCOMPARE(m->meta("i32")->asInt().value(), -7);
        QCOMPARE(m->meta("f32")->asFloat().value(), 1.5);
        QCOMPARE(m->meta("bool")->b, true);
        QCOMPARE(m->meta("string")->s, std::string("héllo"));
        QCOMPARE(m->meta("u64")->asInt().value(), 1ll << 40);
        QCOMPARE(m->meta("i64")->asInt().value(), -5);
        QCOMPARE(m->meta("f64")->asFloat().value(), 1.5);
        QCOMPARE(m->meta("strings")->arraySize(), uint64_t(2));
        QCOMPARE(m->meta("strings")->elements()[1].s, std::string("bc"));
        const MetaValue* n = m->meta("nested");
        const std::vector<MetaValue> outer = n->elements();
        QCOMPARE(outer.size(), size_t(3));
        QCOMPARE(outer[0].arraySize(), uint64_t(2));
        QCOMPARE(outer[0].elements()[1].asInt().value(), 2);
        QCOMPARE(outer[1].arraySize(), uint64_t(0));
        QCOMPARE(outer[2].elements()[0].asInt().value(), 3);
        QCOMPARE(m->metadataJson().value("nested").toArray().at(2).toArray().at(0).toInt(), 3);
        QVERIFY(!m->architecture.has_value());
    }

    void ggufRejects()
    {
        const std::vector<TInfo> two{{"a", {4, 2}, 0, 0}, {"b", {8}, 0, 32}};
        QByteArray v1 = gguf(two, 64);
        v1[4] = 1;
        expectRejected("v1.gguf", v1, "unsupported GGUF version 1", true);
        QByteArray v4 = gguf(two, 64);
        v4[4] = 4;
        expectRejected("v4.gguf", v4, "unsupported GGUF version 4");
        expectRejected("dims5.gguf", gguf({{"a", {2, 2, 2, 2, 2}, 0, 0}}, 128), "5 dimensions", true);
        expectRejected("dims0.gguf", gguf({{"a", {}, 0, 0}}, 128), "0 dimensions");
        expectRejected("zerodim.gguf", gguf({{"a", {4, 0}, 0, 0}}, 128), "invalid dimension 0");
        expectRejected("overflow.gguf", gguf({{"a", {1ull << 32, 1ull << 32}, 0, 0}}, 64), "overflows 64 bits", true);
        expectRejected("overflow2.gguf", gguf({{"a", {1ull << 40, 1ull << 20, 1ull << 3}, 0, 0}}, 64), "overflows 64 bits");
        expectRejected("bytesoverflow.gguf", gguf({{"a", {1ull << 31, 1ull << 31}, 0, 0}}, 64), "overflows 64 bits");
        expectRejected("hugedim.gguf", gguf({{"a", {~0ull}, 0, 0}}, 64), "invalid dimension");
        expectRejected("type4.gguf", gguf({{"a", {32}, 4, 0}}, 64), "unknown type id 4", true);
        expectRejected("type999.gguf", gguf({{"a", {32}, 999, 0}}, 64), "unknown type id 999");
        expectRejected("blocksize.gguf", gguf({{"a", {33, 2}, 2, 0}}, 64), "not a multiple of the Q4_0 block size");
        expectRejected("misaligned.gguf", gguf({{"a", {4}, 0, 0}, {"b", {4}, 0, 16}}, 64), "not a multiple of the alignment", true);
        expectRejected("pastend.gguf", gguf({{"a", {8}, 0, 0}, {"b", {8}, 0, 64}}, 64), "past the end", true);
        expectRejected("pastend2.gguf", gguf({{"a", {1000}, 0, 0}}, 64), "past the end");
        expectRejected("offsetwrap.gguf", gguf({{"a", {8}, 0, ~0ull - 31}}, 64), "past the end");
        expectRejected("overlap.gguf", gguf({{"a", {16}, 0, 0}, {"b", {8}, 0, 32}}, 128), "overlaps", true);
        expectRejected("overlap-unsorted.gguf", gguf({{"a", {8}, 0, 32}, {"b", {16}, 0, 0}}, 128), "overlaps");
        expectRejected("dupname.gguf", gguf({{"a", {8}, 0, 0}, {"a", {8}, 0, 32}}, 64), "appears twice");
        expectRejected("align3.gguf", gguf(two, 64, 3, 3), "power of two", true);
        expectRejected("align0.gguf", gguf(two, 64, 3, 0), "power of two");
        expectRejected("alignhuge.gguf", gguf(two, 64, 3, int64_t(1) << 40, 10), "power of two");
        expectRejected("aligntype.gguf", gguf(two, 64, 3, 32, 8), "power of two");  // a string

        // Counts and lengths that cannot fit in the file (and must not be reserved).
        Bytes hugeTensors;
        hugeTensors.raw("GGUF").u32(3).u64(1ull << 60).u64(0);
        expectRejected("ntensors.gguf", hugeTensors.b, "tensor count", true);
        Bytes hugeKv;
        hugeKv.raw("GGUF").u32(3).u64(0).u64(~0ull);
        expectRejected("nkv.gguf", hugeKv.b, "metadata count");
        Bytes longKey;
        longKey.raw("GGUF").u32(3).u64(0).u64(1).u64(~0ull - 3).raw("abcdefghijklmnop");
        expectRejected("keylen.gguf", longKey.b, "metadata key", true);
        Bytes longStr;
        longStr.raw("GGUF").u32(3).u64(0).u64(1).str("k").u32(8).u64(1ull << 40).raw("abc");
        expectRejected("strlen.gguf", longStr.b, "string value");
        Bytes longArr;
        longArr.raw("GGUF").u32(3).u64(0).u64(1).str("k").u32(9).u32(8).u64(1ull << 50).zeros(64);
        expectRejected("arrlen.gguf", longArr.b, "cannot fit", true);
        Bytes longArr2;
        longArr2.raw("GGUF").u32(3).u64(0).u64(1).str("k").u32(9).u32(0).u64(100).zeros(99);
        expectRejected("arrlen2.gguf", longArr2.b, "cannot fit");
        Bytes badType;
        badType.raw("GGUF").u32(3).u64(0).u64(1).str("k").u32(13).u32(0);
        expectRejected("valtype.gguf", badType.b, "unknown metadata value type 13");
        Bytes badElem;
        badElem.raw("GGUF").u32(3).u64(0).u64(1).str("k").u32(9).u32(77).u64(0);
        expectRejected("elemtype.gguf", badElem.b, "unknown metadata value type 77");
        Bytes badBool;
        badBool.raw("GGUF").u32(3).u64(0).u64(1).str("k").u32(7).u8(2);
        expectRejected("bool.gguf", badBool.b, "neither 0 nor 1");
        Bytes deep;
        deep.raw("GGUF").u32(3).u64(0).u64(1).str("k").u32(9);
        for (int i = 0; i < 100000; ++i)
            deep.u32(9).u64(1);
        expectRejected("deep.gguf", deep.b, "nested deeper");
        Bytes dupKey;
        dupKey.raw("GGUF").u32(3).u64(0).u64(2).str("k").u32(4).u32(1).str("k").u32(4).u32(2);
        expectRejected("dupkey.gguf", dupKey.b, "appears twice");
        Bytes badArch;
        badArch.raw("GGUF").u32(3).u64(0).u64(1).str("general.architecture").u32(4).u32(1);
        expectRejected("arch.gguf", badArch.b, "not a string");
        expectRejected("short.gguf", QByteArray("GGUF\x03\0\0", 7), "truncated", true);

        // Bad magic: named .gguf, it is said in GGUF's terms; the GGUF reader itself says so too.
        QByteArray magic = gguf(two, 64);
        magic[3] = 'X';
        expectRejected("magic.gguf", magic, "not a GGUF file", true);
        expectRejected("magic.bin", magic, "unknown model format");
        // A cut GGUF file reads as such first, with the reader's detail after it.
        expectRejected("cut.gguf", gguf(two, 64).left(40), "truncated or corrupt GGUF file (", true);
        // Random bytes named .safetensors are not reported as a bad llama2.c header.
        QByteArray noise(4096, '\0');
        for (int i = 0; i < noise.size(); ++i)
            noise[i] = char((i * 7919 + 13) % 251);
        expectRejected("noise.safetensors", noise, "not a safetensors file", true);
        const std::string msg = openAll(magic, "magic.gguf", openGguf);
        QVERIFY2(msg.find("magic.gguf: not a GGUF file (bad magic)") == 0, msg.c_str());
    }

    void safetensorsRejects()
    {
        const QByteArray okHeader = R"({"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}})";
        QVERIFY(openModel(write("ok.safetensors", safetensors(okHeader, 16)).toStdString())->tensors.size() == 1);

        Bytes big;
        big.u64(200ull * 1000 * 1000).raw("{}");
        expectRejected("big.safetensors", big.b, "over the 100 MB limit", true);
        Bytes past;
        past.u64(1000).raw("{\"a\":1}");
        expectRejected("past.safetensors", past.b, "past the end", true);
        expectRejected("json.safetensors", safetensors("{\"a\":", 0), "invalid JSON", true);
        expectRejected("json2.safetensors", safetensors("{\"a\":{}} trailing", 0), "invalid JSON");
        expectRejected("entry.safetensors", safetensors("{\"a\":[1]}", 0), "is not a JSON object");
        // A header that is JSON but not an object: only the safetensors reader gets that far.
        const std::string arr = openAll(safetensors("[1,2,3]", 0), "arr.safetensors", openSafetensorsFile);
        QVERIFY2(arr.find("arr.safetensors: ") == 0 && arr.find("'{'") != std::string::npos, arr.c_str());
        const std::string str = openAll(safetensors("{\"a\"}", 0), "str.safetensors", openSafetensorsFile);
        QVERIFY2(str.find("invalid JSON") != std::string::npos, str.c_str());
        expectRejected("mismatch.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,16]}})", 16),
                       "shape and dtype F32 need 24", true);
        expectRejected("pastdata.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[2,2],"data_offsets":[8,24]}})", 16), "past the end");
        expectRejected("reversed.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})", 16), "before begin");
        expectRejected("overlap.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},)"
                                   R"("b":{"dtype":"F16","shape":[4],"data_offsets":[8,16]}})", 16),
                       "overlaps", true);
        expectRejected("dtype.safetensors",
                       safetensors(R"({"a":{"dtype":"F7","shape":[2],"data_offsets":[0,2]}})", 16), "unknown dtype 'F7'");
        expectRejected("nodtype.safetensors",
                       safetensors(R"({"a":{"shape":[2],"data_offsets":[0,2]}})", 16), "no dtype");
        expectRejected("neg.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 16), "non-negative integer");
        expectRejected("frac.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}})", 16), "non-negative integer");
        expectRejected("shapestr.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":["2"],"data_offsets":[0,8]}})", 16), "not a number");
        expectRejected("ovf.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", 16),
                       "overflows 64 bits");
        expectRejected("ovf2.safetensors",
                       safetensors(R"({"a":{"dtype":"F64","shape":[4611686018427387904],"data_offsets":[0,8]}})", 16),
                       "non-negative integer");  // beyond 2^53: not exact in JSON
        expectRejected("ovf3.safetensors",
                       safetensors(R"({"a":{"dtype":"F64","shape":[4503599627370496, 4096],"data_offsets":[0,8]}})", 16),
                       "overflows 64 bits");
        expectRejected("offsets.safetensors",
                       safetensors(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0]}})", 16), "data_offsets");
        expectRejected("meta.safetensors", safetensors(R"({"__metadata__":{"x":1}})", 0), "is not a string");
        expectRejected("short.safetensors", QByteArray("\x02\0\0\0\0\0\0\0{", 9), "past the end");
        // An empty-tensor (0 elements) is fine, and so is a scalar.
        const auto m = openModel(
            write("empty.safetensors",
                  safetensors(R"({"e":{"dtype":"F32","shape":[0,4],"data_offsets":[0,0]},)"
                              R"("s":{"dtype":"F32","shape":[],"data_offsets":[0,4]}})", 4))
                .toStdString());
        QCOMPARE(m->nParams(), int64_t(1));

        // Sharded folders: broken index files.
        QTemporaryDir d;
        auto writeIn = [&](const QString& name, const QByteArray& b) {
            QFile f(d.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(b);
        };
        writeIn("model.safetensors.index.json", "{\"weight_map\": [1]}");
        try {
            openModel(d.path().toStdString());
            QFAIL("accepted");
        } catch (const Error& e) {
            QCOMPARE(e.kind(), ErrorKind::InvalidInput);
            QVERIFY2(QString(e.what()).contains("model.safetensors.index.json: no weight_map"), e.what());
        }
        writeIn("model.safetensors.index.json", "{not json");
        QByteArray err;
        QCOMPARE(test::runCli({"info", d.path()}, nullptr, &err), 2);
        QVERIFY2(err.contains("invalid JSON"), err.constData());
        writeIn("model.safetensors.index.json", R"({"weight_map": {"a": "shard.safetensors"}})");
        writeIn("shard.safetensors", safetensors(okHeader, 8));  // truncated data
        QCOMPARE(test::runCli({"info", d.path()}, nullptr, &err), 2);
        QVERIFY2(err.contains("shard.safetensors: truncated"), err.constData());
        writeIn("shard.safetensors", safetensors(okHeader, 16));
        writeIn("config.json", "[1]");
        QCOMPARE(test::runCli({"info", d.path()}, nullptr, &err), 2);
        QVERIFY2(err.contains("config.json: not a JSON object"), err.constData());
        QFile::remove(d.filePath("config.json"));
        QCOMPARE(test::runCli({"info", d.path()}, nullptr, &err), 0);
        // An empty folder.
        QTemporaryDir empty;
        QCOMPARE(test::runCli({"info", empty.path()}, nullptr, &err), 2);
        QVERIFY2(err.contains("no model.safetensors"), err.constData());
    }

    void llama2cRejects()
    {
        // dim 8, hidden 16, 1 layer, 2 heads, 1 kv head, vocab 10, seq 4
        const int64_t n = llama2cFloats(8, 16, 1, 2, 1, 10, 4);
        QVERIFY(openModel(write("ok.bin", llama2c(8, 16, 1, 2, 1, 10, 4, n)).toStdString())->tensors.size() == 11);
        const auto un = openModel(
            write("unshared.bin", llama2c(8, 16, 1, 2, 1, -10, 4, llama2cFloats(8, 16, 1, 2, 1, -10, 4))).toStdString());
        QVERIFY(un->find("output.weight"));
        QCOMPARE(un->find("output.weight")->shape, (std::vector<int64_t>{10, 8}));

        expectRejected("zerodim.bin", llama2c(0, 16, 1, 2, 1, 10, 4, n), "dim = 0", true);
        expectRejected("neghidden.bin", llama2c(8, -16, 1, 2, 1, 10, 4, n), "hidden_dim = -16", true);
        expectRejected("zerolayers.bin", llama2c(8, 16, 0, 2, 1, 10, 4, n), "n_layers = 0");
        expectRejected("zeroheads.bin", llama2c(8, 16, 1, 0, 1, 10, 4, n), "n_heads = 0");
        expectRejected("negkv.bin", llama2c(8, 16, 1, 2, -1, 10, 4, n), "n_kv_heads = -1");
        expectRejected("zerovocab.bin", llama2c(8, 16, 1, 2, 1, 0, 4, n), "vocab_size = 0");
        expectRejected("minvocab.bin", llama2c(8, 16, 1, 2, 1, INT32_MIN, 4, n), "vocab_size");
        expectRejected("zeroseq.bin", llama2c(8, 16, 1, 2, 1, 10, 0, n), "seq_len = 0");
        expectRejected("heads.bin", llama2c(8, 16, 1, 3, 1, 10, 4, n), "not a multiple of n_heads");
        expectRejected("kvheads.bin", llama2c(8, 16, 1, 2, 3, 10, 4, n), "not a multiple of n_kv_heads");
        expectRejected("truncated.bin", llama2c(8, 16, 1, 2, 1, 10, 4, n - 1), "implies", true);
        expectRejected("long.bin", llama2c(8, 16, 1, 2, 1, 10, 4, n + 1), "implies");
        expectRejected("huge.bin", llama2c(1 << 30, 1 << 30, 1 << 30, 2, 1, 1 << 30, 4, 4), "overflow");
        expectRejected("short.bin", QByteArray(20, '\x01'), "unknown model format", true);
        expectRejected("empty.bin", QByteArray(), "unknown model format", true);
    }

    void truncatedFixtures()
    {
        const char* names[] = {"stories260K-f32.gguf", "model.safetensors", "stories260K.bin"};
        for (const char* name : names) {
            QFile f(test::stories(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray all = f.readAll();
            QVERIFY(openAll(all, name).empty());
            // Every length through the headers, then a spread over the data.
            std::vector<qsizetype> lengths;
            const qsizetype dense = std::min<qsizetype>(all.size(), qEnvironmentVariableIsSet("QS_SANITIZED") ? 6000 : 16000);
            for (qsizetype n = 0; n < dense; n += (n < 5200 ? 1 : 7))
                lengths.push_back(n);
            for (qsizetype n = dense; n < all.size(); n += all.size() / 200 + 1)
                lengths.push_back(n);
            lengths.push_back(all.size() - 1);
            for (qsizetype n : lengths) {
                const std::string msg = openAll(all.left(n), name);
                QVERIFY2(!msg.empty(), qPrintable(QString("%1 truncated to %2 bytes was accepted").arg(name).arg(n)));
                QVERIFY2(msg.rfind(std::string(name) + ": ", 0) == 0, msg.c_str());
                QVERIFY2(msg.find('\n') == std::string::npos, msg.c_str());
            }
        }
        // Through the CLI too, a few of them.
        QFile f(test::stories("stories260K-f32.gguf"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        for (qsizetype n : {qsizetype(3), qsizetype(24), qsizetype(1000), all.size() / 2, all.size() - 4}) {
            const QString p = write(QString("trunc%1.gguf").arg(n), all.left(n));
            QByteArray err;
            QCOMPARE(test::runCli({"info", p}, nullptr, &err), 2);
            QVERIFY2(err.startsWith("quantscope-cli: " + p.toUtf8() + ": "), err.constData());
        }
    }

    void randomByteFlips()
    {
        const char* names[] = {"stories260K-f32.gguf", "model.safetensors", "stories260K.bin"};
        std::mt19937 rng(12345);
        const int rounds = qEnvironmentVariableIsSet("QS_SANITIZED") ? 150 : 400;
        for (const char* name : names) {
            QFile f(test::stories(name));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray all = f.readAll();
            // Header bytes are where flips matter: aim most of them there.
            const qsizetype headerEnd = std::min<qsizetype>(all.size(), 12000);
            int rejected = 0;
            for (int r = 0; r < rounds; ++r) {
                QByteArray b = all;
                const int flips = 1 + int(rng() % 4);
                for (int k = 0; k < flips; ++k) {
                    const qsizetype at = (rng() % 8) ? qsizetype(rng() % uint32_t(headerEnd)) : qsizetype(rng() % uint32_t(b.size()));
                    b[at] = char(b[at] ^ char(1u << (rng() % 8)));
                }
                const std::string msg = openAll(b, name);
                if (!msg.empty()) {
                    ++rejected;
                    QVERIFY2(msg.rfind(std::string(name) + ": ", 0) == 0, msg.c_str());
                }
            }
            qInfo("%s: %d of %d flipped copies rejected", name, rejected, rounds);
        }
    }
};

QTEST_GUILESS_MAIN(TestReaderValidation)
#include "test_reader_validation.moc"
