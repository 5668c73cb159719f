#include "core/analysis/metrics.h"

#include "core/util/error.h"
#include "core/util/parallel.h"

#include <QJsonValue>

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <mutex>

namespace qs {

namespace {

constexpr int64_t kChunk = int64_t(1) << 18;  // elements per parallel chunk (fixed: results independent of threads)
constexpr uint32_t kErrBins = 1u << 16;        // float bits >> 16 of a non-negative float: 0 .. 0x7fff
constexpr uint32_t kMaxFiniteBin = 0x7f7fu;    // bins above hold Inf/NaN; clamp overflowed |e| here

struct Partial {
    int64_t n = 0, nonFinite = 0;
    double sumX2 = 0, sumY2 = 0, sumXY = 0, sumE2 = 0, sumAbsE = 0, maxAbsErr = 0;
    uint64_t zeroErrors = 0;
};

inline uint32_t errBin(double ae)
{
    const uint32_t idx = std::bit_cast<uint32_t>(static_cast<float>(ae)) >> 16;
    return std::min(idx, kMaxFiniteBin);
}

double binLow(uint32_t idx) { return double(std::bit_cast<float>(idx << 16)); }

}  // namespace

double ErrorStats::rmse() const { return n > 0 ? std::sqrt(sumE2 / double(n)) : 0.0; }

double ErrorStats::meanAbsError() const { return n > 0 ? sumAbsE / double(n) : 0.0; }

double ErrorStats::sqnrDb() const
{
    if (sumE2 <= 0)
        return std::numeric_limits<double>::infinity();
    if (sumX2 <= 0)
        return -std::numeric_limits<double>::infinity();
    return 10.0 * std::log10(sumX2 / sumE2);
}

double ErrorStats::cosine() const
{
    if (sumX2 <= 0 && sumY2 <= 0)
        return 1.0;
    if (sumX2 <= 0 || sumY2 <= 0)
        return 0.0;
    return std::clamp(sumXY / std::sqrt(sumX2 * sumY2), -1.0, 1.0);
}

double ErrorStats::relativeRmse() const
{
    if (sumE2 <= 0)
        return 0.0;
    if (sumX2 <= 0)
        return std::numeric_limits<double>::infinity();
    return std::sqrt(sumE2 / sumX2);
}

double ErrorStats::percentile(double p) const
{
    if (n <= 0)
        return 0.0;
    p = std::clamp(std::isnan(p) ? 0.0 : p, 0.0, 100.0);
    auto k = static_cast<uint64_t>(std::ceil(p / 100.0 * double(n)));
    k = std::clamp<uint64_t>(k, 1, uint64_t(n));
    if (k <= zeroErrors)
        return 0.0;
    k -= zeroErrors;
    uint64_t cum = 0;
    for (size_t j = 0; j < errBins.size(); ++j) {
        cum += errBins[j];
        if (cum >= k) {
            const uint32_t idx = errBinBase + uint32_t(j);
            if (idx >= kMaxFiniteBin)  // open-ended top bin: |e| >= 3.39e38
                return maxAbsErr;
            return std::min(0.5 * (binLow(idx) + binLow(idx + 1)), maxAbsErr);
        }
    }
    return maxAbsErr;  // unreachable for consistent stats
}

ErrorStats measure(const float* orig, const float* deq, int64_t n)
{
    ErrorStats out;
    if (n <= 0)
        return out;
    const int64_t chunks = (n + kChunk - 1) / kChunk;
    std::vector<Partial> partials(static_cast<size_t>(chunks));
    std::vector<uint64_t> bins(kErrBins, 0);
    uint32_t usedLo = kErrBins, usedHi = 0;  // [usedLo, usedHi] touched in `bins`
    std::mutex m;

    parallelFor(n, kChunk, [&](int64_t b, int64_t e) {
        thread_local std::vector<uint32_t> local;
        if (local.size() != kErrBins)
            local.assign(kErrBins, 0);
        Partial p;
        uint32_t lo = kErrBins, hi = 0;
        for (int64_t i = b; i < e; ++i) {
            const float xf = orig[i], yf = deq[i];
            if (!std::isfinite(xf) || !std::isfinite(yf)) {
                ++p.nonFinite;
                continue;
            }
            const double x = xf, y = yf;
            const double d = y - x;
            const double ae = std::fabs(d);
            p.sumX2 += x * x;
            p.sumY2 += y * y;
            p.sumXY += x * y;
            p.sumE2 += d * d;
            p.sumAbsE += ae;
            p.maxAbsErr = std::max(p.maxAbsErr, ae);
            if (ae == 0) {
                ++p.zeroErrors;
            } else {
                const uint32_t idx = errBin(ae);
                ++local[idx];
                lo = std::min(lo, idx);
                hi = std::max(hi, idx);
            }
        }
        p.n = (e - b) - p.nonFinite;
        partials[size_t(b / kChunk)] = p;
        if (lo <= hi) {
            std::lock_guard lk(m);
            for (uint32_t j = lo; j <= hi; ++j)
                bins[j] += local[j];
            usedLo = std::min(usedLo, lo);
            usedHi = std::max(usedHi, hi);
        }
        std::fill(local.begin() + lo, local.begin() + std::max(lo, hi + 1), 0u);
    });

    for (const Partial& p : partials) {  // chunk order: deterministic sums
        out.n += p.n;
        out.nonFinite += p.nonFinite;
        out.sumX2 += p.sumX2;
        out.sumY2 += p.sumY2;
        out.sumXY += p.sumXY;
        out.sumE2 += p.sumE2;
        out.sumAbsE += p.sumAbsE;
        out.maxAbsErr = std::max(out.maxAbsErr, p.maxAbsErr);
        out.zeroErrors += p.zeroErrors;
    }
    if (usedLo <= usedHi) {
        out.errBinBase = usedLo;
        out.errBins.assign(bins.begin() + usedLo, bins.begin() + usedHi + 1);
    }
    return out;
}

void merge(ErrorStats& into, const ErrorStats& o)
{
    into.n += o.n;
    into.nonFinite += o.nonFinite;
    into.sumX2 += o.sumX2;
    into.sumY2 += o.sumY2;
    into.sumXY += o.sumXY;
    into.sumE2 += o.sumE2;
    into.sumAbsE += o.sumAbsE;
    into.maxAbsErr = std::max(into.maxAbsErr, o.maxAbsErr);
    into.zeroErrors += o.zeroErrors;
    if (o.errBins.empty())
        return;
    if (into.errBins.empty()) {
        into.errBinBase = o.errBinBase;
        into.errBins = o.errBins;
        return;
    }
    const uint32_t base = std::min(into.errBinBase, o.errBinBase);
    const uint32_t end = std::max(into.errBinBase + uint32_t(into.errBins.size()),
                                  o.errBinBase + uint32_t(o.errBins.size()));
    if (base != into.errBinBase || end != into.errBinBase + into.errBins.size()) {
        std::vector<uint64_t> grown(end - base, 0);
        std::copy(into.errBins.begin(), into.errBins.end(), grown.begin() + (into.errBinBase - base));
        into.errBins.swap(grown);
        into.errBinBase = base;
    }
    for (size_t j = 0; j < o.errBins.size(); ++j)
        into.errBins[o.errBinBase - base + j] += o.errBins[j];
}

// ---- Histograms ----

uint64_t Histogram::total() const
{
    uint64_t t = below + above + nonFinite;
    for (uint64_t c : counts)
        t += c;
    return t;
}

namespace {

// Shared by histogram() and errorHistogram(): value(i) gives the i-th value as double.
template <typename ValueAt>
Histogram histogramOf(int64_t n, int bins, double lo, double hi, ValueAt value)
{
    if (bins < 1 || bins > (1 << 20) || !(lo < hi) || !std::isfinite(lo) || !std::isfinite(hi))
        invalidInput("", "histogram: need 1..1048576 bins and a finite range lo < hi");
    Histogram h;
    h.lo = lo;
    h.hi = hi;
    h.counts.assign(size_t(bins), 0);
    if (n <= 0)
        return h;
    const double scale = double(bins) / (hi - lo);
    std::mutex m;
    parallelFor(n, kChunk, [&](int64_t b, int64_t e) {
        std::vector<uint64_t> local(size_t(bins), 0);
        uint64_t below = 0, above = 0, bad = 0;
        for (int64_t i = b; i < e; ++i) {
            const double v = value(i);
            if (!std::isfinite(v)) {
                ++bad;
            } else if (v < lo) {
                ++below;
            } else if (v > hi) {
                ++above;
            } else {
                auto idx = static_cast<int64_t>((v - lo) * scale);
                idx = std::min<int64_t>(idx, bins - 1);
                ++local[size_t(idx)];
            }
        }
        std::lock_guard lk(m);
        for (int j = 0; j < bins; ++j)
            h.counts[size_t(j)] += local[size_t(j)];
        h.below += below;
        h.above += above;
        h.nonFinite += bad;
    });
    return h;
}

template <typename ValueAt>
Range symmetricOf(int64_t n, ValueAt value)
{
    if (n <= 0)
        return {};
    const int64_t chunks = (n + kChunk - 1) / kChunk;
    std::vector<double> maxima(size_t(chunks), 0.0);
    parallelFor(n, kChunk, [&](int64_t b, int64_t e) {
        double a = 0;
        for (int64_t i = b; i < e; ++i) {
            const double v = std::fabs(value(i));
            if (std::isfinite(v))
                a = std::max(a, v);
        }
        maxima[size_t(b / kChunk)] = a;
    });
    const double a = *std::max_element(maxima.begin(), maxima.end());
    if (!(a > 0))
        return {};
    return {-a, a};
}

}  // namespace

Histogram histogram(const float* x, int64_t n, int bins, double lo, double hi)
{
    return histogramOf(n, bins, lo, hi, [x](int64_t i) { return double(x[i]); });
}

Histogram errorHistogram(const float* orig, const float* deq, int64_t n, int bins, double lo, double hi)
{
    return histogramOf(n, bins, lo, hi, [orig, deq](int64_t i) { return double(deq[i]) - double(orig[i]); });
}

void merge(Histogram& into, const Histogram& o)
{
    if (into.lo != o.lo || into.hi != o.hi || into.counts.size() != o.counts.size())
        failure("", "histogram merge: ranges or bin counts differ");
    for (size_t j = 0; j < o.counts.size(); ++j)
        into.counts[j] += o.counts[j];
    into.below += o.below;
    into.above += o.above;
    into.nonFinite += o.nonFinite;
}

Range symmetricRange(const float* x, int64_t n)
{
    return symmetricOf(n, [x](int64_t i) { return double(x[i]); });
}

Range symmetricErrorRange(const float* orig, const float* deq, int64_t n)
{
    return symmetricOf(n, [orig, deq](int64_t i) { return double(deq[i]) - double(orig[i]); });
}

// ---- quantize + measure ----

TensorResult quantizeAndMeasure(const Format& fmt, const float* x, int64_t rows, int64_t cols,
                                const MeasureOptions& options)
{
    if (rows < 0 || cols <= 0 || !fmt.supports(rows, cols))
        invalidInput("", fmt.name() + ": cannot store a " + std::to_string(rows) + "x" + std::to_string(cols) +
                             " tensor (row length must be a positive multiple of " +
                             std::to_string(fmt.blockSize()) + ")");
    using Clock = std::chrono::steady_clock;
    TensorResult r;
    r.weights = rows * cols;
    r.bytes = fmt.storageBytes(rows, cols);
    r.bitsPerWeight = fmt.bitsPerWeight(rows, cols);

    std::vector<unsigned char> q(r.bytes);
    auto t0 = Clock::now();
    fmt.quantize(x, rows, cols, q.data(), options.importance);
    auto t1 = Clock::now();
    std::vector<float> y(static_cast<size_t>(r.weights));
    auto t2 = Clock::now();
    fmt.dequantize(q.data(), rows, cols, y.data());
    auto t3 = Clock::now();
    r.quantizeSeconds = std::chrono::duration<double>(t1 - t0).count();
    r.dequantizeSeconds = std::chrono::duration<double>(t3 - t2).count();
    std::vector<unsigned char>().swap(q);

    r.stats = measure(x, y.data(), r.weights);
    if (options.histogramBins > 0) {
        const Range wr = symmetricRange(x, r.weights);
        r.weightHist = histogram(x, r.weights, options.histogramBins, wr.lo, wr.hi);
        const Range er = symmetricErrorRange(x, y.data(), r.weights);
        r.errorHist = errorHistogram(x, y.data(), r.weights, options.histogramBins, er.lo, er.hi);
    }
    if (options.keepDequantized)
        r.dequantized = std::move(y);
    return r;
}

void merge(TensorResult& into, const TensorResult& o)
{
    merge(into.stats, o.stats);
    into.weights += o.weights;
    into.bytes += o.bytes;
    into.bitsPerWeight = into.weights > 0 ? 8.0 * double(into.bytes) / double(into.weights) : 0.0;
    into.quantizeSeconds += o.quantizeSeconds;
    into.dequantizeSeconds += o.dequantizeSeconds;
}

// ---- JSON ----

QJsonValue jsonNumber(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }

QJsonObject toJson(const ErrorStats& s)
{
    return QJsonObject{{"n", qint64(s.n)},
                       {"non_finite", qint64(s.nonFinite)},
                       {"rmse", jsonNumber(s.rmse())},
                       {"relative_rmse", jsonNumber(s.relativeRmse())},
                       {"mean_abs_error", jsonNumber(s.meanAbsError())},
                       {"sqnr_db", jsonNumber(s.sqnrDb())},
                       {"cosine", jsonNumber(s.cosine())},
                       {"max_abs_error", jsonNumber(s.maxAbsErr)},
                       {"p50_abs_error", jsonNumber(s.percentile(50))},
                       {"p95_abs_error", jsonNumber(s.percentile(95))},
                       {"p99_abs_error", jsonNumber(s.percentile(99))}};
}

QJsonObject toJson(const TensorResult& r)
{
    QJsonObject o = toJson(r.stats);
    o.insert("weights", qint64(r.weights));
    o.insert("bytes", qint64(r.bytes));
    o.insert("bits_per_weight", jsonNumber(r.bitsPerWeight));
    o.insert("quantize_seconds", jsonNumber(r.quantizeSeconds));
    o.insert("dequantize_seconds", jsonNumber(r.dequantizeSeconds));
    return o;
}

}  // namespace qs
