#pragma once
// Speed of the forward pass on a model's stored weights, measured the way llama-bench does it:
// decode tokens/s (tg: one token at a time after a short prompt) and prompt tokens/s (pp: one
// batch), and the machine's memory read bandwidth, which bounds decoding from above (every
// decoded token reads every weight matrix once).
#include "core/eval/llama_forward.h"

#include <cstdint>
#include <functional>
#include <string>

namespace qs {

struct SpeedOptions {
    int promptTokens = 16;   // fed as one batch before decoding (not timed)
    int decodeTokens = 128;  // tg128
    int batchTokens = 512;   // pp512 (at most the model's context length)
    int repetitions = 1;     // best of this many runs of each
    ActMode mode = ActMode::Llama;
    std::function<void(int done, int total)> progress;  // after each decoded token and the batch
};

struct SpeedResult {
    double tgTokensPerS = 0;
    double ppTokensPerS = 0;
    int promptTokens = 0;  // as measured (fewer than asked when the context is shorter)
    int decodeTokens = 0;
    int batchTokens = 0;
    uint64_t bytesPerToken = 0;  // weight bytes one decoded token reads (decodeBytes)
};

// Measures decode and prompt speed with the current qs::maxThreads(). Deterministic token ids.
// Cancelled through the calling thread's qs::CancelScope, within a product too.
SpeedResult measureSpeed(const LlamaWeights& w, const SpeedOptions& o = {});

// The model's stored dtype as bench-model names its row: the type of most of its matrices'
// weights (e.g. "F16").
std::string storedType(const LlamaWeights& w);

// Weight bytes a decoded token reads: every matrix product's stored bytes (the classifier
// once) plus one row of the embedding when it is not the classifier, plus the float norms.
uint64_t decodeBytes(const LlamaWeights& w);

// The machine's memory read bandwidth in GB/s (10^9 bytes) as the kernels reach it: the best of a
// few float32 mat-vecs over a matrix far larger than the caches (`bytes`, default 512 MiB) on
// qs::maxThreads() threads, with the decode kernels' own loads.
double measureReadBandwidth(uint64_t bytes = 0);

// The fraction of the memory-bound decode ceiling (bandwidth / bytesPerToken tokens/s) reached.
inline double ceilingFraction(double tgTokensPerS, uint64_t bytesPerToken, double bandwidthGBs)
{
    if (bandwidthGBs <= 0 || bytesPerToken == 0)
        return 0;
    return tgTokensPerS / (bandwidthGBs * 1e9 / double(bytesPerToken));
}

}  // namespace qs
