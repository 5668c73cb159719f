#pragma once
// The engine's speed worker for the window: decode and prompt tokens/s of the opened model in its
// stored dtype (the source) and of each precision of a Run, measured by core's measureSpeed on the
// precision's quantized bytes (the type's plan applied as the evaluation applies it), exactly as
// `quantscope-cli bench-model` measures them: never a float32 copy of the model.
#include "core/eval/speed.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace qs {
class Model;
}

namespace qs::ui::engine {

// What a Run measures: core's SpeedOptions (llama-bench's tg128 after a 16-token prompt and pp512,
// each at most the model's context length; the activation mode), and whether to measure at all.
struct SpeedRequest : qs::SpeedOptions {
    bool enabled = false;
};

struct SpeedFigures {
    QString type;        // the source's stored dtype ("F32") or the precision asked for
    qs::SpeedResult speed;
    double speedup = 0;  // decode tokens/s over the source's (bench-model's speedup_vs_source)
};

struct RunSpeed {
    std::vector<SpeedFigures> rows;  // the source first, then the types in the order asked
    int threads = 0;
    int promptTokens = 0;            // fed before decoding (as measured: at most the context)
    qs::ActMode activations = qs::ActMode::Llama;
};

// Measures the source (`source`, or the model's weights read here when null) and every type.
// progress(fraction in [0, 1]) after every decoded token and batch; stage(type) before each row.
// Throws qs::Error: InvalidInput for a model the forward pass cannot run, Cancelled once the
// calling thread's qs::CancelScope asks (checked inside the products too).
RunSpeed measureRunSpeed(const qs::Model& m, const qs::LlamaWeights* source, const QStringList& types,
                         const SpeedRequest& request, const std::function<void(double)>& progress = {},
                         const std::function<void(const QString&)>& stage = {});

}  // namespace qs::ui::engine
