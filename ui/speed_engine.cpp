#include "ui/speed_engine.h"

#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/model/model.h"
#include "core/util/parallel.h"

#include <algorithm>
#include <optional>

namespace qs::ui::engine {

RunSpeed measureRunSpeed(const Model& m, const LlamaWeights* source, const QStringList& types,
                         const SpeedRequest& request, const std::function<void(double)>& progress,
                         const std::function<void(const QString&)>& stage)
{
    std::optional<LlamaWeights> own;
    if (!source)
        source = &own.emplace(LlamaWeights::fromModel(m));
    RunSpeed out;
    out.threads = maxThreads();
    out.activations = request.mode;
    SpeedOptions so = request;
    const double rows = double(types.size() + 1);
    auto measure = [&](const QString& type, const LlamaWeights& w) {
        if (stage)
            stage(type);
        const double first = double(out.rows.size());
        so.progress = [&progress, first, rows](int done, int total) {
            if (progress)
                progress((first + (total > 0 ? double(done) / total : 0.0)) / rows);
        };
        SpeedFigures f;
        f.type = type;
        f.speed = measureSpeed(w, so);
        f.speedup = out.rows.empty() ? 1.0 : f.speed.tgTokensPerS / out.rows.front().speed.tgTokensPerS;
        out.rows.push_back(f);
    };
    measure(QString::fromStdString(storedType(*source)), *source);
    out.promptTokens = out.rows.front().speed.promptTokens;
    for (const QString& t : types) {
        // One precision's bytes at a time (as bench-model): the quantized copy is freed before the next.
        const PlanSpec prec = precisionForPlan(m, *source, PlanSpec(t.toStdString()));
        measure(t, applyPrecision(*source, prec));
    }
    return out;
}

}  // namespace qs::ui::engine
