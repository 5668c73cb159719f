// K-quant formats (Q2_K ... Q6_K): scale packing, hand-decoded blocks, fast path == reference path,
// and agreement with llama.cpp's libggml-base.so (decoding both ways, error no worse than its
// reference quantizer).
#include "core/formats/block_format.h"
#include "core/formats/format.h"
#include "core/formats/kquant_common.h"
#include "core/util/cpu.h"
#include "core/util/half.h"
#include "core/util/isa.h"
#include "tests/support/fixtures.h"

#include <QFile>
#include <QtTest>

#include <dlfcn.h>

#include <cstring>
#include <limits>
#include <random>
#include <string_view>

using namespace qs;

namespace {

const char* const kNames[] = {"Q6_K", "Q5_K", "Q4_K", "Q3_K", "Q2_K"};

std::vector<float> heavyTailed(size_t n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::student_t_distribution<float> t(3.0f);
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i) {
        v[i] = 0.02f * t(rng) * (1.0f + float((i / 512) % 5));
        if (i % 101 == 0)
            v[i] *= 10.0f;
    }
    return v;
}

// All float weights of stories260K (llama2.c checkpoint after its 28-byte header), cut to whole
// 256-weight super-blocks.
std::vector<float> storiesWeights()
{
    QFile f(test::stories("stories260K.bin"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open stories260K.bin");
    const QByteArray all = f.readAll();
    const qsizetype n = (all.size() - 28) / 4 / 256 * 256;
    std::vector<float> v(static_cast<size_t>(n));
    std::memcpy(v.data(), all.constData() + 28, size_t(n) * 4);
    return v;
}

double sse(const std::vector<float>& a, const std::vector<float>& b)
{
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const double d = double(a[i]) - double(b[i]);
        s += d * d;
    }
    return s;
}

std::vector<float> decodeBlock(const char* name, const void* block)
{
    std::vector<float> y(256);
    findFormat(name)->dequantize(block, 1, 256, y.data());
    return y;
}

}  // namespace

class TestKQuants : public QObject {
    Q_OBJECT
private slots:
    void scaleMin6PackingRoundTrips()
    {
        std::mt19937 rng(1);
        for (int iter = 0; iter < 2000; ++iter) {
            uint8_t sc[8], mn[8], packed[12];
            for (int j = 0; j < 8; ++j) {
                sc[j] = uint8_t(iter < 64 ? iter : rng() % 64);
                mn[j] = uint8_t(iter < 64 ? 63 - iter : rng() % 64);
            }
            kq::packScaleMin6(sc, mn, packed);
            for (int j = 0; j < 8; ++j) {
                int s = -1, m = -1;
                kq::unpackScaleMin6(packed, j, s, m);
                QCOMPARE(s, int(sc[j]));
                QCOMPARE(m, int(mn[j]));
            }
        }
        // Layout: entry 5's low nibbles in byte 9 (scale low, min high), top bits in bytes 1 and 5.
        uint8_t sc[8] = {}, mn[8] = {}, packed[12];
        sc[5] = 0b110101;
        mn[5] = 0b011010;
        kq::packScaleMin6(sc, mn, packed);
        QCOMPARE(int(packed[9]), 0b1010'0101);
        QCOMPARE(int(packed[1]), 0b11'000000);
        QCOMPARE(int(packed[5]), 0b01'000000);
    }

    void q3ScalePackingRoundTrips()
    {
        for (int base = -32; base <= 31; ++base) {
            int8_t sc[16];
            for (int j = 0; j < 16; ++j)
                sc[j] = int8_t((base + 32 + 7 * j) % 64 - 32);
            uint8_t packed[12];
            kq::packScale6Q3(sc, packed);
            for (int j = 0; j < 16; ++j)
                QCOMPARE(kq::unpackScale6Q3(packed, j), int(sc[j]));
        }
        int8_t sc[16] = {};
        sc[13] = 31;  // biased 63 = 0b11'1111: low nibble -> high nibble of byte 5, top bits -> bits 6-7 of byte 9
        uint8_t packed[12];
        kq::packScale6Q3(sc, packed);
        QCOMPARE(int(packed[5]), 0xF0 | 0x0);
        QCOMPARE(int(packed[9] >> 6), 3);
        QCOMPARE(int(packed[0]), 0x00);  // biased 32 = 0b10'0000: zero nibbles, top bits 2
        QCOMPARE(int(packed[8] & 3), 2);
    }

    void handDecodedBlocks()
    {
        {  // Q4_K: d 0.5, dmin 0.25; sub-block 0: scale 2 min 4; sub-block 5: scale 33 min 17
            unsigned char b[144] = {};
            const uint16_t d = fp32ToFp16(0.5f), dmin = fp32ToFp16(0.25f);
            std::memcpy(b, &d, 2);
            std::memcpy(b + 2, &dmin, 2);
            uint8_t sc[8] = {2, 0, 0, 0, 0, 33, 0, 0}, mn[8] = {4, 0, 0, 0, 0, 17, 0, 0};
            kq::packScaleMin6(sc, mn, b + 4);
            b[16 + 0] = 0x73;   // weight 0: level 3; weight 32: level 7 (sub-block 1: scale 0, min 0)
            b[16 + 64] = 0xA0;  // weight 160 (chunk 2, high nibble, sub-block 5): level 10
            const auto y = decodeBlock("Q4_K", b);
            QCOMPARE(y[0], 2.0f);         // 0.5*2*3 - 0.25*4
            QCOMPARE(y[1], -1.0f);        // level 0
            QCOMPARE(y[32], 0.0f);
            QCOMPARE(y[160], 160.75f);    // 0.5*33*10 - 0.25*17
            QCOMPARE(y[128], 0.0f);       // sub-block 4: scale 0, min 0
        }
        {  // Q6_K: d 0.5, scale 3 = -7 covers weights 48..63; weight 48 = ql[48] low | qh[16] bits 2-3
            unsigned char b[210] = {};
            const uint16_t d = fp32ToFp16(0.5f);
            std::memcpy(b + 208, &d, 2);
            b[192 + 3] = uint8_t(int8_t(-7));
            b[48] = 0x05;
            b[128 + 16] = 0b0000'1000;
            const auto y = decodeBlock("Q6_K", b);
            QCOMPARE(y[48], -17.5f);      // 0.5 * -7 * ((5 | 2<<4) - 32)
            QCOMPARE(y[49], 112.0f);      // level 0 -> -32
            QCOMPARE(y[0], 0.0f);         // scale 0
        }
        {  // Q3_K: d 0.25, scale 9 = 5 covers weights 144..159 (h 1, j 0, second half)
            unsigned char b[110] = {};
            const uint16_t d = fp32ToFp16(0.25f);
            std::memcpy(b + 108, &d, 2);
            int8_t sc[16] = {};
            sc[9] = 5;
            kq::packScale6Q3(sc, b + 96);
            b[32 + 32 + 16] = 0b01;       // weight 144: low bits 1 (qs[32*1 + 16], bits 0-1)
            b[16] = 1 << 4;               // weight 144: high bit set (hmask[144%32], bit 144/32 = 4)
            const auto y = decodeBlock("Q3_K", b);
            QCOMPARE(y[144], 1.25f);      // 0.25 * 5 * (5 - 4)
            QCOMPARE(y[145], -5.0f);      // 0.25 * 5 * (0 - 4)
        }
        {  // Q2_K: d 1, dmin 0.5; sub-block 2 (weights 32..47): scale 3, min 2
            unsigned char b[84] = {};
            const uint16_t d = fp32ToFp16(1.0f), dmin = fp32ToFp16(0.5f);
            std::memcpy(b + 80, &d, 2);
            std::memcpy(b + 82, &dmin, 2);
            b[2] = 3 | (2 << 4);
            b[16 + 0] = 0b11 << 2;        // weight 32: qs[0] bits 2-3 = 3
            const auto y = decodeBlock("Q2_K", b);
            QCOMPARE(y[32], 8.0f);        // 1*3*3 - 0.5*2
            QCOMPARE(y[33], -1.0f);
        }
    }

    void fastPathMatchesReference()
    {
        const int64_t rows = 24, cols = 1024;
        auto x = heavyTailed(size_t(rows * cols), 11);
        x[5] = 0;  // a few special super-blocks: all zero, constant, single spike
        std::fill(x.begin() + 256, x.begin() + 512, 0.0f);
        std::fill(x.begin() + 512, x.begin() + 768, 0.125f);
        std::fill(x.begin() + 768, x.begin() + 1024, 0.0f);
        x[800] = -3.0f;
        std::vector<float> imp(cols);
        std::mt19937 rng(4);
        for (auto& v : imp)
            v = float(rng() % 1000) / 100.0f;
        for (const char* name : kNames) {
            const Format* f = findFormat(name);
            QVERIFY2(f, name);
            for (const float* w : {static_cast<const float*>(nullptr), static_cast<const float*>(imp.data())}) {
                std::vector<unsigned char> a(f->storageBytes(rows, cols)), b(a.size());
                f->quantize(x.data(), rows, cols, a.data(), w);
                f->quantizeReference(x.data(), rows, cols, b.data(), w);
                QVERIFY2(a == b, name);
            }
        }
    }

    // The fast path under test is the CPU's best: the AVX2 kernels wherever the CPU has AVX2
    // (compiled into this binary and chosen at start-up), the baseline ones otherwise (also with
    // QS_NO_AVX2=1). Fails loudly when the AVX2 paths were not built or not selected.
    void fastPathIsTheCpusBest()
    {
        const bool avx2 = cpuHasAvx2() || std::string_view(QS_ISA_NAME) == "avx2";  // or the whole build targets AVX2
        int blockFormats = 0;
        for (const Format* f : allFormats()) {
            if (f->family() != FormatFamily::Gguf)
                continue;
            ++blockFormats;
            QVERIFY2(std::string_view(f->isa()) == (avx2 ? "avx2" : "base"),
                     qPrintable(QString::fromStdString(f->name()) + " runs " + f->isa()));
        }
        QVERIFY(blockFormats >= 11);
    }

    void nonFiniteInputIsDeterministic()
    {
        // NaN, infinities and values whose squares overflow: no crash, the fast path still equals
        // the reference path, and finite super-blocks of the same rows are unaffected.
        const int64_t rows = 3, cols = 512;
        auto x = heavyTailed(size_t(rows * cols), 17);
        x[3] = std::numeric_limits<float>::quiet_NaN();
        x[cols + 7] = std::numeric_limits<float>::infinity();
        x[2 * cols + 9] = 3e38f;
        for (const char* name : kNames) {
            const Format* f = findFormat(name);
            std::vector<unsigned char> a(f->storageBytes(rows, cols)), b(a.size()), c(a.size());
            f->quantize(x.data(), rows, cols, a.data());
            f->quantizeReference(x.data(), rows, cols, b.data());
            f->quantize(x.data(), rows, cols, c.data());
            QVERIFY2(a == b, name);
            QVERIFY2(a == c, name);
            // The second super-block of row 0 holds only finite values: same bytes as on its own.
            const auto* bf = static_cast<const BlockFormat*>(f);
            std::vector<unsigned char> alone(bf->rowBytes(256));
            f->quantize(x.data() + 256, 1, 256, alone.data());
            QVERIFY2(std::memcmp(a.data() + alone.size(), alone.data(), alone.size()) == 0, name);
        }
    }

    void matchesLlamaCpp()
    {
        void* lib = dlopen(qPrintable(test::ggmlBaseLib()), RTLD_NOW | RTLD_LOCAL);
        QVERIFY2(lib, dlerror());
        using QuantFn = size_t (*)(const float*, void*, int64_t, int64_t, const float*);
        using DeqFn = void (*)(const void*, float*, int64_t);
        const auto stories = storiesWeights();
        const auto synth = heavyTailed(256 * 512, 5);
        for (const char* name : kNames) {
            const QByteArray lower = QByteArray(name).toLower().replace("_k", "_K");
            auto gq = reinterpret_cast<QuantFn>(dlsym(lib, "quantize_" + lower));
            auto gd = reinterpret_cast<DeqFn>(dlsym(lib, "dequantize_row_" + lower));
            QVERIFY2(gq && gd, name);
            const Format* f = findFormat(name);
            for (const auto* data : {&stories, &synth}) {
                const int64_t cols = 256, rows = int64_t(data->size()) / cols;
                std::vector<unsigned char> ours(f->storageBytes(rows, cols)), theirs(ours.size());
                f->quantize(data->data(), rows, cols, ours.data());
                QCOMPARE(gq(data->data(), theirs.data(), rows, cols, nullptr), ours.size());
                std::vector<float> a(data->size()), b(data->size()), c(data->size()), e(data->size());
                f->dequantize(ours.data(), rows, cols, a.data());
                gd(ours.data(), b.data(), int64_t(b.size()));
                QVERIFY2(std::memcmp(a.data(), b.data(), 4 * a.size()) == 0, name);  // our bytes, their decoder
                f->dequantize(theirs.data(), rows, cols, c.data());
                gd(theirs.data(), e.data(), int64_t(e.size()));
                QVERIFY2(std::memcmp(c.data(), e.data(), 4 * c.size()) == 0, name);  // their bytes, our decoder
                const double mine = sse(*data, a), ref = sse(*data, e);
                QVERIFY2(mine <= ref, qPrintable(QStringLiteral("%1: SSE %2 > llama.cpp %3").arg(name).arg(mine).arg(ref)));
            }
        }
        dlclose(lib);
    }
};

QTEST_GUILESS_MAIN(TestKQuants)
#include "test_kquants.moc"
