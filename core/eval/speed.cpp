#include "core/eval/speed.h"

#include "core/formats/ggml_types.h"
#include "core/kernels/kernels.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <vector>

namespace qs {

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Token ids spread over the vocabulary, the same on every run.
int32_t benchToken(int i, int vocab) { return int32_t((uint64_t(i) * 7919u + 1u) % uint64_t(vocab)); }

}  // namespace

std::string storedType(const LlamaWeights& w)
{
    std::map<std::string, int64_t> weights;
    for (const auto& t : w.tensors)
        if (t.isMatrix())
            weights[t.q.format ? t.q.format->name() : std::string(ggmlTypeInfo(t.type()).name)] += t.numel();
    std::string best;
    int64_t most = -1;
    for (const auto& [name, n] : weights)
        if (n > most)
            best = name, most = n;
    return best;
}

uint64_t decodeBytes(const LlamaWeights& w)
{
    const WeightTensor& cls = w.classifier();
    uint64_t n = 0;
    for (const auto& t : w.tensors) {
        if (t.name == "token_embd.weight" && &t != &cls)
            n += t.storedBytes() / uint64_t(std::max<int64_t>(1, t.rows));  // one row is looked up
        else
            n += t.storedBytes();
    }
    return n;
}

SpeedResult measureSpeed(const LlamaWeights& w, const SpeedOptions& o)
{
    const ModelConfig& c = w.config;
    if (o.promptTokens < 1 || o.decodeTokens < 1 || o.batchTokens < 1)
        invalidInput(w.path, "speed measurement needs at least one prompt, decode and batch token");
    SpeedResult r;
    r.bytesPerToken = decodeBytes(w);
    const int prompt = std::min(o.promptTokens, c.contextLength - 1);
    r.promptTokens = prompt;
    r.decodeTokens = std::max(1, std::min(o.decodeTokens, c.contextLength - prompt));
    r.batchTokens = std::min(o.batchTokens, c.contextLength);
    const int reps = std::max(1, o.repetitions);
    const int total = reps * (r.decodeTokens + 1);
    int done = 0;
    auto step = [&] {
        throwIfCancelled();
        if (o.progress)
            o.progress(++done, total);
    };
    for (int rep = 0; rep < reps; ++rep) {
        // tg: a prompt, then one token at a time (each fed token is the previous one's argmax, as
        // a greedy decoder would; the argmax costs nothing next to the products).
        {
            LlamaSession s(w, prompt + r.decodeTokens, o.mode);
            std::vector<int32_t> toks(static_cast<size_t>(prompt));
            for (int i = 0; i < prompt; ++i)
                toks[size_t(i)] = benchToken(i, c.vocabSize);
            RowMatrix logits = s.eval(toks, nullptr, true);
            const auto t0 = Clock::now();
            for (int i = 0; i < r.decodeTokens; ++i) {
                const float* row = logits.data() + (logits.rows() - 1) * logits.cols();
                const int32_t next = int32_t(std::max_element(row, row + logits.cols()) - row);
                logits = s.eval(std::span<const int32_t>(&next, 1), nullptr, true);
                step();
            }
            r.tgTokensPerS = std::max(r.tgTokensPerS, double(r.decodeTokens) / std::max(since(t0), 1e-9));
        }
        // pp: one batch (logits of its last token only, as llama-bench asks for them).
        {
            LlamaSession s(w, r.batchTokens, o.mode);
            std::vector<int32_t> toks(static_cast<size_t>(r.batchTokens));
            for (int i = 0; i < r.batchTokens; ++i)
                toks[size_t(i)] = benchToken(i + 1000, c.vocabSize);
            const auto t0 = Clock::now();
            s.eval(toks, nullptr, true);
            r.ppTokensPerS = std::max(r.ppTokensPerS, double(r.batchTokens) / std::max(since(t0), 1e-9));
            step();
        }
    }
    return r;
}

double measureReadBandwidth(uint64_t bytes)
{
    if (bytes == 0)
        bytes = uint64_t(512) << 20;
    // A float32 matrix far larger than the caches times one cached vector: the weight stream of a
    // decoded token, through the same kernel dispatch (AVX2 loads and FMAs where the CPU has them)
    // and the same split over the threads; a scalar summing loop read ~25% below what decoding
    // reached on the 2-core EPYC, which made the ceiling fraction look better than it was.
    constexpr int64_t cols = 4096;
    const int64_t rows = std::max<int64_t>(1, int64_t(bytes / (cols * sizeof(float))));
    std::unique_ptr<float[]> w(new float[size_t(rows * cols)]);
    // Touch every page (in parallel, so the pages spread over the threads' memory).
    parallelFor(rows, std::max<int64_t>(1, rows / (int64_t(maxThreads()) * 4)), [&](int64_t b, int64_t e) {
        for (int64_t i = b * cols; i < e * cols; ++i)
            w[size_t(i)] = float(i & 7) * 0.125f;
    });
    std::vector<float> x(static_cast<size_t>(cols), 1.0f);
    std::vector<float> y(static_cast<size_t>(rows));
    kernels::QMatrix m;
    m.type = GgmlType::F32;
    m.data = w.get();
    m.rows = rows;
    m.cols = cols;
    m.rowBytes = cols * sizeof(float);
    double best = 0;
    for (int pass = 0; pass < 5; ++pass) {
        const auto t0 = Clock::now();
        kernels::matmul(m, x.data(), 1, y.data(), kernels::ActMode::Float);
        const double s = since(t0);
        best = std::max(best, double(rows) * double(m.rowBytes) / std::max(s, 1e-9) / 1e9);
    }
    return best;
}

}  // namespace qs
