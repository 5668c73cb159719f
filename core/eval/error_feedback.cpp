#include "core/eval/error_feedback.h"

#include "core/formats/blocks.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace qs {

namespace {

// Where a block format keeps its level codes. Codes are unsigned (0 .. nCodes-1), as the decoder
// reads them before any bias; pack() writes all of a block's codes and leaves its scales alone.
struct CodeLayout {
    GgmlType type;
    int weights;  // per block
    int nCodes;
    bool affine;  // level(c) = a + b*c for each position (else a table per position, probed)
    void (*pack)(void* block, const uint8_t* codes);
};

// Low nibble: weight j, high nibble: weight j + 16 (the 32-weight legacy blocks).
void packNibbles32(uint8_t* qs, const uint8_t* c)
{
    for (int j = 0; j < 16; ++j)
        qs[j] = uint8_t((c[j] & 0xF) | ((c[j + 16] & 0xF) << 4));
}
// Bit j of qh: the fifth bit of weight j (Q5_0, Q5_1).
void packHigh32(uint8_t* qh, const uint8_t* c)
{
    uint32_t h = 0;
    for (int j = 0; j < 32; ++j)
        h |= uint32_t((c[j] >> 4) & 1) << j;
    std::memcpy(qh, &h, 4);
}
// Q4_K/Q5_K: per 64 weights, low nibbles of the first 32 and high nibbles of the next 32.
void packNibbles256(uint8_t* qs, const uint8_t* c)
{
    for (int k = 0; k < 4; ++k)
        for (int l = 0; l < 32; ++l)
            qs[32 * k + l] = uint8_t((c[64 * k + l] & 0xF) | ((c[64 * k + 32 + l] & 0xF) << 4));
}
// Q2_K/Q3_K: weight 128h+32j+l in bits 2j of qs[32h+l].
void packCrumbs256(uint8_t* qs, const uint8_t* c)
{
    for (int h = 0; h < 2; ++h)
        for (int l = 0; l < 32; ++l) {
            int b = 0;
            for (int j = 0; j < 4; ++j)
                b |= (c[128 * h + 32 * j + l] & 3) << (2 * j);
            qs[32 * h + l] = uint8_t(b);
        }
}

const CodeLayout kLayouts[] = {
    {GgmlType::Q8_0, 32, 256, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ8_0*>(b);
         for (int j = 0; j < 32; ++j)
             q->qs[j] = int8_t(int(c[j]) - 128);
     }},
    {GgmlType::Q4_0, 32, 16, true, [](void* b, const uint8_t* c) { packNibbles32(static_cast<BlockQ4_0*>(b)->qs, c); }},
    {GgmlType::Q4_1, 32, 16, true, [](void* b, const uint8_t* c) { packNibbles32(static_cast<BlockQ4_1*>(b)->qs, c); }},
    {GgmlType::IQ4_NL, 32, 16, false, [](void* b, const uint8_t* c) { packNibbles32(static_cast<BlockIq4Nl*>(b)->qs, c); }},
    {GgmlType::Q5_0, 32, 32, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ5_0*>(b);
         packNibbles32(q->qs, c);
         packHigh32(q->qh, c);
     }},
    {GgmlType::Q5_1, 32, 32, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ5_1*>(b);
         packNibbles32(q->qs, c);
         packHigh32(q->qh, c);
     }},
    {GgmlType::Q4_K, 256, 16, true, [](void* b, const uint8_t* c) { packNibbles256(static_cast<BlockQ4K*>(b)->qs, c); }},
    {GgmlType::Q5_K, 256, 32, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ5K*>(b);
         packNibbles256(q->qs, c);
         std::memset(q->qh, 0, sizeof q->qh);
         for (int k = 0; k < 4; ++k)
             for (int l = 0; l < 32; ++l)
                 q->qh[l] = uint8_t(q->qh[l] | (((c[64 * k + l] >> 4) & 1) << (2 * k)) |
                                    (((c[64 * k + 32 + l] >> 4) & 1) << (2 * k + 1)));
     }},
    {GgmlType::Q6_K, 256, 64, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ6K*>(b);
         for (int h = 0; h < 2; ++h)
             for (int l = 0; l < 32; ++l) {
                 const uint8_t* s = c + 128 * h;
                 q->ql[64 * h + l] = uint8_t((s[l] & 0xF) | ((s[l + 64] & 0xF) << 4));
                 q->ql[64 * h + 32 + l] = uint8_t((s[l + 32] & 0xF) | ((s[l + 96] & 0xF) << 4));
                 q->qh[32 * h + l] = uint8_t((s[l] >> 4) | ((s[l + 32] >> 4) << 2) | ((s[l + 64] >> 4) << 4) |
                                             ((s[l + 96] >> 4) << 6));
             }
     }},
    {GgmlType::Q3_K, 256, 8, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ3K*>(b);
         packCrumbs256(q->qs, c);
         for (int l = 0; l < 32; ++l) {
             int m = 0;
             for (int k = 0; k < 8; ++k)
                 m |= ((c[32 * k + l] >> 2) & 1) << k;
             q->hmask[l] = uint8_t(m);
         }
     }},
    {GgmlType::Q2_K, 256, 4, true, [](void* b, const uint8_t* c) { packCrumbs256(static_cast<BlockQ2K*>(b)->qs, c); }},
};

const CodeLayout* layoutFor(const Format& f)
{
    const auto t = f.ggmlType();
    if (!t || f.family() != FormatFamily::Gguf)
        return nullptr;
    for (const CodeLayout& l : kLayouts)
        if (l.type == *t)
            return &l;
    return nullptr;
}

// The levels each position of one quantized block can take with the block's scales frozen:
// affine formats as a + b*c, others as a table of nCodes values per position.
struct BlockGrid {
    std::vector<float> a, b;      // affine: per position
    std::vector<float> table;     // otherwise: position-major, nCodes per position
};

void probeGrid(const Format& f, const CodeLayout& L, const uint8_t* block, size_t blockBytes, BlockGrid& g)
{
    std::vector<uint8_t> tmp(block, block + blockBytes);
    std::vector<uint8_t> codes(size_t(L.weights));
    std::vector<float> v(size_t(L.weights));
    auto levelsFor = [&](int code) {
        std::fill(codes.begin(), codes.end(), uint8_t(code));
        L.pack(tmp.data(), codes.data());
        f.dequantize(tmp.data(), 1, L.weights, v.data());
    };
    if (L.affine) {
        g.a.resize(size_t(L.weights));
        g.b.resize(size_t(L.weights));
        levelsFor(0);
        g.a = v;
        levelsFor(L.nCodes - 1);
        for (int j = 0; j < L.weights; ++j)
            g.b[size_t(j)] = (v[size_t(j)] - g.a[size_t(j)]) / float(L.nCodes - 1);
    } else {
        g.table.resize(size_t(L.weights) * size_t(L.nCodes));
        for (int c = 0; c < L.nCodes; ++c) {
            levelsFor(c);
            for (int j = 0; j < L.weights; ++j)
                g.table[size_t(j) * size_t(L.nCodes) + size_t(c)] = v[size_t(j)];
        }
    }
}

// Nearest code of the frozen grid for w at position j; *level receives its value.
uint8_t nearestCode(const CodeLayout& L, const BlockGrid& g, int j, float w, float* level)
{
    if (L.affine) {
        const float a = g.a[size_t(j)], b = g.b[size_t(j)];
        int c = 0;
        if (b != 0.0f && std::isfinite(b)) {
            const float t = std::nearbyint((w - a) / b);
            c = t < 0.0f ? 0 : (t > float(L.nCodes - 1) ? L.nCodes - 1 : int(t));
        }
        *level = a + b * float(c);
        return uint8_t(c);
    }
    const float* t = g.table.data() + size_t(j) * size_t(L.nCodes);
    int best = 0;
    float bestErr = std::fabs(w - t[0]);
    for (int c = 1; c < L.nCodes; ++c) {
        const float e = std::fabs(w - t[c]);
        if (e < bestErr) {
            bestErr = e;
            best = c;
        }
    }
    *level = t[best];
    return uint8_t(best);
}

using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// U with Hinv = UᵀU, for H (+ damping, dead inputs set to 1 on the diagonal). Empty if H cannot be
// factorised even with a hundred times the damping.
MatD inverseCholeskyUpper(const std::vector<double>& H, int64_t n, double damping, std::vector<bool>& dead)
{
    MatD h = Eigen::Map<const MatD>(H.data(), n, n);
    dead.assign(size_t(n), false);
    double mean = 0;
    int64_t live = 0;
    for (int64_t i = 0; i < n; ++i) {
        if (!(h(i, i) > 0.0) || !std::isfinite(h(i, i))) {
            dead[size_t(i)] = true;
            h.row(i).setZero();
            h.col(i).setZero();
            h(i, i) = 1.0;
        } else {
            mean += h(i, i);
            ++live;
        }
    }
    if (!h.allFinite())
        return {};
    mean = live ? mean / double(live) : 1.0;
    for (double scale = 1.0; scale <= 100.0; scale *= 10.0) {
        MatD hd = h;
        for (int64_t i = 0; i < n; ++i)
            if (!dead[size_t(i)])
                hd(i, i) += damping * scale * mean;
        Eigen::LLT<MatD> llt(hd);
        if (llt.info() != Eigen::Success)
            continue;
        const MatD hinv = llt.solve(MatD::Identity(n, n));
        Eigen::LLT<MatD> u(hinv);
        if (u.info() != Eigen::Success)
            continue;
        MatD U = u.matrixU();
        if (U.allFinite())
            return U;
    }
    return {};
}

}  // namespace

bool errorFeedbackSupported(const Format& f) { return layoutFor(f) != nullptr; }

void InputMoments::add(const float* x, int64_t nTokens, int64_t width)
{
    if (n == 0) {
        n = width;
        xtx.assign(size_t(width) * size_t(width), 0.0);
    }
    if (width != n)
        failure({}, "input moments change width");
    using MatF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const MatF> X(x, nTokens, width);
    const Eigen::MatrixXd Xd = X.cast<double>();
    Eigen::Map<MatD> acc(xtx.data(), n, n);
    acc.noalias() += Xd.transpose() * Xd;
    tokens += nTokens;
}

OutputError outputError(const float* W, const float* Wq, int64_t rows, int64_t cols, const std::vector<double>& H)
{
    if (int64_t(H.size()) != cols * cols)
        failure({}, "input moments of width " + std::to_string(int64_t(std::sqrt(double(H.size())))) +
                        " for a matrix of " + std::to_string(cols) + " columns");
    using MatF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    const Eigen::Map<const MatD> h(H.data(), cols, cols);
    OutputError out;
    constexpr int64_t kChunk = 256;  // rows at a time: a chunk of doubles, not the whole matrix
    for (int64_t r0 = 0; r0 < rows; r0 += kChunk) {
        throwIfCancelled();
        const int64_t n = std::min(kChunk, rows - r0);
        const MatD w = Eigen::Map<const MatF>(W + r0 * cols, n, cols).cast<double>();
        const MatD e = w - Eigen::Map<const MatF>(Wq + r0 * cols, n, cols).cast<double>();
        out.error += (e * h).cwiseProduct(e).sum();
        out.signal += (w * h).cwiseProduct(w).sum();
    }
    return out;
}

void errorFeedbackQuantize(const Format& f, const float* W, int64_t rows, int64_t cols, const std::vector<double>& H,
                           void* dst, const ErrorFeedbackOptions& o)
{
    const CodeLayout* L = layoutFor(f);
    if (!L)
        invalidInput({}, "error feedback cannot write " + f.name());
    if (!f.supports(rows, cols))
        invalidInput({}, f.name() + " cannot store rows of " + std::to_string(cols) + " weights");
    if (int64_t(H.size()) != cols * cols)
        invalidInput({}, "error feedback needs a " + std::to_string(cols) + " x " + std::to_string(cols) +
                             " input second moment");
    std::vector<bool> dead;
    const MatD U = inverseCholeskyUpper(H, cols, o.damping, dead);
    if (U.size() == 0) {
        f.quantize(W, rows, cols, dst);
        return;
    }
    const int S = L->weights;
    const int64_t blocksPerRow = cols / S;
    const size_t blockBytes = size_t(f.storageBytes(1, S));
    const size_t rowBytes = blockBytes * size_t(blocksPerRow);
    const int64_t batch = std::max<int64_t>(S, (std::max(o.batch, 1) + S - 1) / S * S);
    std::vector<float> diag(static_cast<size_t>(cols));
    for (int64_t i = 0; i < cols; ++i)
        diag[size_t(i)] = dead[size_t(i)] ? 0.0f : float(H[size_t(i * cols + i)]);
    auto* out = static_cast<uint8_t*>(dst);

    parallelFor(rows, 1, [&](int64_t r0, int64_t r1) {
        std::vector<double> w(static_cast<size_t>(cols));
        std::vector<double> err(static_cast<size_t>(batch));
        std::vector<float> blockIn(static_cast<size_t>(S)), imp(static_cast<size_t>(S));
        std::vector<uint8_t> codes(static_cast<size_t>(S));
        BlockGrid g;
        for (int64_t r = r0; r < r1; ++r) {
            for (int64_t j = 0; j < cols; ++j)
                w[size_t(j)] = W[r * cols + j];
            uint8_t* rowOut = out + size_t(r) * rowBytes;
            for (int64_t b0 = 0; b0 < cols; b0 += batch) {
                const int64_t b1 = std::min(cols, b0 + batch);
                for (int64_t c0 = b0; c0 < b1; c0 += S) {
                    // The block's scales, from the weights as updated so far, weighted by H's diagonal.
                    bool anyImp = false;
                    for (int j = 0; j < S; ++j) {
                        blockIn[size_t(j)] = float(w[size_t(c0 + j)]);
                        imp[size_t(j)] = diag[size_t(c0 + j)];
                        anyImp = anyImp || imp[size_t(j)] > 0.0f;
                    }
                    uint8_t* block = rowOut + size_t(c0 / S) * blockBytes;
                    f.quantize(blockIn.data(), 1, S, block, anyImp ? imp.data() : nullptr);
                    probeGrid(f, *L, block, blockBytes, g);
                    for (int j = 0; j < S; ++j) {
                        const int64_t c = c0 + j;
                        float level = 0;
                        codes[size_t(j)] = nearestCode(*L, g, j, float(w[size_t(c)]), &level);
                        double e = 0;
                        if (!dead[size_t(c)]) {
                            e = (w[size_t(c)] - double(level)) / U(c, c);
                            const double* u = U.data() + c * cols;
                            for (int64_t k = c + 1; k < b1; ++k)
                                w[size_t(k)] -= e * u[k];
                        }
                        err[size_t(c - b0)] = e;
                    }
                    L->pack(block, codes.data());
                }
                // Lazy update of the columns after this batch.
                for (int64_t c = b0; c < b1; ++c) {
                    const double e = err[size_t(c - b0)];
                    if (e == 0.0)
                        continue;
                    const double* u = U.data() + c * cols;
                    for (int64_t k = b1; k < cols; ++k)
                        w[size_t(k)] -= e * u[k];
                }
            }
        }
    });
}

}  // namespace qs
