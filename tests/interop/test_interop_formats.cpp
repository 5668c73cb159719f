// Byte compatibility of every GGUF block format with llama.cpp (libggml-base.so, dlopen'ed):
// llama.cpp decodes our bytes to exactly our floats, and we decode llama.cpp's bytes to exactly
// its floats, on synthetic data, on every stories260K weight matrix, and on random block bytes.
// (Our bytes need not equal llama.cpp's: our quantizers search better scales.)
#include "core/formats/format.h"
#include "tests/interop/ggml_lib.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <algorithm>
#include <cstring>
#include <random>

using namespace qs;
using namespace qs::test;

namespace {
// Bitwise equality (NaN == NaN); on failure a message naming the first difference.
std::string firstDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    if (a.size() != b.size())
        return "size " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        if (std::isnan(a[i]) && std::isnan(b[i]))
            continue;
        if (std::bit_cast<uint32_t>(a[i]) != std::bit_cast<uint32_t>(b[i]))
            return "index " + std::to_string(i) + ": " + std::to_string(a[i]) + " vs " + std::to_string(b[i]);
    }
    return {};
}

std::vector<Matrix> allMatrices(const Format& f)
{
    std::vector<Matrix> out;
    for (const Matrix& m : syntheticMatrices(11))
        out.push_back(shapedFor(f, m));
    for (const Matrix& m : storiesMatrices())
        out.push_back(shapedFor(f, m));
    std::erase_if(out, [](const Matrix& m) { return m.name.empty(); });
    return out;
}
}  // namespace

class TestInteropFormats : public QObject {
    Q_OBJECT
private slots:
    void fixtures()
    {
        QVERIFY(storiesMatrices().size() >= 7);
        for (const Matrix& m : storiesMatrices())
            qInfo("stories260K %s: %lld x %lld", m.name.c_str(), (long long)m.rows, (long long)m.cols);
        for (const Format* f : ggufFormats()) {
            const GgmlFns& g = ggmlFns(f->name());
            QVERIFY(g.quantize && g.dequantize);
            QVERIFY(f->ggmlType().has_value());
            qInfo("GGUF format %s", f->name().c_str());
        }
    }

    void llamaDecodesOurBytes()
    {
        for (const Format* f : ggufFormats()) {
            const GgmlFns& g = ggmlFns(f->name());
            for (const Matrix& m : allMatrices(*f)) {
                for (bool withImportance : {false, true}) {
                    std::vector<float> w(size_t(m.cols));
                    std::mt19937 rng(5);
                    std::uniform_real_distribution<float> u(0.0f, 4.0f);
                    for (float& v : w)
                        v = u(rng);
                    std::vector<unsigned char> q(f->storageBytes(m.rows, m.cols));
                    f->quantize(m.data.data(), m.rows, m.cols, q.data(), withImportance ? w.data() : nullptr);
                    std::vector<float> ours(m.data.size());
                    f->dequantize(q.data(), m.rows, m.cols, ours.data());
                    const std::vector<float> theirs = ggmlDequantize(g, q.data(), m.rows, m.cols);
                    const std::string diff = firstDifference(ours, theirs);
                    if (!diff.empty())
                        QFAIL(qPrintable(QString::fromStdString(f->name() + " on " + m.name + ": " + diff)));
                    // Finite input gives finite output.
                    if (m.name.find("huge") == std::string::npos)
                        for (float v : ours)
                            QVERIFY2(std::isfinite(v), qPrintable(QString::fromStdString(f->name() + " " + m.name)));
                }
            }
        }
    }

    void weDecodeLlamaBytes()
    {
        for (const Format* f : ggufFormats()) {
            const GgmlFns& g = ggmlFns(f->name());
            
            for (const Matrix& m : allMatrices(*f)) {
                std::vector<float> imatrix(size_t(m.cols));
                for (size_t j = 0; j < imatrix.size(); ++j)
                    imatrix[j] = 0.1f + float(j % 7);
                for (const float* im : {static_cast<const float*>(nullptr), static_cast<const float*>(imatrix.data())}) {
                    if (!im && g.requiresImatrix)
                        continue;  // llama.cpp's quantizer for this type asserts without one (IQ2_XXS, IQ2_XS, IQ2_S, IQ1_S, IQ1_M)
                    const auto q = ggmlQuantize(g, m.data.data(), m.rows, m.cols, f->storageBytes(1, m.cols), im);
                    std::vector<float> ours(m.data.size());
                    f->dequantize(q.data(), m.rows, m.cols, ours.data());
                    const std::vector<float> theirs = ggmlDequantize(g, q.data(), m.rows, m.cols);
                    const std::string diff = firstDifference(ours, theirs);
                    if (!diff.empty())
                        QFAIL(qPrintable(QString::fromStdString(f->name() + " on llama.cpp's bytes of " + m.name + ": " + diff)));
                }
            }
        }
    }

    void latticeErrorBelowLlama()
    {
        // The lattice formats (IQ3_S, IQ3_XXS, IQ2_S, IQ2_XS, IQ2_XXS, IQ1_M, IQ1_S): with the same importance,
        // our weighted squared error is at most llama.cpp's quantize_<t>(..., imatrix) on every matrix (ratio logged).
        for (const char* name : {"IQ3_S", "IQ3_XXS", "IQ2_S", "IQ2_XS", "IQ2_XXS", "IQ1_M", "IQ1_S"}) {
            const Format* f = findFormat(name);
            QVERIFY(f);
            const GgmlFns& g = ggmlFns(name);
            double sumOurs = 0, sumTheirs = 0, worst = 0;
            for (const Matrix& m : allMatrices(*f)) {
                std::vector<float> w(size_t(m.cols));
                std::mt19937 rng(uint32_t(m.cols + m.rows));
                std::lognormal_distribution<float> ln(0.0f, 1.0f);
                for (float& v : w)
                    v = ln(rng);
                const std::vector<float> ours = f->roundTrip(m.data.data(), m.rows, m.cols, w.data());
                const auto q = ggmlQuantize(g, m.data.data(), m.rows, m.cols, f->storageBytes(1, m.cols), w.data());
                const std::vector<float> theirs = ggmlDequantize(g, q.data(), m.rows, m.cols);
                const double eo = weightedSquaredError(m.data.data(), ours.data(), m.rows, m.cols, w.data());
                const double et = weightedSquaredError(m.data.data(), theirs.data(), m.rows, m.cols, w.data());
                qInfo("%-7s %-40s weighted SE ours %.6g llama.cpp %.6g ratio %.4f", name, m.name.c_str(), eo, et,
                      et > 0 ? eo / et : 0.0);
                if (et > 0)
                    worst = std::max(worst, eo / et);
                sumOurs += eo;
                sumTheirs += et;
                QVERIFY2(eo <= et, qPrintable(QString::fromStdString(std::string(name) + " worse than llama.cpp on " + m.name)));
            }
            qInfo("%-7s total weighted SE ours / llama.cpp's: %.4f (worst matrix %.4f)", name, sumOurs / sumTheirs, worst);
        }
    }

    void randomBytesDecodeIdentically()
    {
        // Arbitrary block contents (every scale, every quant bit pattern, NaN/Inf scales included).
        std::mt19937 rng(99);
        for (const Format* f : ggufFormats()) {
            const GgmlFns& g = ggmlFns(f->name());
            const int64_t rows = 64, cols = 4 * f->blockSize();
            std::vector<unsigned char> q(f->storageBytes(rows, cols));
            for (auto& b : q)
                b = static_cast<unsigned char>(rng());
            std::vector<float> ours(size_t(rows * cols));
            f->dequantize(q.data(), rows, cols, ours.data());
            const std::vector<float> theirs = ggmlDequantize(g, q.data(), rows, cols);
            const std::string diff = firstDifference(ours, theirs);
            if (!diff.empty())
                QFAIL(qPrintable(QString::fromStdString(f->name() + " on random bytes: " + diff)));
        }
    }
};

QTEST_GUILESS_MAIN(TestInteropFormats)
#include "test_interop_formats.moc"
