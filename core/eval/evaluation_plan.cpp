// Evaluation of a quantization plan (presets, fallbacks, overrides from core/plan.h).
#include "core/eval/evaluation.h"
#include "core/plan/plan.h"

namespace qs {

PlanSpec precisionFromPlan(const LlamaWeights& w, const QuantPlan& plan)
{
    PlanSpec p;
    for (const PlanEntry& e : plan.entries) {
        if (!e.eligible)
            continue;
        const std::string& name = e.ggufName.empty() ? e.outputName : e.ggufName;
        if (!w.find(name))
            continue;  // a tensor the forward pass does not read
        p.tensors[name] = &planFormat(e);
    }
    return p;
}

}  // namespace qs
