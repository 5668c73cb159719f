#pragma once
// The window's one door to the engine: format and preset lists, the mixed-precision plan,
// and the functions the workers run (all of them call core/; none computes metrics itself).
// Every function below may run on a worker thread unless noted.
#include "core/eval/eval_setup.h"
#include "core/plan/plan.h"
#include "ui/analysis.h"
#include "ui/speed_engine.h"

#include <QException>
#include <QPromise>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace qs {
class Model;
}

namespace qs::ui::engine {

constexpr int64_t kDemoParams = 12'000'000;
constexpr uint64_t kDemoSeed = 1;

// ---- Lists (GUI thread) ----
struct Choice {
    QString name;
    QString tip;
    QString detail;  // shown beside the name (the block formats: family and bits per weight)
};
struct ChoiceGroup {
    QString title;  // empty: top level of the menu
    std::vector<Choice> choices;
    bool section = false;  // a titled section of the top level instead of a submenu
};
// What the precision bar offers: llama.cpp block formats in sections by bits (8-bit ... 1-bit),
// each ordered by family (legacy, K-quants, non-linear levels, lattice codebooks, ternary,
// microscaling), then presets, the INT family and the float types as submenus.
std::vector<ChoiceGroup> precisionChoices();
bool isKnownPrecision(const QString& name);
// Formats a tensor of the plan may be set to.
QStringList planTargets();
// Presets of the plan combo (a preset or a format applied to every eligible tensor).
std::vector<Choice> planPresets();

QString bytesText(double bytes);

// ---- The mixed-precision plan ----
// The browser's plan is a qs::PlanSpec (core/plan): a preset or format for every eligible tensor
// (`type`; empty: keepFormat) and exact tensor names -> format.
// The format "(keep)" stands for: the type of the source's first matrix, F16 if the engine has
// no such format.
const qs::Format* keepFormat(const qs::Model& m);
// The plan resolved as an export resolves it: into a GGUF when every chosen format can be stored
// there, else fake-quant safetensors. Throws qs::Error for a plan the engine rejects.
qs::QuantPlan resolvePlan(const qs::Model& m, const qs::PlanSpec& plan);
// Bytes of a tensor after the plan: quantized ones at their stored type, the others as now.
uint64_t plannedBytes(const qs::Model& m, const qs::PlanEntry& e);

// ---- Worker functions (QtConcurrent::run) ----
// Inside a worker's catch (...): a cancellation (qs::Error Cancelled) returns false, so the worker
// adds no result; any other qs::Error or std::exception goes into `error` and returns true.
// Anything else is rethrown.
bool takeError(QString& error);

// A worker's failure in words, thrown by it and carried in its future (QtConcurrent stores a
// QException; the future's continuations see it in .onFailed, result() rethrows it).
class WorkerError : public QException {
public:
    explicit WorkerError(const QString& message) : message_(message), utf8_(message.toUtf8()) {}
    QString message() const { return message_; }
    const char* what() const noexcept override { return utf8_.constData(); }
    void raise() const override { throw *this; }
    WorkerError* clone() const override { return new WorkerError(*this); }

private:
    QString message_;
    QByteArray utf8_;
};

struct Opened {
    std::shared_ptr<const qs::Model> model;
    QString label;
    QString error;
};
Opened openModel(const QString& path);
// The built-in model the window opens on: stories260K (a real 260K-parameter llama trained on
// TinyStories, MIT, tests/data/stories260K) embedded as a resource (resources/resources.qrc) and
// read from memory. GUI thread or worker.
Opened builtinModel();
// Registers the window's embedded resources (the built-in model, the icon); once is enough.
void initResources();
// The resource path of the built-in model (its Model::path).
QString builtinModelPath();
// The synthetic demo (makeDemoModel, in memory, random-like weights), labelled "synthetic demo".
Opened demoModel(int64_t params = kDemoParams);

// Whole-model weight histogram. Like the analysis and the run below, it stops soon after
// promise.cancel(), within a tensor too (qs::CancelScope), and then adds no result.
void modelHistogram(QPromise<ModelHistogram>& promise, std::shared_ptr<const qs::Model> model, int bins);

// One tensor at the given precisions (the ones not cached yet).
void analyseTensor(QPromise<TensorAnalysis>& promise, std::shared_ptr<const qs::Model> model, int tensor,
                   QStringList precisions, int bins);

// True when the model can be run (a known architecture with complete hyper-parameters: qs::modelConfig).
bool canEvaluate(const qs::Model& m);

// Model accuracy in a Run: the evaluation stream (default: kDefaultEvalSample tokens sampled from
// the reference with seed kDefaultEvalSeed, as quantscope-cli compare --eval) and, with
// stream.imatrix, a second row per precision quantized with an importance matrix calibrated on
// another stream. cancel/progress of `stream` are set by the worker.
struct EvalRequest {
    bool enabled = false;
    qs::EvalStreamOptions stream;
};

// The whole model at every precision (the table and the per-layer plot); with evaluation, each
// row also carries KL / top-1 / perplexity (and "<type> + imatrix" rows follow their type); with
// speed (ui/speed_engine.h, last: on the quantized weights, in the evaluation's activation mode),
// a source row comes first and every row carries tokens/s. An error (qs::Error thrown by the
// engine) ends the run with a WorkerError in the future; a cancelled run adds no result.
struct RunOutcome {
    RunResult result;
};
void runCompare(QPromise<RunOutcome>& promise, std::shared_ptr<const qs::Model> model, QStringList precisions,
                int bins, EvalRequest eval = {}, SpeedRequest speed = {});

// Export: a precision (format or preset) or the current plan, to .gguf or fake-quant .safetensors.
struct ExportRequest {
    QString path;
    QString type;      // empty: the plan below
    qs::PlanSpec plan;
    // Error-feedback rounding (GGUF only, llama-shaped models), calibrated as the window's
    // accuracy Run is (the evaluation controller's calibration stream), so the file holds the
    // weights of the “+ error feedback” rows; as quantscope-cli quantize --error-feedback.
    bool errorFeedback = false;
    qs::CalibrationChoice calibration;
};
// An error ends the export with a WorkerError in the future (its text names the file); a
// cancellation by the engine itself is an outcome with `cancelled` set.
struct ExportOutcome {
    QString path;
    bool cancelled = false;
    uint64_t bytes = 0;
    double seconds = 0;
    QStringList warnings;
};
void exportModel(QPromise<ExportOutcome>& promise, std::shared_ptr<const qs::Model> model, ExportRequest request);
// Why a GGUF file cannot hold this export (a precision or a plan using a type llama.cpp has no
// tensor type for, such as the INT/NF4 family), in words for the export dialog; empty when it
// can. An empty type means the plan. GUI thread.
QString ggufProblem(const qs::Model& m, const QString& type, const qs::PlanSpec& plan);
// Checks an export request before any work (unknown type, INT type to GGUF, output = input);
// returns the error or an empty string. GUI thread.
QString checkExport(const qs::Model& m, const ExportRequest& request);

}  // namespace qs::ui::engine
