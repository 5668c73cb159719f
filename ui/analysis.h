#pragma once
// What the workers hand to the window: per-tensor analyses for the plots, and the result of a
// Run (the trade-off table and the per-layer error). Numbers come from the engine
// (core/metrics.h, the compare function); nothing here computes any.
#include "core/analysis/metrics.h"
#include "core/eval/llama_forward.h"
#include "ui/tradeoff_table_model.h"

#include <QString>

#include <memory>
#include <vector>

namespace qs::ui {

// One tensor at one precision.
struct PrecisionAnalysis {
    QString key;            // the precision asked for ("Q4_K_M")
    QString precision;      // what is shown: the key, plus the type used when it differs
    QString error;          // set when the format cannot take this tensor (shape), else empty
    qs::TensorResult result;  // stats, bytes, bits/weight, error histogram (no dequantized values)
    qs::Histogram dequantHist;  // the dequantized values over the weight histogram's bins
    // For every bin of the weight histogram: the reconstruction levels (distinct dequantized
    // values) of one block holding a weight of that bin, and which block that is.
    std::vector<std::vector<float>> levelsPerBin;
    std::vector<QString> blockPerBin;
    // Levels one such block can take at all (its grid: 16 for Q4_0; a K-quant super-block's
    // sub-block grids together); 0 when unknown. levelsPerBin holds the ones it uses.
    int levelsPossible = 0;
};

// The selected tensor (tensor >= 0) analysed at the checked precisions.
struct TensorAnalysis {
    int tensor = -1;
    QString name;
    int64_t weights = 0;
    double sourceBytes = 0;
    qs::Histogram weightHist;
    std::vector<PrecisionAnalysis> precisions;
};

// Weights of the whole model, for the histogram tab when no tensor is selected.
struct ModelHistogram {
    qs::Histogram weightHist;
    int64_t weights = 0;
};

struct LayerPoint {
    int tensor = -1;
    QString name;
    double sqnr = 0;
    double rmse = 0;
};

// A whole-model Run: one PrecisionRow (model-level figures) and one per-tensor series per precision.
// With an importance matrix, a "<type> + imatrix" row follows each type; its per-layer series and
// error histogram are empty (only its accuracy is measured).
struct RunResult {
    std::vector<PrecisionRow> rows;
    std::vector<std::vector<LayerPoint>> perLayer;  // parallel to rows
    std::vector<qs::Histogram> errorHists;          // model-wide error histogram, parallel to rows
    double sourceBytes = 0;
    int64_t weights = 0;
    bool evaluated = false;     // rows carry model accuracy
    bool imatrix = false;       // with "+ imatrix" rows
    int64_t evalTokens = 0;     // evaluation stream
    int64_t evalPositions = 0;
    double pplReference = 0;
    // With speed measured: a source row (the opened model as stored) comes first and every row
    // carries decode and prompt tokens/s ("+ imatrix" rows those of their type: the same format).
    bool speedMeasured = false;
    // The activation mode of the evaluation and the speed measurement.
    qs::ActMode activations = qs::ActMode::Llama;
    // With error feedback: the calibration's input moments (the block inspector shows the codes
    // error-feedback rounding stores with them).
    std::shared_ptr<const qs::ActivationStats> calibration;
};

}  // namespace qs::ui
