// GCC 12 reports a false "may be used uninitialized" inside its own AVX-512 intrinsics when it
// inlines Eigen's matrix product kernels (_mm512_undefined_ps operands); nothing here is unset.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include "core/eval/llama_forward.h"

#include "core/util/error.h"
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
    const ModelConfig& c = config;
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
        const WeightTensor* t = find(s.name);
        if (!t) {
            if (!s.required)
                continue;
            invalidInput(path, std::string(c.arch->name) + " tensor '" + s.name + "' is missing");
        }
        const int64_t rows = s.shape.size() == 2 ? s.shape[0] : 1, cols = s.shape.back();
        if (t->rows != rows || t->cols != cols || !t->data || int64_t(t->data->size()) != t->numel())
            invalidInput(path, std::string(c.arch->name) + " tensor '" + s.name + "' is " + std::to_string(t->rows) +
                                   "x" + std::to_string(t->cols) + ", expected " + std::to_string(rows) + "x" +
                                   std::to_string(cols));
    }
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
    for (auto& t : tensors) {
        if (t.name != name)
            continue;
        if (int64_t(values.size()) != t.numel())
            failure(path, "replacement for tensor '" + name + "' has the wrong size");
        t.data = std::make_shared<const std::vector<float>>(std::move(values));
        return;
    }
    invalidInput(path, "tensor '" + name + "' is missing");
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
    if (collectMoments_ && names.size() > 0) {
        std::shared_ptr<InputMoments>& first = moments_[**names.begin()];
        if (!first)
            first = std::make_shared<InputMoments>();
        first->add(x.data(), x.rows(), cols);
        for (const std::string* n : names)
            moments_[*n] = first;
    }
}

std::shared_ptr<const InputMoments> ActivationStats::moments(const std::string& tensor) const
{
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

int64_t ActivationStats::tokens(const std::string& tensor) const
{
    auto it = sums_.find(tensor);
    return it == sums_.end() ? 0 : it->second.count;
}

// ---------------------------------------------------------------------------------------------
// Forward pass

namespace {

using MapW = Eigen::Map<const RowMatrix>;

// out (n x w.rows) = x (n x w.cols) * W^T, split over the weight's rows.
void matmul(const RowMatrix& x, const WeightTensor& w, RowMatrix& out)
{
    out.resize(x.rows(), w.rows);
    const MapW W(w.ptr(), w.rows, w.cols);
    const int64_t work = x.rows() * w.rows * w.cols;
    if (work < (1 << 18)) {
        out.noalias() = x * W.transpose();
        return;
    }
    const int64_t chunks = int64_t(maxThreads()) * 2;
    int64_t grain = std::max<int64_t>(16, (w.rows + chunks - 1) / chunks);
    grain = (grain + 15) / 16 * 16;
    parallelFor(w.rows, grain, [&](int64_t b, int64_t e) {
        RowMatrix part = x * W.middleRows(b, e - b).transpose();
        out.middleCols(b, e - b) = part;
    });
}

// y = x / sqrt(mean(x^2) + eps) * weight over every group of `weight.cols` values of a row
// (the whole row, or each head for the q/k norms).
void rmsNorm(const RowMatrix& x, const WeightTensor& weight, float eps, RowMatrix& y)
{
    y.resize(x.rows(), x.cols());
    const int64_t n = weight.cols, groups = x.cols() / n;
    const float* g = weight.ptr();
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
    const Eigen::Map<const Eigen::RowVectorXf> v(b->ptr(), b->cols);
    x.rowwise() += v;
}

// Rotates the pairs of the first ropeDim values of every head: (2i, 2i+1) for the interleaved
// layout, (i, i + ropeDim/2) for NEOX. freq[i] is the angle per position of pair i.
void rope(RowMatrix& x, int nHeads, int headDim, int ropeDim, RopeLayout layout, int pos0,
          const std::vector<float>& freq)
{
    const int half = ropeDim / 2;
    const int stride = layout == RopeLayout::Neox ? 1 : 2, other = layout == RopeLayout::Neox ? half : 1;
    for (int64_t r = 0; r < x.rows(); ++r) {
        const float p = float(pos0 + r);
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

LlamaSession::LlamaSession(const LlamaWeights& w, int maxTokens) : w_(w)
{
    const ModelConfig& c = w.config;
    cap_ = maxTokens > 0 ? maxTokens : c.contextLength;
    const int kvDim = c.nKvHeads * c.headDim();
    try {
        k_.assign(size_t(c.nLayers), RowMatrix(cap_, kvDim));
        v_.assign(size_t(c.nLayers), RowMatrix(cap_, kvDim));
    } catch (const std::bad_alloc&) {
        const double mb = 2.0 * double(c.nLayers) * double(cap_) * double(kvDim) * sizeof(float) / 1e6;
        invalidInput(w.path, "a window of " + std::to_string(cap_) + " tokens needs a key/value cache of " +
                                 std::to_string(int64_t(mb)) + " MB, more than this machine can allocate "
                                 "(use a smaller --window)");
    }
    ropeFreq_ = ropeFrequencies(c, c.ropeTheta, c.ropeFreqScale);
    ropeFreqSwa_ = ropeFrequencies(c, c.ropeThetaSwa > 0 ? c.ropeThetaSwa : c.ropeTheta,
                                   c.ropeFreqScaleSwa > 0 ? c.ropeFreqScaleSwa : c.ropeFreqScale);
}

RowMatrix LlamaSession::eval(std::span<const int32_t> tokens, ActivationStats* stats)
{
    const ModelConfig& c = w_.config;
    const int n = int(tokens.size());
    if (n == 0)
        return RowMatrix(0, c.vocabSize);
    if (pos_ + n > cap_)
        invalidInput(w_.path, "token window of " + std::to_string(pos_ + n) + " tokens exceeds the context of " +
                                  std::to_string(cap_));
    const int hd = c.headDim(), qDim = c.nHeads * hd, kvDim = c.nKvHeads * hd;
    const int group = c.nHeads / c.nKvHeads;
    const float attnScale = c.attnScale > 0 ? c.attnScale : 1.0f / std::sqrt(float(hd));

    const WeightTensor& embd = w_.get("token_embd.weight");
    RowMatrix x(n, c.dim);
    for (int t = 0; t < n; ++t) {
        const int32_t id = tokens[size_t(t)];
        if (id < 0 || id >= c.vocabSize)
            invalidInput(w_.path, "token id " + std::to_string(id) + " is outside the vocabulary of " +
                                      std::to_string(c.vocabSize));
        std::copy_n(embd.ptr() + int64_t(id) * c.dim, c.dim, x.data() + int64_t(t) * c.dim);
    }
    if (c.embedScale != 1.0f)
        x *= c.embedScale;

    RowMatrix xn, qkv, q, k, v, att(n, qDim), o, g, u;
    for (int l = 0; l < c.nLayers; ++l) {
        auto opt = [&](const std::string& name) { return w_.find(name); };
        const WeightTensor* wqkv = opt(layerName(l, "attn_qkv"));
        const WeightTensor& wo = w_.get(layerName(l, "attn_output"));
        const WeightTensor* wg = opt(layerName(l, "ffn_gate"));
        const WeightTensor& wu = w_.get(layerName(l, "ffn_up"));
        const WeightTensor& wd = w_.get(layerName(l, "ffn_down"));

        // Attention.
        rmsNorm(x, w_.get(layerName(l, "attn_norm")), c.rmsEps, xn);
        if (wqkv) {
            if (stats)
                stats->add({&wqkv->name}, xn);
            matmul(xn, *wqkv, qkv);
            q = qkv.leftCols(qDim);
            k = qkv.middleCols(qDim, kvDim);
            v = qkv.rightCols(kvDim);
        } else {
            const WeightTensor& wq = w_.get(layerName(l, "attn_q"));
            const WeightTensor& wk = w_.get(layerName(l, "attn_k"));
            const WeightTensor& wv = w_.get(layerName(l, "attn_v"));
            if (stats)
                stats->add({&wq.name, &wk.name, &wv.name}, xn);
            matmul(xn, wq, q);
            matmul(xn, wk, k);
            matmul(xn, wv, v);
            addBias(q, opt(layerBias(l, "attn_q")));
            addBias(k, opt(layerBias(l, "attn_k")));
            addBias(v, opt(layerBias(l, "attn_v")));
        }
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
        rope(q, c.nHeads, hd, c.rotaryDim(), c.ropeLayout, pos_, freq);
        rope(k, c.nKvHeads, hd, c.rotaryDim(), c.ropeLayout, pos_, freq);
        RowMatrix& kc = k_[size_t(l)];
        RowMatrix& vc = v_[size_t(l)];
        kc.middleRows(pos_, n) = k;
        vc.middleRows(pos_, n) = v;
        const int total = pos_ + n;
        const int window = sliding ? c.slidingWindow : 0;
        parallelFor(c.nHeads, 1, [&](int64_t hb, int64_t he) {
            Eigen::VectorXf scores(total);
            for (int64_t h = hb; h < he; ++h) {
                const int64_t kvh = h / group;
                const auto K = kc.block(0, kvh * hd, total, hd);
                const auto V = vc.block(0, kvh * hd, total, hd);
                for (int t = 0; t < n; ++t) {
                    const int pos = pos_ + t;  // causal: keys first..pos
                    const int first = window > 0 ? std::max(0, pos - window + 1) : 0;
                    const auto qv = q.row(t).segment(h * hd, hd);
                    float mx = -INFINITY;
                    for (int j = first; j <= pos; ++j) {
                        float s = K.row(j).dot(qv) * attnScale;
                        if (c.attnSoftcap > 0)
                            s = c.attnSoftcap * std::tanh(s / c.attnSoftcap);
                        scores[j] = s;
                        mx = std::max(mx, s);
                    }
                    double sum = 0;
                    for (int j = first; j <= pos; ++j) {
                        scores[j] = std::exp(scores[j] - mx);
                        sum += scores[j];
                    }
                    const float inv = float(1.0 / sum);
                    auto out = att.row(t).segment(h * hd, hd);
                    out.setZero();
                    for (int j = first; j <= pos; ++j)
                        out += (scores[j] * inv) * V.row(j);
                }
            }
        });
        if (stats)
            stats->add({&wo.name}, att);
        matmul(att, wo, o);
        if (const WeightTensor* pn = opt(layerName(l, "post_attention_norm"))) {
            rmsNorm(o, *pn, c.rmsEps, xn);
            o.swap(xn);
        }
        x += o;

        // Feed-forward: act(gate) * up, gate and up from two matrices or one fused one.
        rmsNorm(x, w_.get(layerName(l, "ffn_norm")), c.rmsEps, xn);
        if (wg) {
            if (stats)
                stats->add({&wg->name, &wu.name}, xn);
            matmul(xn, *wg, g);
            matmul(xn, wu, u);
        } else {
            if (stats)
                stats->add({&wu.name}, xn);
            matmul(xn, wu, qkv);
            g = qkv.leftCols(c.hiddenDim);
            u = qkv.rightCols(c.hiddenDim);
        }
        gatedActivation(c.activation, g.data(), u.data(), g.size());
        if (stats)
            stats->add({&wd.name}, g);
        matmul(g, wd, o);
        if (const WeightTensor* pn = opt(layerName(l, "post_ffw_norm"))) {
            rmsNorm(o, *pn, c.rmsEps, xn);
            o.swap(xn);
        }
        x += o;
    }
    rmsNorm(x, w_.get("output_norm.weight"), c.rmsEps, xn);
    const WeightTensor& cls = w_.classifier();
    if (stats)
        stats->add({&cls.name}, xn);
    RowMatrix logits;
    matmul(xn, cls, logits);
    if (c.finalSoftcap > 0)
        softcap(logits.data(), logits.size(), c.finalSoftcap);
    pos_ += n;
    return logits;
}

RowMatrix llamaLogits(const LlamaWeights& w, std::span<const int32_t> tokens, ActivationStats* stats)
{
    LlamaSession s(w, std::max(1, int(tokens.size())));
    if (int(tokens.size()) > w.config.contextLength)
        invalidInput(w.path, "token window of " + std::to_string(tokens.size()) + " tokens exceeds the context of " +
                                 std::to_string(w.config.contextLength));
    return s.eval(tokens, stats);
}

}  // namespace qs
