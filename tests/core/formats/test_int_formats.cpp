// The INTn family and NF4: hand-computed codes/scales/zero points, exact storage cost, round-trip
// error bounds, fast path == scalar reference bytes.
#include "core/formats/format.h"
#include "core/formats/inspect.h"
#include "core/util/half.h"
#include "core/util/parallel.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

using namespace qs;

namespace {

std::vector<unsigned char> quantizeFast(const Format& f, const std::vector<float>& x, int64_t rows, int64_t cols,
                                        const float* imp = nullptr)
{
    std::vector<unsigned char> q(f.storageBytes(rows, cols), 0xAB);  // garbage: every byte must be written
    f.quantize(x.data(), rows, cols, q.data(), imp);
    return q;
}

std::vector<unsigned char> quantizeRef(const Format& f, const std::vector<float>& x, int64_t rows, int64_t cols)
{
    std::vector<unsigned char> q(f.storageBytes(rows, cols), 0xCD);
    f.quantizeReference(x.data(), rows, cols, q.data());
    return q;
}

uint16_t u16At(const std::vector<unsigned char>& q, size_t off)
{
    uint16_t v;
    std::memcpy(&v, q.data() + off, 2);
    return v;
}
float f32At(const std::vector<unsigned char>& q, size_t off)
{
    float v;
    std::memcpy(&v, q.data() + off, 4);
    return v;
}

struct Spec {
    int bits;
    bool sym;
    int group;  // 0: tensor, -1: channel, else G
};

Spec parse(const std::string& name)
{
    Spec s{};
    s.bits = name[3] - '0';
    s.sym = name.find("_SYM_") != std::string::npos;
    if (name.ends_with("TENSOR"))
        s.group = 0;
    else if (name.ends_with("CHANNEL"))
        s.group = -1;
    else
        s.group = std::stoi(name.substr(name.rfind('G') + 1));
    return s;
}

std::vector<const Format*> intFormats()
{
    std::vector<const Format*> v;
    for (const Format* f : allFormats())
        if (f->family() == FormatFamily::Int && f->name().starts_with("INT"))
            v.push_back(f);
    return v;
}

// Heavy-tailed rows with a few special rows: all zero, all positive, tiny values, NaN/Inf.
std::vector<float> testMatrix(int64_t rows, int64_t cols, uint32_t seed, bool specials)
{
    std::mt19937 rng(seed);
    std::student_t_distribution<float> t(3.0f);
    std::vector<float> x(size_t(rows * cols));
    for (auto& v : x)
        v = 0.02f * t(rng);
    if (rows >= 4) {
        std::fill(x.begin() + cols, x.begin() + 2 * cols, 0.0f);
        for (int64_t i = 2 * cols; i < 3 * cols; ++i)
            x[size_t(i)] = std::fabs(x[size_t(i)]) + 0.5f;
        for (int64_t i = 3 * cols; i < 4 * cols; ++i)
            x[size_t(i)] *= 1e-6f;
    }
    if (specials && rows >= 5) {
        x[size_t(4 * cols + 1)] = std::numeric_limits<float>::quiet_NaN();
        x[size_t(4 * cols + 2)] = std::numeric_limits<float>::infinity();
        x[size_t(4 * cols + 3)] = -std::numeric_limits<float>::infinity();
    }
    return x;
}

}  // namespace

class TestIntFormats : public QObject {
    Q_OBJECT
private slots:
    void registry()
    {
        const auto v = intFormats();
        QCOMPARE(int(v.size()), 30);
        for (const char* n : {"INT8_SYM_TENSOR", "INT8_SYM_CHANNEL", "INT8_SYM_G32", "INT4_ASYM_G128", "INT4_SYM_G64",
                              "INT2_ASYM_CHANNEL", "INT2_SYM_G32", "nf4"}) {
            const Format* f = findFormat(n);
            QVERIFY2(f, n);
            QCOMPARE(f->family(), FormatFamily::Int);
            QVERIFY(!f->ggmlType().has_value());
            QVERIFY(f->description().find("importance ignored") != std::string::npos);
        }
        QCOMPARE(findFormat("INT4_SYM_G64")->blockSize(), int64_t(64));
        QCOMPARE(findFormat("INT4_SYM_CHANNEL")->blockSize(), int64_t(1));
        QCOMPARE(findFormat("NF4")->blockSize(), int64_t(64));
    }

    void storageCostIsExact()
    {
        constexpr int64_t R = 4096, C = 4096;
        QCOMPARE(findFormat("INT4_SYM_G32")->bitsPerWeight(R, C), 4.5);
        QCOMPARE(findFormat("INT4_ASYM_G32")->bitsPerWeight(R, C), 4.625);
        QCOMPARE(findFormat("INT8_SYM_G128")->bitsPerWeight(R, C), 8.125);
        QCOMPARE(findFormat("INT2_ASYM_G64")->bitsPerWeight(R, C), 2.0 + 18.0 / 64.0);
        QCOMPARE(findFormat("INT8_SYM_CHANNEL")->bitsPerWeight(R, C), 8.0 + 16.0 / 4096.0);
        QCOMPARE(findFormat("INT8_ASYM_TENSOR")->storageBytes(R, C), uint64_t(R * C + 4 + 1));
        QCOMPARE(findFormat("NF4")->bitsPerWeight(R, C), 4.5);
        // Odd shapes: codes padded per row, zero points packed without padding.
        QCOMPARE(findFormat("INT2_SYM_CHANNEL")->storageBytes(3, 7), uint64_t(3 * 2 + 3 * 2));
        QCOMPARE(findFormat("INT4_ASYM_CHANNEL")->storageBytes(3, 7), uint64_t(3 * 4 + 3 * 2 + 2));
        // Every INT format against the layout formula.
        for (const Format* f : intFormats()) {
            const Spec s = parse(f->name());
            for (auto [r, c] : {std::pair<int64_t, int64_t>{4096, 4096}, {3, 384}, {1, 128}}) {
                const uint64_t codes = uint64_t(r) * uint64_t((c * s.bits + 7) / 8);
                const uint64_t nScales = s.group == 0 ? 1 : s.group < 0 ? uint64_t(r) : uint64_t(r * (c / s.group));
                const uint64_t scaleBytes = s.group == 0 ? 4 : 2 * nScales;
                const uint64_t zp = s.sym ? 0 : (nScales * s.bits + 7) / 8;
                QCOMPARE(f->storageBytes(r, c), codes + scaleBytes + zp);
            }
        }
    }

    void int8SymTensorHand()
    {
        // [-2.5 .. 2.5] in 255 steps: scale 2.5/127, codes -127..127.
        std::vector<float> x(255);
        for (int i = 0; i < 255; ++i)
            x[size_t(i)] = float(double(i - 127) * 2.5 / 127.0);
        const Format& f = *findFormat("INT8_SYM_TENSOR");
        const auto q = quantizeFast(f, x, 1, 255);
        QCOMPARE(q.size(), size_t(255 + 4));
        for (int i = 0; i < 255; ++i)
            QCOMPARE(int(int8_t(q[size_t(i)])), i - 127);
        QCOMPARE(f32At(q, 255), 2.5f / 127.0f);
        // A small one with rounding: 1.0 / (2.5/127) = 50.8 -> 51, 0.5 -> 25.4 -> 25.
        const std::vector<float> y{-2.5f, -1.0f, 0.0f, 0.5f, 2.5f};
        const auto q2 = quantizeFast(f, y, 1, 5);
        QCOMPARE(std::vector<unsigned char>(q2.begin(), q2.begin() + 5),
                 (std::vector<unsigned char>{0x81, 0xCD, 0x00, 0x19, 0x7F}));
        std::vector<float> back(5);
        f.dequantize(q2.data(), 1, 5, back.data());
        const float d = 2.5f / 127.0f;
        QCOMPARE(back[1], -51.0f * d);
        QCOMPARE(back[3], 25.0f * d);
        QCOMPARE(back[4], 127.0f * d);
    }

    void int8AsymTensorHand()
    {
        // min -1, max 3.1: d = 4.1/255, zp = round(1/d) = round(62.195) = 62.
        const std::vector<float> x{-1.0f, 0.0f, 2.0f, 3.1f};
        const Format& f = *findFormat("INT8_ASYM_TENSOR");
        const auto q = quantizeFast(f, x, 1, 4);
        QCOMPARE(q.size(), size_t(4 + 4 + 1));
        QCOMPARE(std::vector<unsigned char>(q.begin(), q.begin() + 4), (std::vector<unsigned char>{0, 62, 186, 255}));
        QCOMPARE(f32At(q, 4), 4.1f / 255.0f);
        QCOMPARE(int(q[8]), 62);
        std::vector<float> back(4);
        f.dequantize(q.data(), 1, 4, back.data());
        QCOMPARE(back[1], 0.0f);  // zero is exact
        QCOMPARE(back[2], 124.0f * (4.1f / 255.0f));
    }

    void int4SymG32Hand()
    {
        // Row 0: amax 7 -> d = 1; row 1: amax 14 -> d = 2 (3.0/2 = 1.5 rounds to even 2).
        std::vector<float> x(64, 0.0f);
        x[0] = 7.0f, x[1] = -3.4f, x[2] = 0.4f, x[3] = 2.6f;
        x[32] = -14.0f, x[33] = 3.0f, x[34] = 5.1f;
        const Format& f = *findFormat("INT4_SYM_G32");
        const auto q = quantizeFast(f, x, 2, 32);
        QCOMPARE(q.size(), size_t(36));
        // codes 7,-3,0,3 -> nibbles 7,D,0,3 (low nibble first); -7,2,3 -> 9,2,3
        QCOMPARE(int(q[0]), 0xD7);
        QCOMPARE(int(q[1]), 0x30);
        for (int i = 2; i < 16; ++i)
            QCOMPARE(int(q[size_t(i)]), 0);
        QCOMPARE(int(q[16]), 0x29);
        QCOMPARE(int(q[17]), 0x03);
        QCOMPARE(u16At(q, 32), uint16_t(0x3C00));  // 1.0
        QCOMPARE(u16At(q, 34), uint16_t(0x4000));  // 2.0
        std::vector<float> back(64);
        f.dequantize(q.data(), 2, 32, back.data());
        QCOMPARE(back[1], -3.0f);
        QCOMPARE(back[33], 4.0f);
        QCOMPARE(back[34], 6.0f);
    }

    void int4AsymG32Hand()
    {
        // Row 0: [-1, 14] -> d = 1, zp = 1. Row 1 all >= 0: range widened to [0, 30] -> d = 2, zp = 0.
        std::vector<float> x(64, 0.0f);
        x[0] = -1.0f, x[1] = 14.0f, x[2] = 0.5f, x[3] = 3.2f;
        x[32] = 2.0f, x[33] = 4.0f, x[34] = 30.0f;
        const Format& f = *findFormat("INT4_ASYM_G32");
        const auto q = quantizeFast(f, x, 2, 32);
        QCOMPARE(q.size(), size_t(37));
        // codes 0,15,1 (0.5 rounds to even 0, +1),4, then zeros -> zp 1
        QCOMPARE(int(q[0]), 0xF0);
        QCOMPARE(int(q[1]), 0x41);
        for (int i = 2; i < 16; ++i)
            QCOMPARE(int(q[size_t(i)]), 0x11);
        QCOMPARE(int(q[16]), 0x21);
        QCOMPARE(int(q[17]), 0x0F);
        QCOMPARE(u16At(q, 32), uint16_t(0x3C00));
        QCOMPARE(u16At(q, 34), uint16_t(0x4000));
        QCOMPARE(int(q[36]), 0x01);  // zero points 1, 0 packed as nibbles
        std::vector<float> back(64);
        f.dequantize(q.data(), 2, 32, back.data());
        QCOMPARE(back[0], -1.0f);
        QCOMPARE(back[2], 0.0f);
        QCOMPARE(back[3], 3.0f);
        QCOMPARE(back[5], 0.0f);
        QCOMPARE(back[34], 30.0f);
    }

    void int2SymChannelHand()
    {
        // qmax = 1: levels -1, 0, 1; d = amax per row; the all-zero row has d = 0.
        std::vector<float> x{1.0f, -0.4f, 0.6f, -1.0f, 0.2f, 0.5f, 0, 0, 0, 0, 0, 0};
        const Format& f = *findFormat("INT2_SYM_CHANNEL");
        const auto q = quantizeFast(f, x, 2, 6);
        QCOMPARE(q.size(), size_t(8));
        // codes 1,0,1,-1(=3),0,0 -> 0b11'01'00'01 = 0xD1, then padding
        QCOMPARE(std::vector<unsigned char>(q.begin(), q.begin() + 4), (std::vector<unsigned char>{0xD1, 0, 0, 0}));
        QCOMPARE(u16At(q, 4), uint16_t(0x3C00));
        QCOMPARE(u16At(q, 6), uint16_t(0));
        std::vector<float> back(12);
        f.dequantize(q.data(), 2, 6, back.data());
        QCOMPARE(back, (std::vector<float>{1, 0, 1, -1, 0, 0, 0, 0, 0, 0, 0, 0}));
    }

    void int2AsymChannelHand()
    {
        // Row 0: [-1, 2] -> d = 1, zp = 1. Row 1: [-6, 0] -> d = 2, zp = 3 (-3/2 = -1.5 rounds to even -2).
        std::vector<float> x{-1.0f, 0.0f, 0.9f, 2.0f, 0.4f, -6.0f, -3.0f, 0.0f, -1.4f, -4.6f};
        const Format& f = *findFormat("INT2_ASYM_CHANNEL");
        const auto q = quantizeFast(f, x, 2, 5);
        QCOMPARE(q.size(), size_t(2 * 2 + 2 * 2 + 1));
        // row 0 codes 0,1,2,3 | 1 ; row 1 codes 0,1,3,2 | 1 (rows padded to whole bytes)
        QCOMPARE(std::vector<unsigned char>(q.begin(), q.begin() + 4), (std::vector<unsigned char>{0xE4, 0x01, 0xB4, 0x01}));
        QCOMPARE(u16At(q, 4), uint16_t(0x3C00));
        QCOMPARE(u16At(q, 6), uint16_t(0x4000));
        QCOMPARE(int(q[8]), 0x0D);  // zero points 1, 3 as 2-bit values
        std::vector<float> back(10);
        f.dequantize(q.data(), 2, 5, back.data());
        QCOMPARE(back, (std::vector<float>{-1, 0, 1, 2, 0, -6, -4, 0, -2, -4}));
    }

    void fp16ScaleRoundsUp()
    {
        // amax 1 -> d = 1/127 = 0.00787401..., not a half: the stored half is the next one up.
        std::vector<float> x(32, 0.0f);
        x[5] = 1.0f;
        const auto q = quantizeFast(*findFormat("INT8_SYM_G32"), x, 1, 32);
        const float d = fp16ToFp32(u16At(q, 32));
        QVERIFY(d >= 1.0f / 127.0f);
        QVERIFY(fp16ToFp32(uint16_t(u16At(q, 32) - 1)) < 1.0f / 127.0f);
        QCOMPARE(int(int8_t(q[5])), 127);
    }

    void nf4Table()
    {
        // The 16 code values, as the format hands them to the block inspector.
        const std::vector<float> ones(64, 1.0f);
        const std::vector<float> lv = inspectBlock(*findFormat("NF4"), ones.data(), 1, 64, 0, 0).table;
        QCOMPARE(lv.size(), size_t(16));
        QCOMPARE(lv[0], -1.0f);
        QCOMPARE(lv[7], 0.0f);
        QCOMPARE(lv[15], 1.0f);
        QCOMPARE(lv[1], -0.6961928009986877f);
        QCOMPARE(lv[8], 0.07958029955625534f);
        QCOMPARE(lv[13], 0.5626170039176941f);
        for (size_t k = 0; k + 1 < lv.size(); ++k)
            QVERIFY(lv[k] < lv[k + 1]);
    }

    void nf4HandBlock()
    {
        // absmax 2: -2 -> t=-1 code 0; 1.1252 -> t=0.5626 code 13; 0.1 -> t=0.05 > 0.0398 code 8;
        // -0.3 -> t=-0.15 < -0.1379 code 5; zeros -> code 7.
        std::vector<float> x(64, 0.0f);
        x[0] = -2.0f, x[1] = 1.1252f, x[2] = 0.1f, x[3] = -0.3f;
        const Format& f = *findFormat("NF4");
        const auto q = quantizeFast(f, x, 1, 64);
        QCOMPARE(q.size(), size_t(36));
        QCOMPARE(int(q[0]), 0xD0);
        QCOMPARE(int(q[1]), 0x58);
        for (int i = 2; i < 32; ++i)
            QCOMPARE(int(q[size_t(i)]), 0x77);
        QCOMPARE(f32At(q, 32), 2.0f);
        std::vector<float> back(64);
        f.dequantize(q.data(), 1, 64, back.data());
        QCOMPARE(back[0], -2.0f);
        QCOMPARE(back[1], 0.5626170039176941f * 2.0f);
        QCOMPARE(back[2], 0.07958029955625534f * 2.0f);
        QCOMPARE(back[3], -0.18477343022823334f * 2.0f);
        QCOMPARE(back[63], 0.0f);
        // Nearest level everywhere: error <= half the widest gap (-1 .. -0.696) * absmax.
        const float halfGap = 0.5f * (1.0f - 0.6961928009986877f);
        const auto y = testMatrix(8, 256, 11, false);
        const auto r = f.roundTrip(y.data(), 8, 256);
        for (size_t b = 0; b < y.size() / 64; ++b) {
            float amax = 0;
            for (size_t i = b * 64; i < b * 64 + 64; ++i)
                amax = std::max(amax, std::fabs(y[i]));
            for (size_t i = b * 64; i < b * 64 + 64; ++i)
                QVERIFY(std::fabs(r[i] - y[i]) <= halfGap * amax * 1.0001f + 1e-30f);
        }
    }

    void fastEqualsReference()
    {
        std::vector<const Format*> fmts = intFormats();
        fmts.push_back(findFormat("NF4"));
        for (int threads : {1, 2}) {
            setMaxThreads(threads);
            for (const Format* f : fmts) {
                std::vector<std::pair<int64_t, int64_t>> shapes{{6, 384}, {1, 128}, {40, 1024}, {70, 1024}};
                if (f->blockSize() == 1)
                    shapes.insert(shapes.end(), {{5, 7}, {9, 3}, {1, 1}});
                for (auto [r, c] : shapes) {
                    const auto x = testMatrix(r, c, uint32_t(r * 1000 + c), true);
                    const auto a = quantizeFast(*f, x, r, c);
                    const auto b = quantizeRef(*f, x, r, c);
                    QVERIFY2(a == b, qPrintable(QString("%1 %2x%3").arg(QString::fromStdString(f->name())).arg(r).arg(c)));
                    // Decoding never yields NaN, even from NaN/Inf inputs.
                    std::vector<float> y(x.size());
                    f->dequantize(a.data(), r, c, y.data());
                    for (float v : y)
                        QVERIFY(std::isfinite(v));
                }
            }
        }
        setMaxThreads(0);
    }

    void fastEqualsReferenceManyScales()
    {
        // More than 65536 zero points: several parallel packing chunks.
        const int64_t rows = 2048, cols = 1056;
        const auto x = testMatrix(rows, cols, 17, true);
        for (const char* n : {"INT2_ASYM_G32", "INT4_ASYM_G32"}) {
            const Format& f = *findFormat(n);
            QVERIFY(rows * cols / 32 > 65536);
            QVERIFY2(quantizeFast(f, x, rows, cols) == quantizeRef(f, x, rows, cols), n);
        }
    }

    void roundTripWithinHalfScale()
    {
        const int64_t rows = 9, cols = 512;
        const auto x = testMatrix(rows, cols, 3, false);
        for (const Format* f : intFormats()) {
            const Spec s = parse(f->name());
            const auto y = f->roundTrip(x.data(), rows, cols);
            const int64_t glen = s.group > 0 ? s.group : cols;
            const bool tensor = s.group == 0;
            double tmin = 0, tmax = 0;
            for (float v : x)
                tmin = std::min(tmin, double(v)), tmax = std::max(tmax, double(v));
            double worst = 0;
            for (int64_t r = 0; r < rows; ++r)
                for (int64_t c0 = 0; c0 < cols; c0 += glen) {
                    double mn = tmin, mx = tmax;
                    if (!tensor) {
                        mn = 0, mx = 0;
                        for (int64_t i = c0; i < c0 + glen; ++i)
                            mn = std::min(mn, double(x[size_t(r * cols + i)])), mx = std::max(mx, double(x[size_t(r * cols + i)]));
                    }
                    const double d = s.sym ? std::max(-mn, mx) / ((1 << (s.bits - 1)) - 1) : (mx - mn) / ((1 << s.bits) - 1);
                    // stored scale: fp16 rounded up (relative 2^-10, or 2^-24 absolute below the normal range)
                    const double dStored = tensor ? d : d * (1 + std::ldexp(1.0, -10)) + std::ldexp(1.0, -24);
                    for (int64_t i = c0; i < c0 + glen; ++i) {
                        const double e = std::fabs(double(y[size_t(r * cols + i)]) - double(x[size_t(r * cols + i)]));
                        QVERIFY2(e <= 0.5 * dStored * (1 + 1e-5) + 1e-30,
                                 qPrintable(QString("%1 row %2 col %3: error %4 scale %5")
                                                .arg(QString::fromStdString(f->name())).arg(r).arg(i).arg(e).arg(d)));
                        worst = std::max(worst, e / d);
                    }
                }
            QVERIFY(worst > 0.3);  // the bound is reached in practice, not vacuous
        }
    }

    void importanceAcceptedAndIgnored()
    {
        const auto x = testMatrix(4, 256, 5, false);
        std::vector<float> imp(256);
        for (size_t i = 0; i < imp.size(); ++i)
            imp[i] = float(i % 7);
        for (const char* n : {"INT4_ASYM_G64", "INT8_SYM_CHANNEL", "NF4"}) {
            const Format& f = *findFormat(n);
            QVERIFY(quantizeFast(f, x, 4, 256, imp.data()) == quantizeFast(f, x, 4, 256));
        }
    }

    void moreBitsLessError()
    {
        std::mt19937 rng(9);
        std::normal_distribution<float> g(0.0f, 0.02f);
        std::vector<float> x(16 * 1024);
        for (auto& v : x)
            v = g(rng);
        auto rmse = [&](const char* n) {
            const auto y = findFormat(n)->roundTrip(x.data(), 16, 1024);
            double s = 0;
            for (size_t i = 0; i < x.size(); ++i)
                s += double(y[i] - x[i]) * double(y[i] - x[i]);
            return std::sqrt(s / double(x.size()));
        };
        QVERIFY(rmse("INT8_SYM_G32") < rmse("INT4_SYM_G32"));
        QVERIFY(rmse("INT4_SYM_G32") < rmse("INT2_SYM_G32"));
        QVERIFY(rmse("INT4_SYM_G32") < rmse("INT4_SYM_CHANNEL"));
        QVERIFY(rmse("INT4_SYM_CHANNEL") <= rmse("INT4_SYM_TENSOR"));
        QVERIFY(rmse("INT2_ASYM_G32") < rmse("INT2_SYM_G32"));  // 4 levels instead of 3
        QVERIFY(rmse("NF4") < rmse("INT4_SYM_G64"));  // normal weights: NF4's levels fit better
        QVERIFY(rmse("NF4") > rmse("INT8_SYM_CHANNEL"));
    }
};

QTEST_GUILESS_MAIN(TestIntFormats)
#include "test_int_formats.moc"
