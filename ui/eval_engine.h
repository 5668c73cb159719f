#pragma once
// The engine's model-accuracy workers for the window: per-tensor sensitivity (the KL when only
// one tensor or layer is quantized) and a mixed-precision plan for a size target. Both call
// core/evaluation.h exactly as `quantscope-cli compare --eval --sensitivity` and
// `quantscope-cli plan-for-size` do, so the numbers agree. Worker functions run in QtConcurrent.
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "ui/engine.h"

#include <QPromise>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace qs {
class Model;
}

namespace qs::ui::engine {

// (canEvaluate() in ui/engine.h says whether the forward pass can run a model.)
// Tokens to sample for the evaluation stream by default: the CLI's 512, fewer for models whose
// forward pass is slow (the 12M-parameter demo gets a short stream so it finishes in seconds).
int defaultSampleTokens(const qs::Model& m);

// ---- Sensitivity ----
struct SensitivityRequest {
    QString type = QStringLiteral("Q4_0");  // format or preset, through its plan (as compare --eval)
    bool byLayer = false;
    EvalStreamOptions stream;
};
struct SensitivityOutcome {
    SensitivityRequest request;
    std::vector<Sensitivity> rows;  // highest KL first
    // Tensor -> the format it is quantized with (differs from the type where the plan falls back,
    // e.g. a row length the block does not divide, or a preset's mixture).
    std::map<std::string, std::string> formats;
    int64_t positions = 0;          // scored positions of the stream
    uint64_t sourceBytes = 0;
    QString error;
};
void runSensitivity(QPromise<SensitivityOutcome>& promise, std::shared_ptr<const qs::Model> model,
                    SensitivityRequest request);

// ---- Mixed precision for a size target ----
struct SizePlanRequest {
    double target = 4.5;
    bool megabytes = false;  // false: bits per weight; true: MB (10^6 bytes)
    QStringList candidates;  // empty: the CLI's default (every GGUF block format and F16)
    EvalStreamOptions stream;
};
struct SizePlanOutcome {
    qs::PlanSpec plan;  // the planned tensors by source name -> format
    std::map<std::string, std::string> formats;  // llama.cpp tensor name -> format, as the CLI prints
    uint64_t targetBytes = 0;
    uint64_t bytes = 0;    // model size with the plan (as plan-for-size counts it)
    double bitsPerWeight = 0;
    AccuracyMetrics metrics;
    bool imatrix = false;        // the candidates rounded with an importance matrix
    bool errorFeedback = false;  // ... by error feedback (the plan's KL is that rounding's)
    QString error;
};
QStringList sizeCandidateChoices();  // formats the dialog offers (GGUF-storable)
QStringList defaultSizeCandidateNames();
// The smallest size a plan over these formats can reach, counted as plan-for-size counts it
// (the forward pass's tensors: matrices at their smallest candidate, the rest as stored), and
// the parameters counted. GUI thread (reads shapes only).
struct SizeBounds {
    uint64_t smallestBytes = 0;
    int64_t params = 0;
    double smallestBitsPerWeight() const { return params > 0 ? 8.0 * double(smallestBytes) / double(params) : 0; }
};
SizeBounds sizeBounds(const qs::Model& m, const QStringList& candidates);
void runPlanForSize(QPromise<SizePlanOutcome>& promise, std::shared_ptr<const qs::Model> model,
                    SizePlanRequest request);

}  // namespace qs::ui::engine
