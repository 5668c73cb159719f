// The kernels (core/kernels): the scalar reference and the AVX2 path give bit-identical results
// for every kernel and activation quantizer; each kernel computes the dot product of the decoded
// row with the decoded activations (independent double-precision reference); matmul equals
// row-by-row vecDot exactly (Llama mode) and the dequantized matrix (Float mode); bad matrices
// get clear errors; cancel reaches the kernels. Agreement with llama.cpp's own vec_dot and
// quantizers: tests/interop/test_kernels_llama.cpp.
#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/util/half.h"
#include "core/util/cpu.h"
#include "core/kernels/isa_table.h"
#include "core/kernels/kernels.h"
#include "core/util/parallel.h"
#include "core/eval/llama_forward.h"
#include "core/model/model.h"
#include "tests/support/fixtures.h"

#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <random>

using namespace qs;
using namespace qs::kernels;

namespace {

const GgmlType kQuantTypes[] = {GgmlType::Q8_0, GgmlType::Q6_K, GgmlType::Q5_K, GgmlType::Q5_1,
                                GgmlType::Q5_0, GgmlType::Q4_K, GgmlType::Q4_1, GgmlType::Q4_0,
                                GgmlType::IQ4_NL, GgmlType::IQ4_XS, GgmlType::MXFP4, GgmlType::IQ3_S, GgmlType::Q3_K,
                                GgmlType::IQ3_XXS, GgmlType::Q2_K, GgmlType::IQ2_S, GgmlType::IQ2_XS, GgmlType::IQ2_XXS, GgmlType::TQ2_0,
                                GgmlType::IQ1_M, GgmlType::TQ1_0, GgmlType::IQ1_S};
const GgmlType kFloatTypes[] = {GgmlType::F32, GgmlType::F16, GgmlType::BF16};

std::vector<GgmlType> allTypes()
{
    std::vector<GgmlType> v(std::begin(kQuantTypes), std::end(kQuantTypes));
    v.insert(v.end(), std::begin(kFloatTypes), std::end(kFloatTypes));
    return v;
}

const char* nameOf(GgmlType t) { return ggmlTypeInfo(t).name.data(); }
int64_t blockOf(GgmlType t) { return ggmlTypeInfo(t).blockSize; }

std::vector<float> randomFloats(uint32_t seed, int64_t n, float scale = 1.0f)
{
    std::mt19937 rng(seed);
    std::student_t_distribution<float> st(4.0f);
    std::vector<float> v(static_cast<size_t>(n));
    for (float& x : v)
        x = scale * st(rng);
    return v;
}

// Weight rows as the format stores them (quantized by QuantScope's quantizer).
std::vector<uint8_t> quantizeRows(GgmlType t, const std::vector<float>& x, int64_t rows, int64_t cols)
{
    const Format* f = formatForGgml(t);
    std::vector<uint8_t> out(f->storageBytes(rows, cols));
    f->quantize(x.data(), rows, cols, out.data());
    return out;
}

// fp16 fields of each block (d, dmin / m): the rest of a block may hold any bytes.
std::vector<int> halfFields(GgmlType t)
{
    switch (t) {
    case GgmlType::Q4_1:
    case GgmlType::Q5_1:
    case GgmlType::Q4_K:
    case GgmlType::Q5_K: return {0, 2};
    case GgmlType::Q2_K: return {80, 82};
    case GgmlType::Q3_K: return {108};
    case GgmlType::Q6_K: return {208};
    case GgmlType::TQ1_0: return {52};
    case GgmlType::TQ2_0: return {64};
    case GgmlType::MXFP4:
    case GgmlType::IQ1_M: return {};  // IQ1_M: d in the scale words' top nibbles (randomRows)
    default: return {0};
    }
}

// Random bytes in every level/scale field (all codes, incl. Q8_0's -128 and Q6_K's -128 scales),
// finite random fp16 scales.
std::vector<uint8_t> randomRows(GgmlType t, uint32_t seed, int64_t rows, int64_t cols)
{
    std::mt19937 rng(seed);
    std::vector<uint8_t> out(rowBytes(t, cols) * size_t(rows));
    if (t == GgmlType::F32) {
        const std::vector<float> v = randomFloats(seed, rows * cols, 3.0f);
        std::memcpy(out.data(), v.data(), out.size());
        return out;
    }
    for (uint8_t& b : out)
        b = uint8_t(rng());
    std::uniform_real_distribution<float> u(-2.0f, 2.0f);
    const size_t bs = ggmlTypeInfo(t).typeSize;
    for (size_t off = 0; off < out.size(); off += bs) {
        for (int f : halfFields(t)) {
            const uint16_t h = fp32ToFp16(u(rng));
            std::memcpy(out.data() + off + size_t(f), &h, 2);
        }
        if (t == GgmlType::IQ1_M) {  // fp16 d: bits 4w..4w+3 in the top nibble of scale word w (bytes 48..55)
            const uint16_t h = fp32ToFp16(u(rng));
            for (int w = 0; w < 4; ++w)
                out[off + 49 + 2 * size_t(w)] = uint8_t((out[off + 49 + 2 * size_t(w)] & 0x0F) | ((h >> (4 * w)) & 15) << 4);
        }
        if (t == GgmlType::MXFP4)  // E8M0 exponent: scales 2^-30..2^1, and the two subnormal ones
            out[off] = uint8_t(off % 7 == 0 ? rng() % 2 : 98 + rng() % 32);
    }
    return out;
}

// Activation values as the kernels see them (decoded), in double.
std::vector<double> decodeActs(GgmlType act, const uint8_t* a, int64_t n)
{
    std::vector<double> v(static_cast<size_t>(n));
    auto h = [](const uint8_t* p) {
        uint16_t x;
        std::memcpy(&x, p, 2);
        return double(fp16ToFp32(x));
    };
    for (int64_t i = 0; i < n; ++i) {
        switch (act) {
        case GgmlType::Q8_0: v[size_t(i)] = h(a + (i / 32) * 34) * double(int8_t(a[(i / 32) * 34 + 2 + i % 32])); break;
        case GgmlType::Q8_1: v[size_t(i)] = h(a + (i / 32) * 36) * double(int8_t(a[(i / 32) * 36 + 4 + i % 32])); break;
        case GgmlType::Q8_K: {
            float d;
            std::memcpy(&d, a + (i / 256) * 292, 4);
            v[size_t(i)] = double(d) * double(int8_t(a[(i / 256) * 292 + 4 + i % 256]));
            break;
        }
        case GgmlType::F16: v[size_t(i)] = h(a + 2 * i); break;
        case GgmlType::BF16: {
            uint16_t x;
            std::memcpy(&x, a + 2 * i, 2);
            v[size_t(i)] = double(bf16ToFp32(x));
            break;
        }
        default: {
            float f;
            std::memcpy(&f, a + 4 * i, 4);
            v[size_t(i)] = double(f);
        }
        }
    }
    return v;
}

std::vector<float> dequantize(GgmlType t, const uint8_t* row, int64_t rows, int64_t cols)
{
    std::vector<float> w(static_cast<size_t>(rows * cols));
    formatForGgml(t)->dequantize(row, rows, cols, w.data());
    return w;
}

std::vector<uint8_t> acts(GgmlType act, const std::vector<float>& x, int64_t tokens, int64_t cols)
{
    const size_t rb = rowBytes(act, cols);
    std::vector<uint8_t> a(rb * size_t(tokens));
    for (int64_t t = 0; t < tokens; ++t)
        quantizeRow(act, x.data() + t * cols, a.data() + size_t(t) * rb, cols);
    return a;
}

bool sameBits(const float* a, const float* b, size_t n) { return std::memcmp(a, b, n * sizeof(float)) == 0; }

template <class Fn>
bool throwsKind(Fn fn, ErrorKind kind, QString* message = nullptr)
{
    try {
        fn();
    } catch (const Error& e) {
        if (message)
            *message = QString::fromUtf8(e.what());
        return e.kind() == kind;
    }
    return false;
}

struct ScalarOnly {
    ScalarOnly() { forceScalar(true); }
    ~ScalarOnly() { forceScalar(false); }
};

}  // namespace

class TestKernels : public QObject {
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // The AVX2 comparisons need an AVX2 machine; say so instead of passing vacuously.
        QVERIFY2(cpuHasAvx2(), "these tests compare the AVX2 kernels with the scalar reference: run on an AVX2 CPU");
        // AVX-512 float rows where the CPU has AVX-512 (the rest of that table is AVX2's).
        QCOMPARE(QByteArray(activeIsa()), QByteArray(cpuHasAvx512() ? "avx512" : "avx2"));
        {
            ScalarOnly s;
            QCOMPARE(QByteArray(activeIsa()), QByteArray("scalar"));
        }
    }

    void vecDotTypes()
    {
        QCOMPARE(vecDotType(GgmlType::Q4_0), GgmlType::Q8_0);
        QCOMPARE(vecDotType(GgmlType::Q5_0), GgmlType::Q8_0);
        QCOMPARE(vecDotType(GgmlType::Q8_0), GgmlType::Q8_0);
        QCOMPARE(vecDotType(GgmlType::IQ4_NL), GgmlType::Q8_0);
        QCOMPARE(vecDotType(GgmlType::Q4_1), GgmlType::Q8_1);
        QCOMPARE(vecDotType(GgmlType::Q5_1), GgmlType::Q8_1);
        QCOMPARE(vecDotType(GgmlType::MXFP4), GgmlType::Q8_0);
        for (GgmlType t : {GgmlType::Q2_K, GgmlType::Q3_K, GgmlType::Q4_K, GgmlType::Q5_K, GgmlType::Q6_K,
                           GgmlType::IQ4_XS, GgmlType::IQ3_S, GgmlType::IQ3_XXS, GgmlType::IQ2_S, GgmlType::IQ2_XS, GgmlType::IQ2_XXS, GgmlType::TQ1_0,
                           GgmlType::TQ2_0, GgmlType::IQ1_M, GgmlType::IQ1_S})
            QCOMPARE(vecDotType(t), GgmlType::Q8_K);
        for (GgmlType t : kFloatTypes)
            QCOMPARE(vecDotType(t), t);
        for (GgmlType t : allTypes())
            QVERIFY(hasKernel(t));
        QVERIFY(!hasKernel(GgmlType::Q8_K));  // an activation type only
        QVERIFY(throwsKind([] { (void)vecDotType(GgmlType::Q8_K); }, ErrorKind::InvalidInput));
        QCOMPARE(rowBytes(GgmlType::Q4_K, 512), size_t(288));
        QVERIFY(throwsKind([] { (void)rowBytes(GgmlType::Q4_0, 33); }, ErrorKind::InvalidInput));
    }

    // Scalar == AVX2, bit for bit: activation quantizers (bytes) and every kernel tile (floats),
    // for 1..5 rows x 1..6 tokens (all micro-kernel shapes and remainders) and odd block counts.
    void scalarEqualsAvx2_data()
    {
        QTest::addColumn<int>("type");
        for (GgmlType t : allTypes())
            QTest::newRow(nameOf(t)) << int(t);
    }
    void scalarEqualsAvx2()
    {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        const auto& sc = detail::scalarKernels();
        // the AVX2 table, and on an AVX-512 CPU the AVX-512 one (its float rows, and with VNNI its
        // Q8_0 / Q4_K / Q6_K tiles, are its own)
        for (const detail::IsaKernels* table : {&detail::avx2Kernels(), cpuHasAvx512() ? &detail::avx512Kernels() : nullptr}) {
        if (!table)
            continue;
        const auto& av = *table;
        if (table != &detail::avx2Kernels() && std::find(std::begin(kFloatTypes), std::end(kFloatTypes), t) != std::end(kFloatTypes))
            continue;  // AVX-512 float rows sum in 16 lanes: avx512FloatRows
        const GgmlType act = vecDotType(t);
        for (int64_t blocks : {1, 2, 3, 7, 11, 16}) {
            const int64_t n = blocks * std::max<int64_t>(blockOf(t), blockOf(act)) + (blockOf(t) == 1 ? 5 : 0);
            constexpr int64_t kRows = 5, kTok = 6;
            const std::vector<float> x = randomFloats(uint32_t(blocks), kTok * n);
            // The quantizers, incl. an all-zero block and exact .5 ties at amax = 127.
            std::vector<float> xe = x;
            for (int64_t i = 0; i < std::min<int64_t>(n, 256); ++i)
                xe[size_t(i)] = 0.0f;
            if (n >= 512)
                for (int64_t i = 256; i < 512; ++i)
                    xe[size_t(i)] = float(i % 64) * 0.5f - 16.0f + (i == 300 ? 111.0f : 0.0f);
            const std::vector<float>* inputs[] = {&x, &xe};
            for (const auto* in : inputs) {
                if (act == GgmlType::F32)
                    break;
                const size_t rb = rowBytes(act, n);
                std::vector<uint8_t> qa(rb * kTok, 0x5A), qb(rb * kTok, 0xA5);
                for (int64_t k = 0; k < kTok; ++k) {
                    sc.quantize[int(act)](in->data() + k * n, qa.data() + k * rb, n);
                    av.quantize[int(act)](in->data() + k * n, qb.data() + k * rb, n);
                }
                QVERIFY2(qa == qb, qPrintable(QStringLiteral("%1 activations differ").arg(nameOf(act))));
            }
            Activations A;  // the kernels' layout (vec-dot type rows plus their float extras)
            A.set(act, x.data(), kTok, n);
            const uint8_t* a = A.row(0);
            const size_t as = A.rowBytes();
            const std::vector<float> wf = randomFloats(uint32_t(100 + blocks), kRows * n, 0.05f);
            for (const auto& w : {quantizeRows(t, wf, kRows, n), randomRows(t, uint32_t(blocks), kRows, n)}) {
                const size_t ws = rowBytes(t, n);
                for (int64_t nr = 1; nr <= kRows; ++nr)
                    for (int64_t nt = 1; nt <= kTok; ++nt) {
                        std::vector<float> ys(size_t(kTok * kRows), -1.0f), ya(ys);
                        sc.dot[type](n, w.data(), ws, nr, a, as, nt, ys.data(), kRows);
                        av.dot[type](n, w.data(), ws, nr, a, as, nt, ya.data(), kRows);
                        QVERIFY2(sameBits(ys.data(), ya.data(), ys.size()),
                                 qPrintable(QStringLiteral("%1 n=%2 %3x%4: scalar %5, %7 %6")
                                                .arg(nameOf(t)).arg(n).arg(nr).arg(nt)
                                                .arg(double(ys[0]), 0, 'g', 9).arg(double(ya[0]), 0, 'g', 9).arg(av.name)));
                        if (sc.dotF32[type]) {
                            const auto* xf = reinterpret_cast<const uint8_t*>(x.data());
                            sc.dotF32[type](n, w.data(), ws, nr, xf, size_t(n) * 4, nt, ys.data(), kRows);
                            av.dotF32[type](n, w.data(), ws, nr, xf, size_t(n) * 4, nt, ya.data(), kRows);
                            QVERIFY(sameBits(ys.data(), ya.data(), ys.size()));
                        }
                    }
            }
        }
        }
    }

    // The AVX-512 float rows (on a CPU with AVX-512; elsewhere the run-time choice must not
    // take them): every tile shape gives each (row, token) the bits of a 1 x 1 call, within
    // 2e-6 * sum |w a| of the double dot product; the other entries are the AVX2 table's.
    void avx512FloatRows()
    {
        if (!cpuHasAvx512()) {
            QCOMPARE(QByteArray(activeIsa()), QByteArray("avx2"));
            return;
        }
        const auto& av = detail::avx2Kernels();
        const auto& wide = detail::avx512Kernels();
        for (GgmlType t : kQuantTypes) {
            const bool own = cpuHasAvx512Vnni() && (t == GgmlType::Q8_0 || t == GgmlType::Q2_K || t == GgmlType::Q3_K || t == GgmlType::Q4_K ||
                                                   t == GgmlType::Q5_K || t == GgmlType::Q6_K || t == GgmlType::TQ2_0 ||
                                                   t == GgmlType::IQ2_S || t == GgmlType::IQ1_S || t == GgmlType::IQ1_M);
            QVERIFY(own ? wide.dot[int(t)] != av.dot[int(t)] : wide.dot[int(t)] == av.dot[int(t)]);
        }
        constexpr int64_t kRows = 8, kTok = 6;  // up to 8 rows: the BF16 mat-vec's 7-row steps too
        for (GgmlType t : kFloatTypes)
            for (bool f32Acts : {false, true})
                for (int64_t n : {1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 4099}) {
                    const std::vector<float> x = randomFloats(uint32_t(n), kTok * n);
                    const std::vector<float> wf = randomFloats(uint32_t(200 + n), kRows * n, 0.05f);
                    const std::vector<uint8_t> w = quantizeRows(t, wf, kRows, n);
                    const size_t ws = rowBytes(t, n);
                    std::vector<uint8_t> ab;
                    size_t as = size_t(n) * 4;
                    const uint8_t* a = reinterpret_cast<const uint8_t*>(x.data());
                    if (!f32Acts) {
                        ab = acts(t, x, kTok, n);
                        as = ab.size() / kTok;
                        a = ab.data();
                    }
                    const detail::TileFn fn = f32Acts ? wide.dotF32[int(t)] : wide.dot[int(t)];
                    std::vector<float> one(size_t(kRows * kTok));
                    for (int64_t r = 0; r < kRows; ++r)
                        for (int64_t k = 0; k < kTok; ++k) {
                            fn(n, w.data() + r * ws, ws, 1, a + k * as, as, 1, &one[size_t(k * kRows + r)], kRows);
                            const std::vector<double> wd = decodeActs(t, w.data() + r * ws, n);
                            const std::vector<double> ad = f32Acts ? std::vector<double>(x.begin() + k * n, x.begin() + (k + 1) * n)
                                                                   : decodeActs(t, a + k * as, n);
                            double ref = 0, mag = 0;
                            for (int64_t j = 0; j < n; ++j) {
                                ref += wd[size_t(j)] * ad[size_t(j)];
                                mag += std::abs(wd[size_t(j)] * ad[size_t(j)]);
                            }
                            QVERIFY2(std::abs(double(one[size_t(k * kRows + r)]) - ref) <= 2e-6 * mag + 1e-30,
                                     qPrintable(QStringLiteral("%1 n=%2 row %3 token %4").arg(nameOf(t)).arg(n).arg(r).arg(k)));
                        }
                    // the prefetching variant of a mat-vec streaming its matrix: the same bits
                    const detail::TileFn stream = f32Acts ? wide.dotF32Stream[int(t)] : nullptr;
                    QVERIFY(!f32Acts || stream);
                    for (const detail::TileFn f : {fn, stream}) {
                        if (!f)
                            continue;
                        for (int64_t nr = 1; nr <= kRows; ++nr)
                            for (int64_t nt = 1; nt <= kTok; ++nt) {
                                std::vector<float> y(size_t(kRows * kTok), -1.0f);
                                f(n, w.data(), ws, nr, a, as, nt, y.data(), kRows);
                                for (int64_t k = 0; k < nt; ++k)
                                    for (int64_t r = 0; r < nr; ++r)
                                        QVERIFY2(sameBits(&y[size_t(k * kRows + r)], &one[size_t(k * kRows + r)], 1),
                                                 qPrintable(QStringLiteral("%1 n=%2 %3x%4%5").arg(nameOf(t)).arg(n).arg(nr).arg(nt)
                                                                .arg(f == stream ? " (streaming)" : "")));
                            }
                    }
                }
    }

    // Each kernel = sum over the row of (decoded weight) * (decoded activation), in double. For
    // Q4_1/Q5_1 the min term uses the activation block's stored s = fp16(d * sum(q)), as llama.cpp.
    // Bound: 2e-6 * sum |w a| (the kernels sum exact integers per block; only the float sums of
    // block products differ in order and rounding).
    void kernelsComputeTheDotProduct_data() { scalarEqualsAvx2_data(); }
    void kernelsComputeTheDotProduct()
    {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        const GgmlType act = vecDotType(t);
        const int64_t n = 4096 + (blockOf(t) == 1 ? 3 : 0);
        constexpr int64_t kRows = 12;
        double worst = 0;
        for (uint32_t seed : {1u, 2u}) {
            const std::vector<float> wf = randomFloats(seed, kRows * n, 0.03f), x = randomFloats(seed + 50, n);
            const std::vector<uint8_t> a = acts(act, x, 1, n);
            const std::vector<double> av = decodeActs(act, a.data(), n);
            for (const auto& w : {quantizeRows(t, wf, kRows, n), randomRows(t, seed, kRows, n)}) {
                const std::vector<float> deq = dequantize(t, w.data(), kRows, n);
                for (int64_t r = 0; r < kRows; ++r) {
                    const uint8_t* row = w.data() + size_t(r) * rowBytes(t, n);
                    double ref = 0, mag = 0;
                    for (int64_t i = 0; i < n; ++i) {
                        ref += double(deq[size_t(r * n + i)]) * av[size_t(i)];
                        mag += std::fabs(double(deq[size_t(r * n + i)]) * av[size_t(i)]);
                    }
                    if (act == GgmlType::Q8_1) {  // + m * (s - d * sum q) per block
                        for (int64_t b = 0; b < n / 32; ++b) {
                            uint16_t mh, sh, dh;
                            std::memcpy(&mh, row + b * (t == GgmlType::Q4_1 ? 20 : 24) + 2, 2);
                            std::memcpy(&dh, a.data() + b * 36, 2);
                            std::memcpy(&sh, a.data() + b * 36 + 2, 2);
                            int sum = 0;
                            for (int j = 0; j < 32; ++j)
                                sum += int8_t(a[size_t(b * 36 + 4 + j)]);
                            ref += double(fp16ToFp32(mh)) * (double(fp16ToFp32(sh)) - double(fp16ToFp32(dh)) * sum);
                        }
                    }
                    const double got = vecDot(t, n, row, a.data());
                    const double err = std::fabs(got - ref) / std::max(mag, 1e-30);
                    worst = std::max(worst, err);
                    QVERIFY2(err <= 2e-6, qPrintable(QStringLiteral("%1 row %2: kernel %3, reference %4 (sum|wa| %5)")
                                                         .arg(nameOf(t)).arg(r).arg(got, 0, 'g', 10)
                                                         .arg(ref, 0, 'g', 10).arg(mag, 0, 'g', 4)));
                    // Float mode: the decoded row against the float activations.
                    double reff = 0, magf = 0;
                    for (int64_t i = 0; i < n; ++i) {
                        reff += double(deq[size_t(r * n + i)]) * double(x[size_t(i)]);
                        magf += std::fabs(double(deq[size_t(r * n + i)]) * double(x[size_t(i)]));
                    }
                    const double gotf = vecDotFloat(t, n, row, x.data());
                    QVERIFY2(std::fabs(gotf - reff) <= 2e-6 * magf,
                             qPrintable(QStringLiteral("%1 float mode row %2: %3 vs %4").arg(nameOf(t)).arg(r)
                                            .arg(gotf, 0, 'g', 10).arg(reff, 0, 'g', 10)));
                }
            }
        }
        qInfo("%s: worst relative error %.3g of sum|w a|", nameOf(t), worst);
    }

    // Llama mode: matmul = row-by-row vecDot with each token's activations, bit for bit, for
    // decode (1 token) and tiled batches (micro-kernels of up to 4 rows x 4 tokens: 39 rows and
    // 1..9 tokens reach every row and token remainder), strided X and Y, on both instruction sets
    // and 1 or 2 threads. Float mode: = vecDotFloat bit for bit.
    void matmulEqualsVecDot_data() { scalarEqualsAvx2_data(); }
    void matmulEqualsVecDot()
    {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        const GgmlType act = vecDotType(t);
        const int64_t n = 2 * std::max<int64_t>(256, blockOf(t)) + (blockOf(t) == 1 ? 9 : 0);
        const int64_t rows = 39;  // row chunks of 8 (1 thread) end in 7 = 4 + 2 + 1 rows, of 4 (2 threads) in 3
        const std::vector<float> wf = randomFloats(3, rows * n, 0.05f);
        const std::vector<uint8_t> w = quantizeRows(t, wf, rows, n);
        const QMatrix W{t, w.data(), rows, n, rowBytes(t, n), nullptr};
        for (bool scalar : {false, true}) {
            ScalarOnly* s = scalar ? new ScalarOnly : nullptr;
            for (int threads : {1, 2}) {
                setMaxThreads(threads);
                for (int64_t tokens : {1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 40}) {  // every token-group remainder
                    const int64_t ldx = n + 3, ldy = rows + 2;
                    const std::vector<float> xs = randomFloats(uint32_t(tokens), tokens * ldx);
                    std::vector<float> y(size_t(tokens * ldy), 7.0f), yf(y);
                    matmul(W, xs.data(), tokens, y.data(), ActMode::Llama, ldx, ldy);
                    matmul(W, xs.data(), tokens, yf.data(), ActMode::Float, ldx, ldy);
                    std::vector<uint8_t> a(rowBytes(act, n));
                    for (int64_t k = 0; k < tokens; ++k) {
                        quantizeRow(act, xs.data() + k * ldx, a.data(), n);
                        for (int64_t r = 0; r < rows; ++r) {
                            const uint8_t* row = w.data() + size_t(r) * W.rowBytes;
                            const float e = vecDot(t, n, row, a.data());
                            const float ef = vecDotFloat(t, n, row, xs.data() + k * ldx);
                            QVERIFY2(sameBits(&y[size_t(k * ldy + r)], &e, 1),
                                     qPrintable(QStringLiteral("%1 %2 tokens, token %3 row %4: matmul %5, vecDot %6")
                                                    .arg(nameOf(t)).arg(tokens).arg(k).arg(r)
                                                    .arg(double(y[size_t(k * ldy + r)]), 0, 'g', 9).arg(double(e), 0, 'g', 9)));
                            QVERIFY(sameBits(&yf[size_t(k * ldy + r)], &ef, 1));
                        }
                        for (int64_t r = rows; r < ldy; ++r)  // the stride gap is left alone
                            QCOMPARE(y[size_t(k * ldy + r)], 7.0f);
                    }
                }
            }
            setMaxThreads(0);
            delete s;
        }
        // Prepared activations give the same as matmul converting them itself.
        const std::vector<float> xs = randomFloats(9, 6 * n);
        std::vector<float> y1(size_t(6 * rows)), y2(y1);
        matmul(W, xs.data(), 6, y1.data(), ActMode::Llama);
        Activations A;
        if (t == GgmlType::F16 || t == GgmlType::BF16) {  // held as the rounded floats
            std::vector<float> rounded(xs);
            for (float& v : rounded)
                v = t == GgmlType::F16 ? fp16ToFp32(fp32ToFp16(v)) : bf16ToFp32(fp32ToBf16(v));
            A.set(GgmlType::F32, rounded.data(), 6, n);
        } else {
            A.set(act, xs.data(), 6, n);
        }
        matmul(W, A, y2.data());
        QVERIFY(sameBits(y1.data(), y2.data(), y1.size()));
    }

    // Float mode on quantized rows and the INT/NF4 family (decoded on the fly) = matmul of the
    // dequantized F32 matrix, bit for bit.
    void floatModeIsTheDequantizedMatrix()
    {
        const int64_t rows = 21, n = 512, tokens = 7;
        const std::vector<float> wf = randomFloats(11, rows * n, 0.05f), xs = randomFloats(12, tokens * n);
        std::vector<const Format*> formats;
        for (GgmlType t : kQuantTypes)
            formats.push_back(formatForGgml(t));
        for (const char* name : {"INT4_SYM_G32", "INT8_ASYM_CHANNEL", "INT4_ASYM_TENSOR", "INT2_SYM_G64", "NF4"})
            formats.push_back(findFormat(name));
        for (const Format* f : formats) {
            QVERIFY(f);
            std::vector<uint8_t> q(f->storageBytes(rows, n));
            f->quantize(wf.data(), rows, n, q.data());
            std::vector<float> deq(size_t(rows * n));
            f->dequantize(q.data(), rows, n, deq.data());
            QMatrix W;
            if (f->ggmlType()) {
                W = QMatrix{*f->ggmlType(), q.data(), rows, n, rowBytes(*f->ggmlType(), n), nullptr};
            } else {
                W.data = q.data();
                W.rows = rows;
                W.cols = n;
                W.format = f;
            }
            const QMatrix D{GgmlType::F32, deq.data(), rows, n, size_t(n) * 4, nullptr};
            for (int64_t tk : {int64_t(1), tokens}) {
                std::vector<float> y(size_t(tk * rows)), yd(y);
                matmul(W, xs.data(), tk, y.data(), ActMode::Float);
                matmul(D, xs.data(), tk, yd.data(), ActMode::Float);
                QVERIFY2(sameBits(y.data(), yd.data(), y.size()), f->name().c_str());
                if (W.format) {  // no llama.cpp activation type: Llama mode runs as Float
                    matmul(W, xs.data(), tk, y.data(), ActMode::Llama);
                    QVERIFY2(sameBits(y.data(), yd.data(), y.size()), f->name().c_str());
                }
            }
        }
    }

    // Q4_0 repacked in groups of 8 rows (kernels::repack): matmul gives the plain layout's bits, in
    // Llama mode (batches and one token) and Float mode, on both instruction sets and 1 or 2
    // threads; rows beyond the last group of 8, odd block counts and token counts off the tile of 3
    // included; random bytes (every nibble code), quantized random rows and stories260K's rows. The
    // plain rows come back from the repacked bytes, and repacking in place gives the same bytes.
    void repackedEqualsPlain()
    {
        struct Case {
            const char* what;
            std::vector<uint8_t> w;
            int64_t rows, cols;
        };
        std::vector<Case> cases;
        for (const auto& [rows, cols] : {std::pair<int64_t, int64_t>{8, 32}, {13, 96}, {39, 512}, {24, 544}}) {
            cases.push_back({"random bytes", randomRows(GgmlType::Q4_0, uint32_t(rows), rows, cols), rows, cols});
            cases.push_back({"quantized", quantizeRows(GgmlType::Q4_0, randomFloats(uint32_t(cols), rows * cols, 0.05f), rows, cols),
                             rows, cols});
        }
        const LlamaWeights stories =
            LlamaWeights::fromModel(*openModel(test::stories("stories260K-f32.gguf").toStdString()));
        for (const char* name : {"blk.0.ffn_up.weight", "token_embd.weight", "blk.3.attn_q.weight"}) {
            const WeightTensor& t = stories.get(name);
            cases.push_back({name, quantizeRows(GgmlType::Q4_0, t.toFloat(), t.rows, t.cols), t.rows, t.cols});
        }
        QCOMPARE(stories.get("blk.0.ffn_up.weight").rows % 8, int64_t(4));  // a group and a half-group tail
        for (const Case& c : cases) {
            const size_t rb = rowBytes(GgmlType::Q4_0, c.cols);
            const QMatrix P{GgmlType::Q4_0, c.w.data(), c.rows, c.cols, rb, nullptr};
            QVERIFY(canRepack(P));
            std::vector<uint8_t> packed(c.w.size()), inPlace(c.w);
            const QMatrix R = repack(P, packed.data());
            QVERIFY(R.repacked && R.data == packed.data() && !canRepack(R));
            (void)repack(QMatrix{GgmlType::Q4_0, inPlace.data(), c.rows, c.cols, rb, nullptr}, inPlace.data());
            QVERIFY(inPlace == packed);
            if (c.rows >= 16)  // the layout really differs (not a copy)
                QVERIFY(packed != c.w);
            std::vector<uint8_t> row(rb);
            for (int64_t r = 0; r < c.rows; ++r) {
                plainRow(R, r, row.data());
                QVERIFY2(std::memcmp(row.data(), c.w.data() + size_t(r) * rb, rb) == 0,
                         qPrintable(QStringLiteral("%1 %2x%3: row %4 not restored").arg(c.what).arg(c.rows).arg(c.cols).arg(r)));
            }
            for (bool scalar : {false, true}) {
                ScalarOnly* s = scalar ? new ScalarOnly : nullptr;
                for (int threads : {1, 2}) {
                    setMaxThreads(threads);
                    for (int64_t tokens : {1, 2, 3, 4, 5, 7, 17, 40}) {
                        const std::vector<float> xs = randomFloats(uint32_t(tokens + c.cols), tokens * c.cols);
                        for (ActMode mode : {ActMode::Llama, ActMode::Float}) {
                            std::vector<float> yp(size_t(tokens * c.rows), 7.0f), yr(yp);
                            matmul(P, xs.data(), tokens, yp.data(), mode);
                            matmul(R, xs.data(), tokens, yr.data(), mode);
                            for (size_t i = 0; i < yp.size(); ++i)
                                QVERIFY2(sameBits(&yp[i], &yr[i], 1),
                                         qPrintable(QStringLiteral("%1 %2x%3 %4 %5 tokens, %6 threads, %7 mode: token %8 row %9: "
                                                                   "plain %10, repacked %11")
                                                        .arg(c.what).arg(c.rows).arg(c.cols).arg(activeIsa()).arg(tokens)
                                                        .arg(threads).arg(mode == ActMode::Llama ? "llama" : "float")
                                                        .arg(i / size_t(c.rows)).arg(i % size_t(c.rows))
                                                        .arg(double(yp[i]), 0, 'g', 9).arg(double(yr[i]), 0, 'g', 9)));
                        }
                    }
                }
                setMaxThreads(0);
                delete s;
            }
        }
        // What cannot be repacked says so.
        std::vector<uint8_t> buf(4096);
        QVERIFY(!canRepack(QMatrix{GgmlType::Q4_0, buf.data(), 7, 64, 36, nullptr}));  // under one group
        QVERIFY(!canRepack(QMatrix{GgmlType::Q8_0, buf.data(), 8, 64, 68, nullptr}));
        QVERIFY(!canRepack(QMatrix{GgmlType::Q4_0, buf.data(), 8, 64, 40, nullptr}));  // padded rows
        QString msg;
        QVERIFY(throwsKind([&] { (void)repack(QMatrix{GgmlType::Q8_0, buf.data(), 8, 64, 68, nullptr}, buf.data()); },
                           ErrorKind::InvalidInput, &msg));
        QVERIFY2(msg.contains(QLatin1String("Q8_0")), qPrintable(msg));
        QMatrix bad{GgmlType::Q8_0, buf.data(), 8, 64, 68, nullptr};
        bad.repacked = true;
        const float x[64] = {};
        float y[8];
        QVERIFY(throwsKind([&] { matmul(bad, x, 1, y, ActMode::Llama); }, ErrorKind::InvalidInput));
    }

    void badMatrices()
    {
        std::vector<uint8_t> buf(4096);
        const float x[64] = {};
        float y[64];
        QString msg;
        QVERIFY(throwsKind([&] { matmul(QMatrix{GgmlType::Q4_0, buf.data(), 2, 48, 27, nullptr}, x, 1, y, ActMode::Llama); },
                           ErrorKind::InvalidInput, &msg));
        QVERIFY2(msg.contains(QLatin1String("32-value blocks")), qPrintable(msg));
        QVERIFY(throwsKind([&] { matmul(QMatrix{GgmlType::Q4_0, buf.data(), 2, 64, 35, nullptr}, x, 1, y, ActMode::Llama); },
                           ErrorKind::InvalidInput, &msg));
        QVERIFY2(msg.contains(QLatin1String("row stride 35")), qPrintable(msg));
        QVERIFY(throwsKind([&] { matmul(QMatrix{GgmlType::Q8_K, buf.data(), 2, 256, 292, nullptr}, x, 1, y, ActMode::Llama); },
                           ErrorKind::InvalidInput, &msg));
        QVERIFY2(msg.contains(QLatin1String("Q8_K")), qPrintable(msg));
        QVERIFY(throwsKind([&] { matmul(QMatrix{GgmlType::Q8_0, nullptr, 2, 64, 68, nullptr}, x, 1, y, ActMode::Llama); },
                           ErrorKind::InvalidInput));
        QVERIFY(throwsKind([&] { matmul(QMatrix{GgmlType::Q8_0, buf.data(), 0, 64, 68, nullptr}, x, 1, y, ActMode::Llama); },
                           ErrorKind::InvalidInput));
        Activations A;
        A.set(GgmlType::Q8_1, x, 1, 64);
        QVERIFY(throwsKind([&] { matmul(QMatrix{GgmlType::Q4_0, buf.data(), 2, 64, 36, nullptr}, A, y); },
                           ErrorKind::InvalidInput, &msg));
        QVERIFY2(msg.contains(QLatin1String("need Q8_0 activations")), qPrintable(msg));
        QVERIFY(throwsKind([&] { quantizeRow(GgmlType::Q4_0, x, buf.data(), 64); }, ErrorKind::InvalidInput));
    }

    // A CancelScope on the calling thread stops a long matmul between row chunks.
    void cancelReachesTheKernels()
    {
        const int64_t rows = 4096, n = 1024, tokens = 8;
        std::vector<uint8_t> w(rowBytes(GgmlType::Q8_0, n) * rows, 1);
        const std::vector<float> xs = randomFloats(5, tokens * n);
        std::vector<float> y(size_t(tokens * rows));
        const QMatrix W{GgmlType::Q8_0, w.data(), rows, n, rowBytes(GgmlType::Q8_0, n), nullptr};
        std::atomic<int> asked{0};
        CancelScope scope([&] { return ++asked > 3; });
        QVERIFY(throwsKind([&] { matmul(W, xs.data(), tokens, y.data(), ActMode::Llama); }, ErrorKind::Cancelled));
    }
};

QTEST_GUILESS_MAIN(TestKernels)
#include "test_kernels.moc"
