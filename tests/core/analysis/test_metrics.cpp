// Metrics: ErrorStats against direct double-precision computation, percentiles against an exact
// sort, merge == concatenation, histograms, edge cases, quantizeAndMeasure and JSON.
#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/analysis/metrics.h"
#include "core/util/parallel.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

using namespace qs;

namespace {

struct Direct {
    double rmse, sqnr, cosine, maxAbs, meanAbs;
    std::vector<double> sortedAbs;
};

Direct direct(const std::vector<float>& x, const std::vector<float>& y)
{
    double sx2 = 0, sy2 = 0, sxy = 0, se2 = 0, sae = 0, mx = 0;
    std::vector<double> a(x.size());
    for (size_t i = 0; i < x.size(); ++i) {
        const double e = double(y[i]) - double(x[i]);
        sx2 += double(x[i]) * x[i];
        sy2 += double(y[i]) * y[i];
        sxy += double(x[i]) * y[i];
        se2 += e * e;
        sae += std::fabs(e);
        mx = std::max(mx, std::fabs(e));
        a[i] = std::fabs(e);
    }
    std::sort(a.begin(), a.end());
    const double n = double(x.size());
    return {std::sqrt(se2 / n), 10 * std::log10(sx2 / se2), sxy / std::sqrt(sx2 * sy2), mx, sae / n, a};
}

double exactPercentile(const std::vector<double>& sorted, double p)
{
    auto k = static_cast<size_t>(std::ceil(p / 100.0 * double(sorted.size())));
    k = std::clamp<size_t>(k, 1, sorted.size());
    return sorted[k - 1];
}

// x heavy-tailed (Student-t like), y = x + noise of mixed scales, some exact matches.
void makeData(size_t n, uint32_t seed, std::vector<float>& x, std::vector<float>& y)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::chi_squared_distribution<float> c(3.0f);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    x.resize(n);
    y.resize(n);
    for (size_t i = 0; i < n; ++i) {
        x[i] = 0.02f * g(rng) / std::sqrt(c(rng) / 3.0f);
        const float r = u(rng);
        if (r < 0.05f)
            y[i] = x[i];  // exact
        else if (r < 0.5f)
            y[i] = x[i] + 1e-3f * (u(rng) - 0.5f);
        else
            y[i] = x[i] + 1e-5f * g(rng);
    }
}

bool relClose(double a, double b, double rel) { return std::fabs(a - b) <= rel * std::max(std::fabs(a), std::fabs(b)); }

}  // namespace

class TestMetrics : public QObject {
    Q_OBJECT
private slots:
    void againstDirectComputation()
    {
        std::vector<float> x, y;
        makeData(1'000'003, 1, x, y);  // several parallel chunks plus a ragged one
        const ErrorStats s = measure(x.data(), y.data(), int64_t(x.size()));
        const Direct d = direct(x, y);
        QCOMPARE(s.n, int64_t(x.size()));
        QCOMPARE(s.nonFinite, int64_t(0));
        QVERIFY2(relClose(s.rmse(), d.rmse, 1e-9), qPrintable(QString::number(s.rmse() - d.rmse)));
        QVERIFY(relClose(s.sqnrDb(), d.sqnr, 1e-9));
        QVERIFY(relClose(s.cosine(), d.cosine, 1e-9));
        QVERIFY(relClose(s.meanAbsError(), d.meanAbs, 1e-9));
        QCOMPARE(s.maxAbsErr, d.maxAbs);
        QVERIFY(s.zeroErrors >= uint64_t(0.04 * double(x.size())));

        for (double p : {0.0, 1.0, 4.0, 5.0, 6.0, 10.0, 25.0, 50.0, 75.0, 90.0, 95.0, 99.0, 99.9, 99.99, 100.0}) {
            const double exact = exactPercentile(d.sortedAbs, p);
            const double est = s.percentile(p);
            const double bound = 0.004 * exact + std::ldexp(1.0, -133);
            QVERIFY2(std::fabs(est - exact) <= bound,
                     qPrintable(QString("p%1: est %2 exact %3").arg(p).arg(est, 0, 'g', 17).arg(exact, 0, 'g', 17)));
        }
        // 5 % of the errors are exactly zero: low percentiles are exactly 0.
        QCOMPARE(s.percentile(0), 0.0);
        QCOMPARE(s.percentile(4), 0.0);
        QVERIFY(s.percentile(6) > 0);
        QCOMPARE(s.percentile(100), d.maxAbs);
    }

    void percentileBoundIsTightAcrossScales()
    {
        // Errors spanning many binades, no zeros: every percentile within the documented bound.
        std::mt19937 rng(5);
        std::uniform_real_distribution<double> u(-30.0, 10.0);
        std::vector<float> x(20000), y(20000);
        for (size_t i = 0; i < x.size(); ++i) {
            x[i] = 1.0f;
            y[i] = 1.0f + float(std::exp2(u(rng)));
        }
        const ErrorStats s = measure(x.data(), y.data(), int64_t(x.size()));
        const Direct d = direct(x, y);
        for (int p = 0; p <= 100; ++p) {
            const double exact = exactPercentile(d.sortedAbs, p);
            QVERIFY(std::fabs(s.percentile(p) - exact) <= 0.004 * exact + std::ldexp(1.0, -133));
        }
    }

    void independentOfThreadCount()
    {
        std::vector<float> x, y;
        makeData(700'000, 2, x, y);
        setMaxThreads(1);
        const ErrorStats a = measure(x.data(), y.data(), int64_t(x.size()));
        setMaxThreads(2);
        const ErrorStats b = measure(x.data(), y.data(), int64_t(x.size()));
        setMaxThreads(0);
        QCOMPARE(a.sumE2, b.sumE2);
        QCOMPARE(a.sumXY, b.sumXY);
        QCOMPARE(a.errBinBase, b.errBinBase);
        QVERIFY(a.errBins == b.errBins);
    }

    void mergeEqualsConcatenation()
    {
        std::vector<float> x1, y1, x2, y2;
        makeData(300'000, 3, x1, y1);
        makeData(123'457, 4, x2, y2);
        for (auto& v : x2)
            v *= 50.0f;  // a tensor at another scale: histogram ranges differ
        for (size_t i = 0; i < y2.size(); ++i)
            y2[i] = x2[i] + (y2[i] - x2[i] / 50.0f) * 1000.0f;
        ErrorStats m = measure(x1.data(), y1.data(), int64_t(x1.size()));
        merge(m, measure(x2.data(), y2.data(), int64_t(x2.size())));
        std::vector<float> x = x1, y = y1;
        x.insert(x.end(), x2.begin(), x2.end());
        y.insert(y.end(), y2.begin(), y2.end());
        const ErrorStats c = measure(x.data(), y.data(), int64_t(x.size()));
        QCOMPARE(m.n, c.n);
        QCOMPARE(m.zeroErrors, c.zeroErrors);
        QCOMPARE(m.maxAbsErr, c.maxAbsErr);
        QCOMPARE(m.errBinBase, c.errBinBase);
        QVERIFY(m.errBins == c.errBins);
        QVERIFY(relClose(m.sumE2, c.sumE2, 1e-12));
        QVERIFY(relClose(m.sqnrDb(), c.sqnrDb(), 1e-12));
        QVERIFY(relClose(m.cosine(), c.cosine(), 1e-12));
        for (double p : {50.0, 95.0, 99.0})
            QCOMPARE(m.percentile(p), c.percentile(p));
        // Merging into empty stats is the identity.
        ErrorStats e;
        merge(e, c);
        QCOMPARE(e.n, c.n);
        QVERIFY(e.errBins == c.errBins);
    }

    void edgeCases()
    {
        // n == 0
        const ErrorStats z = measure(nullptr, nullptr, 0);
        QCOMPARE(z.n, int64_t(0));
        QCOMPARE(z.rmse(), 0.0);
        QCOMPARE(z.percentile(50), 0.0);
        QCOMPARE(z.cosine(), 1.0);
        QVERIFY(std::isinf(z.sqnrDb()) && z.sqnrDb() > 0);

        // Zero error
        std::vector<float> x{1.0f, -2.0f, 3.5f, 0.0f};
        const ErrorStats same = measure(x.data(), x.data(), 4);
        QCOMPARE(same.rmse(), 0.0);
        QCOMPARE(same.maxAbsErr, 0.0);
        QCOMPARE(same.percentile(99), 0.0);
        QCOMPARE(same.cosine(), 1.0);
        QVERIFY(std::isinf(same.sqnrDb()) && same.sqnrDb() > 0);
        QVERIFY(toJson(same).value("sqnr_db").isNull());
        QCOMPARE(toJson(same).value("rmse").toDouble(), 0.0);

        // Zero input, non-zero output
        std::vector<float> zeros(4, 0.0f);
        const ErrorStats zi = measure(zeros.data(), x.data(), 4);
        QVERIFY(std::isinf(zi.sqnrDb()) && zi.sqnrDb() < 0);
        QCOMPARE(zi.cosine(), 0.0);
        QCOMPARE(zi.maxAbsErr, 3.5);
        QVERIFY(std::isinf(zi.relativeRmse()));
        const ErrorStats zz = measure(zeros.data(), zeros.data(), 4);
        QCOMPARE(zz.cosine(), 1.0);
        QCOMPARE(zz.rmse(), 0.0);

        // NaN / Inf pairs are counted and skipped; nothing derived is NaN.
        std::vector<float> a{1.0f, std::numeric_limits<float>::quiet_NaN(), 2.0f, std::numeric_limits<float>::infinity()};
        std::vector<float> b{1.5f, 1.0f, 2.0f, 1.0f};
        const ErrorStats nf = measure(a.data(), b.data(), 4);
        QCOMPARE(nf.n, int64_t(2));
        QCOMPARE(nf.nonFinite, int64_t(2));
        QCOMPARE(nf.maxAbsErr, 0.5);
        QCOMPARE(nf.rmse(), std::sqrt(0.25 / 2));
        for (double v : {nf.rmse(), nf.sqnrDb(), nf.cosine(), nf.percentile(50), nf.percentile(100)})
            QVERIFY(!std::isnan(v));
        QCOMPARE(nf.percentile(100), 0.5);

        // Huge errors do not overflow into NaN.
        std::vector<float> big1{-3e38f}, big2{3e38f};
        const ErrorStats bg = measure(big1.data(), big2.data(), 1);
        QCOMPARE(bg.maxAbsErr, 2.0 * double(3e38f));
        QCOMPARE(bg.percentile(50), bg.maxAbsErr);
    }

    void histograms()
    {
        std::vector<float> x, y;
        makeData(500'001, 6, x, y);
        x[7] = std::numeric_limits<float>::quiet_NaN();
        const Range r = symmetricRange(x.data(), int64_t(x.size()));
        double amax = 0;
        for (float v : x)
            if (std::isfinite(v))
                amax = std::max(amax, double(std::fabs(v)));
        QCOMPARE(r.hi, amax);
        QCOMPARE(r.lo, -amax);
        const Histogram h = histogram(x.data(), int64_t(x.size()), 101, r.lo, r.hi);
        QCOMPARE(h.bins(), 101);
        QCOMPARE(h.total(), uint64_t(x.size()));
        QCOMPARE(h.nonFinite, uint64_t(1));
        QCOMPARE(h.below + h.above, uint64_t(0));
        // Counts against a direct loop.
        std::vector<uint64_t> ref(101, 0);
        for (float v : x) {
            if (!std::isfinite(v))
                continue;
            int64_t i = int64_t((double(v) - r.lo) * (101.0 / (r.hi - r.lo)));
            ++ref[size_t(std::min<int64_t>(i, 100))];
        }
        QVERIFY(h.counts == ref);
        // The central bin holds the most weights of this symmetric distribution.
        QCOMPARE(int(std::max_element(h.counts.begin(), h.counts.end()) - h.counts.begin()), 50);

        // Narrow range: outside values go to below/above.
        const Histogram n = histogram(x.data(), int64_t(x.size()), 10, -0.01, 0.01);
        QVERIFY(n.below > 0 && n.above > 0);
        QCOMPARE(n.total(), uint64_t(x.size()));
        QCOMPARE(n.binWidth(), 0.002);

        // Error histogram and merge.
        x[7] = 0.0f;
        y[7] = 0.0f;
        const Range er = symmetricErrorRange(x.data(), y.data(), int64_t(x.size()));
        QVERIFY(er.hi > 0 && er.hi <= 1e-3);
        Histogram eh = errorHistogram(x.data(), y.data(), int64_t(x.size()), 64, er.lo, er.hi);
        QCOMPARE(eh.total(), uint64_t(x.size()));
        QCOMPARE(eh.below + eh.above + eh.nonFinite, uint64_t(0));
        const Histogram eh2 = eh;
        merge(eh, eh2);
        QCOMPARE(eh.total(), 2 * uint64_t(x.size()));
        Histogram other = histogram(x.data(), 10, 64, -1, 1);
        QVERIFY_THROWS_EXCEPTION(qs::Error, merge(eh, other));
        QVERIFY_THROWS_EXCEPTION(qs::Error, histogram(x.data(), 10, 0, -1, 1));
        QVERIFY_THROWS_EXCEPTION(qs::Error, histogram(x.data(), 10, 8, 1, 1));
        QVERIFY_THROWS_EXCEPTION(qs::Error, histogram(x.data(), 10, (1 << 20) + 1, -1, 1));  // no runaway allocation
        QCOMPARE(histogram(x.data(), 10, 1 << 20, -1, 1).total(), uint64_t(10));

        // All-zero input: a default range, everything in the central bins.
        std::vector<float> zeros(100, 0.0f);
        const Range zr = symmetricRange(zeros.data(), 100);
        QCOMPARE(zr.lo, -1.0);
        QCOMPARE(zr.hi, 1.0);
        QCOMPARE(histogram(zeros.data(), 100, 4, zr.lo, zr.hi).counts[2], uint64_t(100));
    }

    void quantizeAndMeasureWithFloatFormats()
    {
        std::vector<float> x, y;
        makeData(64 * 1000, 8, x, y);
        const Format& f16 = *findFormat("F16");
        MeasureOptions o;
        o.keepDequantized = true;
        o.histogramBins = 32;
        const TensorResult r = quantizeAndMeasure(f16, x.data(), 64, 1000, o);
        QCOMPARE(r.weights, int64_t(64000));
        QCOMPARE(r.bytes, uint64_t(128000));
        QCOMPARE(r.bitsPerWeight, 16.0);
        QVERIFY(r.quantizeSeconds >= 0 && r.dequantizeSeconds >= 0);
        const std::vector<float> rt = f16.roundTrip(x.data(), 64, 1000);
        QVERIFY(r.dequantized == rt);
        const ErrorStats s = measure(x.data(), rt.data(), 64000);
        QCOMPARE(r.stats.sumE2, s.sumE2);
        QVERIFY(r.stats.sqnrDb() > 50 && r.stats.sqnrDb() < 90);
        QCOMPARE(r.weightHist.total(), uint64_t(64000));
        QCOMPARE(r.errorHist.total(), uint64_t(64000));
        QCOMPARE(r.errorHist.below + r.errorHist.above, uint64_t(0));

        const TensorResult r32 = quantizeAndMeasure(*findFormat("F32"), x.data(), 64, 1000, nullptr, false);
        QVERIFY(r32.dequantized.empty());
        QVERIFY(r32.weightHist.counts.empty());
        QCOMPARE(r32.stats.maxAbsErr, 0.0);
        const QJsonObject j = toJson(r32);
        QVERIFY(j.value("sqnr_db").isNull());
        QCOMPARE(j.value("bits_per_weight").toDouble(), 32.0);
        QCOMPARE(j.value("bytes").toInteger(), qint64(256000));
        QCOMPARE(j.value("cosine").toDouble(), 1.0);

        TensorResult total = r;
        merge(total, r32);
        QCOMPARE(total.weights, int64_t(128000));
        QCOMPARE(total.bitsPerWeight, 24.0);
        QCOMPARE(total.stats.sumE2, r.stats.sumE2);

        QVERIFY_THROWS_EXCEPTION(qs::Error, quantizeAndMeasure(f16, x.data(), 1, 0));
    }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "test_metrics.moc"
