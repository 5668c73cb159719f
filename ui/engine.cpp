#include "ui/engine.h"

#include "core/error.h"
#include "core/formats/format.h"
#include "core/metrics.h"
#include "core/model.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace qs::ui::engine {

namespace {

QString tr(const char* s) { return QCoreApplication::translate("qs::ui::engine", s); }

QString qstr(const std::string& s) { return QString::fromStdString(s); }

// Tensors a precision is applied to in a whole-model comparison.
bool quantizable(const TensorInfo& t, const Format& f)
{
    return t.shape.size() >= 2 && f.supports(t.rows(), t.cols());
}

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

// Re-bins h into `into` (same or wider range) by bin centre: for display of model-wide errors.
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

}  // namespace

std::vector<ChoiceGroup> precisionChoices()
{
    ChoiceGroup gguf{tr("llama.cpp block formats"), {}};
    ChoiceGroup ints{tr("INT / NF4"), {}};
    ChoiceGroup floats{tr("Float"), {}};
    for (const Format* f : allFormats()) {
        Choice c{qstr(f->name()), qstr(f->description())};
        if (f->family() == FormatFamily::Gguf)
            gguf.choices.push_back(c);
        else if (f->family() == FormatFamily::Int)
            ints.choices.push_back(c);
        else if (f->name() != "F32")
            floats.choices.push_back(c);
    }
    std::vector<ChoiceGroup> out;
    // The block formats go at the top level (the usual choice), the rest in sub-menus.
    gguf.title.clear();
    if (!gguf.choices.empty())
        out.push_back(gguf);
    if (!ints.choices.empty())
        out.push_back(ints);
    if (!floats.choices.empty())
        out.push_back(floats);
    return out;
}

bool isKnownPrecision(const QString& name) { return findFormat(name.toStdString()) != nullptr; }

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
    for (const Format* f : allFormats())
        out.push_back({qstr(f->name()), tr("Every 2-D tensor as %1").arg(qstr(f->name()))});
    return out;
}

QString bytesText(double bytes)
{
    return QLocale().formattedDataSize(qint64(bytes), 2, QLocale::DataSizeTraditionalFormat);
}

PlanView evaluatePlan(const Model& m, const PlanState& plan)
{
    PlanView v;
    const size_t n = m.tensors.size();
    v.target.assign(n, QString());
    v.reason.assign(n, QString());
    v.bytes.assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
        const TensorInfo& t = m.tensors[i];
        v.bytes[i] = t.nbytes;
        QString want;
        if (auto it = plan.overrides.find(int(i)); it != plan.overrides.end()) {
            want = it->second;
            v.reason[i] = tr("set for this tensor");
        } else if (!plan.base.isEmpty() && t.shape.size() >= 2) {
            want = plan.base;
            v.reason[i] = tr("preset %1").arg(plan.base);
        }
        if (want.isEmpty())
            continue;
        const Format* f = findFormat(want.toStdString());
        if (!f) {
            v.reason[i] = tr("unknown format %1: kept").arg(want);
            continue;
        }
        if (!f->supports(t.rows(), t.cols())) {
            v.reason[i] = tr("row length %1 does not fit %2: kept").arg(t.cols()).arg(want);
            continue;
        }
        v.target[i] = want;
        v.bytes[i] = f->storageBytes(t.rows(), t.cols());
    }
    for (uint64_t b : v.bytes)
        v.totalBytes += b;
    return v;
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

void modelHistogram(QPromise<ModelHistogram>& promise, std::shared_ptr<const Model> model, int bins)
{
    ModelHistogram out;
    const auto& ts = model->tensors;
    promise.setProgressRange(0, int(2 * ts.size()));
    double a = 0;
    std::vector<float> x;
    for (size_t i = 0; i < ts.size(); ++i) {
        if (promise.isCanceled())
            return;
        x.resize(size_t(ts[i].numel()));
        model->toFloat(ts[i], x.data());
        a = std::max(a, symmetricRange(x.data(), int64_t(x.size())).hi);
        promise.setProgressValue(int(i + 1));
    }
    if (a <= 0)
        a = 1;
    out.weightHist = histogram(nullptr, 0, bins, -a, a);
    for (size_t i = 0; i < ts.size(); ++i) {
        if (promise.isCanceled())
            return;
        x.resize(size_t(ts[i].numel()));
        model->toFloat(ts[i], x.data());
        merge(out.weightHist, histogram(x.data(), int64_t(x.size()), bins, -a, a));
        out.weights += int64_t(x.size());
        promise.setProgressValue(int(ts.size() + i + 1));
    }
    promise.addResult(std::move(out));
}

void analyseTensor(QPromise<TensorAnalysis>& promise, std::shared_ptr<const Model> model, int tensor,
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
            int k = std::clamp(int(std::floor((double(x[size_t(i)]) - wr.lo) / w)), 0, bins - 1);
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
        const Format* f = findFormat(precisions[p].toStdString());
        if (!f) {
            pa.error = tr("unknown precision");
        } else if (!f->supports(rows, cols)) {
            pa.error = tr("row length %1 is not a multiple of the %2 block size %3")
                           .arg(cols)
                           .arg(pa.precision)
                           .arg(f->blockSize());
        } else {
            MeasureOptions o;
            o.keepDequantized = true;
            o.histogramBins = bins;
            pa.result = quantizeAndMeasure(*f, x.data(), rows, cols, o);
            const std::vector<float>& y = pa.result.dequantized;
            pa.dequantHist = histogram(y.data(), n, bins, wr.lo, wr.hi);
            const int64_t span = f->blockSize() > 1 ? f->blockSize() : cols;
            pa.levelsPerBin.resize(size_t(bins));
            pa.blockPerBin.resize(size_t(bins));
            for (int k = 0; k < bins; ++k) {
                const int64_t i = sample[size_t(k)];
                if (i < 0)
                    continue;
                const int64_t r = i / cols, c = i % cols, b = c / span;
                const int64_t begin = r * cols + b * span;
                pa.levelsPerBin[size_t(k)] = distinctValues(y.data(), begin, begin + span, 1024);
                pa.blockPerBin[size_t(k)] = span == cols ? tr("row %1").arg(r)
                                                         : tr("row %1, block %2 (columns %3–%4)")
                                                               .arg(r)
                                                               .arg(b)
                                                               .arg(b * span)
                                                               .arg(b * span + span - 1);
            }
            std::vector<float>().swap(pa.result.dequantized);
        }
        a.precisions.push_back(std::move(pa));
        promise.setProgressValue(p + 2);
    }
    promise.addResult(std::move(a));
}

void runCompare(QPromise<RunOutcome>& promise, std::shared_ptr<const Model> model, QStringList precisions, int bins)
{
    RunOutcome out;
    RunResult& r = out.result;
    const auto& ts = model->tensors;
    for (const auto& t : ts) {
        r.sourceBytes += double(t.nbytes);
        r.weights += t.numel();
    }
    // Progress in weights processed, scaled to int.
    const double total = double(r.weights) * double(precisions.size());
    const double scale = total > 0 ? 1e6 / total : 0;
    promise.setProgressRange(0, 1000000);
    double done = 0;
    try {
        for (const QString& name : precisions) {
            const Format* f = findFormat(name.toStdString());
            if (!f)
                invalidInput("", "unknown precision " + name.toStdString());
            QElapsedTimer timer;
            timer.start();
            TensorResult sum;
            std::vector<TensorResult> per;
            std::vector<LayerPoint> pts;
            double bytes = 0;
            for (size_t i = 0; i < ts.size(); ++i) {
                if (promise.isCanceled())
                    return;
                const TensorInfo& t = ts[i];
                if (!quantizable(t, *f)) {
                    bytes += double(t.nbytes);
                } else {
                    const std::vector<float> x = model->toFloat(t);
                    MeasureOptions o;
                    o.histogramBins = bins;
                    TensorResult tr = quantizeAndMeasure(*f, x.data(), t.rows(), t.cols(), o);
                    bytes += double(tr.bytes);
                    merge(sum, tr);
                    pts.push_back({int(i), qstr(t.name), tr.stats.sqnrDb(), tr.stats.rmse()});
                    per.push_back(std::move(tr));
                }
                done += double(t.numel());
                promise.setProgressValue(int(done * scale));
            }
            PrecisionRow row;
            row.precision = name;
            row.bytes = bytes;
            row.bitsPerWeight = r.weights ? 8.0 * bytes / double(r.weights) : 0;
            row.compressionVsSource = bytes > 0 ? r.sourceBytes / bytes : 0;
            row.compressionVsF32 = bytes > 0 ? 4.0 * double(r.weights) / bytes : 0;
            row.rmse = sum.stats.rmse();
            row.sqnr = sum.stats.sqnrDb();
            row.maxError = sum.stats.maxAbsErr;
            row.p99 = sum.stats.percentile(99);
            row.cosine = sum.stats.cosine();
            row.seconds = double(timer.nsecsElapsed()) / 1e9;
            const double m = sum.stats.maxAbsErr > 0 ? sum.stats.maxAbsErr : 1.0;
            qs::Histogram eh = histogram(nullptr, 0, bins, -m, m);
            for (const auto& tr : per)
                rebin(eh, tr.errorHist);
            r.rows.push_back(row);
            r.perLayer.push_back(std::move(pts));
            r.errorHists.push_back(std::move(eh));
        }
    } catch (const std::exception& e) {
        out.error = QString::fromUtf8(e.what());
    }
    promise.addResult(std::move(out));
}

}  // namespace qs::ui::engine
