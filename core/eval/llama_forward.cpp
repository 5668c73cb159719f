// GCC 12 reports a false "may be used uninitialized" inside its own AVX-512 intrinsics when it
// inlines Eigen's matrix product kernels (_mm512_undefined_ps operands); nothing here is unset.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include "core/eval/llama_forward.h"

#include "core/formats/format.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <algorithm>
#include <cmath>

namespace qs {

// ---------------------------------------------------------------------------------------------
// LlamaWeights

namespace {

std::string layerName(int l, const char* what) { return "blk." + std::to_string(l) + "." + what + ".weight"; }

struct Shape {
    std::string name;
    int64_t rows, cols;
    bool optional;
};

std::vector<Shape> expectedShapes(const LlamaConfig& c)
{
    const int64_t hd = c.headDim();
    std::vector<Shape> s{{"token_embd.weight", c.vocabSize, c.dim, false},
                         {"output_norm.weight", 1, c.dim, false},
                         {"output.weight", c.vocabSize, c.dim, true}};
    for (int l = 0; l < c.nLayers; ++l) {
        s.push_back({layerName(l, "attn_norm"), 1, c.dim, false});
        s.push_back({layerName(l, "attn_q"), c.nHeads * hd, c.dim, false});
        s.push_back({layerName(l, "attn_k"), c.nKvHeads * hd, c.dim, false});
        s.push_back({layerName(l, "attn_v"), c.nKvHeads * hd, c.dim, false});
        s.push_back({layerName(l, "attn_output"), c.dim, c.nHeads * hd, false});
        s.push_back({layerName(l, "ffn_norm"), 1, c.dim, false});
        s.push_back({layerName(l, "ffn_gate"), c.hiddenDim, c.dim, false});
        s.push_back({layerName(l, "ffn_up"), c.hiddenDim, c.dim, false});
        s.push_back({layerName(l, "ffn_down"), c.dim, c.hiddenDim, false});
    }
    return s;
}

}  // namespace

void checkLlamaShapes(const LlamaConfig& c, const std::map<std::string, std::pair<int64_t, int64_t>>& shapes,
                      const std::string& path)
{
    if (c.dim <= 0 || c.hiddenDim <= 0 || c.nLayers <= 0 || c.nHeads <= 0 || c.nKvHeads <= 0 || c.vocabSize <= 0 ||
        c.contextLength <= 0 || c.dim % c.nHeads != 0 || c.nHeads % c.nKvHeads != 0 || c.ropeDim < 0 ||
        c.ropeDim > c.headDim() || c.ropeDim % 2 != 0 || !(c.rmsEps >= 0) || !(c.ropeTheta > 0))
        invalidInput(path, "unusable llama hyper-parameters (dim " + std::to_string(c.dim) + ", heads " +
                               std::to_string(c.nHeads) + "/" + std::to_string(c.nKvHeads) + ", layers " +
                               std::to_string(c.nLayers) + ", rope dims " + std::to_string(c.ropeDim) + ")");
    for (const Shape& s : expectedShapes(c)) {
        auto it = shapes.find(s.name);
        if (it == shapes.end()) {
            if (s.optional)
                continue;
            invalidInput(path, "llama tensor '" + s.name + "' is missing");
        }
        const auto [rows, cols] = it->second;
        if (rows != s.rows || cols != s.cols)
            invalidInput(path, "llama tensor '" + s.name + "' is " + std::to_string(rows) + "x" + std::to_string(cols) +
                                   ", expected " + std::to_string(s.rows) + "x" + std::to_string(s.cols) +
                                   " from the model's hyper-parameters");
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
    if (q.format) {  // the INT family: its own whole-tensor layout
        std::vector<float> all(static_cast<size_t>(numel()));
        q.format->dequantize(q.data, rows, cols, all.data());
        std::copy(all.begin() + r0 * cols, all.begin() + r1 * cols, out);
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
    for (int64_t r = r0; r < r1; ++r)  // rows may be padded beyond their packed length
        f->dequantize(static_cast<const uint8_t*>(q.data) + size_t(r) * q.rowBytes, 1, cols, out + (r - r0) * cols);
}

std::vector<float> WeightTensor::toFloat() const
{
    std::vector<float> v(static_cast<size_t>(numel()));
    if (q.format)
        q.format->dequantize(q.data, rows, cols, v.data());
    else if (formatForGgml(q.type) && q.rowBytes == kernels::rowBytes(q.type, cols))
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

LlamaWeights LlamaWeights::fromTensors(const LlamaConfig& c, std::vector<WeightTensor> tensors, const std::string& path)
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
    checkLlamaShapes(config, shapes, path);
    for (const auto& t : tensors) {
        if (t.q.rows != t.rows || t.q.cols != t.cols || !t.q.data)
            invalidInput(path, "llama tensor '" + t.name + "': its stored rows do not match its shape");
        if (!t.q.format && t.q.rowBytes < kernels::rowBytes(t.q.type, t.cols))
            invalidInput(path, "llama tensor '" + t.name + "': row stride too small for its type");
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
    invalidInput(path, "llama tensor '" + std::string(name) + "' is missing");
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
    invalidInput(path, "llama tensor '" + t.name + "' is missing");
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

// ---------------------------------------------------------------------------------------------
// ActivationStats

void ActivationStats::add(std::initializer_list<const std::string*> names, const RowMatrix& x)
{
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

std::vector<std::string> ActivationStats::tensorNames() const
{
    std::vector<std::string> v;
    for (const auto& [k, a] : sums_)
        v.push_back(k);
    return v;
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

// y = x / sqrt(mean(x^2) + eps) * weight, per row.
void rmsNorm(const RowMatrix& x, const WeightTensor& weight, float eps, RowMatrix& y)
{
    y.resize(x.rows(), x.cols());
    const int64_t n = x.cols();
    const float* g = weight.floats();
    for (int64_t r = 0; r < x.rows(); ++r) {
        const float* in = x.data() + r * n;
        float* out = y.data() + r * n;
        double sum = 0;
        for (int64_t j = 0; j < n; ++j)
            sum += double(in[j]) * double(in[j]);
        const float mean = float(sum / double(n));
        const float scale = 1.0f / std::sqrt(mean + eps);
        for (int64_t j = 0; j < n; ++j)
            out[j] = (in[j] * scale) * g[j];
    }
}

// Rotates interleaved pairs (2i, 2i+1) of the first ropeDim values of every head.
void rope(RowMatrix& x, int nHeads, int headDim, int ropeDim, int pos0, const std::vector<float>& freq)
{
    for (int64_t r = 0; r < x.rows(); ++r) {
        const float p = float(pos0 + r);
        for (int i = 0; i < ropeDim / 2; ++i) {
            const float theta = p * freq[size_t(i)];
            const float c = std::cos(theta), s = std::sin(theta);
            for (int h = 0; h < nHeads; ++h) {
                float* v = x.data() + r * x.cols() + int64_t(h) * headDim + 2 * i;
                const float x0 = v[0], x1 = v[1];
                v[0] = x0 * c - x1 * s;
                v[1] = x0 * s + x1 * c;
            }
        }
    }
}

}  // namespace

LlamaSession::LlamaSession(const LlamaWeights& w, int maxTokens, ActMode mode) : w_(w), mode_(mode)
{
    const LlamaConfig& c = w.config;
    cap_ = maxTokens > 0 ? maxTokens : c.contextLength;
    k_.assign(size_t(c.nLayers), RowMatrix());
    v_.assign(size_t(c.nLayers), RowMatrix());
    ropeFreq_.resize(size_t(c.ropeDim / 2));
    for (int i = 0; i < c.ropeDim / 2; ++i)
        ropeFreq_[size_t(i)] = std::pow(c.ropeTheta, -float(2 * i) / float(c.ropeDim));
}

void LlamaSession::growCache(int needed)
{
    if (k_.empty() || k_[0].rows() >= needed)
        return;
    const int kvDim = w_.config.nKvHeads * w_.config.headDim();
    const int rows = std::min(cap_, std::max(needed, int(std::min<int64_t>(cap_, 2 * k_[0].rows()))));
    for (size_t l = 0; l < k_.size(); ++l) {
        k_[l].conservativeResize(rows, kvDim);
        v_[l].conservativeResize(rows, kvDim);
    }
}

RowMatrix LlamaSession::eval(std::span<const int32_t> tokens, ActivationStats* stats, bool lastOnly)
{
    const LlamaConfig& c = w_.config;
    const int n = int(tokens.size());
    if (n == 0)
        return RowMatrix(0, c.vocabSize);
    if (pos_ + n > cap_)
        invalidInput(w_.path, "token window of " + std::to_string(pos_ + n) + " tokens exceeds the context of " +
                                  std::to_string(cap_));
    const int hd = c.headDim();
    const int group = c.nHeads / c.nKvHeads;
    const float attnScale = 1.0f / std::sqrt(float(hd));

    const WeightTensor& embd = w_.get("token_embd.weight");
    RowMatrix x(n, c.dim);
    for (int t = 0; t < n; ++t) {
        const int32_t id = tokens[size_t(t)];
        if (id < 0 || id >= c.vocabSize)
            invalidInput(w_.path, "token id " + std::to_string(id) + " is outside the vocabulary of " +
                                      std::to_string(c.vocabSize));
        embd.decodeRows(id, id + 1, x.data() + int64_t(t) * c.dim);
    }
    growCache(pos_ + n);

    RowMatrix xn, q, k, v, att(n, c.dim), o, g, u;
    for (int l = 0; l < c.nLayers; ++l) {
        const WeightTensor& wq = w_.get(layerName(l, "attn_q"));
        const WeightTensor& wk = w_.get(layerName(l, "attn_k"));
        const WeightTensor& wv = w_.get(layerName(l, "attn_v"));
        const WeightTensor& wo = w_.get(layerName(l, "attn_output"));
        const WeightTensor& wg = w_.get(layerName(l, "ffn_gate"));
        const WeightTensor& wu = w_.get(layerName(l, "ffn_up"));
        const WeightTensor& wd = w_.get(layerName(l, "ffn_down"));

        // Attention.
        rmsNorm(x, w_.get(layerName(l, "attn_norm")), c.rmsEps, xn);
        if (stats)
            stats->add({&wq.name, &wk.name, &wv.name}, xn);
        linear(wq, xn, q, mode_);
        linear(wk, xn, k, mode_);
        linear(wv, xn, v, mode_);
        rope(q, c.nHeads, hd, c.ropeDim, pos_, ropeFreq_);
        rope(k, c.nKvHeads, hd, c.ropeDim, pos_, ropeFreq_);
        RowMatrix& kc = k_[size_t(l)];
        RowMatrix& vc = v_[size_t(l)];
        kc.middleRows(pos_, n) = k;
        vc.middleRows(pos_, n) = v;
        const int total = pos_ + n;
        parallelFor(c.nHeads, 1, [&](int64_t hb, int64_t he) {
            Eigen::VectorXf scores(total);
            for (int64_t h = hb; h < he; ++h) {
                const int64_t kvh = h / group;
                const auto K = kc.block(0, kvh * hd, total, hd);
                const auto V = vc.block(0, kvh * hd, total, hd);
                for (int t = 0; t < n; ++t) {
                    const int visible = pos_ + t + 1;  // causal: keys 0..pos
                    const auto qv = q.row(t).segment(h * hd, hd);
                    float mx = -INFINITY;
                    for (int j = 0; j < visible; ++j) {
                        scores[j] = K.row(j).dot(qv) * attnScale;
                        mx = std::max(mx, scores[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < visible; ++j) {
                        scores[j] = std::exp(scores[j] - mx);
                        sum += scores[j];
                    }
                    const float inv = float(1.0 / sum);
                    auto out = att.row(t).segment(h * hd, hd);
                    out.setZero();
                    for (int j = 0; j < visible; ++j)
                        out += (scores[j] * inv) * V.row(j);
                }
            }
        });
        if (stats)
            stats->add({&wo.name}, att);
        linear(wo, att, o, mode_);
        x += o;

        // Feed-forward (SwiGLU).
        rmsNorm(x, w_.get(layerName(l, "ffn_norm")), c.rmsEps, xn);
        if (stats)
            stats->add({&wg.name, &wu.name}, xn);
        linear(wg, xn, g, mode_);
        linear(wu, xn, u, mode_);
        for (int64_t i = 0; i < g.size(); ++i) {
            const float a = g.data()[i];
            g.data()[i] = a / (1.0f + std::exp(-a)) * u.data()[i];
        }
        if (stats)
            stats->add({&wd.name}, g);
        linear(wd, g, o, mode_);
        x += o;
    }
    if (lastOnly && n > 1)
        x = x.bottomRows(1).eval();
    rmsNorm(x, w_.get("output_norm.weight"), c.rmsEps, xn);
    const WeightTensor& cls = w_.classifier();
    if (stats)
        stats->add({&cls.name}, xn);
    RowMatrix logits;
    linear(cls, xn, logits, mode_);
    pos_ += n;
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
