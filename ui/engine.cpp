#include "ui/engine.h"

#include "core/analysis/compare.h"
#include "core/export/demo_model.h"
#include "core/util/error.h"
#include "core/eval/eval_setup.h"
#include "core/export/export.h"
#include "core/model/architecture.h"
#include "core/formats/format.h"
#include "core/formats/inspect.h"
#include "core/analysis/metrics.h"
#include "core/model/model.h"
#include "core/model/readers/readers.h"
#include "core/util/parallel.h"
#include "core/plan/plan.h"
#include "ui/language.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFuture>
#include <QFile>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cstring>
#include <map>
#include <cmath>
#include <optional>

// resources/resources.qrc (the built-in model, the icon) is compiled into the qsui static library,
// whose resource initializer the linker drops unless it is called.
static void initQsuiResources() { Q_INIT_RESOURCE(resources); }

namespace qs::ui::engine {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("qs::ui::engine", s); }

QString qstr(const std::string& s) { return QString::fromStdString(s); }

// Distinct values of v[b, e), sorted, at most `cap` of them.
std::vector<float> distinctValues(const float* v, int64_t b, int64_t e, size_t cap)
{
    std::vector<float> out(v + b, v + e);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    if (out.size() > cap)
        out.resize(cap);
    return out;
}

// The values of a tensor: in place when it is stored as aligned F32 (mapped file or memory), else
// decoded into buf. numel() floats either way.
const float* floatsOf(const Model& m, const TensorInfo& t, std::vector<float>& buf)
{
    if (t.type == GgmlType::F32) {
        const auto bytes = m.data(t);
        if (bytes.size() == size_t(t.numel()) * sizeof(float) &&
            reinterpret_cast<uintptr_t>(bytes.data()) % alignof(float) == 0)
            return reinterpret_cast<const float*>(bytes.data());
    }
    buf.resize(size_t(t.numel()));
    m.toFloat(t, buf.data());
    return buf.data();
}

// True when e is the cancellation of a CancelScope (the caller returns without a result).
bool isCancelled(const Error& e) { return e.kind() == ErrorKind::Cancelled; }

// Re-bins h into `into` by bin centre (display of model-wide errors from per-tensor histograms).
void rebin(qs::Histogram& into, const qs::Histogram& h)
{
    const double w = into.binWidth();
    for (int i = 0; i < h.bins(); ++i) {
        const uint64_t c = h.counts[size_t(i)];
        if (!c)
            continue;
        int k = w > 0 ? int(std::floor((h.binCenter(i) - into.lo) / w)) : 0;
        k = std::clamp(k, 0, into.bins() - 1);
        into.counts[size_t(k)] += c;
    }
}

// The plan with its target and, when empty, its type: the source's own float type.
PlanSpec planFor(const Model& m, const PlanSpec& plan, PlanTarget target)
{
    PlanSpec o = plan;
    if (o.type.empty())
        o.type = keepFormat(m)->name();
    o.target = target;
    return o;
}

}  // namespace

namespace {

// A GGUF block format's nominal bits (the digit of its name: Q8_0 8, IQ2_XXS 2, MXFP4 4) and
// family rank and label.
int nominalBits(const std::string& name)
{
    for (char c : name)
        if (c >= '1' && c <= '9')
            return c - '0';
    return 0;
}
std::pair<int, QString> familyOf(const std::string& name)
{
    auto starts = [&](const char* p) { return name.rfind(p, 0) == 0; };
    auto ends = [&](const char* p) { return name.size() >= std::strlen(p) && name.compare(name.size() - std::strlen(p), std::string::npos, p) == 0; };
    if (starts("Q") && ends("_K"))
        return {1, tr("K-quant")};
    if (starts("Q"))
        return {0, tr("legacy block")};
    if (starts("IQ4"))
        return {2, tr("non-linear levels")};
    if (starts("IQ"))
        return {3, tr("lattice codebook")};
    if (starts("TQ"))
        return {4, tr("ternary")};
    return {5, tr("microscaling FP4")};
}

}  // namespace

std::vector<ChoiceGroup> precisionChoices()
{
    struct Entry {
        int bits, family;
        Choice c;
    };
    std::vector<Entry> gguf;
    ChoiceGroup ints{tr("INT / NF4"), {}};
    ChoiceGroup floats{tr("Float"), {}};
    ChoiceGroup presets{tr("Presets (mixed precision)"), {}};
    for (const Format* f : allFormats()) {
        Choice c{qstr(f->name()), Language::formatDescription(*f), {}};
        if (f->family() == FormatFamily::Gguf) {
            const auto [rank, family] = familyOf(f->name());
            const double bpw = f->bitsPerWeight(1, 256 * f->blockSize());
            c.detail = tr("%1 · %2 bits/weight").arg(family, QLocale().toString(bpw, 'f', 2));
            gguf.push_back({nominalBits(f->name()), rank, c});
        } else if (f->family() == FormatFamily::Int) {
            ints.choices.push_back(c);
        } else if (f->name() != "F32") {
            floats.choices.push_back(c);
        }
    }
    for (const auto& p : presetNames())
        if (!findFormat(p))
            presets.choices.push_back({qstr(p), tr("llama.cpp preset %1: a mixture of types per tensor").arg(qstr(p)), {}});
    // most bits first; within a section by family, then by name (registration order)
    std::stable_sort(gguf.begin(), gguf.end(), [](const Entry& a, const Entry& b) {
        return a.bits != b.bits ? a.bits > b.bits : a.family < b.family;
    });
    std::vector<ChoiceGroup> out;
    for (const Entry& e : gguf) {
        if (out.empty() || out.back().title != tr("%1-bit formats").arg(e.bits))
            out.push_back({tr("%1-bit formats").arg(e.bits), {}, true});
        out.back().choices.push_back(e.c);
    }
    for (auto* g : {&presets, &ints, &floats})
        if (!g->choices.empty())
            out.push_back(*g);
    return out;
}

bool isKnownPrecision(const QString& name) { return isKnownType(name.toStdString()); }

QStringList planTargets()
{
    QStringList out;
    for (const Format* f : allFormats())
        out << qstr(f->name());
    return out;
}

std::vector<Choice> planPresets()
{
    std::vector<Choice> out;
    for (const auto& p : presetNames())
        if (!findFormat(p))
            out.push_back({qstr(p), tr("llama.cpp preset %1").arg(qstr(p)), {}});
    for (const Format* f : allFormats())
        out.push_back({qstr(f->name()), tr("Every eligible tensor as %1").arg(qstr(f->name())), {}});
    return out;
}

QString bytesText(double bytes)
{
    // Powers of 1024 named as such (KiB, MiB), as the CLI prints them.
    return QLocale().formattedDataSize(qint64(bytes), 2, QLocale::DataSizeIecFormat);
}

const Format* keepFormat(const Model& m)
{
    for (const auto& t : m.tensors)
        if (t.shape.size() >= 2) {
            const Format* f = findFormat(t.dtype);
            return f ? f : findFormat("F16");
        }
    return findFormat("F16");
}

QuantPlan resolvePlan(const Model& m, const PlanSpec& plan)
{
    try {
        return buildPlan(m, planFor(m, plan, PlanTarget::Gguf));
    } catch (const Error&) {
        return buildPlan(m, planFor(m, plan, PlanTarget::Safetensors));
    }
}

uint64_t plannedBytes(const Model& m, const PlanEntry& e)
{
    const Format* f = e.eligible ? findFormat(e.outputDtype) : nullptr;
    return f ? f->storageBytes(e.rows(), e.cols()) : m.tensors.at(size_t(e.sourceIndex)).nbytes;
}

Opened openModel(const QString& path)
{
    Opened o;
    try {
        o.model = std::shared_ptr<const Model>(qs::openModel(path.toStdString()));
        o.label = QFileInfo(path).fileName();
    } catch (const std::exception& e) {
        o.error = QString::fromUtf8(e.what());
        if (!o.error.contains(path))
            o.error = path + QStringLiteral(": ") + o.error;
    }
    return o;
}

QString builtinModelPath() { return QStringLiteral(":/models/stories260K-f32.gguf"); }

void initResources()
{
    static const bool done = (initQsuiResources(), true);
    (void)done;
}

Opened builtinModel()
{
    initResources();
    Opened o;
    try {
        QFile f(builtinModelPath());
        if (!f.open(QIODevice::ReadOnly))
            throw Error(ErrorKind::Failure, builtinModelPath().toStdString() + ": the built-in model is missing");
        // The bytes live as long as the model (ByteSource::owner); a copy keeps the floats aligned.
        auto bytes = std::make_shared<const QByteArray>(f.readAll());
        ByteSource src;
        src.path = builtinModelPath().toStdString();
        src.bytes = std::span<const std::byte>(reinterpret_cast<const std::byte*>(bytes->constData()), size_t(bytes->size()));
        src.owner = bytes;
        o.model = std::shared_ptr<const Model>(openModelBytes(std::move(src)));
        o.label = tr("stories260K (built-in)");
    } catch (const std::exception& e) {
        o.error = QString::fromUtf8(e.what());
    }
    return o;
}

Opened demoModel(int64_t params)
{
    Opened o;
    try {
        o.model = std::shared_ptr<const Model>(makeDemoModel(params, GgmlType::F32, kDemoSeed));
        o.label = tr("synthetic demo (%1 M parameters, random-like weights)")
                      .arg(QLocale().toString(double(o.model->nParams()) / 1e6, 'f', 1));
    } catch (const std::exception& e) {
        o.error = QString::fromUtf8(e.what());
    }
    return o;
}

void modelHistogram(QPromise<ModelHistogram>& promise, std::shared_ptr<const Model> model, int bins)
{
    // Two passes (the range, then the counts); F32 tensors are read in place, not decoded.
    // Cancelling stops within a tensor too (CancelScope: at the next chunk).
    const CancelScope scope([&promise] { return promise.isCanceled(); });
    try {
        ModelHistogram out;
        const auto& ts = model->tensors;
        promise.setProgressRange(0, int(2 * ts.size()));
        double a = 0;
        std::vector<float> buf;
        for (size_t i = 0; i < ts.size(); ++i) {
            throwIfCancelled();
            a = std::max(a, symmetricRange(floatsOf(*model, ts[i], buf), ts[i].numel()).hi);
            promise.setProgressValue(int(i + 1));
        }
        if (a <= 0)
            a = 1;
        out.weightHist = histogram(nullptr, 0, bins, -a, a);
        for (size_t i = 0; i < ts.size(); ++i) {
            throwIfCancelled();
            merge(out.weightHist, histogram(floatsOf(*model, ts[i], buf), ts[i].numel(), bins, -a, a));
            out.weights += ts[i].numel();
            promise.setProgressValue(int(ts.size() + i + 1));
        }
        promise.addResult(std::move(out));
    } catch (const Error& e) {
        if (!isCancelled(e))
            throw;
    }
}

static void analyseTensorUncancelled(QPromise<TensorAnalysis>& promise, std::shared_ptr<const Model> model, int tensor,
                                     QStringList precisions, int bins)
{
    const TensorInfo& t = model->tensors.at(size_t(tensor));
    TensorAnalysis a;
    a.tensor = tensor;
    a.name = qstr(t.name);
    a.weights = t.numel();
    a.sourceBytes = double(t.nbytes);
    promise.setProgressRange(0, int(precisions.size()) + 1);
    const std::vector<float> x = model->toFloat(t);
    const int64_t n = int64_t(x.size());
    const Range wr = symmetricRange(x.data(), n);
    a.weightHist = histogram(x.data(), n, bins, wr.lo, wr.hi);
    // One sample weight per bin: the blocks whose levels the histogram shows.
    std::vector<int64_t> sample(size_t(bins), -1);
    {
        const double w = a.weightHist.binWidth();
        int64_t missing = bins;
        for (int64_t i = 0; i < n && missing > 0; ++i) {
            if (!std::isfinite(x[size_t(i)]))
                continue;
            const int k = std::clamp(int(std::floor((double(x[size_t(i)]) - wr.lo) / w)), 0, bins - 1);
            if (sample[size_t(k)] < 0) {
                sample[size_t(k)] = i;
                --missing;
            }
        }
    }
    promise.setProgressValue(1);
    const int64_t rows = t.rows(), cols = t.cols();
    for (int p = 0; p < precisions.size(); ++p) {
        if (promise.isCanceled())
            return;
        PrecisionAnalysis pa;
        pa.precision = precisions[p];
        try {
            // The type this tensor gets at this precision, as compare and export see it
            // (presets mix types; row lengths a block does not divide fall back).
            PlanSpec po;
            po.type = precisions[p].toStdString();
            po.target = PlanTarget::Safetensors;
            const QuantPlan plan = buildPlan(*model, po);
            const PlanEntry& e = plan.entries.at(size_t(tensor));
            if (!e.eligible) {
                pa.error = tr("not quantized (%1)").arg(qstr(e.reason));
            } else {
                const Format& f = planFormat(e);
                if (e.format != po.type)
                    pa.precision = tr("%1 (%2)").arg(precisions[p], qstr(e.format));
                MeasureOptions o;
                o.keepDequantized = true;
                o.histogramBins = bins;
                pa.result = quantizeAndMeasure(f, x.data(), rows, cols, o);
                const std::vector<float>& y = pa.result.dequantized;
                pa.dequantHist = histogram(y.data(), n, bins, wr.lo, wr.hi);
                const int64_t span = f.blockSize() > 1 ? f.blockSize() : cols;
                pa.levelsPerBin.resize(size_t(bins));
                pa.blockPerBin.resize(size_t(bins));
                for (int k = 0; k < bins; ++k) {
                    const int64_t i = sample[size_t(k)];
                    if (i < 0)
                        continue;
                    const int64_t r = i / cols, c = i % cols, b = c / span;
                    const int64_t begin = r * cols + b * span;
                    pa.levelsPerBin[size_t(k)] = distinctValues(y.data(), begin, begin + span, 256);
                    pa.blockPerBin[size_t(k)] = span == cols ? tr("row %1").arg(r)
                                                             : tr("row %1, block %2 (columns %3–%4)")
                                                                   .arg(r)
                                                                   .arg(b)
                                                                   .arg(b * span)
                                                                   .arg(b * span + span - 1);
                }
                std::vector<float>().swap(pa.result.dequantized);
                if (inspectSupported(f)) {
                    const int len = inspectBlockLength(f, cols);
                    if (len > 0) {
                        const BlockInspection bi = inspectBlock(f, x.data(), rows, cols, 0, 0);
                        pa.levelsPossible = int(bi.levels.size()) * int(std::max<int64_t>(1, span / len));
                    }
                }
            }
        } catch (const Error& ex) {
            if (isCancelled(ex))
                throw;
            pa.error = QString::fromUtf8(ex.what());
        } catch (const std::exception& ex) {
            pa.error = QString::fromUtf8(ex.what());
        }
        pa.key = precisions[p];
        a.precisions.push_back(std::move(pa));
        promise.setProgressValue(p + 2);
    }
    promise.addResult(std::move(a));
}

void analyseTensor(QPromise<TensorAnalysis>& promise, std::shared_ptr<const Model> model, int tensor,
                   QStringList precisions, int bins)
{
    // Cancelling stops within the tensor too (CancelScope: decoding, quantizing, measuring).
    const CancelScope scope([&promise] { return promise.isCanceled(); });
    try {
        analyseTensorUncancelled(promise, std::move(model), tensor, std::move(precisions), bins);
    } catch (const Error& e) {
        if (!isCancelled(e))
            throw;
    }
}

bool takeError(QString& error)
{
    try {
        throw;
    } catch (const Error& e) {
        if (isCancelled(e))
            return false;
        error = QString::fromUtf8(e.what());
    } catch (const std::exception& e) {
        error = QString::fromUtf8(e.what());
    }
    return true;
}

bool canEvaluate(const Model& m) { return modelConfig(m).has_value(); }

void runCompare(QPromise<RunOutcome>& promise, std::shared_ptr<const Model> model, QStringList precisions, int bins,
                EvalRequest eval, SpeedRequest speed)
{
    RunOutcome out;
    RunResult& r = out.result;
    std::vector<std::string> types;
    for (const QString& p : precisions)
        types.push_back(p.toStdString());
    // Cancelling stops within a tensor and within the model's forward pass too: every parallelFor
    // of compare, the evaluation and the speed measurement checks this scope at its next chunk.
    const CancelScope scope([&promise] { return promise.isCanceled(); });
    std::vector<std::vector<TensorResult>> per(types.size());
    std::vector<std::vector<LayerPoint>> perLayer(types.size());
    CompareOptions o;
    o.histogramBins = bins;
    promise.setProgressRange(0, 1000);
    // Progress: the weight comparison, then (with evaluation) the stream and reference, then one
    // step per type; then (with speed) the speed of the source and of every type.
    const int evalEnd = speed.enabled ? (eval.enabled ? 800 : 500) : 1000;
    const int compareEnd = eval.enabled ? 300 : evalEnd, prepareEnd = speed.enabled ? 450 : 500;
    auto setProgress = [&](int from, int to, double frac) {
        promise.setProgressValue(from + int((to - from) * std::clamp(frac, 0.0, 1.0)));
    };
    o.progress = [&](int done, int total) { setProgress(0, compareEnd, total > 0 ? double(done) / total : 0); };
    o.tensorResult = [&](size_t k, int i, const TensorResult& tr) {
        const TensorInfo& t = model->tensors[size_t(i)];
        perLayer[k].push_back({i, qstr(t.name), tr.stats.sqnrDb(), tr.stats.rmse()});
        TensorResult slim;
        slim.errorHist = tr.errorHist;
        slim.stats.maxAbsErr = tr.stats.maxAbsErr;
        per[k].push_back(std::move(slim));
    };
    try {
        promise.setProgressValueAndText(1, tr("Quantizing every tensor…"));  // (values must rise)
        const CompareResult res = compareModel(*model, types, o);
        // Source bytes and weights of the tensors compare measured (the eligible ones).
        PlanSpec po;
        po.type = types.front();
        po.target = PlanTarget::Safetensors;
        const QuantPlan plan = buildPlan(*model, po);
        for (const PlanEntry& e : plan.entries)
            if (e.eligible) {
                r.sourceBytes += double(model->tensors[size_t(e.sourceIndex)].nbytes);
                r.weights += e.numel();
            }
        // Model accuracy through the engine function quantscope-cli compare --eval uses.
        std::unique_ptr<EvalSetup> setup;
        if (eval.enabled) {
            promise.setProgressValueAndText(compareEnd + 1, tr("Running the original model on the evaluation tokens…"));
            EvalStreamOptions so = eval.stream;
            so.calibrationMoments = true;  // the block inspector's error-feedback codes
            so.progress = [&](int done, int total) { setProgress(compareEnd, prepareEnd, double(done) / total); };
            setup = prepareEvaluation(*model, so);
            r.evaluated = true;
            r.imatrix = setup->imatrix.has_value();
            if (setup->errorFeedback)  // shares the moments (shared_ptr per matrix input)
                r.calibration = std::make_shared<const ActivationStats>(*setup->errorFeedback);
            r.evalTokens = int64_t(setup->tokens.size());
            r.evalPositions = setup->evaluator->positions();
            r.pplReference = setup->evaluator->pplReference();
        }
        r.activations = eval.enabled ? eval.stream.activations : speed.mode;
        std::vector<size_t> typeOf;  // per row of r.rows: its type's index in res.rows
        for (size_t k = 0; k < res.rows.size(); ++k) {
            const CompareRow& c = res.rows[k];
            const ErrorStats& s = c.total.stats;
            PrecisionRow row;
            row.precision = qstr(c.type);
            row.demo = model->format == "memory";
            // What the type's plan gives each measured tensor (as compare plans it): the formats
            // mixed in the row, the fallbacks, and whether any format reads an importance matrix
            // (the INT/NF4 family ignores one: no "+ imatrix" row for them).
            bool readsImatrix = false;
            {
                PlanSpec tpo;
                tpo.type = c.type;
                tpo.target = PlanTarget::Safetensors;
                std::map<std::string, FormatShare> shares;
                for (const PlanEntry& e : buildPlan(*model, tpo).entries) {
                    if (!e.eligible)
                        continue;
                    const Format& f = planFormat(e);
                    readsImatrix |= f.family() == FormatFamily::Gguf && f.blockSize() > 1;
                    FormatShare& sh = shares[e.format];
                    sh.format = qstr(e.format);
                    ++sh.tensors;
                    sh.weights += e.numel();
                    sh.bytes += double(f.storageBytes(e.rows(), e.cols()));
                    if (e.fallback) {
                        ++row.fellBack;
                        if (!row.fallbackTypes.contains(sh.format))
                            row.fallbackTypes << sh.format;
                    }
                }
                for (auto& [name, sh] : shares)
                    row.mix.push_back(sh);
                std::sort(row.mix.begin(), row.mix.end(),
                          [](const FormatShare& a, const FormatShare& b) { return a.weights > b.weights; });
            }
            row.bytes = double(c.sizeBytes());
            row.bitsPerWeight = c.bitsPerWeight();
            row.compressionVsSource = row.bytes > 0 ? r.sourceBytes / row.bytes : 0;
            row.compressionVsF32 = row.bytes > 0 ? 4.0 * double(c.total.weights) / row.bytes : 0;
            row.rmse = s.rmse();
            row.sqnr = s.sqnrDb();
            row.maxError = s.maxAbsErr;
            row.p99 = s.percentile(99);
            row.cosine = s.cosine();
            row.seconds = c.seconds;
            row.tensors = c.tensors;
            row.fallbacks = c.fallbacks;
            const double m = s.maxAbsErr > 0 ? s.maxAbsErr : 1.0;
            qs::Histogram eh = histogram(nullptr, 0, bins, -m, m);
            for (const auto& tr : per[k])
                rebin(eh, tr.errorHist);
            std::optional<PrecisionRow> imRow, efRow;
            if (setup) {
                if (promise.isCanceled())
                    return;
                promise.setProgressValueAndText(
                    prepareEnd + 1 + int((evalEnd - prepareEnd - 1) * double(k) / double(res.rows.size())),
                    tr("Evaluating %1…").arg(qstr(c.type)));
                // A type that ignores the importance matrix is not evaluated with it (its row would
                // repeat the plain one).
                std::optional<ActivationStats> parked;
                if (!readsImatrix)
                    parked.swap(setup->imatrix);
                const TypeAccuracy acc = evaluateType(*model, *setup, PlanSpec(c.type));
                if (parked)
                    parked.swap(setup->imatrix);
                auto fill = [&](PrecisionRow& pr, const AccuracyMetrics& a) {
                    pr.evaluated = true;
                    pr.kldMean = a.kldMean;
                    pr.kldP99 = a.kldP99;
                    pr.top1 = a.top1Agreement;
                    pr.ppl = a.ppl;
                    pr.pplReference = a.pplReference;
                    pr.evalPositions = a.positions;
                };
                fill(row, acc.plain);
                // "+ imatrix" / "+ error feedback": the type's row with other accuracy and no weight errors.
                auto variant = [&](const QString& label, bool PrecisionRow::*flag, const AccuracyMetrics& a) {
                    PrecisionRow v = row;
                    v.precision = label;
                    v.*flag = true;
                    v.weightMeasured = false;
                    v.seconds = 0;
                    fill(v, a);
                    return v;
                };
                if (acc.imatrix)
                    imRow = variant(tr("%1 + imatrix").arg(row.precision), &PrecisionRow::imatrix, *acc.imatrix);
                if (acc.errorFeedback)
                    efRow = variant(tr("%1 + error feedback").arg(row.precision), &PrecisionRow::errorFeedback,
                                    *acc.errorFeedback);
                setProgress(prepareEnd, evalEnd, double(k + 1) / double(res.rows.size()));
            }
            r.rows.push_back(row);
            r.perLayer.push_back(std::move(perLayer[k]));
            r.errorHists.push_back(std::move(eh));
            typeOf.push_back(k);
            for (const std::optional<PrecisionRow>* extra : {&imRow, &efRow})
                if (*extra) {
                    r.rows.push_back(**extra);
                    r.perLayer.emplace_back();
                    r.errorHists.emplace_back();
                    typeOf.push_back(k);
                }
        }
        if (speed.enabled) {
            // On the weights the evaluation ran (or the model's, read once more), each type's plan
            // applied as the evaluation applies it.
            promise.setProgressValueAndText(evalEnd + 1, tr("Measuring speed…"));
            QStringList types;
            for (const CompareRow& c : res.rows)
                types << qstr(c.type);
            const RunSpeed sp = measureRunSpeed(
                *model, setup ? setup->weights.get() : nullptr, types, speed,
                [&](double f) { setProgress(evalEnd, 1000, f); },
                [&](const QString& t) {
                    promise.setProgressValueAndText(promise.future().progressValue() + 1,
                                                    tr("Measuring the speed of %1…").arg(t));
                });
            auto fill = [&](PrecisionRow& pr, const SpeedFigures& f) {
                pr.speedMeasured = true;
                pr.tgTokensPerS = f.speed.tgTokensPerS;
                pr.ppTokensPerS = f.speed.ppTokensPerS;
                pr.speedup = f.speedup;
                pr.speedThreads = sp.threads;
                pr.speedPromptTokens = sp.promptTokens;
                pr.speedDecodeTokens = f.speed.decodeTokens;
                pr.speedBatchTokens = f.speed.batchTokens;
                pr.speedFloatActivations = sp.activations == ActMode::Float;
            };
            for (size_t i = 0; i < r.rows.size(); ++i)
                fill(r.rows[i], sp.rows[typeOf[i] + 1]);
            // The source row first: the opened model's storage of the tensors compare measured.
            PrecisionRow src;
            src.precision = sp.rows.front().type;
            src.source = true;
            src.demo = model->format == "memory";
            src.weightMeasured = false;
            src.bytes = r.sourceBytes;
            src.bitsPerWeight = r.weights > 0 ? 8.0 * r.sourceBytes / double(r.weights) : 0;
            src.compressionVsSource = 1;
            src.compressionVsF32 = r.sourceBytes > 0 ? 4.0 * double(r.weights) / r.sourceBytes : 0;
            fill(src, sp.rows.front());
            r.rows.insert(r.rows.begin(), src);
            r.perLayer.insert(r.perLayer.begin(), {});
            r.errorHists.insert(r.errorHists.begin(), qs::Histogram{});
            r.speedMeasured = true;
            promise.setProgressValue(1000);
        }
    } catch (...) {
        QString error;
        if (!takeError(error))
            return;  // cancelled: no result, the future is cancelled
        throw WorkerError(error);
    }
    promise.addResult(std::move(out));
}

QString ggufProblem(const Model& m, const QString& type, const PlanSpec& plan)
{
    if (!type.isEmpty()) {
        const Format* f = findFormat(type.toStdString());
        if (f && !f->ggmlType())
            return tr("%1 has no GGUF tensor type (llama.cpp cannot load it): it is exported as fake-quant "
                      "safetensors, dequantized values in the source's dtype.")
                .arg(type);
    }
    try {
        PlanSpec po = type.isEmpty() ? planFor(m, plan, PlanTarget::Gguf) : PlanSpec{};
        if (!type.isEmpty()) {
            po.type = type.toStdString();
            po.target = PlanTarget::Gguf;
        }
        buildPlan(m, po);
    } catch (const std::exception& e) {
        if (type.isEmpty())
            return tr("The plan uses a type GGUF cannot store (%1): it is exported as fake-quant safetensors.")
                .arg(QString::fromUtf8(e.what()));
        return QString::fromUtf8(e.what());
    }
    return {};
}

namespace {

// Refuses error feedback where it cannot apply: a safetensors target, a model it cannot run.
void checkErrorFeedback(const Model& m)
{
    if (!canEvaluate(m))
        invalidInput("", "error-feedback rounding needs a llama-shaped model (it runs the model on its calibration "
                         "stream)");
}

}  // namespace

QString checkExport(const Model& m, const ExportRequest& req)
{
    try {
        const PlanTarget target = targetForPath(req.path.toStdString());
        PlanSpec po = req.type.isEmpty() ? planFor(m, req.plan, target) : PlanSpec{};
        if (!req.type.isEmpty()) {
            po.type = req.type.toStdString();
            po.target = target;
        }
        const QuantPlan plan = buildPlan(m, po);
        for (const PlanEntry& e : plan.entries)
            if (e.eligible && !findFormat(e.format))
                invalidInput("", e.format + " (tensor " + e.outputName + ") is not available in this build");
        checkOutputIsNotInput(m, req.path.toStdString());
        if (req.errorFeedback)
            checkErrorFeedback(m);
    } catch (const std::exception& e) {
        QString msg = QString::fromUtf8(e.what());
        if (!msg.contains(req.path))
            msg = req.path + QStringLiteral(": ") + msg;
        return msg;
    }
    return {};
}

void exportModel(QPromise<ExportOutcome>& promise, std::shared_ptr<const Model> model, ExportRequest req)
{
    ExportOutcome out;
    out.path = req.path;
    // Cancelling stops between tensors and within one (CancelScope: at the next chunk of rows).
    const CancelScope scope([&promise] { return promise.isCanceled(); });
    ExportOptions eo;
    promise.setProgressRange(0, 1000);
    // With error feedback its layer-by-layer pass is most of the work: the first 900 of the bar.
    const int writeFrom = req.errorFeedback ? 900 : 0;
    eo.progress = [&](const ExportProgress& p) {
        const double f = p.bytesTotal ? double(p.bytesRead) / double(p.bytesTotal) : (p.total ? double(p.done) / p.total : 0.0);
        promise.setProgressValue(writeFrom + int((1000 - writeFrom) * f));
    };
    QElapsedTimer timer;
    timer.start();
    try {
        const PlanTarget target = targetForPath(req.path.toStdString());
        PlanSpec po = planFor(*model, req.plan, target);
        if (!req.type.isEmpty()) {
            po = PlanSpec{};
            po.type = req.type.toStdString();
            po.target = target;
        }
        const QuantPlan plan = buildPlan(*model, po);
        // Generated (in-memory) models stream their values instead of holding them.
        if (model->format == "memory")
            eo.loadFloats = [m = model.get()](const TensorInfo& t) { return demoTensorFloats(*m, t); };
        // Error feedback, or an importance matrix llama.cpp requires for this plan: calibrated as
        // `quantize` does (error feedback on the request's stream, the importance on the default one
        // unless error feedback calibrates anyway).
        std::optional<ActivationStats> calibration;
        std::optional<LlamaWeights> efWeights;  // the model as error feedback rounds it
        if (req.errorFeedback)
            checkErrorFeedback(*model);  // before any work
        if (req.errorFeedback || plan.importanceCalibrated) {
            const LlamaWeights w = LlamaWeights::fromModel(*model);
            calibration = calibrationStats(*model, w, req.errorFeedback ? req.calibration : CalibrationChoice{});
            if (req.errorFeedback) {
                efWeights = applyErrorFeedback(w, precisionFromPlan(w, plan), *calibration, [&](int done, int layers) {
                    promise.setProgressValue(writeFrom * done / std::max(layers, 1));
                });
                if (target == PlanTarget::Gguf)
                    eo.quantizeTensor = errorFeedbackExporter(*efWeights);
                else  // fake-quant safetensors: the values it evaluated, in the source's layout
                    eo.replaceFloats = errorFeedbackFakeQuant(*model, *efWeights);
            }
            if (plan.importanceCalibrated)
                eo.importance = [&c = *calibration](const PlanEntry& e) { return c.importance(e.ggufName); };
        }
        const ExportResult r = qs::exportModel(*model, plan, req.path.toStdString(), eo);
        out.bytes = r.bytesWritten;
        for (const auto& w : r.warnings)
            out.warnings << qstr(w);
    } catch (const std::exception& e) {
        const auto* error = dynamic_cast<const Error*>(&e);
        out.cancelled = error && error->kind() == ErrorKind::Cancelled;
        if (!out.cancelled) {
            const QString text = QString::fromUtf8(e.what());
            throw WorkerError(text.contains(req.path) ? text : req.path + QStringLiteral(": ") + text);
        }
    }
    out.seconds = double(timer.nsecsElapsed()) / 1e9;
    promise.addResult(std::move(out));
}

}  // namespace qs::ui::engine
