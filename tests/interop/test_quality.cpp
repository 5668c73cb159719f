// Quantization quality of every GGUF block format against llama.cpp's own quantizers
// (libggml-base.so, dlopen'ed), per tensor:
//  - our squared error <= llama.cpp's reference quantizer's (quantize_<t> with imatrix = NULL; for
//    the types whose quantizer requires an imatrix, IQ2_XXS, an imatrix of ones) on every
//    stories260K weight matrix and on heavy-tailed matrices with outlier columns;
//  - with per-column importance, our importance-weighted error <= our error when the importance is
//    ignored, and <= llama.cpp's quantize_<t>(..., imatrix) weighted error;
//  - Q4_K and Q3_K within a few percent of the least error any encoding can have (kquant_bound.h).
#include "core/formats/format.h"
#include "tests/interop/ggml_lib.h"
#include "tests/interop/kquant_bound.h"

#include <QtTest>

#include <map>
#include <random>

using namespace qs;
using namespace qs::test;

namespace {
std::vector<Matrix> qualityMatrices(const Format& f)
{
    std::vector<Matrix> out;
    for (const Matrix& m : storiesMatrices())
        out.push_back(shapedFor(f, m));
    for (uint32_t seed : {1u, 2u, 3u})
        out.push_back(shapedFor(f, heavyTailedMatrix(seed, 64, 1024, 8)));
    std::erase_if(out, [](const Matrix& m) { return m.name.empty(); });
    return out;
}

// Per-column importance like an activation-statistics imatrix: log-normal, a few hot columns.
std::vector<float> importanceFor(int64_t cols, uint32_t seed)
{
    std::mt19937 rng(seed);
    std::lognormal_distribution<float> ln(0.0f, 1.0f);
    std::vector<float> w(static_cast<size_t>(cols));
    for (float& v : w)
        v = ln(rng);
    std::uniform_int_distribution<int64_t> col(0, cols - 1);
    for (int k = 0; k < 4; ++k)
        w[size_t(col(rng))] *= 30.0f;
    return w;
}

double ourError(const Format& f, const Matrix& m, const float* quantImportance, const float* errorWeights)
{
    const std::vector<float> y = f.roundTrip(m.data.data(), m.rows, m.cols, quantImportance);
    return weightedSquaredError(m.data.data(), y.data(), m.rows, m.cols, errorWeights);
}

double llamaError(const Format& f, const Matrix& m, const float* imatrix, const float* errorWeights)
{
    const GgmlFns& g = ggmlFns(f.name());
    const auto q = ggmlQuantize(g, m.data.data(), m.rows, m.cols, f.storageBytes(1, m.cols), imatrix);
    const std::vector<float> y = ggmlDequantize(g, q.data(), m.rows, m.cols);
    return weightedSquaredError(m.data.data(), y.data(), m.rows, m.cols, errorWeights);
}

double gainPercent(double ours, double theirs) { return theirs > 0 ? 100.0 * (theirs - ours) / theirs : 0.0; }
}  // namespace

class TestQuality : public QObject {
    Q_OBJECT
private slots:
    void notWorseThanLlamaReference()
    {
        for (const Format* f : ggufFormats()) {
            double sumOurs[2] = {0, 0}, sumTheirs[2] = {0, 0};  // stories260K, synthetic
            for (const Matrix& m : qualityMatrices(*f)) {
                const int k = m.name.rfind("heavy-tailed", 0) == 0 ? 1 : 0;
                const double ours = ourError(*f, m, nullptr, nullptr);
                const std::vector<float> ones(size_t(m.cols), 1.0f);
                const bool needsImatrix = ggmlFns(f->name()).requiresImatrix;
                const double theirs = llamaError(*f, m, needsImatrix ? ones.data() : nullptr, nullptr);
                qInfo("%-7s %-40s SE ours %.6g llama.cpp %.6g: %+.2f%%", f->name().c_str(), m.name.c_str(), ours,
                      theirs, gainPercent(ours, theirs));
                QVERIFY2(ours <= theirs, qPrintable(QString::fromStdString(f->name() + " worse than llama.cpp on " + m.name)));
                sumOurs[k] += ours;
                sumTheirs[k] += theirs;
            }
            qInfo("%-7s total squared error below llama.cpp's reference quantizer: stories260K %.2f%%, heavy-tailed "
                  "%.2f%%", f->name().c_str(), gainPercent(sumOurs[0], sumTheirs[0]), gainPercent(sumOurs[1], sumTheirs[1]));
            // The K-quants' margins (issue 16): at least 10% below on both probes where the format allows
            // it; Q4_K and Q3_K cannot reach 10% on stories260K: no encoding can, as the exact least error
            // with free real per-sub-block scales (and mins) is only 7.7% and 8.5% below
            // (kquantsNearTheLeastPossibleError below).
            static const std::map<std::string, std::pair<double, double>> kMinGain = {
                {"Q6_K", {10.0, 10.0}}, {"Q5_K", {10.0, 10.0}}, {"Q4_K", {5.5, 10.0}},
                {"Q3_K", {7.5, 10.0}}, {"Q2_K", {25.0, 10.0}}};
            if (const auto it = kMinGain.find(f->name()); it != kMinGain.end()) {
                QVERIFY2(gainPercent(sumOurs[0], sumTheirs[0]) >= it->second.first,
                         qPrintable(QString::fromStdString(f->name() + ": stories260K margin below its floor")));
                QVERIFY2(gainPercent(sumOurs[1], sumTheirs[1]) >= it->second.second,
                         qPrintable(QString::fromStdString(f->name() + ": heavy-tailed margin below its floor")));
            }
        }
    }

    // Q4_K and Q3_K on stories260K against the least squared error any encoding can have
    // (kquant_bound.h): QuantScope's close to it, neither ours nor llama.cpp's below it (a check of the
    // bound itself). Q3_K on every matrix; Q4_K, whose bound takes ~15 ms per sub-block, on two of
    // them, or on every one with QS_KQUANT_BOUND_ALL=1 (minutes; the README's totals).
    void kquantsNearTheLeastPossibleError()
    {
        const bool all = qEnvironmentVariableIsSet("QS_KQUANT_BOUND_ALL");
        for (const auto& [name, slack] : {std::pair<std::string, double>{"Q3_K", 1.01}, {"Q4_K", 1.04}}) {
            const Format* f = findFormat(name);
            QVERIFY(f);
            double bound = 0, ours = 0, theirs = 0;
            for (const Matrix& source : storiesMatrices()) {
                const Matrix m = shapedFor(*f, source);
                if (m.name.empty() || (name == "Q4_K" && !all && source.name != "blk.0.attn_k.weight" &&
                                       source.name != "blk.0.attn_v.weight"))
                    continue;
                const int64_t n = m.rows * m.cols;
                const double b = name == "Q4_K" ? q4kLowerBound(m.data.data(), n) : q3kLowerBound(m.data.data(), n);
                const double o = ourError(*f, m, nullptr, nullptr), t = llamaError(*f, m, nullptr, nullptr);
                qInfo("%s %-40s least possible %.6g, ours %.6g, llama.cpp %.6g", name.c_str(), m.name.c_str(), b, o, t);
                QVERIFY2(b <= o * (1 + 1e-6) && b <= t * (1 + 1e-6), qPrintable(QString::fromStdString(name + " " + m.name)));
                bound += b;
                ours += o;
                theirs += t;
            }
            qInfo("%s: the least possible error is %.2f%% below llama.cpp's, ours %.2f%% above it", name.c_str(),
                  gainPercent(bound, theirs), 100.0 * (ours / bound - 1));
            QVERIFY2(bound > 0 && ours <= slack * bound, name.c_str());
        }
    }

    void importanceIsHonoured()
    {
        uint32_t seed = 100;
        for (const Format* f : ggufFormats()) {
            double sumOurs[2] = {0, 0}, sumTheirs[2] = {0, 0};
            for (const Matrix& m : qualityMatrices(*f)) {
                const int k = m.name.rfind("heavy-tailed", 0) == 0 ? 1 : 0;
                const std::vector<float> w = importanceFor(m.cols, seed++);
                const double withW = ourError(*f, m, w.data(), w.data());
                const double withoutW = ourError(*f, m, nullptr, w.data());
                const double theirs = llamaError(*f, m, w.data(), w.data());
                qInfo("%-7s %-40s weighted SE ours %.6g (ignoring importance %.6g) llama.cpp imatrix %.6g: %+.2f%%",
                      f->name().c_str(), m.name.c_str(), withW, withoutW, theirs, gainPercent(withW, theirs));
                QVERIFY2(withW <= withoutW,
                         qPrintable(QString::fromStdString(f->name() + " ignores importance on " + m.name)));
                QVERIFY2(withW <= theirs,
                         qPrintable(QString::fromStdString(f->name() + " worse than llama.cpp's imatrix quantizer on " + m.name)));
                sumOurs[k] += withW;
                sumTheirs[k] += theirs;
            }
            qInfo("%-7s total weighted squared error below llama.cpp's imatrix quantizer: stories260K %.2f%%, "
                  "heavy-tailed %.2f%%", f->name().c_str(), gainPercent(sumOurs[0], sumTheirs[0]),
                  gainPercent(sumOurs[1], sumTheirs[1]));
        }
    }
};

QTEST_GUILESS_MAIN(TestQuality)
#include "test_quality.moc"
