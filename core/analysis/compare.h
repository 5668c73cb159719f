#pragma once
// Model-wide comparison of quantization types: every eligible tensor quantized, dequantized
// and measured against the original, per type (formats, llama.cpp presets and the INT/NF4
// family alike). The CLI's `compare` and the GUI call this one function, so their numbers agree.
#include "core/analysis/metrics.h"
#include "core/model/model.h"
#include "core/plan/plan.h"

#include <QJsonObject>

#include <functional>
#include <string>
#include <vector>

namespace qs {

struct CompareOptions {
    // The plan every type is compared with (pure, overrides, exact tensors, as for quantize);
    // its type and target are set per compared type.
    PlanSpec plan;
    std::function<void(int done, int total)> progress;  // after each tensor (all types)
    // Per-tensor results for callers that plot them (the GUI's per-layer error): called after
    // each eligible tensor at each type, from the calling thread. With histogramBins > 0 the
    // results carry weight and error histograms (MeasureOptions::histogramBins).
    std::function<void(size_t typeIndex, int tensorIndex, const TensorResult& result)> tensorResult;
    int histogramBins = 0;
};

struct CompareRow {
    std::string type;
    TensorResult total;     // merged over the eligible tensors (stats, weights, bytes, bits/weight)
    double seconds = 0;     // quantize + dequantize + measure, summed over tensors
    int tensors = 0;        // eligible tensors measured
    int fallbacks = 0;      // of which with a fallback type (row length vs block size)
    QJsonObject extra;      // further columns added by callers (e.g. evaluation results)

    double bitsPerWeight() const { return total.bitsPerWeight; }
    uint64_t sizeBytes() const { return total.bytes; }
};

struct CompareResult {
    std::string model;  // the model's path (or name for in-memory models)
    std::vector<CompareRow> rows;
};

// Throws qs::Error(InvalidInput) for an unknown type before doing any work.
CompareResult compareModel(const Model& m, const std::vector<std::string>& types, const CompareOptions& opts = {});

// {"type", "bits_per_weight", "size_bytes", "rmse", "sqnr_db", "max_abs_error", "p99_abs_error",
//  "cosine", "seconds", "relative_rmse", "mean_abs_error", "tensors", "fallbacks", ...extra}
// (non-finite numbers as null).
QJsonObject toJson(const CompareRow& row);
// {"model": str, "results": [row, ...]}
QJsonObject toJson(const CompareResult& result);

}  // namespace qs
