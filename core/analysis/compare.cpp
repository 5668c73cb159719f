#include "core/analysis/compare.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/util/parallel.h"
#include "core/plan/plan.h"

#include <QElapsedTimer>
#include <QJsonArray>

namespace qs {

CompareResult compareModel(const Model& m, const std::vector<std::string>& types, const CompareOptions& opts)
{
    if (types.empty())
        invalidInput("", "no types to compare");
    CompareResult res;
    res.model = m.path.empty() ? (m.meta("general.name") ? m.meta("general.name")->s : std::string("(in memory)")) : m.path;
    std::vector<QuantPlan> plans;
    for (const auto& t : types) {
        PlanSpec po = opts.plan;
        po.type = t;
        po.target = PlanTarget::Safetensors;  // any family; names as in the source
        plans.push_back(buildPlan(m, po));
        for (const auto& e : plans.back().entries)
            if (e.eligible)
                planFormat(e);  // every format must exist before any work
        CompareRow row;
        row.type = t;
        res.rows.push_back(std::move(row));
    }
    const int n = int(m.tensors.size());
    int eligible = 0;
    for (const auto& e : plans.front().entries)
        eligible += e.eligible ? 1 : 0;
    int done = 0;
    for (int i = 0; i < n; ++i) {
        if (!plans.front().entries[size_t(i)].eligible)
            continue;
        // Between tensors; within one, decoding, quantizing and measuring stop at their next
        // chunk of rows (the calling thread's qs::CancelScope).
        throwIfCancelled();
        const TensorInfo& t = m.tensors[size_t(i)];
        const std::vector<float> w = m.toFloat(t);
        for (size_t k = 0; k < plans.size(); ++k) {
            const PlanEntry& e = plans[k].entries[size_t(i)];
            QElapsedTimer timer;
            timer.start();
            MeasureOptions mo;
            mo.histogramBins = opts.histogramBins;
            const TensorResult r = quantizeAndMeasure(planFormat(e), w.data(), e.rows(), e.cols(), mo);
            CompareRow& row = res.rows[k];
            merge(row.total, r);
            row.seconds += double(timer.nsecsElapsed()) * 1e-9;
            ++row.tensors;
            row.fallbacks += e.fallback ? 1 : 0;
            if (opts.tensorResult)
                opts.tensorResult(k, i, r);
        }
        ++done;
        if (opts.progress)
            opts.progress(done, eligible);
    }
    return res;
}

QJsonObject toJson(const CompareRow& row)
{
    const ErrorStats& s = row.total.stats;
    QJsonObject o{
        {"type", QString::fromStdString(row.type)},
        {"bits_per_weight", jsonNumber(row.bitsPerWeight())},
        {"size_bytes", qint64(row.sizeBytes())},
        {"rmse", jsonNumber(s.rmse())},
        {"sqnr_db", jsonNumber(s.sqnrDb())},
        {"max_abs_error", jsonNumber(s.maxAbsErr)},
        {"p99_abs_error", jsonNumber(s.percentile(99))},
        {"cosine", jsonNumber(s.cosine())},
        {"seconds", jsonNumber(row.seconds)},
        {"relative_rmse", jsonNumber(s.relativeRmse())},
        {"mean_abs_error", jsonNumber(s.meanAbsError())},
        {"weights", qint64(row.total.weights)},
        {"tensors", row.tensors},
        {"fallbacks", row.fallbacks},
    };
    for (auto it = row.extra.begin(); it != row.extra.end(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonObject toJson(const CompareResult& result)
{
    QJsonArray rows;
    for (const auto& r : result.rows)
        rows.append(toJson(r));
    return QJsonObject{{"model", QString::fromStdString(result.model)}, {"results", rows}};
}

}  // namespace qs
