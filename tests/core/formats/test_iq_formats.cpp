// The IQ family, ternary and MXFP4 formats (IQ4_XS, IQ3_S, IQ3_XXS, IQ2_S, IQ2_XS, IQ2_XXS, IQ1_M, IQ1_S, TQ2_0, TQ1_0,
// MXFP4, ...): values each format
// can represent come back exactly, every code of a format's block is reachable, importance
// steers the error, degenerate blocks stay finite. (Byte compatibility with llama.cpp, quality
// against its quantizers and fast path == reference are the interop tests' and
// test_gguf_fast_path's.)
#include "core/formats/format.h"
#include "core/util/half.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>
#include <string_view>

using namespace qs;

namespace {

const Format& fmt(const char* name)
{
    const Format* f = findFormat(name);
    if (!f)
        qFatal("format %s is not registered", name);
    return *f;
}

double weightedSse(const std::vector<float>& a, const std::vector<float>& b, const std::vector<float>* w, int64_t cols)
{
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const double d = double(a[i]) - double(b[i]);
        s += (w ? double((*w)[i % size_t(cols)]) : 1.0) * d * d;
    }
    return s;
}

std::vector<float> gaussian(size_t n, unsigned seed, float sigma = 0.02f)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, sigma);
    std::vector<float> v(n);
    for (float& x : v)
        x = g(rng);
    return v;
}

}  // namespace

class TestIqFormats : public QObject {
    Q_OBJECT
private slots:
    void registeredWithLlamaGeometry()
    {
        struct Want {
            const char* name;
            int64_t block;
            uint64_t bytes;
        };
        for (const Want& w : {Want{"IQ4_XS", 256, 136}, Want{"IQ3_S", 256, 110}, Want{"IQ3_XXS", 256, 98}, Want{"IQ2_S", 256, 82}, Want{"IQ2_XS", 256, 74}, Want{"IQ2_XXS", 256, 66}, Want{"IQ1_M", 256, 56}, Want{"IQ1_S", 256, 50}, Want{"TQ2_0", 256, 66}, Want{"TQ1_0", 256, 54}, Want{"MXFP4", 32, 17}}) {
            const Format& f = fmt(w.name);
            QCOMPARE(f.family(), FormatFamily::Gguf);
            QCOMPARE(f.blockSize(), w.block);
            QCOMPARE(f.storageBytes(1, w.block), w.bytes);
            QVERIFY(f.ggmlType().has_value());
            QCOMPARE(formatForGgml(*f.ggmlType()), &f);
        }
    }

    void ternaryBlocksAreExact()
    {
        // {-a, 0, a} per 256-weight block with an fp16 a: TQ1_0 and TQ2_0 store it without error.
        std::mt19937 rng(7);
        const int64_t rows = 4, cols = 512;
        std::vector<float> x(size_t(rows * cols));
        for (int64_t b = 0; b < rows * cols / 256; ++b) {
            const float a = fp16ToFp32(fp32ToFp16(0.01f * float(b + 1) * 1.37f));
            for (int64_t i = 0; i < 256; ++i)
                x[size_t(b * 256 + i)] = a * float(int(rng() % 3) - 1);
        }
        for (const char* name : {"TQ1_0", "TQ2_0"}) {
            const std::vector<float> y = fmt(name).roundTrip(x.data(), rows, cols);
            QVERIFY2(y == x, name);
        }
        // TQ2_0's fourth level: {-a, 0, a, 2a} is exact too (and so is its mirror image).
        for (float sign : {1.0f, -1.0f}) {
            for (int64_t i = 0; i < rows * cols; ++i)
                x[size_t(i)] = sign * 0.25f * float(int(rng() % 4) - 1);
            QVERIFY(fmt("TQ2_0").roundTrip(x.data(), rows, cols) == x);
        }
    }

    void mxfp4ValuesAreExact()
    {
        // Every block: E2M1 magnitudes times a power of two, random signs.
        const float mags[8] = {0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 3.0f, 4.0f, 6.0f};
        std::mt19937 rng(3);
        const int64_t rows = 3, cols = 256;
        std::vector<float> x(size_t(rows * cols));
        for (int64_t b = 0; b < rows * cols / 32; ++b) {
            const float scale = std::ldexp(1.0f, int(b % 40) - 20);
            for (int64_t i = 0; i < 32; ++i)
                x[size_t(b * 32 + i)] = (rng() % 2 ? -1.0f : 1.0f) * mags[i < 2 ? 7 - i : rng() % 8] * scale;
        }
        QVERIFY(fmt("MXFP4").roundTrip(x.data(), rows, cols) == x);
    }

    void latticeValuesAreExact()
    {
        // Blocks decoded from random bytes (every point index, sign or delta field and scale; an fp16 d
        // and one sub-block on the largest scale, l = 15, or 7 in IQ1_S/IQ1_M): the lattice formats
        // find them again exactly.
        std::mt19937 rng(21);
        struct Lattice {
            const char* name;
            size_t scaleByte;  // holds sub-block 0's scale in bits 4-7 (XXS words), 0-3 (IQ3_S, IQ2_XS, IQ2_S),
                               // 4-6 (IQ1_S) or 0-2 (IQ1_M)
            unsigned char mask;
        };
        for (const Lattice& lf : {Lattice{"IQ3_XXS", 2 + 64 + 3, 0xF0}, Lattice{"IQ2_XXS", 2 + 4 + 3, 0xF0},
                                  Lattice{"IQ3_S", 2 + 64 + 8 + 32, 0x0F}, Lattice{"IQ2_XS", 2 + 64, 0x0F},
                                  Lattice{"IQ2_S", 2 + 64 + 8, 0x0F}, Lattice{"IQ1_S", 2 + 32 + 1, 0x70},
                                  Lattice{"IQ1_M", 32 + 16, 0x07}}) {
            const char* name = lf.name;
            const Format& f = fmt(name);
            const int64_t rows = 6, cols = 512;
            const uint64_t bs = f.storageBytes(1, 256);
            std::vector<unsigned char> q(f.storageBytes(rows, cols));
            for (auto& b : q)
                b = static_cast<unsigned char>(rng());
            for (uint64_t off = 0; off < q.size(); off += bs) {
                const uint16_t d = fp32ToFp16(std::ldexp(1.0f, int(rng() % 16) - 12) * (1.0f + float(rng() % 64) / 64.0f));
                if (std::string_view(name) == "IQ1_M") {  // d in the top nibbles of the four scale words
                    for (int w = 0; w < 4; ++w)
                        q[off + 48 + 2 * size_t(w) + 1] = uint8_t((q[off + 48 + 2 * size_t(w) + 1] & 0x0F) | ((d >> (4 * w)) & 15) << 4);
                } else {
                    std::memcpy(&q[off], &d, 2);
                }
                q[off + lf.scaleByte] |= lf.mask;
            }
            std::vector<float> x(size_t(rows * cols));
            f.dequantize(q.data(), rows, cols, x.data());
            const std::vector<float> y = f.roundTrip(x.data(), rows, cols);
            int64_t differ = 0;
            for (size_t i = 0; i < x.size(); ++i)
                differ += x[i] != y[i];
            QVERIFY2(differ == 0, qPrintable(QStringLiteral("%1: %2 weights differ").arg(name).arg(differ)));
        }
    }

    void importanceLowersWeightedError()
    {
        // Importance concentrated on a few columns: the weighted error with it is below the
        // weighted error of the same format quantizing without it.
        const int64_t rows = 32, cols = 1024;
        const std::vector<float> x = gaussian(size_t(rows * cols), 11);
        std::vector<float> w(size_t(cols), 0.05f);
        for (int64_t j = 0; j < cols; j += 16)
            w[size_t(j)] = 40.0f;
        for (const char* name : {"IQ4_XS", "IQ3_S", "IQ3_XXS", "IQ2_S", "IQ2_XS", "IQ2_XXS", "IQ1_M", "IQ1_S", "TQ2_0", "TQ1_0", "MXFP4"}) {
            const Format& f = fmt(name);
            const double with = weightedSse(x, f.roundTrip(x.data(), rows, cols, w.data()), &w, cols);
            const double without = weightedSse(x, f.roundTrip(x.data(), rows, cols), &w, cols);
            qInfo("%-7s weighted SSE with importance %.4g, without %.4g", name, with, without);
            QVERIFY2(with < without, name);
        }
    }

    void relativeErrorsMatchTheBits()
    {
        // On Gaussian weights: more bits, less error (IQ4_XS < MXFP4 < IQ3_S < IQ3_XXS < IQ2_S < IQ2_XS
        // < IQ2_XXS < TQ1_0, IQ3_XXS < TQ2_0 < TQ1_0 and IQ2_XXS < IQ1_M < IQ1_S), each well below the
        // signal itself.
        const int64_t rows = 16, cols = 2048;
        const std::vector<float> x = gaussian(size_t(rows * cols), 5);
        const std::vector<float> zero(x.size(), 0.0f);
        const double signal = weightedSse(x, zero, nullptr, cols);
        double prev = 0;
        for (const auto& chain : {std::vector<const char*>{"IQ4_XS", "MXFP4", "IQ3_S", "IQ3_XXS", "IQ2_S", "IQ2_XS", "IQ2_XXS", "TQ1_0"},
                                  std::vector<const char*>{"IQ3_XXS", "TQ2_0", "TQ1_0"},
                                  std::vector<const char*>{"IQ2_XXS", "IQ1_M", "IQ1_S"}}) {
            prev = 0;
            for (const char* name : chain) {
                const double e = weightedSse(x, fmt(name).roundTrip(x.data(), rows, cols), nullptr, cols) / signal;
                qInfo("%-7s relative squared error %.4f", name, e);
                QVERIFY2(e > prev && e < 0.5, name);
                prev = e;
            }
        }
    }

    void newLatticeFastEqualsReference()
    {
        // IQ2_S, IQ1_S, IQ1_M: the fast path (AVX2 compile where the CPU has it) writes the scalar
        // reference's bytes, with and without importance (small shapes; test_gguf_fast_path has more).
        const int64_t rows = 3, cols = 768;
        const std::vector<float> x = gaussian(size_t(rows * cols), 17);
        std::mt19937 rng(4);
        std::lognormal_distribution<float> ln(0.0f, 1.0f);
        std::vector<float> w(static_cast<size_t>(cols));
        for (float& v : w)
            v = ln(rng);
        for (const char* name : {"IQ2_S", "IQ1_S", "IQ1_M"}) {
            const Format& f = fmt(name);
            for (const float* imp : {static_cast<const float*>(nullptr), static_cast<const float*>(w.data())}) {
                std::vector<unsigned char> fast(f.storageBytes(rows, cols), 0x11), ref(f.storageBytes(rows, cols), 0x22);
                f.quantize(x.data(), rows, cols, fast.data(), imp);
                f.quantizeReference(x.data(), rows, cols, ref.data(), imp);
                QVERIFY2(fast == ref, name);
            }
        }
    }

    void degenerateBlocksStayFinite()
    {
        const int64_t rows = 4, cols = 256;
        std::vector<float> x(size_t(rows * cols), 0.0f);
        for (int64_t j = 0; j < cols; ++j) {
            x[size_t(cols + j)] = 1e-30f * float(j % 5);       // tiny
            x[size_t(2 * cols + j)] = 60000.0f * (j % 2 ? 1.0f : -1.0f);  // near the fp16 limit
            x[size_t(3 * cols + j)] = 3.0f;                    // constant
        }
        for (const char* name : {"IQ4_XS", "IQ3_S", "IQ3_XXS", "IQ2_S", "IQ2_XS", "IQ2_XXS", "IQ1_M", "IQ1_S", "TQ2_0", "TQ1_0", "MXFP4"}) {
            const std::vector<float> y = fmt(name).roundTrip(x.data(), rows, cols);
            for (int64_t j = 0; j < cols; ++j)
                QCOMPARE(y[size_t(j)], 0.0f);  // zeros stay zeros
            for (float v : y)
                QVERIFY2(std::isfinite(v), name);
        }
    }
};

QTEST_GUILESS_MAIN(TestIqFormats)
#include "test_iq_formats.moc"
