// The kernels against llama.cpp's own CPU backend (libggml-cpu-<variant>.so from node-llama-cpp,
// the variant llama.cpp runs on this machine, tests/interop/ggml_lib.h; dlopen'ed, never linked):
//  - the activation quantizers are byte-identical to ggml_get_type_traits_cpu(type)->from_float
//    (Q8_0, Q8_1, Q8_K, F16, BF16), on random rows, stories260K rows and edge cases;
//  - the vec-dot type of every weight type is llama.cpp's;
//  - every kernel's dot product equals llama.cpp's vec_dot on the same bytes (weights quantized by
//    llama.cpp's quantize_<type> (IQ2_S, IQ2_XXS, IQ2_XS, IQ1_S, IQ1_M: with an imatrix of ones, their quantizers
//    require one) and by ours, for IQ4_XS/IQ3_S/IQ3_XXS/IQ2_S/IQ2_XS/IQ2_XXS/IQ1_M/IQ1_S/MXFP4/TQ1_0/TQ2_0 also
//    random code bytes;
//    activations by its from_float) within float summation order:
//    |ours - llama.cpp| <= 1e-6 * sum_i (|w_i a_i| + 2 |m_i a_i|), m_i the weight's block min (0 for
//    formats without one): both sum exact per-block integers and only the float sums of the block
//    products (scale and min terms) differ in order. Both our instruction sets are checked.
#include "core/formats/format.h"
#include "core/util/half.h"
#include "core/kernels/kernels.h"
#include "tests/interop/ggml_lib.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <random>

using namespace qs;
using namespace qs::kernels;
using namespace qs::test;

namespace {

const GgmlType kTypes[] = {GgmlType::Q8_0,  GgmlType::Q6_K,   GgmlType::Q5_K,  GgmlType::Q5_1,  GgmlType::Q5_0,
                           GgmlType::Q4_K,  GgmlType::Q4_1,   GgmlType::Q4_0,  GgmlType::IQ4_NL, GgmlType::IQ4_XS,
                           GgmlType::MXFP4, GgmlType::IQ3_S,  GgmlType::Q3_K,   GgmlType::IQ3_XXS, GgmlType::Q2_K, GgmlType::IQ2_S, GgmlType::IQ2_XS, GgmlType::IQ2_XXS,
                           GgmlType::TQ2_0, GgmlType::IQ1_M, GgmlType::TQ1_0, GgmlType::IQ1_S,
                           GgmlType::F32,   GgmlType::F16,    GgmlType::BF16};

const char* nameOf(GgmlType t) { return ggmlTypeInfo(t).name.data(); }

// Byte offset of the fp16 scale d in a block (quantized types; -1: MXFP4, an exponent byte and no
// min part).
int scaleOffset(GgmlType t)
{
    switch (t) {
    case GgmlType::Q2_K: return 80;
    case GgmlType::Q3_K: return 108;
    case GgmlType::Q6_K: return 208;
    case GgmlType::TQ1_0: return 52;
    case GgmlType::TQ2_0: return 64;
    case GgmlType::MXFP4: return -1;
    case GgmlType::IQ1_M: return -1;  // d in the top nibbles of the scale words (kept by the random bytes below)
    default: return 0;
    }
}

// Rows of cols values to test with: random (several distributions), and every stories260K
// matrix reshaped to rows of `cols`.
std::vector<Matrix> testRows(int64_t cols)
{
    std::vector<Matrix> out;
    for (Matrix& m : syntheticMatrices(17, 8, cols))
        if (m.name != "near fp16 max" && m.name != "huge")  // activations/weights beyond fp16 scales
            out.push_back(std::move(m));
    for (const Matrix& m : storiesMatrices()) {
        const int64_t n = m.rows * m.cols / cols * cols;
        if (n == 0)
            continue;
        Matrix r;
        r.name = "stories260K " + m.name;
        r.cols = cols;
        r.rows = n / cols;
        r.data.assign(m.data.begin(), m.data.begin() + n);
        out.push_back(std::move(r));
    }
    return out;
}

struct ScalarOnly {
    explicit ScalarOnly(bool on) : on_(on) { forceScalar(on); }
    ~ScalarOnly() { forceScalar(false); }
    bool on_;
};

}  // namespace

class TestKernelsLlama : public QObject {
    Q_OBJECT

private slots:
    void traitsLayout()
    {
        // The struct layout is right: Q8_0's from_float is the library's quantize_row_q8_0 (the
        // AVX2 one, not quantize_row_q8_0_generic) and the vec-dot types are llama.cpp's pairing.
        QVERIFY(ggmlCpuTraits(int(GgmlType::Q8_0)).fromFloat ==
                reinterpret_cast<GgmlCpuTraits::FromFloat>(ggmlCpuSymbol("quantize_row_q8_0")));
        QVERIFY(ggmlCpuTraits(int(GgmlType::Q4_0)).vecDot ==
                reinterpret_cast<GgmlCpuTraits::VecDot>(ggmlCpuSymbol("ggml_vec_dot_q4_0_q8_0")));
        for (GgmlType t : kTypes) {
            QCOMPARE(ggmlCpuTraits(int(t)).vecDotType, int(vecDotType(t)));
            QCOMPARE(ggmlCpuTraits(int(t)).nrows, int64_t(1));
        }
    }

    void quantizersByteIdentical_data()
    {
        QTest::addColumn<int>("type");
        for (GgmlType t : {GgmlType::Q8_0, GgmlType::Q8_1, GgmlType::Q8_K, GgmlType::F16, GgmlType::BF16})
            QTest::newRow(nameOf(t)) << int(t);
    }
    void quantizersByteIdentical()
    {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        const auto from = ggmlCpuTraits(type).fromFloat;
        QVERIFY(from);
        std::vector<Matrix> inputs = testRows(512);
        // Edge cases: zero blocks, a block whose amax is 127 with .5 ties, a negative extreme
        // first, equal extremes of both signs, tiny and fp16-subnormal scales.
        Matrix e;
        e.name = "edge cases";
        e.rows = 1;
        e.cols = 2048;
        e.data.assign(2048, 0.0f);
        for (int i = 256; i < 512; ++i)
            e.data[size_t(i)] = float(i % 64) * 0.5f - 16.0f + (i == 300 ? 111.0f : 0.0f);
        for (int i = 512; i < 768; ++i)
            e.data[size_t(i)] = (i == 520 ? -3.0f : i == 600 ? 3.0f : 0.001f * float(i % 7));
        for (int i = 768; i < 1024; ++i)
            e.data[size_t(i)] = 1e-6f * float(i % 13 - 6);
        for (int i = 1024; i < 1280; ++i)
            e.data[size_t(i)] = 1e-9f * float(i % 5 - 2);
        for (int i = 1280; i < 2048; ++i)
            e.data[size_t(i)] = std::ldexp(float(i % 255 - 127), -(i % 40));
        inputs.push_back(e);
        for (bool scalar : {false, true}) {
            const ScalarOnly s(scalar);
            for (const Matrix& m : inputs) {
                const size_t rb = rowBytes(t, m.cols);
                for (int64_t r = 0; r < m.rows; ++r) {
                    std::vector<uint8_t> theirs(rb, 0), ours(rb, 0xCC);  // llama.cpp leaves a zero Q8_K block's bsums
                    from(m.data.data() + r * m.cols, theirs.data(), m.cols);
                    quantizeRow(t, m.data.data() + r * m.cols, ours.data(), m.cols);
                    QVERIFY2(theirs == ours, qPrintable(QStringLiteral("%1 row %2 of %3 (%4)").arg(nameOf(t)).arg(r)
                                                            .arg(QString::fromStdString(m.name)).arg(activeIsa())));
                }
            }
        }
    }

    void vecDotMatchesLlama_data()
    {
        QTest::addColumn<int>("type");
        for (GgmlType t : kTypes)
            QTest::newRow(nameOf(t)) << int(t);
    }
    void vecDotMatchesLlama()
    {
        QFETCH(int, type);
        const auto t = GgmlType(type);
        const GgmlType act = vecDotType(t);
        const GgmlCpuTraits& tr = ggmlCpuTraits(type);
        const auto actFrom = ggmlCpuTraits(int(act)).fromFloat;
        const Format* f = formatForGgml(t);
        double worst = 0;
        int checked = 0;
        for (int64_t cols : {int64_t(256), int64_t(2048)}) {
            const std::vector<Matrix> rows = testRows(cols);
            const Matrix& x = rows.front();  // activations: gaussian rows
            const size_t rb = rowBytes(t, cols), ab = rowBytes(act, cols);
            std::vector<uint8_t> a(ab * size_t(x.rows));
            for (int64_t k = 0; k < x.rows; ++k)
                actFrom(x.data.data() + k * cols, a.data() + size_t(k) * ab, cols);
            std::vector<float> ad(size_t(x.rows * cols));  // decoded activations
            if (act == GgmlType::F32) {
                ad = x.data;
            } else {
                for (int64_t k = 0; k < x.rows; ++k)
                    for (int64_t i = 0; i < cols; ++i) {
                        const uint8_t* p = a.data() + size_t(k) * ab;
                        float v;
                        if (act == GgmlType::F16 || act == GgmlType::BF16) {
                            uint16_t h;
                            std::memcpy(&h, p + 2 * i, 2);
                            v = act == GgmlType::F16 ? fp16ToFp32(h) : bf16ToFp32(h);
                        } else if (act == GgmlType::Q8_K) {
                            float d;
                            std::memcpy(&d, p + (i / 256) * 292, 4);
                            v = d * float(int8_t(p[(i / 256) * 292 + 4 + i % 256]));
                        } else {
                            const int bs = act == GgmlType::Q8_0 ? 34 : 36;
                            uint16_t h;
                            std::memcpy(&h, p + (i / 32) * bs, 2);
                            v = fp16ToFp32(h) * float(int8_t(p[(i / 32) * bs + (bs - 32) + i % 32]));
                        }
                        ad[size_t(k * cols + i)] = v;
                    }
            }
            // Weight bytes: llama.cpp's quantizer; for the quantized types also ours (it may use codes
            // llama.cpp's does not, e.g. TQ2_0's level 2), and for the types whose only float field is
            // the block scale, our bytes with every other byte random (every code and scale field).
            const bool randomBytes = t == GgmlType::IQ4_XS || t == GgmlType::IQ3_S || t == GgmlType::IQ3_XXS || t == GgmlType::IQ2_S || t == GgmlType::IQ2_XS || t == GgmlType::IQ2_XXS ||
                                     t == GgmlType::IQ1_M || t == GgmlType::IQ1_S ||
                                     t == GgmlType::MXFP4 || t == GgmlType::TQ1_0 || t == GgmlType::TQ2_0;
            const int sources = f->family() == FormatFamily::Float ? 1 : randomBytes ? 3 : 2;
            for (int source = 0; source < sources; ++source)
            for (const Matrix& m : rows) {
                std::vector<uint8_t> w;
                if (f->family() == FormatFamily::Float || source > 0) {
                    w.resize(rb * size_t(m.rows));
                    f->quantize(m.data.data(), m.rows, cols, w.data());
                } else {
                    const GgmlFns& g = ggmlFns(f->name());
                    const std::vector<float> ones(size_t(cols), 1.0f);
                    w = ggmlQuantize(g, m.data.data(), m.rows, cols, rb, g.requiresImatrix ? ones.data() : nullptr);
                }
                if (source == 2) {
                    std::mt19937 rng(uint32_t(cols + m.rows));
                    const size_t bs = ggmlTypeInfo(t).typeSize, so = size_t(std::max(0, scaleOffset(t)));
                    const size_t scaleBytes = t == GgmlType::MXFP4 ? 1 : 2;
                    for (size_t i = 0; i < w.size(); ++i)
                        if (t == GgmlType::IQ1_M && i % bs >= 48 && i % bs % 2 == 1)
                            w[i] = uint8_t((w[i] & 0xF0) | (rng() & 0x0F));  // the scale word's top nibble is d's
                        else if (i % bs < so || i % bs >= so + scaleBytes)
                            w[i] = uint8_t(rng());
                }
                std::vector<float> wd(size_t(m.rows * cols)), md(size_t(m.rows * cols), 0.0f);
                f->dequantize(w.data(), m.rows, cols, wd.data());
                if (f->family() != FormatFamily::Float && scaleOffset(t) >= 0) {  // the min part of each weight: decode with d = 0
                    std::vector<uint8_t> w0 = w;
                    const size_t bs = ggmlTypeInfo(t).typeSize;
                    for (size_t off = 0; off < w0.size(); off += bs)
                        w0[off + size_t(scaleOffset(t))] = w0[off + size_t(scaleOffset(t)) + 1] = 0;
                    f->dequantize(w0.data(), m.rows, cols, md.data());
                }
                for (int64_t r = 0; r < m.rows; ++r) {
                    const int64_t k = r % x.rows;
                    float theirs = 0;
                    tr.vecDot(int(cols), &theirs, 0, w.data() + size_t(r) * rb, 0, a.data() + size_t(k) * ab, 0, 1);
                    double mag = 0;
                    for (int64_t i = 0; i < cols; ++i)
                        mag += (std::fabs(double(wd[size_t(r * cols + i)])) + 2 * std::fabs(double(md[size_t(r * cols + i)]))) *
                               std::fabs(double(ad[size_t(k * cols + i)]));
                    for (bool scalar : {false, true}) {
                        const ScalarOnly s(scalar);
                        const float ours = vecDot(t, cols, w.data() + size_t(r) * rb, a.data() + size_t(k) * ab);
                        const double err = std::fabs(double(ours) - double(theirs));
                        worst = std::max(worst, mag > 0 ? err / mag : err);
                        QVERIFY2(err <= 1e-6 * mag + 1e-30,
                                 qPrintable(QStringLiteral("%1 %2 row %3 (%4, %8): ours %5, llama.cpp %6, sum|wa| %7")
                                                .arg(nameOf(t)).arg(QString::fromStdString(m.name)).arg(r)
                                                .arg(activeIsa()).arg(double(ours), 0, 'g', 9)
                                                .arg(double(theirs), 0, 'g', 9).arg(mag, 0, 'g', 4)
                                                .arg(source == 0 ? "llama.cpp's bytes" : source == 1 ? "our bytes" : "random bytes")));
                        ++checked;
                    }
                }
            }
        }
        QVERIFY(checked > 100);
        qInfo("%s: %d dots, worst |ours - llama.cpp| = %.3g * sum(|w a| + 2|m a|)", nameOf(t), checked, worst);
    }
};

QTEST_GUILESS_MAIN(TestKernelsLlama)
#include "test_kernels_llama.moc"
