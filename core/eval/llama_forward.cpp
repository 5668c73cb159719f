// GCC 12 reports a false "may be used uninitialized" inside its own AVX-512 intrinsics when it
// inlines Eigen's matrix product kernels (_mm512_undefined_ps operands); nothing here is unset.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include "core/eval/llama_forward.h"

#include "core/formats/format.h"
#include "core/util/error.h"
#include "core/util/cpu.h"
#include "core/util/half.h"
#include "core/util/parallel.h"

#include <algorithm>
#include <cmath>
#include <new>

namespace qs {

// ---------------------------------------------------------------------------------------------
// LlamaWeights

namespace {

std::string layerName(int l, const char* what) { return "blk." + std::to_string(l) + "." + what + ".weight"; }
std::string layerBias(int l, const char* what) { return "blk." + std::to_string(l) + "." + what + ".bias"; }

}  // namespace

void checkTensorShapes(const ModelConfig& c, const std::map<std::string, std::pair<int64_t, int64_t>>& shapes,
                       const std::string& path)
{
    if (!c.arch)
        invalidInput(path, "no architecture description for these weights");
    if (c.dim <= 0 || c.hiddenDim <= 0 || c.nLayers <= 0 || c.nHeads <= 0 || c.nKvHeads <= 0 || c.vocabSize <= 0 ||
        c.contextLength <= 0 || c.nHeads % c.nKvHeads != 0 || c.headDim() <= 0 || c.rotaryDim() > c.headDim() ||
        c.rotaryDim() % 2 != 0 || !(c.rmsEps >= 0) || !(c.ropeTheta > 0) ||
        (!c.ropeFreqFactors.empty() && int(c.ropeFreqFactors.size()) != c.rotaryDim() / 2) ||
        (!c.slidingLayers.empty() && int(c.slidingLayers.size()) != c.nLayers))
        invalidInput(path, "unusable " + std::string(c.arch->name) + " hyper-parameters (dim " + std::to_string(c.dim) +
                               ", heads " + std::to_string(c.nHeads) + "/" + std::to_string(c.nKvHeads) + " of " +
                               std::to_string(c.headDim()) + ", layers " + std::to_string(c.nLayers) + ", rope dims " +
                               std::to_string(c.rotaryDim()) + ")");
    for (const TensorSpec& s : c.arch->tensors(c)) {
        if (s.name == "rope_freqs.weight")
            continue;  // held by the config
        const auto it = shapes.find(s.name);
        if (it == shapes.end()) {
            if (!s.required)
                continue;
            invalidInput(path, std::string(c.arch->name) + " tensor '" + s.name + "' is missing");
        }
        const int64_t rows = s.shape.size() == 2 ? s.shape[0] : 1, cols = s.shape.back();
        const auto [r, k] = it->second;
        if (r != rows || k != cols)
            invalidInput(path, std::string(c.arch->name) + " tensor '" + s.name + "' is " + std::to_string(r) + "x" +
                                   std::to_string(k) + ", expected " + std::to_string(rows) + "x" +
                                   std::to_string(cols) + " from the model's hyper-parameters");
    }
}

// ---------------------------------------------------------------------------------------------
// WeightTensor

uint64_t WeightTensor::storedBytes() const
{
    if (q.format)
        return q.format->storageBytes(rows, cols);
    return uint64_t(q.rowBytes) * uint64_t(rows);
}

const float* WeightTensor::floats() const
{
    if (q.format || q.type != GgmlType::F32 || !q.data)
        failure({}, "tensor '" + name + "' is not stored as F32");
    return static_cast<const float*>(q.data);
}

void WeightTensor::decodeRows(int64_t r0, int64_t r1, float* out) const
{
    if (r0 < 0 || r1 > rows || r0 > r1)
        failure({}, "rows " + std::to_string(r0) + ".." + std::to_string(r1) + " outside tensor '" + name + "'");
    if (q.format) {  // the INT family: its own whole-tensor layout, decoded as the kernels decode it
        q.format->dequantizeRows(q.data, rows, cols, r0, r1, out);
        return;
    }
    const uint8_t* src = static_cast<const uint8_t*>(q.data) + size_t(r0) * q.rowBytes;
    if (q.type == GgmlType::F32) {
        std::copy_n(reinterpret_cast<const float*>(src), (r1 - r0) * cols, out);
        return;
    }
    const Format* f = formatForGgml(q.type);
    if (!f)
        failure({}, "tensor '" + name + "': no decoder for its type");
    if (q.repacked) {  // Q4_0 in the kernels' layout: each row's plain bytes first
        std::vector<uint8_t> row(q.rowBytes);
        for (int64_t r = r0; r < r1; ++r) {
            kernels::plainRow(q, r, row.data());
            f->dequantize(row.data(), 1, cols, out + (r - r0) * cols);
        }
        return;
    }
    for (int64_t r = r0; r < r1; ++r)  // rows may be padded beyond their packed length
        f->dequantize(static_cast<const uint8_t*>(q.data) + size_t(r) * q.rowBytes, 1, cols, out + (r - r0) * cols);
}

std::vector<float> WeightTensor::toFloat() const
{
    std::vector<float> v(static_cast<size_t>(numel()));
    if (q.format)
        q.format->dequantize(q.data, rows, cols, v.data());
    else if (formatForGgml(q.type) && !q.repacked && q.rowBytes == kernels::rowBytes(q.type, cols))
        formatForGgml(q.type)->dequantize(q.data, rows, cols, v.data());
    else
        decodeRows(0, rows, v.data());
    return v;
}

WeightTensor WeightTensor::fromFloats(std::string name, int64_t rows, int64_t cols, std::vector<float> values,
                                      uint64_t sourceBytes)
{
    if (int64_t(values.size()) != rows * cols)
        failure({}, "tensor '" + name + "': " + std::to_string(values.size()) + " values for " + std::to_string(rows) +
                        "x" + std::to_string(cols));
    auto data = std::make_shared<const std::vector<float>>(std::move(values));
    WeightTensor t;
    t.name = std::move(name);
    t.rows = rows;
    t.cols = cols;
    t.sourceBytes = sourceBytes;
    t.q = QMatrix{GgmlType::F32, data->data(), rows, cols, size_t(cols) * sizeof(float), nullptr};
    t.owner = std::move(data);
    return t;
}

// ---------------------------------------------------------------------------------------------
// LlamaWeights

LlamaWeights LlamaWeights::fromTensors(const ModelConfig& c, std::vector<WeightTensor> tensors, const std::string& path)
{
    LlamaWeights w;
    w.config = c;
    w.path = path;
    w.tensors = std::move(tensors);
    w.check();
    return w;
}

void LlamaWeights::check() const
{
    std::map<std::string, std::pair<int64_t, int64_t>> shapes;
    for (const auto& t : tensors)
        shapes[t.name] = {t.rows, t.cols};
    checkTensorShapes(config, shapes, path);
    for (const auto& t : tensors) {
        if (t.q.rows != t.rows || t.q.cols != t.cols || !t.q.data)
            invalidInput(path, "tensor '" + t.name + "': its stored rows do not match its shape");
        if (!t.q.format && t.q.rowBytes < kernels::rowBytes(t.q.type, t.cols))
            invalidInput(path, "tensor '" + t.name + "': row stride too small for its type");
    }
    // The norms are read as floats by the forward pass.
    for (const auto& t : tensors)
        if (!t.isMatrix() && (t.q.format || t.q.type != GgmlType::F32))
            invalidInput(path, "llama tensor '" + t.name + "': 1-D tensors must be held as F32");
}

const WeightTensor* LlamaWeights::find(std::string_view name) const
{
    for (const auto& t : tensors)
        if (t.name == name)
            return &t;
    return nullptr;
}

const WeightTensor& LlamaWeights::get(std::string_view name) const
{
    if (const WeightTensor* t = find(name))
        return *t;
    invalidInput(path, "tensor '" + std::string(name) + "' is missing");
}

const WeightTensor& LlamaWeights::classifier() const
{
    if (const WeightTensor* t = find("output.weight"))
        return *t;
    return get("token_embd.weight");
}

std::vector<std::string> LlamaWeights::matrixNames() const
{
    std::vector<std::string> v;
    for (const auto& t : tensors)
        if (t.isMatrix())
            v.push_back(t.name);
    return v;
}

int64_t LlamaWeights::nParams() const
{
    int64_t n = 0;
    for (const auto& t : tensors)
        n += t.numel();
    return n;
}

uint64_t LlamaWeights::sourceBytes() const
{
    uint64_t n = 0;
    for (const auto& t : tensors)
        n += t.sourceBytes;
    return n;
}

void LlamaWeights::replace(const std::string& name, std::vector<float> values)
{
    const WeightTensor& old = get(name);
    if (int64_t(values.size()) != old.numel())
        failure(path, "replacement for tensor '" + name + "' has the wrong size");
    replace(WeightTensor::fromFloats(name, old.rows, old.cols, std::move(values), old.sourceBytes));
}

void LlamaWeights::replace(WeightTensor t)
{
    for (auto& cur : tensors) {
        if (cur.name != t.name)
            continue;
        if (t.rows != cur.rows || t.cols != cur.cols || t.q.rows != t.rows || t.q.cols != t.cols || !t.q.data)
            failure(path, "replacement for tensor '" + t.name + "' has the wrong shape");
        cur = std::move(t);
        return;
    }
    invalidInput(path, "tensor '" + t.name + "' is missing");
}

LlamaWeights LlamaWeights::toF32() const
{
    LlamaWeights out = *this;
    for (auto& t : out.tensors)
        if (t.q.format || t.q.type != GgmlType::F32)
            t = WeightTensor::fromFloats(t.name, t.rows, t.cols, t.toFloat(), t.sourceBytes);
    return out;
}

uint64_t LlamaWeights::ownedBytes() const
{
    // A view into a mapped file has the file's map as owner; buffers made here own their bytes.
    uint64_t n = 0;
    for (const auto& t : tensors)
        if (t.owner && !t.inPlace)
            n += t.storedBytes();
    return n;
}

void LlamaWeights::checkFinite() const
{
    std::vector<float> buf;
    for (const auto& t : tensors) {
        const int64_t n = t.numel();
        auto check = [&](const float* v, int64_t count, int64_t first) {
            if (const int64_t bad = firstNonFinite(v, count); bad < count)
                invalidInput(path, "tensor '" + t.name + "' holds " + (std::isnan(v[bad]) ? "NaN" : "an infinite value") +
                                       " (element " + std::to_string(first + bad) + " of " + std::to_string(n) +
                                       "): the weights are corrupt");
        };
        if (t.q.format) {  // the INT family: whole-tensor layout
            const std::vector<float> all = t.toFloat();
            check(all.data(), n, 0);
            continue;
        }
        const int64_t chunk = std::max<int64_t>(1, (int64_t(1) << 20) / std::max<int64_t>(1, t.cols));
        buf.resize(size_t(std::min(chunk, t.rows) * t.cols));
        for (int64_t r0 = 0; r0 < t.rows; r0 += chunk) {
            const int64_t r1 = std::min(t.rows, r0 + chunk);
            t.decodeRows(r0, r1, buf.data());
            check(buf.data(), (r1 - r0) * t.cols, r0 * t.cols);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// ActivationStats

void ActivationStats::add(std::initializer_list<const std::string*> names, const RowMatrix& x)
{
    if (!keep_.empty()) {
        if (int64_t(keep_.size()) != x.rows())
            failure({}, "activation statistics: a row selection of " + std::to_string(keep_.size()) + " for " +
                            std::to_string(x.rows()) + " rows");
        RowMatrix kept(std::count_if(keep_.begin(), keep_.end(), [](uint8_t k) { return k != 0; }), x.cols());
        for (int64_t r = 0, o = 0; r < x.rows(); ++r)
            if (keep_[size_t(r)])
                kept.row(o++) = x.row(r);
        std::vector<uint8_t> keep;
        keep.swap(keep_);
        add(names, kept);
        keep_.swap(keep);
        return;
    }
    const int64_t cols = x.cols();
    std::vector<double> sq(static_cast<size_t>(cols), 0.0);
    for (int64_t r = 0; r < x.rows(); ++r) {
        const float* row = x.data() + r * cols;
        for (int64_t j = 0; j < cols; ++j)
            sq[size_t(j)] += double(row[j]) * double(row[j]);
    }
    for (const std::string* n : names) {
        Acc& a = sums_[*n];
        if (a.sum.empty())
            a.sum.assign(size_t(cols), 0.0);
        if (int64_t(a.sum.size()) != cols)
            failure({}, "activation statistics for '" + *n + "' change width");
        for (int64_t j = 0; j < cols; ++j)
            a.sum[size_t(j)] += sq[size_t(j)];
        a.count += x.rows();
    }
    if (collectMoments_ && names.size() > 0) {
        std::shared_ptr<InputMoments>& first = moments_[**names.begin()];
        if (!first)
            first = std::make_shared<InputMoments>();
        // XᵀX of a few rows is a memory-bound pass over all of it: rows of short calls (decode
        // steps) wait until kBatch of them have come.
        constexpr int64_t kBatch = 256;
        auto pit = pending_.find(first.get());
        if (pit == pending_.end() && x.rows() >= kBatch) {
            first->add(x.data(), x.rows(), cols);  // complete at once (mirrored)
        } else {
            unmirrored_ = true;
            Pending& p = pending_[first.get()];
            if (p.width != 0 && p.width != cols)
                failure({}, "activation statistics for '" + **names.begin() + "' change width");
            p.width = cols;
            p.rows.insert(p.rows.end(), x.data(), x.data() + x.size());
            const int64_t held = int64_t(p.rows.size()) / cols;
            if (held >= kBatch) {
                first->add(p.rows.data(), held, cols, /*mirror=*/false);
                pending_.erase(first.get());
            }
        }
        for (const std::string* n : names)
            moments_[*n] = first;
    }
}

void ActivationStats::flushMoments()
{
    for (auto& [m, p] : pending_)
        if (p.width > 0 && !p.rows.empty())
            m->add(p.rows.data(), int64_t(p.rows.size()) / p.width, p.width, /*mirror=*/false);
    pending_.clear();
    if (unmirrored_) {
        std::vector<InputMoments*> done;
        for (auto& [name, m] : moments_)
            if (std::find(done.begin(), done.end(), m.get()) == done.end()) {
                m->mirror();
                done.push_back(m.get());
            }
        unmirrored_ = false;
    }
}

std::shared_ptr<const InputMoments> ActivationStats::moments(const std::string& tensor) const
{
    if (!pending_.empty() || unmirrored_)
        failure({}, "input moments read before flushMoments()");
    auto it = moments_.find(tensor);
    return it == moments_.end() ? nullptr : it->second;
}

std::vector<float> ActivationStats::importance(const std::string& tensor) const
{
    auto it = sums_.find(tensor);
    if (it == sums_.end() || it->second.count == 0)
        return {};
    std::vector<float> v(it->second.sum.size());
    for (size_t j = 0; j < v.size(); ++j)
        v[j] = float(it->second.sum[j] / double(it->second.count));
    return v;
}

void ActivationStats::setMeanSquares(const std::string& tensor, const std::vector<float>& mean, int64_t tokens)
{
    Acc& a = sums_[tensor];
    a.count = std::max<int64_t>(tokens, 1);
    a.sum.assign(mean.size(), 0.0);
    for (size_t j = 0; j < mean.size(); ++j)
        a.sum[j] = double(mean[j]) * double(a.count);
}

int64_t ActivationStats::tokens(const std::string& tensor) const
{
    auto it = sums_.find(tensor);
    return it == sums_.end() ? 0 : it->second.count;
}

// ---------------------------------------------------------------------------------------------
// Forward pass

namespace {

// y (n x w.rows) = x (n x w.cols) * W^T on the weight's stored bytes: the one product of the
// forward pass (decode mat-vec for n = 1, batched for prompts and evaluation windows), parallel
// over the weight's rows. The INT/NF4 family has no llama.cpp activation type: always float.
void linear(const WeightTensor& w, const RowMatrix& x, RowMatrix& y, ActMode mode)
{
    y.resize(x.rows(), w.rows);
    kernels::matmul(w.q, x.data(), x.rows(), y.data(), w.q.format ? ActMode::Float : mode);
}

// y = x / sqrt(mean(x^2) + eps) * weight over every group of `weight.cols` values of a row
// (the whole row, or each head for the q/k norms).
void rmsNorm(const RowMatrix& x, const WeightTensor& weight, float eps, RowMatrix& y)
{
    y.resize(x.rows(), x.cols());
    const int64_t n = weight.cols, groups = x.cols() / n;
    const float* g = weight.floats();
    for (int64_t r = 0; r < x.rows(); ++r)
        for (int64_t k = 0; k < groups; ++k) {
            const float* in = x.data() + r * x.cols() + k * n;
            float* out = y.data() + r * x.cols() + k * n;
            double sum = 0;
            for (int64_t j = 0; j < n; ++j)
                sum += double(in[j]) * double(in[j]);
            const float mean = float(sum / double(n));
            const float scale = 1.0f / std::sqrt(mean + eps);
            for (int64_t j = 0; j < n; ++j)
                out[j] = (in[j] * scale) * g[j];
        }
}

void addBias(RowMatrix& x, const WeightTensor* b)
{
    if (!b)
        return;
    const Eigen::Map<const Eigen::RowVectorXf> v(b->floats(), b->cols);
    x.rowwise() += v;
}

// Rotates the pairs of the first ropeDim values of every head: (2i, 2i+1) for the interleaved
// layout, (i, i + ropeDim/2) for NEOX. freq[i] is the angle per position of pair i. Row r is at
// position pos0 + r % perSequence (the rows of several sequences, perSequence rows each).
void rope(RowMatrix& x, int nHeads, int headDim, int ropeDim, RopeLayout layout, int pos0, int64_t perSequence,
          const std::vector<float>& freq)
{
    const int half = ropeDim / 2;
    const int stride = layout == RopeLayout::Neox ? 1 : 2, other = layout == RopeLayout::Neox ? half : 1;
    for (int64_t r = 0; r < x.rows(); ++r) {
        const float p = float(pos0 + r % perSequence);
        for (int i = 0; i < half; ++i) {
            const float theta = p * freq[size_t(i)];
            const float c = std::cos(theta), s = std::sin(theta);
            for (int h = 0; h < nHeads; ++h) {
                float* v = x.data() + r * x.cols() + int64_t(h) * headDim + stride * i;
                const float x0 = v[0], x1 = v[other];
                v[0] = x0 * c - x1 * s;
                v[other] = x0 * s + x1 * c;
            }
        }
    }
}

std::vector<float> ropeFrequencies(const ModelConfig& c, float theta, float scale)
{
    const int rd = c.rotaryDim();
    std::vector<float> f(size_t(rd / 2));
    for (int i = 0; i < rd / 2; ++i) {
        double v = double(scale) * std::pow(double(theta), -2.0 * i / rd);
        if (!c.ropeFreqFactors.empty())
            v /= double(c.ropeFreqFactors[size_t(i)]);
        f[size_t(i)] = float(v);
    }
    return f;
}

void softcap(float* v, int64_t n, float cap)
{
    for (int64_t i = 0; i < n; ++i)
        v[i] = cap * std::tanh(v[i] / cap);
}

// g = act(g) * u, elementwise.
void gatedActivation(Activation act, float* g, const float* u, int64_t n)
{
    if (act == Activation::GeluTanh) {
        constexpr float k = 0.7978845608028654f;  // sqrt(2 / pi)
        for (int64_t i = 0; i < n; ++i) {
            const float a = g[i];
            g[i] = 0.5f * a * (1.0f + std::tanh(k * (a + 0.044715f * a * a * a))) * u[i];
        }
    } else {
        for (int64_t i = 0; i < n; ++i) {
            const float a = g[i];
            g[i] = a / (1.0f + std::exp(-a)) * u[i];
        }
    }
}

}  // namespace

LlamaSession::LlamaSession(const LlamaWeights& w, int maxTokens, ActMode mode, int sequences)
    : w_(w), mode_(mode), seqs_(sequences)
{
    const ModelConfig& c = w.config;
    if (sequences < 1)
        invalidInput(w.path, "a session needs at least one sequence");
    cap_ = maxTokens > 0 ? maxTokens : c.contextLength;
    k_.assign(size_t(c.nLayers) * size_t(seqs_), RowMatrix());
    v_.assign(size_t(c.nLayers) * size_t(seqs_), RowMatrix());
    ropeFreq_ = ropeFrequencies(c, c.ropeTheta, c.ropeFreqScale);
    ropeFreqSwa_ = ropeFrequencies(c, c.ropeThetaSwa > 0 ? c.ropeThetaSwa : c.ropeTheta,
                                   c.ropeFreqScaleSwa > 0 ? c.ropeFreqScaleSwa : c.ropeFreqScale);
}

void LlamaSession::growCache(int needed)
{
    if (k_.empty() || k_[0].rows() >= needed)
        return;
    const int kvDim = w_.config.nKvHeads * w_.config.headDim();
    const int rows = std::min(cap_, std::max(needed, int(std::min<int64_t>(cap_, 2 * k_[0].rows()))));
    try {
        for (size_t l = 0; l < k_.size(); ++l) {
            k_[l].conservativeResize(rows, kvDim);
            v_[l].conservativeResize(rows, kvDim);
        }
    } catch (const std::bad_alloc&) {
        const double mb = 2.0 * double(k_.size()) * double(rows) * double(kvDim) * sizeof(float) / 1e6;
        invalidInput(w_.path, "a window of " + std::to_string(rows) + " tokens needs a key/value cache of " +
                                  std::to_string(int64_t(mb)) + " MB, more than this machine can allocate "
                                  "(use a smaller --window)");
    }
}

RowMatrix LlamaSession::eval(std::span<const int32_t> tokens, ActivationStats* stats, bool lastOnly)
{
    if (tokens.size() % size_t(seqs_) != 0)
        invalidInput(w_.path, std::to_string(tokens.size()) + " tokens for " + std::to_string(seqs_) +
                                  " sequences: each sequence needs the same number");
    if (tokens.empty())
        return RowMatrix(0, w_.config.vocabSize);
    begin(tokens);
    for (int l = 0; l < w_.config.nLayers; ++l)
        for (int p = 0; p < kLayerPieces; ++p)
            piece(l, p, stats);
    classifierInput(stats, lastOnly);
    return classify();
}

void LlamaSession::begin(std::span<const int32_t> tokens)
{
    const ModelConfig& c = w_.config;
    if (tokens.empty() || tokens.size() % size_t(seqs_) != 0)
        invalidInput(w_.path, std::to_string(tokens.size()) + " tokens for " + std::to_string(seqs_) +
                                  " sequences: each sequence needs the same number, at least one");
    const int rowsIn = int(tokens.size());
    const int n = rowsIn / seqs_;  // tokens per sequence
    if (pos_ + n > cap_)
        invalidInput(w_.path, "token window of " + std::to_string(pos_ + n) + " tokens exceeds the context of " +
                                  std::to_string(cap_));
    const WeightTensor& embd = w_.get("token_embd.weight");
    wk_.n = n;
    RowMatrix& x = wk_.x;
    x.resize(rowsIn, c.dim);
    for (int t = 0; t < rowsIn; ++t) {
        const int32_t id = tokens[size_t(t)];
        if (id < 0 || id >= c.vocabSize)
            invalidInput(w_.path, "token id " + std::to_string(id) + " is outside the vocabulary of " +
                                      std::to_string(c.vocabSize));
        embd.decodeRows(id, id + 1, x.data() + int64_t(t) * c.dim);
    }
    if (c.embedScale != 1.0f)
        x *= c.embedScale;
    growCache(pos_ + n);
}

std::vector<std::string> productGroup(const LlamaWeights& w, int l, int piece)
{
    auto has = [&](const char* what) { return w.find(layerName(l, what)) != nullptr; };
    switch (piece) {
    case 0:
        if (has("attn_qkv"))
            return {layerName(l, "attn_qkv")};
        return {layerName(l, "attn_q"), layerName(l, "attn_k"), layerName(l, "attn_v")};
    case 1: return {layerName(l, "attn_output")};
    case 2:
        if (has("ffn_gate"))
            return {layerName(l, "ffn_gate"), layerName(l, "ffn_up")};
        return {layerName(l, "ffn_up")};
    case 3: return {layerName(l, "ffn_down")};
    default: return {};
    }
}

std::string productGroupNorm(int l, int piece)
{
    switch (piece) {
    case 0: return layerName(l, "attn_norm");
    case 2: return layerName(l, "ffn_norm");
    default: return {};
    }
}

void LlamaSession::scaleNormed(const std::vector<float>& s)
{
    if (int64_t(s.size()) != wk_.xn.cols())
        invalidInput(w_.path, "a normed input of " + std::to_string(wk_.xn.cols()) + " columns cannot take " +
                                  std::to_string(s.size()) + " scales");
    wk_.xn.array().rowwise() *= Eigen::Map<const Eigen::RowVectorXf>(s.data(), Eigen::Index(s.size())).array();
}

const RowMatrix* LlamaSession::piece(int l, int p, ActivationStats* stats)
{
    const ModelConfig& c = w_.config;
    const int n = wk_.n, S = seqs_;  // tokens per sequence, sequences
    const int hd = c.headDim(), qDim = c.nHeads * hd, kvDim = c.nKvHeads * hd;
    const int group = c.nHeads / c.nKvHeads;
    const float attnScale = c.attnScale > 0 ? c.attnScale : 1.0f / std::sqrt(float(hd));
    RowMatrix &x = wk_.x, &xn = wk_.xn, &qkv = wk_.qkv, &q = wk_.q, &k = wk_.k, &v = wk_.v, &att = wk_.att,
              &o = wk_.o, &g = wk_.g, &u = wk_.u;
    auto opt = [&](const std::string& name) { return w_.find(name); };
    switch (p) {
    case 0: {  // the attention's input
        rmsNorm(x, w_.get(layerName(l, "attn_norm")), c.rmsEps, xn);
        if (stats) {
            if (const WeightTensor* wqkv = opt(layerName(l, "attn_qkv")))
                stats->add({&wqkv->name}, xn);
            else
                stats->add({&w_.get(layerName(l, "attn_q")).name, &w_.get(layerName(l, "attn_k")).name,
                            &w_.get(layerName(l, "attn_v")).name},
                           xn);
        }
        return &xn;
    }
    case 1: {  // queries, keys, values, attention: the output projection's input
        if (const WeightTensor* wqkv = opt(layerName(l, "attn_qkv"))) {
            linear(*wqkv, xn, qkv, mode_);
            q = qkv.leftCols(qDim);
            k = qkv.middleCols(qDim, kvDim);
            v = qkv.rightCols(kvDim);
        } else {
            linear(w_.get(layerName(l, "attn_q")), xn, q, mode_);
            linear(w_.get(layerName(l, "attn_k")), xn, k, mode_);
            linear(w_.get(layerName(l, "attn_v")), xn, v, mode_);
            addBias(q, opt(layerBias(l, "attn_q")));
            addBias(k, opt(layerBias(l, "attn_k")));
            addBias(v, opt(layerBias(l, "attn_v")));
        }
        att.resize(int64_t(n) * S, qDim);
        if (const WeightTensor* qn = opt(layerName(l, "attn_q_norm"))) {
            rmsNorm(q, *qn, c.rmsEps, xn);
            q.swap(xn);
        }
        if (const WeightTensor* kn = opt(layerName(l, "attn_k_norm"))) {
            rmsNorm(k, *kn, c.rmsEps, xn);
            k.swap(xn);
        }
        const bool sliding = c.isSliding(l);
        const std::vector<float>& freq = sliding ? ropeFreqSwa_ : ropeFreq_;
        rope(q, c.nHeads, hd, c.rotaryDim(), c.ropeLayout, pos_, n, freq);
        rope(k, c.nKvHeads, hd, c.rotaryDim(), c.ropeLayout, pos_, n, freq);
        for (int sq = 0; sq < S; ++sq) {
            RowMatrix& kc = k_[size_t(l) * size_t(S) + size_t(sq)];
            RowMatrix& vc = v_[size_t(l) * size_t(S) + size_t(sq)];
            if (mode_ == ActMode::Llama) {
                // llama.cpp's default key/value cache is F16: keys and values are rounded to half
                // precision as they are stored (the queries and scores stay F32). Tiny in itself, but
                // quantized activations downstream amplify it: without it a Q8_0 model's KL was 18%
                // above llama.cpp's for the same file (stories260K), with it they agree to 0.2%.
                const auto toHalf = [](float f) { return fp16Round(f); };
                kc.middleRows(pos_, n) = k.middleRows(int64_t(sq) * n, n).unaryExpr(toHalf);
                vc.middleRows(pos_, n) = v.middleRows(int64_t(sq) * n, n).unaryExpr(toHalf);
            } else {
                kc.middleRows(pos_, n) = k.middleRows(int64_t(sq) * n, n);
                vc.middleRows(pos_, n) = v.middleRows(int64_t(sq) * n, n);
            }
        }
        const int window = sliding ? c.slidingWindow : 0;
        // Scores of one query against keys first..pos -> softmax probabilities in place (max
        // subtracted, sum in double). s: the raw dot products of keys first..pos.
        auto softmaxRow = [&](float* s, int len) {
            float mx = -INFINITY;
            for (int j = 0; j < len; ++j) {
                float v = s[j] * attnScale;
                if (c.attnSoftcap > 0)
                    v = c.attnSoftcap * std::tanh(v / c.attnSoftcap);
                s[j] = v;
                mx = std::max(mx, v);
            }
            double sum = 0;
            for (int j = 0; j < len; ++j) {
                s[j] = std::exp(s[j] - mx);
                sum += s[j];
            }
            const float inv = float(1.0 / sum);
            for (int j = 0; j < len; ++j)
                s[j] *= inv;
        };
        // llama.cpp's flash attention (on by default on the CPU) has two paths with different
        // arithmetic: a tiled one in F32 (queries F32, keys and values F16 widened exactly) for a
        // batch of at least 64 queries when the head size is a multiple of its SIMD float lanes
        // (8 with AVX2, 16 with AVX-512: qs::llamaCppF32Lanes()), which the matrix products below
        // reproduce; and, otherwise (one token, short batches, 8-wide heads on AVX-512), one query
        // at a time: the query rounded to F16, each score a dot product with an F16 key, an online
        // softmax, and the weighted values accumulated in F16 (rounded after every key). Llama
        // mode follows the path llama.cpp takes on this machine for a batch; a single token (decode:
        // sampling, speed) keeps the F32 products, which differ from llama.cpp's one-query path by
        // F16 roundings and cost a fraction of the scalar emulation's time.
        const int lanes = llamaCppF32Lanes();
        const bool oneByOne = mode_ == ActMode::Llama && n > 1 && (n < 64 || lanes == 0 || hd % lanes != 0);
        const float softcap = c.attnSoftcap > 0 ? c.attnSoftcap : 0.0f;
        // One query (hd floats) against keys first..last of KV head kvh, as llama.cpp's
        // ggml_compute_forward_flash_attn_ext_f16_one_chunk does it; out: hd floats.
        auto attendOne = [&](const RowMatrix& kc, const RowMatrix& vc, const float* qrow, int first, int last,
                             int64_t kvh, std::vector<float>& qh, std::vector<float>& acc, float* out) {
            const float scale = softcap > 0 ? attnScale / softcap : attnScale;
            for (int d = 0; d < hd; ++d)
                qh[size_t(d)] = fp16Round(qrow[d]);
            std::fill(acc.begin(), acc.end(), 0.0f);
            float sum = 0.0f, mx = -INFINITY;
            for (int j = first; j <= last; ++j) {
                const float* key = kc.row(j).data() + kvh * hd;
                const float* val = vc.row(j).data() + kvh * hd;
                double dot = 0;  // F16 x F16 products summed in double (ggml_vec_dot_f16)
                for (int d = 0; d < hd; ++d)
                    dot += double(qh[size_t(d)]) * double(key[d]);
                float sc = float(dot) * scale;
                if (softcap > 0)
                    sc = softcap * std::tanh(sc);
                float ms = 1.0f, vs = 1.0f;
                if (sc > mx) {
                    const float old = mx;
                    mx = sc;
                    ms = std::exp(old - mx);
                    for (int d = 0; d < hd; ++d)
                        acc[size_t(d)] = fp16Round(acc[size_t(d)] * ms);
                } else {
                    vs = std::exp(sc - mx);
                }
                for (int d = 0; d < hd; ++d)
                    acc[size_t(d)] = fp16Round(std::fma(val[d], vs, acc[size_t(d)]));
                sum = sum * ms + vs;
            }
            const float inv = sum == 0.0f ? 0.0f : 1.0f / sum;
            for (int d = 0; d < hd; ++d)
                out[d] = acc[size_t(d)] * inv;
        };
        // Work items: (sequence, head) pairs, a sequence's heads together.
        parallelFor(int64_t(S) * c.nHeads, 1, [&](int64_t hb, int64_t he) {
            RowMatrix scores;
            std::vector<float> qh(static_cast<size_t>(hd)), acc(static_cast<size_t>(hd));
            for (int64_t item = hb; item < he; ++item) {
                const int64_t sq = item / c.nHeads, h = item % c.nHeads;
                const int64_t kvh = h / group;
                const RowMatrix& kc = k_[size_t(l) * size_t(S) + size_t(sq)];
                const RowMatrix& vc = v_[size_t(l) * size_t(S) + size_t(sq)];
                const int64_t r0 = sq * n;  // the sequence's first row of q and att
                if (oneByOne) {
                    for (int t = 0; t < n; ++t) {
                        const int pos = pos_ + t;
                        const int first = window > 0 ? std::max(0, pos - window + 1) : 0;
                        attendOne(kc, vc, q.row(r0 + t).data() + h * hd, first, pos, kvh, qh, acc,
                                  att.row(r0 + t).data() + h * hd);
                    }
                    continue;
                }
                if (n == 1) {  // decode: one query, a dot product per key
                    const int pos = pos_;
                    const int first = window > 0 ? std::max(0, pos - window + 1) : 0;
                    const int len = pos - first + 1;
                    const auto K = kc.block(first, kvh * hd, len, hd);
                    const auto V = vc.block(first, kvh * hd, len, hd);
                    scores.resize(1, len);
                    scores.row(0).noalias() = q.row(r0).segment(h * hd, hd) * K.transpose();
                    softmaxRow(scores.data(), len);
                    att.row(r0).segment(h * hd, hd).noalias() = scores.row(0) * V;
                    continue;
                }
                // A batch: blocks of queries, each against the keys any of its queries sees, as two
                // matrix products (scores, then probabilities x values); keys a query must not see
                // (later positions, outside a sliding window) get probability 0.
                constexpr int kQueryBlock = 64;
                for (int t0 = 0; t0 < n; t0 += kQueryBlock) {
                    const int nt = std::min(kQueryBlock, n - t0);
                    const int kBeg = window > 0 ? std::max(0, pos_ + t0 - window + 1) : 0;
                    const int nk = pos_ + t0 + nt - kBeg;
                    scores.resize(nt, nk);
                    scores.noalias() = q.block(r0 + t0, h * hd, nt, hd) * kc.block(kBeg, kvh * hd, nk, hd).transpose();
                    for (int i = 0; i < nt; ++i) {
                        const int pos = pos_ + t0 + i;
                        const int first = (window > 0 ? std::max(0, pos - window + 1) : 0) - kBeg;
                        float* row = scores.row(i).data();
                        softmaxRow(row + first, pos - kBeg - first + 1);
                        std::fill(row, row + first, 0.0f);
                        std::fill(row + (pos - kBeg + 1), row + nk, 0.0f);
                    }
                    att.block(r0 + t0, h * hd, nt, hd).noalias() = scores * vc.block(kBeg, kvh * hd, nk, hd);
                }
            }
        });
        if (stats)
            stats->add({&w_.get(layerName(l, "attn_output")).name}, att);
        return &att;
    }
    case 2: {  // the output projection, residual: the feed-forward's input
        linear(w_.get(layerName(l, "attn_output")), att, o, mode_);
        if (const WeightTensor* pn = opt(layerName(l, "post_attention_norm"))) {
            rmsNorm(o, *pn, c.rmsEps, xn);
            o.swap(xn);
        }
        x += o;
        rmsNorm(x, w_.get(layerName(l, "ffn_norm")), c.rmsEps, xn);
        if (stats) {
            const WeightTensor& wu = w_.get(layerName(l, "ffn_up"));
            if (const WeightTensor* wg = opt(layerName(l, "ffn_gate")))
                stats->add({&wg->name, &wu.name}, xn);
            else
                stats->add({&wu.name}, xn);
        }
        return &xn;
    }
    case 3: {  // act(gate) * up, from two matrices or one fused one: the down projection's input
        const WeightTensor& wu = w_.get(layerName(l, "ffn_up"));
        if (const WeightTensor* wg = opt(layerName(l, "ffn_gate"))) {
            linear(*wg, xn, g, mode_);
            linear(wu, xn, u, mode_);
        } else {
            linear(wu, xn, qkv, mode_);
            g = qkv.leftCols(c.hiddenDim);
            u = qkv.rightCols(c.hiddenDim);
        }
        gatedActivation(c.activation, g.data(), u.data(), g.size());
        if (stats)
            stats->add({&w_.get(layerName(l, "ffn_down")).name}, g);
        return &g;
    }
    default: {  // the down projection, residual: the next layer's input
        linear(w_.get(layerName(l, "ffn_down")), g, o, mode_);
        if (const WeightTensor* pn = opt(layerName(l, "post_ffw_norm"))) {
            rmsNorm(o, *pn, c.rmsEps, xn);
            o.swap(xn);
        }
        x += o;
        return nullptr;
    }
    }
}

const RowMatrix& LlamaSession::classifierInput(ActivationStats* stats, bool lastOnly)
{
    const ModelConfig& c = w_.config;
    if (lastOnly && wk_.n > 1) {
        RowMatrix last(seqs_, c.dim);
        for (int sq = 0; sq < seqs_; ++sq)
            last.row(sq) = wk_.x.row(int64_t(sq) * wk_.n + wk_.n - 1);
        wk_.x.swap(last);
    }
    rmsNorm(wk_.x, w_.get("output_norm.weight"), c.rmsEps, wk_.xn);
    if (stats)
        stats->add({&w_.classifier().name}, wk_.xn);
    return wk_.xn;
}

RowMatrix LlamaSession::classify()
{
    const ModelConfig& c = w_.config;
    RowMatrix logits;
    linear(w_.classifier(), wk_.xn, logits, mode_);
    if (c.finalSoftcap > 0)
        softcap(logits.data(), logits.size(), c.finalSoftcap);
    pos_ += wk_.n;
    return logits;
}

RowMatrix llamaLogits(const LlamaWeights& w, std::span<const int32_t> tokens, ActivationStats* stats, ActMode mode)
{
    LlamaSession s(w, std::max(1, int(tokens.size())), mode);
    if (int(tokens.size()) > w.config.contextLength)
        invalidInput(w.path, "token window of " + std::to_string(tokens.size()) + " tokens exceeds the context of " +
                                 std::to_string(w.config.contextLength));
    return s.eval(tokens, stats);
}

}  // namespace qs
