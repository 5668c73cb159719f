#pragma once
// Quantization error metrics: how far a dequantized tensor is from the original.
//
// Everything is computed in one streaming pass over (orig, deq), in parallel with
// qs::parallelFor, with O(1) memory per chunk apart from a small |error| histogram.
// Per-tensor ErrorStats merge exactly into model-wide stats: merge(a, b) gives the
// same numbers as measuring the concatenation (up to double rounding of the sums).
//
// Typical use (compare, GUI):
//     TensorResult r = quantizeAndMeasure(*findFormat("INT4_SYM_G32"), w, rows, cols);
//     r.stats.rmse(); r.stats.sqnrDb(); r.stats.percentile(99); r.bitsPerWeight;
//     merge(modelTotal, r);                       // model-wide numbers
//     QJsonObject o = toJson(r);                  // the one JSON spelling of the metrics
//
// Infinity: sqnrDb() is +inf when the error is exactly zero (e.g. F32). toJson() writes
// such non-finite values as JSON null; text output should print "inf".
#include "core/formats/format.h"

#include <QJsonObject>

#include <cstdint>
#include <vector>

namespace qs {

// Streaming error statistics of deq against orig (error e = deq - orig, both read as float,
// accumulated in double). Pairs where orig or deq is NaN/Inf are counted in nonFinite and
// excluded from every other statistic.
struct ErrorStats {
    int64_t n = 0;          // finite pairs measured
    int64_t nonFinite = 0;  // pairs skipped because orig or deq was NaN/Inf
    double sumX2 = 0;       // sum orig^2
    double sumY2 = 0;       // sum deq^2
    double sumXY = 0;       // sum orig*deq
    double sumE2 = 0;       // sum e^2
    double sumAbsE = 0;     // sum |e|
    double maxAbsErr = 0;   // max |e| (exact)

    // |e| histogram for percentiles. Zero errors are counted apart (zeroErrors). A non-zero
    // |e| (rounded to float) goes into bin (bits(float |e|) >> 16), i.e. by its exponent and its
    // top 7 mantissa bits: 128 log-spaced bins per power of two, whatever the scale of the
    // tensor, so stats of different tensors merge exactly. Only the used index range
    // [errBinBase, errBinBase + errBins.size()) is stored (typically a few 10 KB).
    uint64_t zeroErrors = 0;
    uint32_t errBinBase = 0;
    std::vector<uint64_t> errBins;

    double rmse() const;          // sqrt(sumE2 / n); 0 when n == 0
    double meanAbsError() const;  // sumAbsE / n; 0 when n == 0
    // 10*log10(sumX2 / sumE2) in dB. +inf when sumE2 == 0 (no error, or n == 0);
    // -inf when the original is all zeros but the error is not.
    double sqnrDb() const;
    // sumXY / sqrt(sumX2 * sumY2), clamped to [-1, 1]. 1 when both vectors are all zeros
    // (identical), 0 when exactly one of them is.
    double cosine() const;
    // sqrt(sumE2 / sumX2): RMSE relative to the RMS of the original; 0 for no error,
    // +inf when the original is all zeros but the error is not.
    double relativeRmse() const;
    // Nearest-rank percentile of |e|, p in [0, 100]: the smallest v such that at least
    // ceil(p/100 * n) of the |e| are <= v (p = 0: the minimum). 0 when n == 0.
    // Error bound: the result lies in the same histogram bin as the exact order statistic
    // (rounded to float) and is that bin's midpoint, clamped to maxAbsErr, so
    //     |percentile(p) - exact| <= 0.004 * exact + 2^-133
    // (2^-8 for the half bin width, 2^-24 for the rounding of |e| to float). Errors beyond
    // float range (|e| >= 3.39e38) share one open bin reported as maxAbsErr. Exact zeros are exact: a percentile falling on them returns 0.
    double percentile(double p) const;
};

// One pass over n pairs, parallel over chunks. The result does not depend on the number
// of threads (fixed chunking, partial sums added in chunk order).
ErrorStats measure(const float* orig, const float* deq, int64_t n);
// into += other (all sums, counts, histogram; max of max).
void merge(ErrorStats& into, const ErrorStats& other);

// Fixed-bin histogram over [lo, hi]: bin i covers [lo + i*w, lo + (i+1)*w), w = (hi-lo)/bins,
// the last bin also holds hi. Values outside go to below/above, NaN/Inf to nonFinite, so
// sum(counts) + below + above + nonFinite == n.
struct Histogram {
    double lo = 0, hi = 0;
    std::vector<uint64_t> counts;
    uint64_t below = 0, above = 0, nonFinite = 0;

    int bins() const { return int(counts.size()); }
    double binWidth() const { return counts.empty() ? 0.0 : (hi - lo) / double(counts.size()); }
    double binCenter(int i) const { return lo + (double(i) + 0.5) * binWidth(); }
    uint64_t total() const;  // sum(counts) + below + above + nonFinite
};

// Histogram of x[0..n) with `bins` bins over [lo, hi] (1 <= bins <= 2^20, finite lo < hi, else qs::Error).
Histogram histogram(const float* x, int64_t n, int bins, double lo, double hi);
// Histogram of the errors deq[i] - orig[i] (computed in double).
Histogram errorHistogram(const float* orig, const float* deq, int64_t n, int bins, double lo, double hi);
// Adds counts of a histogram with the same lo, hi and bins (else qs::Error).
void merge(Histogram& into, const Histogram& other);

// A symmetric range [-a, a] with a = max |x| over finite x (a = 1 when that is 0 or n == 0),
// for histograms centred on 0.
struct Range {
    double lo = -1, hi = 1;
};
Range symmetricRange(const float* x, int64_t n);
// Same for the errors deq - orig.
Range symmetricErrorRange(const float* orig, const float* deq, int64_t n);

// ---- One-stop quantize + dequantize + measure, used by compare and the GUI ----

struct MeasureOptions {
    const float* importance = nullptr;  // per-column weights (cols values) passed to quantize()
    bool keepDequantized = false;       // fill TensorResult::dequantized
    int histogramBins = 0;              // > 0: fill weightHist and errorHist with this many bins
};

struct TensorResult {
    ErrorStats stats;
    int64_t weights = 0;        // rows * cols (summed when merged)
    uint64_t bytes = 0;         // Format::storageBytes(): codes + scales + zero points
    double bitsPerWeight = 0;   // 8 * bytes / weights
    double quantizeSeconds = 0;    // wall time of Format::quantize
    double dequantizeSeconds = 0;  // wall time of Format::dequantize
    // Filled on request (MeasureOptions): the dequantized tensor, row-major.
    std::vector<float> dequantized;
    // Filled when histogramBins > 0: original weights over symmetricRange(x), and errors
    // deq - orig over symmetricErrorRange. (Per tensor ranges: merge() does not merge them.)
    Histogram weightHist, errorHist;
};

// Quantizes x (rows x cols, row-major) with fmt, dequantizes, measures. Throws qs::Error
// (InvalidInput) when fmt does not support the shape (cols not a multiple of the block size).
TensorResult quantizeAndMeasure(const Format& fmt, const float* x, int64_t rows, int64_t cols,
                                const MeasureOptions& options = {});
inline TensorResult quantizeAndMeasure(const Format& fmt, const float* x, int64_t rows, int64_t cols,
                                       const float* importance, bool keepDequantized)
{
    MeasureOptions o;
    o.importance = importance;
    o.keepDequantized = keepDequantized;
    return quantizeAndMeasure(fmt, x, rows, cols, o);
}

// Model-wide totals: into.stats merged, weights/bytes/seconds summed, bitsPerWeight recomputed.
// Histograms and dequantized values are not merged (left as they are in `into`).
void merge(TensorResult& into, const TensorResult& other);

// The JSON spelling of the metrics (non-finite numbers as null):
// {"n", "non_finite", "rmse", "relative_rmse", "mean_abs_error", "sqnr_db", "cosine",
//  "max_abs_error", "p50_abs_error", "p95_abs_error", "p99_abs_error"}
QJsonObject toJson(const ErrorStats& s);
// toJson(stats) plus {"weights", "bytes", "bits_per_weight", "quantize_seconds", "dequantize_seconds"}.
QJsonObject toJson(const TensorResult& r);
// A double as JSON: the number if finite, else null.
QJsonValue jsonNumber(double v);

}  // namespace qs
