#include "core/eval/evaluation.h"
#include "core/model/tensor_names.h"

#include "core/util/error.h"
#include "core/util/heap_reuse.h"
#include "core/util/parallel.h"
#include "core/util/random.h"
#include "core/util/read_file.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <set>
#include <cstdlib>

namespace qs {

const char* activationModeName(ActMode m) { return m == ActMode::Llama ? "llama" : "float"; }

std::optional<ActMode> activationModeFromName(std::string_view name)
{
    if (name == "llama")
        return ActMode::Llama;
    if (name == "float")
        return ActMode::Float;
    return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// Token streams

std::vector<int32_t> loadTokenFile(const std::string& path, int vocabSize)
{
    // A regular file only (a FIFO or /dev/zero would hang or never end), 256 MiB at most.
    return parseTokenJson(readRegularFile(path, uint64_t(256) << 20, "token file"), path, vocabSize);
}

std::vector<int32_t> parseTokenJson(const QByteArray& bytes, const std::string& path, int vocabSize)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        invalidInput(path, "not valid JSON (" + err.errorString().toStdString() + " at offset " +
                               std::to_string(err.offset) + ")");
    if (!doc.isObject() || !doc.object().value(QStringLiteral("tokens")).isArray())
        invalidInput(path, "expected a JSON object with a \"tokens\" array");
    const QJsonArray arr = doc.object().value(QStringLiteral("tokens")).toArray();
    std::vector<int32_t> out;
    out.reserve(size_t(arr.size()));
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QJsonValue v = arr.at(i);
        const double d = v.toDouble(-1.0);
        if (!v.isDouble() || d != std::floor(d) || d < 0 || d >= double(vocabSize))
            invalidInput(path, "token " + std::to_string(i) + " is not an integer id in [0, " +
                                   std::to_string(vocabSize) + ")");
        out.push_back(int32_t(d));
    }
    if (out.size() < 2)
        invalidInput(path, "needs at least 2 tokens");
    return out;
}

namespace {

struct Rng {
    uint64_t s;
    uint64_t next() { return splitmix64(s); }
    double uniform() { return double(next() >> 11) * 0x1.0p-53; }  // [0, 1)
};

int effectiveWindow(const LlamaWeights& w, int window) { return evaluationWindow(w, window); }

// Log-softmax of a row, in double.
void logSoftmax(const float* logits, int64_t n, double* out)
{
    double mx = -INFINITY;
    for (int64_t j = 0; j < n; ++j)
        mx = std::max(mx, double(logits[j]));
    double sum = 0;
    for (int64_t j = 0; j < n; ++j)
        sum += std::exp(double(logits[j]) - mx);
    const double lse = mx + std::log(sum);
    for (int64_t j = 0; j < n; ++j)
        out[j] = double(logits[j]) - lse;
}

// Throws if a row of logits holds NaN or an infinity: every number computed from it would be void.
// `producer`: the weights that gave the logits (a non-finite weight is named first; the matrices
// are views of the file, so nothing decoded them before).
void checkLogits(const LlamaWeights& w, const RowMatrix& logits, size_t window, const char* whose,
                 const LlamaWeights& producer)
{
    const int64_t n = int64_t(logits.size());
    const int64_t bad = firstNonFinite(logits.data(), n);
    if (bad < n)
        producer.checkFinite();
    if (bad < n)
        invalidInput(w.path, std::string(whose) + " gives non-finite logits (NaN or infinity) at position " +
                                 std::to_string(bad / std::max<int64_t>(1, logits.cols())) + " of window " +
                                 std::to_string(window) + ": its weights or hyper-parameters are unusable");
}

int32_t argmax(const float* v, int64_t n)
{
    int64_t best = 0;
    for (int64_t j = 1; j < n; ++j)
        if (v[j] > v[best])
            best = j;
    return int32_t(best);
}

}  // namespace

namespace {

// A token drawn from the distribution of a row of logits with u in [0, 1) (inverse CDF);
// p: vocabulary-sized scratch.
int32_t sampleFrom(const float* logits, int64_t vocab, double u, std::vector<double>& p)
{
    logSoftmax(logits, vocab, p.data());
    double acc = 0;
    for (size_t j = 0; j < size_t(vocab); ++j) {
        acc += std::exp(p[j]);
        if (u < acc)
            return int32_t(j);
    }
    return int32_t(vocab - 1);
}

}  // namespace

int calibrationSequenceCount(const LlamaWeights& w, int n, int window)
{
    const int64_t perWindow = effectiveWindow(w, window) - 1;  // sampled tokens a window holds (>= 1)
    return int(std::max<int64_t>(std::min(kCalibrationSequences, std::max(n, 1)), (int64_t(n) + perWindow - 1) / perWindow));
}

std::vector<std::vector<int32_t>> sampleCalibrationWindows(const LlamaWeights& w, int n, uint64_t seed, int window,
                                                           int32_t bos, ActivationStats* stats)
{
    if (n < 1)
        invalidInput(w.path, "the number of tokens to sample must be positive");
    if (bos < 0 || bos >= w.config.vocabSize)
        invalidInput(w.path, "BOS token id " + std::to_string(bos) + " is outside the vocabulary");
    const int64_t nSeq = calibrationSequenceCount(w, n, window);
    std::vector<std::vector<int32_t>> out(static_cast<size_t>(nSeq));
    std::vector<Rng> rngs;
    Rng seeds{seed};
    for (int64_t i = 0; i < nSeq; ++i)
        rngs.push_back(Rng{seeds.next()});
    std::vector<double> p(size_t(w.config.vocabSize));
    for (int64_t g0 = 0; g0 < nSeq; g0 += kCalibrationSequences) {
        const int S = int(std::min<int64_t>(kCalibrationSequences, nSeq - g0));
        // Sampled tokens of sequence i: n / nSeq, the first n % nSeq one more (the group's first
        // sequences are its longest).
        auto length = [&](int64_t i) { return int(n / nSeq + (i < n % nSeq ? 1 : 0)); };
        const int steps = length(g0);
        LlamaSession s(w, steps + 1, ActMode::Float, S);
        std::vector<int32_t> cur(size_t(S), bos);
        for (int i = 0; i < S; ++i)
            out[size_t(g0 + i)].push_back(bos);
        for (int t = 0; t < steps; ++t) {
            throwIfCancelled();
            const RowMatrix logits = s.eval(cur, stats);
            if (firstNonFinite(logits.data(), logits.size()) < logits.size()) {  // no sampling from NaN
                w.checkFinite();
                invalidInput(w.path, "the model gives non-finite logits (NaN or infinity) at position " +
                                         std::to_string(t) + " of a sampled calibration sequence: its weights or "
                                         "hyper-parameters are unusable");
            }
            for (int i = 0; i < S; ++i) {
                // Every sequence draws each step (its stream stays in step with its position);
                // a sequence already complete (one token shorter) drops the draw.
                const int32_t pick = sampleFrom(logits.data() + int64_t(i) * logits.cols(), logits.cols(),
                                                rngs[size_t(g0 + i)].uniform(), p);
                cur[size_t(i)] = pick;
                if (t < length(g0 + i))
                    out[size_t(g0 + i)].push_back(pick);
            }
        }
        if (stats) {
            // The windows' last tokens, as a forward pass over them sees them: a step of the
            // sequences holding `steps` sampled tokens (a shorter one has fed its last token
            // already; its row of this step is not counted).
            std::vector<uint8_t> keep(static_cast<size_t>(S));
            for (int i = 0; i < S; ++i)
                keep[size_t(i)] = length(g0 + i) == steps ? 1 : 0;
            throwIfCancelled();
            struct Keep {
                ActivationStats* st;
                ~Keep() { st->keepRows({}); }
            } restore{stats};
            stats->keepRows(keep);
            s.eval(cur, stats, /*lastOnly=*/true);
        }
    }
    if (stats) {
        stats->flushMoments();
        stats->setStream(out);
    }
    return out;
}

std::vector<int32_t> sampleTokens(const LlamaWeights& w, int n, uint64_t seed, int window, int32_t bos)
{
    if (n < 1)
        invalidInput(w.path, "the number of tokens to sample must be positive");
    if (bos < 0 || bos >= w.config.vocabSize)
        invalidInput(w.path, "BOS token id " + std::to_string(bos) + " is outside the vocabulary");
    const int win = effectiveWindow(w, window);  // at least 2: every window samples a token
    Rng rng{seed};
    std::vector<int32_t> out;
    LlamaSession s(w, std::min(win, n + 1), ActMode::Float);
    std::vector<double> p(size_t(w.config.vocabSize));
    int sampled = 0;
    while (sampled < n) {
        s.reset();
        out.push_back(bos);
        int32_t cur = bos;
        for (int t = 1; t < win && sampled < n; ++t) {
            throwIfCancelled();
            const RowMatrix logits = s.eval(std::span<const int32_t>(&cur, 1));
            if (firstNonFinite(logits.data(), logits.size()) < logits.size()) {  // no sampling from NaN
                w.checkFinite();
                invalidInput(w.path, "the model gives non-finite logits (NaN or infinity) at position " +
                                         std::to_string(t - 1) + " of sampled window " +
                                         std::to_string((out.size() - 1) / size_t(win)) +
                                         ": its weights or hyper-parameters are unusable");
            }
            logSoftmax(logits.data(), logits.cols(), p.data());
            const double u = rng.uniform();
            double acc = 0;
            int32_t pick = int32_t(p.size()) - 1;
            for (size_t j = 0; j < p.size(); ++j) {
                acc += std::exp(p[j]);
                if (u < acc) {
                    pick = int32_t(j);
                    break;
                }
            }
            out.push_back(pick);
            cur = pick;
            ++sampled;
        }
    }
    return out;
}

std::vector<std::vector<int32_t>> textWindows(const std::vector<int32_t>& tokens, int window, int32_t bos)
{
    if (window < 2)
        failure({}, "window length must be at least 2");
    std::vector<std::vector<int32_t>> out;
    for (size_t b = 0; b + size_t(window) <= tokens.size(); b += size_t(window)) {
        out.emplace_back(tokens.begin() + ptrdiff_t(b), tokens.begin() + ptrdiff_t(b + size_t(window)));
        if (bos >= 0)
            out.back().front() = bos;
    }
    return out;
}

int evaluationWindow(const LlamaWeights& w, int window)
{
    if (window < 0)
        invalidInput(w.path, "negative window length");
    const int ctx = w.config.contextLength;
    if (ctx < 2)
        invalidInput(w.path, "the context length is " + std::to_string(ctx) +
                                 " token: evaluating needs windows of at least 2 (one to predict from)");
    if (window == 0)
        return std::min(ctx, kMaxAutoWindow);
    if (window > ctx)
        return ctx;
    return std::max(window, 2);
}

std::vector<std::vector<int32_t>> splitWindows(const std::vector<int32_t>& tokens, int window)
{
    if (window < 2)
        failure({}, "window length must be at least 2");
    std::vector<std::vector<int32_t>> out;
    for (size_t b = 0; b < tokens.size(); b += size_t(window)) {
        const size_t e = std::min(tokens.size(), b + size_t(window));
        if (e - b >= 2)  // a single trailing token predicts nothing
            out.emplace_back(tokens.begin() + ptrdiff_t(b), tokens.begin() + ptrdiff_t(e));
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Precisions

PlanSpec uniformPrecision(const LlamaWeights& w, const Format& f, std::vector<std::string>* skipped)
{
    PlanSpec p;
    for (const auto& t : w.tensors) {
        if (!t.isMatrix())
            continue;
        if (f.supports(t.rows, t.cols))
            p.tensors[t.name] = &f;
        else if (skipped)
            skipped->push_back(t.name);
    }
    return p;
}

uint64_t precisionBytes(const LlamaWeights& w, const PlanSpec& p)
{
    uint64_t total = 0;
    for (const auto& t : w.tensors) {
        auto it = p.tensors.find(t.name);
        total += (it != p.tensors.end() && it->second) ? it->second->storageBytes(t.rows, t.cols) : t.sourceBytes;
    }
    return total;
}

namespace {

// Whether f's bytes of a rows x cols tensor are packed rows the kernels read in place.
bool kernelRows(const Format& f, int64_t rows, int64_t cols)
{
    const std::optional<GgmlType> type = f.ggmlType();
    return type && f.family() != FormatFamily::Int && kernels::hasKernel(*type) && f.supports(rows, cols) &&
           f.storageBytes(rows, cols) == uint64_t(rows) * kernels::rowBytes(*type, cols);
}

// Tensor `t` held as `buf`, f's bytes of it.
WeightTensor storedTensor(const WeightTensor& t, const Format& f, std::shared_ptr<std::vector<uint8_t>> buf)
{
    WeightTensor out;
    out.name = t.name;
    out.rows = t.rows;
    out.cols = t.cols;
    out.sourceBytes = t.sourceBytes;
    if (kernelRows(f, t.rows, t.cols)) {
        out.q = QMatrix{*f.ggmlType(), buf->data(), t.rows, t.cols, kernels::rowBytes(*f.ggmlType(), t.cols), nullptr};
        if (kernels::canRepack(out.q))  // Q4_0: the kernels' layout, in place (same bytes, no copy)
            out.q = kernels::repack(out.q, buf->data());
    } else  // the INT/NF4 family: the format's own whole-tensor layout
        out.q = QMatrix{GgmlType::F32, buf->data(), t.rows, t.cols, 0, &f};
    out.owner = std::move(buf);
    return out;
}

// Tensor `t` stored by format `f`, in a buffer of f's bytes.
WeightTensor quantizeTensor(const WeightTensor& t, const Format& f, const float* importance)
{
    auto buf = std::make_shared<std::vector<uint8_t>>(size_t(f.storageBytes(t.rows, t.cols)));
    if (kernelRows(f, t.rows, t.cols)) {
        // Rows are independent: quantize slices of rows, decoding only a slice at a time.
        const size_t rowBytes = kernels::rowBytes(*f.ggmlType(), t.cols);
        const int64_t chunk = std::max<int64_t>(1, (int64_t(4) << 20) / t.cols);
        std::vector<float> tmp(size_t(std::min(chunk, t.rows) * t.cols));
        for (int64_t r0 = 0; r0 < t.rows; r0 += chunk) {
            const int64_t r1 = std::min(t.rows, r0 + chunk);
            t.decodeRows(r0, r1, tmp.data());
            f.quantize(tmp.data(), r1 - r0, t.cols, buf->data() + size_t(r0) * rowBytes, importance);
        }
    } else {  // the INT/NF4 family: scales may span the whole tensor
        const std::vector<float> all = t.toFloat();
        f.quantize(all.data(), t.rows, t.cols, buf->data(), importance);
    }
    return storedTensor(t, f, std::move(buf));
}

// The tensor `name` of w, which format f must be able to store (qs::Error naming the file if not).
const WeightTensor& storableTensor(const LlamaWeights& w, const std::string& name, const Format& f)
{
    const WeightTensor& t = w.get(name);
    if (!f.supports(t.rows, t.cols))
        invalidInput(w.path, "format " + f.name() + " cannot store tensor '" + name + "' (row length " +
                                 std::to_string(t.cols) + ")");
    return t;
}

}  // namespace

LlamaWeights applyPrecision(const LlamaWeights& w, const PlanSpec& p, const ActivationStats* imatrix)
{
    LlamaWeights out = w;
    for (const auto& [name, f] : p.tensors) {
        if (!f)
            continue;
        const WeightTensor& t = storableTensor(w, name, *f);
        if (!t.isMatrix())
            invalidInput(w.path, "tensor '" + name + "' is not a matrix; only matrices are quantized");
        std::vector<float> imp;
        if (imatrix) {
            imp = imatrix->importance(name);
            if (!imp.empty() && int64_t(imp.size()) != t.cols)
                failure(w.path, "importance matrix of '" + name + "' has the wrong length");
        }
        out.replace(quantizeTensor(t, *f, imp.empty() ? nullptr : imp.data()));
    }
    return out;
}

ActivationStats collectImportance(const LlamaWeights& w, const std::vector<int32_t>& tokens, int window, bool moments)
{
    return collectImportance(w, splitWindows(tokens, effectiveWindow(w, window)), moments);
}

ActivationStats collectImportance(const LlamaWeights& w, const std::vector<std::vector<int32_t>>& windows, bool moments)
{
    ActivationStats stats;
    stats.collectMoments(moments);
    stats.setStream(windows);
    for (const auto& win : windows) {
        throwIfCancelled();
        llamaLogits(w, win, &stats, ActMode::Float);
    }
    stats.flushMoments();
    return stats;
}

namespace {

// Rows of every calibration window's input of one product group, stacked (tokens x width).
struct StackedInputs {
    std::vector<float> x;
    int64_t rows = 0, cols = 0;
    void add(const RowMatrix& m)
    {
        cols = m.cols();
        x.insert(x.end(), m.data(), m.data() + m.size());
        rows += m.rows();
    }
};

// The one-pass error feedback with the moments of the source model's inputs (statistics without a
// stream).
LlamaWeights errorFeedbackFromMoments(const LlamaWeights& w, const PlanSpec& p, const ActivationStats& calibration)
{
    LlamaWeights out = w;
    ErrorFeedbackFactors factors;
    for (const auto& [name, f] : p.tensors) {
        if (!f)
            continue;
        const WeightTensor& t = storableTensor(w, name, *f);
        const auto moments = calibration.moments(name);
        if (!moments || !errorFeedbackSupported(*f) || moments->n != t.cols) {
            out.replace(quantizeTensor(t, *f, nullptr));
            continue;
        }
        auto bytes = std::make_shared<std::vector<uint8_t>>(size_t(f->storageBytes(t.rows, t.cols)));
        const std::vector<float> values = t.toFloat();
        errorFeedbackQuantize(*f, values.data(), t.rows, t.cols, *factors.get(moments), bytes->data());
        out.replace(storedTensor(t, *f, std::move(bytes)));
    }
    return out;
}

}  // namespace

double sourceRidge(int64_t inputs, int64_t rows)
{
    return std::max(kSourceRidge, kSourceRidgePerRatio * double(inputs) / double(std::max<int64_t>(rows, 1)));
}

double feedbackDamping(int64_t inputs, int64_t rows)
{
    return std::max(ErrorFeedbackOptions{}.damping, kDampingPerRatio * double(inputs) / double(std::max<int64_t>(rows, 1)));
}

LlamaWeights applyErrorFeedback(const LlamaWeights& w, const PlanSpec& p, const ActivationStats& calibration,
                                const std::function<void(int, int)>& progress)
{
    const HeapReuse reuse;  // the pass allocates and frees buffers of up to hundreds of MB, matrix by matrix
    if (calibration.streamWindows().empty())
        return errorFeedbackFromMoments(w, p, calibration);
    LlamaWeights out = w;
    auto formatOf = [&](const std::string& name) -> const Format* {
        auto it = p.tensors.find(name);
        return it == p.tensors.end() ? nullptr : it->second;
    };
    // Every assigned tensor the layer-by-layer pass does not reach as a product's weights (the
    // token embedding first of all: the windows start from its rows) gets plain rounding now.
    std::set<std::string> sequential;
    for (int l = 0; l < w.config.nLayers; ++l)
        for (int pc = 0; pc + 1 < LlamaSession::kLayerPieces; ++pc)
            for (std::string& n : productGroup(w, l, pc))
                sequential.insert(std::move(n));
    const std::string classifier = w.classifier().name;
    if (classifier != "token_embd.weight")
        sequential.insert(classifier);
    for (const auto& [name, f] : p.tensors)
        if (f && !sequential.count(name))
            out.replace(quantizeTensor(storableTensor(w, name, *f), *f, nullptr));

    // Rounds the assigned matrices of one group, whose inputs were xf (source) and xq.
    // Returns XᵀX of xq when it rounded a matrix by error feedback (else an empty one).
    auto roundGroup = [&](const std::vector<std::string>& names, const StackedInputs& xf,
                          const StackedInputs& xq) -> SecondMoment {
        std::vector<std::pair<const WeightTensor*, const Format*>> ef;
        for (const std::string& name : names) {
            const Format* f = formatOf(name);
            if (!f)
                continue;
            const WeightTensor& t = storableTensor(w, name, *f);
            if (errorFeedbackSupported(*f) && t.cols == xq.cols && xq.rows > 0)
                ef.emplace_back(&t, f);
            else
                out.replace(quantizeTensor(t, *f, nullptr));
        }
        if (ef.empty())
            return {};
        SecondMoment H = streamSecondMoment(xq.x.data(), xq.rows, xq.cols);
        const double damping = feedbackDamping(xq.cols, xq.rows);
        const auto F = errorFeedbackFactor(H, damping);
        const SourceCorrection correction(xf.x.data(), xq.x.data(), xq.rows, xq.cols, sourceRidge(xq.cols, xq.rows), &H);
        for (const auto& [t, f] : ef) {
            throwIfCancelled();
            std::vector<float> W = t->toFloat();
            auto bytes = std::make_shared<std::vector<uint8_t>>(size_t(f->storageBytes(t->rows, t->cols)));
            correction.apply(W.data(), t->rows);
            if (F->ok) {
                errorFeedbackQuantize(*f, W.data(), t->rows, t->cols, *F, bytes->data());
                if (scaleRefitSupported(*f))  // the blocks' scales refit to the codes (with H damped alike)
                    refitBlockScales(*f, W.data(), t->rows, t->cols, H, bytes->data(), damping);
            } else {
                f->quantize(W.data(), t->rows, t->cols, bytes->data(), nullptr);
            }
            out.replace(storedTensor(*t, *f, std::move(bytes)));
        }
        return H;
    };

    // After a group that reads a norm's output is rounded: one scale per input folded into the
    // norm's weights (fitInputScale), and into the current sessions' copy of that output.
    std::vector<std::unique_ptr<LlamaSession>> src, cur;  // the source model, the one being quantized
    // The fit reads at most kNormFitRows rows of each matrix, evenly spaced (its cost grows as rows x
    // inputs²: with all rows it doubled the 1B demo's export time; the scales are per input, and
    // this many rows determine them).
    constexpr int64_t kNormFitRows = 512;
    auto scaleNorm = [&](const std::string& norm, const std::vector<float>& scale) {  // its weights times scale
        std::vector<float> gamma = out.get(norm).toFloat();
        for (size_t i = 0; i < gamma.size(); ++i)
            gamma[i] *= scale[i];
        out.replace(norm, std::move(gamma));
    };
    auto foldNorm = [&](const std::string& norm, const std::vector<std::string>& names, const StackedInputs& xf,
                        const StackedInputs& xq, const SecondMoment& xtx) {
        const WeightTensor* g = out.find(norm);
        if (!g || g->numel() != xq.cols || xq.rows == 0)
            return;
        std::vector<std::vector<float>> values;  // the sampled rows of source and rounded weights, in pairs
        for (const std::string& name : names) {
            const WeightTensor &a = w.get(name), &b = out.get(name);
            if (!formatOf(name) || b.cols != xq.cols || a.cols != b.cols || a.rows != b.rows)
                continue;
            const int64_t m = std::min(a.rows, kNormFitRows);
            std::vector<float> va(size_t(m * a.cols)), vb(va.size());
            for (int64_t k = 0; k < m; ++k) {
                const int64_t r = k * a.rows / m;
                a.decodeRows(r, r + 1, va.data() + k * a.cols);
                b.decodeRows(r, r + 1, vb.data() + k * a.cols);
            }
            values.push_back(std::move(va));
            values.push_back(std::move(vb));
        }
        if (values.empty())
            return;
        std::vector<RoundedMatrix> group;
        for (size_t i = 0; i < values.size(); i += 2)
            group.push_back({values[i].data(), values[i + 1].data(), int64_t(values[i].size()) / xq.cols});
        const InputScale s = fitInputScale(group, xf.x.data(), xq.x.data(), xq.rows, xq.cols, kNormRidge,
                                           xtx.n == xq.cols ? &xtx : nullptr);
        if (!(s.reduction > 0))
            return;
        scaleNorm(norm, s.scale);
        for (auto& c : cur)
            c->scaleNormed(s.scale);
    };

    // Windows of one length run together, as the sequences of one session (each product then
    // reads a weight once for all of them: the sampled calibration stream is 8 such windows).
    std::map<size_t, std::vector<int32_t>> byLength;  // length -> the windows' tokens, one after another
    std::map<size_t, int> count;
    for (const auto& win : calibration.streamWindows())
        if (!win.empty()) {
            byLength[win.size()].insert(byLength[win.size()].end(), win.begin(), win.end());
            ++count[win.size()];
        }
    for (const auto& [len, tokens] : byLength) {
        src.push_back(std::make_unique<LlamaSession>(w, int(len), ActMode::Float, count[len]));
        cur.push_back(std::make_unique<LlamaSession>(out, int(len), ActMode::Float, count[len]));
        src.back()->begin(tokens);
        cur.back()->begin(tokens);
    }
    // Assigned matrices the pass has still to round (once none are left, nothing after matters).
    size_t pending = 0;
    for (const auto& [name, f] : p.tensors)
        pending += f && sequential.count(name) ? 1 : 0;
    int layersRun = 0;
    for (int l = 0; l < w.config.nLayers && pending > 0; ++l, ++layersRun) {
        for (int pc = 0; pc < LlamaSession::kLayerPieces; ++pc) {
            const std::vector<std::string> group = productGroup(w, l, pc);  // (empty for the last piece)
            for (const std::string& name : group)
                pending -= formatOf(name) ? 1 : 0;
            StackedInputs xf, xq;
            for (size_t i = 0; i < src.size(); ++i) {
                throwIfCancelled();
                if (const RowMatrix* a = src[i]->piece(l, pc))
                    xf.add(*a);
                if (const RowMatrix* b = cur[i]->piece(l, pc))
                    xq.add(*b);
            }
            if (!group.empty()) {
                const SecondMoment H = roundGroup(group, xf, xq);
                if (const std::string norm = productGroupNorm(l, pc); !norm.empty())
                    foldNorm(norm, group, xf, xq, H);
            }
        }
        if (progress)
            progress(l + 1, w.config.nLayers);
    }
    // The classifier (its inputs: the final norm's, once every layer ran): rounded here unless it
    // is the token embedding (tied, rounded plainly before the pass); then its norm's scales.
    auto classifierInputs = [](const std::vector<std::unique_ptr<LlamaSession>>& sessions) {
        StackedInputs x;
        for (const auto& s : sessions)
            x.add(s->classifierInput());
        return x;
    };
    if (formatOf(classifier) && layersRun == w.config.nLayers) {
        const StackedInputs xf = classifierInputs(src), xq = classifierInputs(cur);
        const SecondMoment H = classifier != "token_embd.weight" ? roundGroup({classifier}, xf, xq) : SecondMoment{};
        foldNorm("output_norm.weight", {classifier}, xf, xq, H);
        // Then the classifier norm's scales refined to the least KL divergence of the next-token
        // distribution (on the inputs as rescaled so far), where calibration rows x classifier
        // weights stay within kKlFitMacs and rows x vocabulary (the source probabilities it keeps)
        // within kKlFitLogits.
        const WeightTensor &e = w.get(classifier), &eq = out.get(classifier);
        const WeightTensor* gNorm = out.find("output_norm.weight");
        if (gNorm && gNorm->numel() == xq.cols && e.cols == xq.cols &&
            double(xq.rows) * double(e.numel()) <= kKlFitMacs && double(xq.rows) * double(e.rows) <= kKlFitLogits) {
            const StackedInputs x = classifierInputs(cur);
            const std::vector<float> ev = e.toFloat(), eqv = eq.toFloat();
            const ClassifierScale k = fitClassifierScale(ev.data(), eqv.data(), e.rows, xf.x.data(), x.x.data(), x.rows,
                                                         x.cols, w.config.finalSoftcap);
            if (k.after < k.before)
                scaleNorm("output_norm.weight", k.scale);
        }
    }
    return out;
}

OutputError outputError(const LlamaWeights& ref, const LlamaWeights& q, const ActivationStats& heldOut)
{
    OutputError out;
    for (const WeightTensor& t : q.tensors) {
        const WeightTensor& r = ref.get(t.name);
        if (!t.isMatrix() || t.owner == r.owner)
            continue;  // shares the reference's bytes: no error
        const auto mom = heldOut.moments(t.name);
        if (!mom || mom->n != t.cols)
            continue;
        const std::vector<float> a = r.toFloat(), b = t.toFloat();
        out += outputError(a.data(), b.data(), t.rows, t.cols, mom->xtx);
    }
    return out;
}

LlamaWeights applyRounding(const LlamaWeights& w, const PlanSpec& p, const Rounding& r)
{
    return r.errorFeedback ? applyErrorFeedback(w, p, *r.errorFeedback) : applyPrecision(w, p, r.imatrix);
}

std::function<bool(const PlanEntry&, const Format&, const float*, void*)>
errorFeedbackExporter(const LlamaWeights& quantized)
{
    return [&quantized](const PlanEntry& e, const Format& f, const float* values, void* dst) {
        const WeightTensor* t = quantized.find(e.outputName);
        if (!t || !f.ggmlType() || t->q.format || t->q.type != *f.ggmlType() || t->rows != e.rows() ||
            t->cols != e.cols())
            return false;
        if (!e.eligible) {  // a float tensor the plan keeps: written here only as error feedback rescaled it (a norm)
            if (t->q.type != GgmlType::F32 || t->rows != 1)
                return false;
            const float* v = t->floats();
            if (std::equal(v, v + t->cols, values))
                return false;
        }
        auto* out = static_cast<uint8_t*>(dst);
        for (int64_t r = 0; r < t->rows; ++r)
            kernels::plainRow(t->q, r, out + size_t(r) * kernels::rowBytes(t->q.type, t->cols));
        return true;
    };
}

std::function<std::vector<float>(const PlanEntry&)> errorFeedbackFakeQuant(const Model& m, const LlamaWeights& quantized)
{
    return [&m, &quantized](const PlanEntry& e) -> std::vector<float> {
        const WeightTensor* t = e.ggufName.empty() ? nullptr : quantized.find(e.ggufName);
        if (!t || e.sourceIndex < 0 || size_t(e.sourceIndex) >= m.tensors.size() || t->rows * t->cols != e.numel())
            return {};
        const TensorInfo& src = m.tensors[size_t(e.sourceIndex)];
        if (e.eligible) {  // held in the plan's format (error feedback's rounding, or the format's own)
            const Format* f = findFormat(e.format);
            if (!f || !(t->q.format ? t->q.format == f : f->ggmlType() == t->q.type))
                return {};
            return sourceLayoutWeights(m, src, t->toFloat());
        }
        // A float tensor the plan keeps: only a norm error feedback rescaled.
        if (t->q.format || t->q.type != GgmlType::F32 || t->rows != 1)
            return {};
        std::vector<float> v = t->toFloat();
        if (v == ggufWeights(m, src))
            return {};
        return sourceLayoutWeights(m, src, std::move(v));
    };
}

bool errorFeedbackApplies(const PlanSpec& p)
{
    for (const auto& [name, f] : p.tensors)
        if (f && errorFeedbackSupported(*f))
            return true;
    return false;
}

// ---------------------------------------------------------------------------------------------
// Evaluator

Evaluator::Evaluator(const LlamaWeights& reference, const std::vector<int32_t>& tokens, int window,
                     uint64_t cacheBytes, ActMode mode)
    : Evaluator(reference, splitWindows(tokens, evaluationWindow(reference, window)), 0, cacheBytes, mode)
{
}

Evaluator::Evaluator(const LlamaWeights& reference, std::vector<std::vector<int32_t>> windows, int firstScored,
                     uint64_t cacheBytes, ActMode mode)
    : reference_(reference), mode_(mode), windows_(std::move(windows)), firstScored_(std::max(firstScored, 0))
{
    std::erase_if(windows_, [&](const auto& w) { return int64_t(w.size()) < firstScored_ + 2; });
    if (windows_.empty())
        invalidInput(reference.path, "the evaluation stream has no window of at least 2 tokens");
    const int64_t V = reference.config.vocabSize;
    double nll = 0;
    uint64_t cached = 0;
    bool caching = true;
    for (size_t wi = 0; wi < windows_.size(); ++wi) {
        const auto& win = windows_[wi];
        throwIfCancelled();
        const RowMatrix logits = llamaLogits(reference, win, nullptr, mode_);
        checkLogits(reference, logits, wi, "the model", reference);
        const int64_t n = int64_t(win.size()) - 1 - firstScored_;  // scored positions of this window
        const uint64_t bytes = uint64_t(n) * uint64_t(V) * sizeof(double);
        caching = caching && cached + bytes <= cacheBytes;  // the first windows that fit, then none
        Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> lps(caching ? n : 1, V);
        std::vector<int32_t> top(static_cast<size_t>(n));
        for (int64_t r = 0; r < n; ++r) {
            const int64_t t = firstScored_ + r;
            double* row = lps.data() + (caching ? r * V : 0);
            logSoftmax(logits.data() + t * V, V, row);
            top[size_t(r)] = argmax(logits.data() + t * V, V);
            nll -= row[win[size_t(t + 1)]];
        }
        positions_ += n;
        if (caching) {
            cached += bytes;
            refLogProbs_.push_back(std::move(lps));
        }
        refTop_.push_back(std::move(top));
    }
    pplRef_ = std::exp(nll / double(positions_));
}

AccuracyMetrics Evaluator::evaluate(const LlamaWeights& candidate) const
{
    if (candidate.config.vocabSize != reference_.config.vocabSize)
        invalidInput(candidate.path, "vocabulary differs from the reference model's");
    const int64_t V = reference_.config.vocabSize;
    // The 99th percentile (nearest rank) is the k-th largest KL, k = N - ceil(0.99 N) + 1: only
    // the k largest are kept (a min-heap), not one value per position.
    const auto N = size_t(positions_);
    const size_t rank = size_t(std::ceil(0.99 * double(N)));
    const size_t keep = N - std::max<size_t>(rank, 1) + 1;
    std::vector<double> largest;
    largest.reserve(keep + 1);
    double klSum = 0, klMax = 0;
    int64_t count = 0;
    double nll = 0;
    int64_t agree = 0;
    std::vector<double> lq(static_cast<size_t>(V));
    Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> recomputed;
    for (size_t wi = 0; wi < windows_.size(); ++wi) {
        const auto& win = windows_[wi];
        throwIfCancelled();
        const int64_t n = int64_t(win.size()) - 1 - firstScored_;  // scored positions of this window
        const double* lpBase = nullptr;
        if (wi < refLogProbs_.size()) {
            lpBase = refLogProbs_[wi].data();
        } else {  // past the cache: the reference of this window again
            const RowMatrix ref = llamaLogits(reference_, win, nullptr, mode_);
            recomputed.resize(n, V);
            for (int64_t r = 0; r < n; ++r)
                logSoftmax(ref.data() + (firstScored_ + r) * V, V, recomputed.data() + r * V);
            lpBase = recomputed.data();
        }
        const RowMatrix logits = llamaLogits(candidate, win, nullptr, mode_);
        checkLogits(reference_, logits, wi, "the quantized model", candidate);
        for (int64_t t = firstScored_; t + 1 < int64_t(win.size()); ++t) {
            const int64_t r = t - firstScored_;
            logSoftmax(logits.data() + t * V, V, lq.data());
            const double* lpRow = lpBase + r * V;
            double d = 0;
            for (int64_t j = 0; j < V; ++j) {
                const double lp = lpRow[j];
                d += std::exp(lp) * (lp - lq[size_t(j)]);
            }
            d = std::max(0.0, d);  // rounding can make it a hair negative
            klSum += d;
            klMax = std::max(klMax, d);
            ++count;
            largest.push_back(d);
            std::push_heap(largest.begin(), largest.end(), std::greater<>());
            if (largest.size() > keep) {
                std::pop_heap(largest.begin(), largest.end(), std::greater<>());
                largest.pop_back();
            }
            nll -= lq[size_t(win[size_t(t + 1)])];
            agree += argmax(logits.data() + t * V, V) == refTop_[wi][size_t(r)];
        }
    }
    AccuracyMetrics m;
    m.positions = count;
    m.kldMean = klSum / double(count);
    m.kldP99 = largest.empty() ? 0.0 : largest.front();
    m.kldMax = klMax;
    m.top1Agreement = double(agree) / double(count);
    m.ppl = std::exp(nll / double(count));
    m.pplReference = pplRef_;
    return m;
}

// ---------------------------------------------------------------------------------------------
// Sensitivity and mixed precision

namespace {

// "blk.N" for a layer tensor, the tensor's own name otherwise.
std::string groupOf(const std::string& name)
{
    const int layer = layerNumber(name);
    return layer >= 0 ? "blk." + std::to_string(layer) : name;
}

// Reports one more evaluation done; throws Cancelled once the caller asked to stop.
void step(const EvalControl* c, int done, int total)
{
    throwIfCancelled();
    if (c && c->progress)
        c->progress(done, total);
}

}  // namespace

std::vector<Sensitivity> sensitivity(const Evaluator& ev, const Format& f, bool byLayer, const ActivationStats* imatrix,
                                     const EvalControl* control)
{
    return sensitivity(ev, uniformPrecision(ev.reference(), f), byLayer, imatrix, control);
}

std::vector<Sensitivity> sensitivity(const Evaluator& ev, const PlanSpec& full, bool byLayer,
                                     const ActivationStats* imatrix, const EvalControl* control)
{
    const LlamaWeights& w = ev.reference();
    std::vector<std::string> groups;
    std::map<std::string, PlanSpec> plans;
    for (const auto& t : w.tensors) {
        auto it = full.tensors.find(t.name);
        if (it == full.tensors.end() || !it->second)
            continue;
        const std::string g = byLayer ? groupOf(t.name) : t.name;
        if (!plans.count(g))
            groups.push_back(g);
        plans[g].tensors[t.name] = it->second;
    }
    const uint64_t src = w.sourceBytes();
    std::vector<Sensitivity> out;
    step(control, 0, int(groups.size()));
    for (const auto& g : groups) {
        const PlanSpec& p = plans[g];
        const AccuracyMetrics m = ev.evaluate(p, imatrix);
        const uint64_t bytes = precisionBytes(w, p);
        out.push_back({g, m.kldMean, m.top1Agreement, bytes < src ? src - bytes : 0});
        step(control, int(out.size()), int(groups.size()));
    }
    std::stable_sort(out.begin(), out.end(), [](const Sensitivity& a, const Sensitivity& b) { return a.kldMean > b.kldMean; });
    return out;
}

uint64_t bytesForBitsPerWeight(const LlamaWeights& w, double bpw)
{
    if (!(bpw > 0) || bpw > 64)
        invalidInput({}, "bits per weight must be in (0, 64]");
    return uint64_t(std::floor(bpw * double(w.nParams()) / 8.0));
}

PlanSpec planForSize(const Evaluator& ev, uint64_t targetBytes, const std::vector<const Format*>& candidates,
                      const Rounding& rounding, const EvalControl* control)
{
    const LlamaWeights& w = ev.reference();
    struct Option {
        const Format* f;
        uint64_t bytes;
        double kl;
    };
    struct Item {
        std::string name;
        std::vector<Option> options;  // sorted by bytes
        size_t cur = 0;
    };
    std::vector<Item> items;
    uint64_t fixed = 0;  // tensors no candidate can store
    for (const auto& t : w.tensors) {
        std::vector<Option> opts;
        if (t.isMatrix())
            for (const Format* f : candidates)
                if (f && f->supports(t.rows, t.cols))
                    opts.push_back({f, f->storageBytes(t.rows, t.cols), 0.0});
        if (opts.empty()) {
            fixed += t.sourceBytes;
            continue;
        }
        std::sort(opts.begin(), opts.end(), [](const Option& a, const Option& b) { return a.bytes < b.bytes; });
        items.push_back({t.name, std::move(opts), 0});
    }
    uint64_t total = fixed;
    for (const Item& it : items)
        total += it.options.front().bytes;
    if (total > targetBytes)
        invalidInput(w.path, "target of " + std::to_string(targetBytes) + " bytes is below the smallest plan the formats allow (" +
                                 std::to_string(total) + " bytes, " + std::to_string(bitsPerWeight(w, total)) + " bits/weight)");
    // Single-tensor KL of every option.
    int evals = 0, done = 0;
    for (const Item& it : items)
        evals += int(it.options.size());
    step(control, 0, evals);
    for (Item& it : items)
        for (Option& o : it.options) {
            PlanSpec p;
            p.tensors[it.name] = o.f;
            o.kl = ev.evaluate(p, rounding).kldMean;
            step(control, ++done, evals);
        }
    for (;;) {
        double bestGain = 0;
        Item* bestItem = nullptr;
        size_t bestOpt = 0;
        for (Item& it : items) {
            const Option& cur = it.options[it.cur];
            for (size_t k = it.cur + 1; k < it.options.size(); ++k) {
                const Option& o = it.options[k];
                const uint64_t extra = o.bytes - cur.bytes;
                if (o.kl >= cur.kl || total + extra > targetBytes)
                    continue;
                const double gain = (cur.kl - o.kl) / double(std::max<uint64_t>(extra, 1));
                if (gain > bestGain) {
                    bestGain = gain;
                    bestItem = &it;
                    bestOpt = k;
                }
            }
        }
        if (!bestItem)
            break;
        total += bestItem->options[bestOpt].bytes - bestItem->options[bestItem->cur].bytes;
        bestItem->cur = bestOpt;
    }
    PlanSpec p;
    for (const Item& it : items)
        p.tensors[it.name] = it.options[it.cur].f;
    return p;
}

std::vector<const Format*> defaultSizeCandidates()
{
    std::vector<const Format*> out;
    for (const Format* f : allFormats())
        if (f->family() == FormatFamily::Gguf)
            out.push_back(f);
    if (const Format* f16 = findFormat("F16"))
        out.push_back(f16);
    return out;
}

}  // namespace qs
