#include "core/eval/error_feedback.h"

#include "core/eval/ef_linalg.h"
#include "core/formats/blocks.h"
#include "core/util/error.h"
#include "core/util/half.h"
#include "core/util/parallel.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <functional>
#include <future>
#include <mutex>
#include <optional>

namespace qs {

namespace {

// Where a block format keeps its level codes. Codes are unsigned (0 .. nCodes-1), as the decoder
// reads them before any bias; pack() writes all of a block's codes and leaves its scales alone.
// How a 32-weight block holds its scale: for the scale search and refit after error feedback,
// d·level(code) with an fp16 d at offset 0 (Scale), plus an fp16 offset m at offset 2 (ScaleMin).
enum class BlockScale { Other, Scale, ScaleMin };

struct CodeLayout {
    GgmlType type;
    int weights;  // per block
    int nCodes;
    bool affine;  // level(c) = a + b*c for each position (else a table per position, probed)
    std::function<void(void* block, const uint8_t* codes)> pack;
    BlockScale scale = BlockScale::Other;
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
     },
     BlockScale::Scale},
    {GgmlType::Q4_0, 32, 16, true, [](void* b, const uint8_t* c) { packNibbles32(static_cast<BlockQ4_0*>(b)->qs, c); },
     BlockScale::Scale},
    {GgmlType::Q4_1, 32, 16, true, [](void* b, const uint8_t* c) { packNibbles32(static_cast<BlockQ4_1*>(b)->qs, c); },
     BlockScale::ScaleMin},
    {GgmlType::IQ4_NL, 32, 16, false, [](void* b, const uint8_t* c) { packNibbles32(static_cast<BlockIq4Nl*>(b)->qs, c); },
     BlockScale::Scale},
    {GgmlType::Q5_0, 32, 32, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ5_0*>(b);
         packNibbles32(q->qs, c);
         packHigh32(q->qh, c);
     },
     BlockScale::Scale},
    {GgmlType::Q5_1, 32, 32, true,
     [](void* b, const uint8_t* c) {
         auto* q = static_cast<BlockQ5_1*>(b);
         packNibbles32(q->qs, c);
         packHigh32(q->qh, c);
     },
     BlockScale::ScaleMin},
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

// A format stored in pieces (Format::pieceLength: the INT family) as error feedback sees it: each
// piece of a row of cols weights is a block, its codes b-bit values packed from the lowest bits,
// as the piece stores them. Codes here run from the lowest level up: for SYM formats c stands for
// c − qmax (two's complement in the piece), so that the levels are a + b·c; NF4's 16 levels are a
// table.
std::optional<CodeLayout> pieceLayout(const Format& f, int64_t cols)
{
    const int64_t S = f.pieceLength(cols);
    if (f.family() != FormatFamily::Int || S <= 0 || S > (int64_t(1) << 24))
        return std::nullopt;
    const std::optional<IntParams> ip = f.intParams();
    if (!ip && f.name() != "NF4")
        return std::nullopt;
    const int bits = ip ? ip->bits : 4;
    const int bias = ip && ip->symmetric ? (1 << (bits - 1)) - 1 : 0;  // SYM: code qmax is level 0
    const int nCodes = ip && ip->symmetric ? 2 * bias + 1 : 1 << bits;
    auto pack = [bits, bias, S](void* block, const uint8_t* c) {
        auto* q = static_cast<uint8_t*>(block);
        std::memset(q, 0, size_t((S * bits + 7) / 8));
        const unsigned mask = (1u << bits) - 1;
        for (int64_t j = 0; j < S; ++j)
            q[j * bits / 8] = uint8_t(q[j * bits / 8] | ((unsigned(int(c[j]) - bias) & mask) << (j * bits % 8)));
    };
    return CodeLayout{GgmlType::F32, int(S), nCodes, ip.has_value(), pack};
}

// The layout error feedback writes f in, for rows of cols weights: a GGUF block format's own, or a
// format's pieces; nullopt when it cannot write f.
std::optional<CodeLayout> efLayout(const Format& f, int64_t cols)
{
    if (const CodeLayout* L = layoutFor(f))
        return *L;
    return pieceLayout(f, cols);
}

// L (f's layout for `what`: "error feedback", "scale refit") after checking that there is one and
// that f stores rows of cols weights; throws qs::Error(InvalidInput) otherwise.
const CodeLayout& checkedLayout(const CodeLayout* L, const Format& f, int64_t rows, int64_t cols, const char* what)
{
    if (!L)
        invalidInput({}, std::string(what) + " cannot write " + f.name());
    if (!f.supports(rows, cols))
        invalidInput({}, f.name() + " cannot store rows of " + std::to_string(cols) + " weights");
    return *L;
}

// Throws qs::Error(InvalidInput) unless `size` is that of an n x n input second moment.
void checkMoment(int64_t size, int64_t n, const char* what)
{
    if (n <= 0 || size != n * n)
        invalidInput({}, std::string(what) + " needs a " + std::to_string(n) + " x " + std::to_string(n) +
                             " input second moment");
}

uint16_t loadHalf(const uint8_t* p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
    return h;
}
void storeHalf(uint8_t* p, uint16_t h) { std::memcpy(p, &h, 2); }

// The levels each position of one quantized block can take with the block's scales frozen:
// affine formats as a + b*c, others as a table of nCodes values per position.
struct BlockGrid {
    std::vector<float> a, b;      // affine: per position
    std::vector<float> table;     // otherwise: position-major, nCodes per position
    std::vector<uint8_t> tmp, codes;  // scratch of probeGrid
    std::vector<float> v;
};

void probeGrid(const Format& f, const CodeLayout& L, const uint8_t* block, size_t blockBytes, BlockGrid& g)
{
    g.tmp.assign(block, block + blockBytes);
    g.codes.resize(size_t(L.weights));
    g.v.resize(size_t(L.weights));
    auto levelsFor = [&](int code) {
        std::fill(g.codes.begin(), g.codes.end(), uint8_t(code));
        L.pack(g.tmp.data(), g.codes.data());
        f.dequantize(g.tmp.data(), 1, L.weights, g.v.data());
    };
    if (L.affine) {
        g.a.resize(size_t(L.weights));
        g.b.resize(size_t(L.weights));
        levelsFor(0);
        g.a = g.v;
        levelsFor(L.nCodes - 1);
        for (int j = 0; j < L.weights; ++j)
            g.b[size_t(j)] = (g.v[size_t(j)] - g.a[size_t(j)]) / float(L.nCodes - 1);
    } else {
        g.table.resize(size_t(L.weights) * size_t(L.nCodes));
        for (int c = 0; c < L.nCodes; ++c) {
            levelsFor(c);
            for (int j = 0; j < L.weights; ++j)
                g.table[size_t(j) * size_t(L.nCodes) + size_t(c)] = g.v[size_t(j)];
        }
    }
}

// w[k] -= e * u[k] for k in [k0, k1), four at a time (the same operations per element as the
// scalar loop, which the compiler leaves unvectorised at -O2).
void subScaled(float* w, const float* u, float e, int64_t k0, int64_t k1)
{
    using V4 = float __attribute__((vector_size(16)));
    const V4 ev = {e, e, e, e};
    int64_t k = k0;
    for (; k + 4 <= k1; k += 4) {
        V4 a, b;
        std::memcpy(&a, w + k, sizeof a);
        std::memcpy(&b, u + k, sizeof b);
        a -= ev * b;
        std::memcpy(w + k, &a, sizeof a);
    }
    for (; k < k1; ++k)
        w[k] -= e * u[k];
}

// Nearest code of the frozen grid for w at position j; *level receives its value. (Affine grids
// in the pass itself: ef_linalg's roundAffine, rows side by side, the same arithmetic.)
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
using MatF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// In-place Cholesky factorisation a = L Lᵀ of a symmetric positive definite matrix (n x n,
// row-major; its lower triangle read, L written there, the upper triangle left with stale values),
// right-looking in blocks so that nearly all the work is matrix products, split over rows with
// parallelFor. False if a is not (numerically) positive definite.
bool choleskyLowerInPlace(float* a, int64_t n)
{
    const ef_linalg::Ops& la = ef_linalg::ops();
    constexpr int64_t kBlock = 128;
    std::vector<float> d;
    for (int64_t k0 = 0; k0 < n; k0 += kBlock) {
        throwIfCancelled();
        const int64_t kb = std::min(kBlock, n - k0), k1 = k0 + kb, rest = n - k1;
        d.resize(size_t(kb * kb));
        for (int64_t i = 0; i < kb; ++i)
            std::copy(a + (k0 + i) * n + k0, a + (k0 + i) * n + k0 + kb, d.data() + i * kb);
        if (!la.llt(d.data(), kb))
            return false;
        for (int64_t i = 0; i < kb; ++i)
            std::copy(d.data() + i * kb, d.data() + (i + 1) * kb, a + (k0 + i) * n + k0);
        if (rest == 0)
            break;
        // Panel below the diagonal block: a21 := a21 L11⁻ᵀ.
        parallelFor(rest, 256, [&](int64_t r0, int64_t r1) {
            la.solveRightLowerT(d.data(), kb, a + (k1 + r0) * n + k0, n, r1 - r0);
        });
        // Trailing lower triangle: a22 -= a21 a21ᵀ (row chunk r0..r1 up to its own diagonal).
        parallelFor(rest, 64, [&](int64_t r0, int64_t r1) {
            la.subProductT(a + (k1 + r0) * n + k1, n, a + (k1 + r0) * n + k0, n, a + k1 * n + k0, n, r1 - r0, r1, kb);
        });
    }
    return true;
}

// What the rounding needs of the upper Cholesky factor U of H⁻¹ (H⁻¹ = UᵀU), without forming H⁻¹
// or U: with P the reversal of the index order and P H P = L Lᵀ, H = V Vᵀ for the upper triangular
// V = P L P, so U = V⁻¹, U[c][c] = 1/V[c][c]. GPTQ's column errors E = (W − Q) U⁻¹ = (W − Q) V, so
// a column's current value w_j = W_j + Σ_{c<j} (W_c − q_c) V[c][j]/V[j][j]: each column passes on
// its final residual W_c − q_c through V's rows scaled by V's diagonal, which is one Cholesky
// factorisation and no triangular inverse (that inverse was as much work again).
// getLower(i, j): H[i][j] for j <= i.
template <class Get>
std::shared_ptr<const ErrorFeedbackFactor> makeFactor(const Get& getLower, int64_t n, double damping)
{
    auto out = std::make_shared<ErrorFeedbackFactor>();
    out->n = n;
    out->dead.assign(size_t(n), 0);
    out->importance.assign(size_t(n), 0.0f);
    double mean = 0;
    int64_t live = 0;
    std::atomic<bool> finite{true};
    for (int64_t i = 0; i < n; ++i) {
        const double d = getLower(i, i);
        if (!(d > 0.0) || !std::isfinite(d)) {
            out->dead[size_t(i)] = 1;
        } else {
            mean += d;
            ++live;
            out->importance[size_t(i)] = float(d);
        }
    }
    mean = live ? mean / double(live) : 1.0;
    // Reversed order: r(i, j) = H(n-1-i, n-1-j); dead inputs decoupled with 1 on the diagonal.
    // In float, as GPTQ factorises (half the time of double; the damping keeps it well
    // conditioned), of H / mean (its live diagonal's mean 1, so any scale of H fits a float): U
    // then comes out times √mean, which the rounding does not see (errors are divided by U's
    // diagonal and spread by its rows: the factor cancels).
    const double unit = 1.0 / mean;
    auto fill = [&](MatF& r, double add) {
        // In tiles of kTile x kTile: r's rows are H's columns (a transpose), which a plain row
        // walk would read a cache line per element.
        constexpr int64_t kTile = 64;
        parallelFor((n + kTile - 1) / kTile, 1, [&](int64_t b0, int64_t b1) {
            for (int64_t i0 = b0 * kTile; i0 < std::min(n, b1 * kTile); i0 += kTile) {
                const int64_t i1 = std::min(n, i0 + kTile);
                for (int64_t j0 = 0; j0 < i1; j0 += kTile)
                    for (int64_t i = i0; i < i1; ++i) {
                        const int64_t si = n - 1 - i;
                        float* dstRow = r.data() + i * n;
                        const bool deadI = out->dead[size_t(si)] != 0;
                        for (int64_t j = j0; j < std::min(i, j0 + kTile); ++j) {
                            const int64_t sj = n - 1 - j;  // sj > si: H(sj, si) is in the lower triangle
                            dstRow[j] = deadI || out->dead[size_t(sj)] ? 0.0f : float(double(getLower(sj, si)) * unit);
                        }
                    }
                for (int64_t i = i0; i < i1; ++i) {
                    const int64_t si = n - 1 - i;
                    float* dstRow = r.data() + i * n;
                    dstRow[i] = out->dead[size_t(si)] ? 1.0f : float(double(getLower(si, si)) * unit + add);
                    for (int64_t j = 0; j <= i; ++j)
                        if (!std::isfinite(dstRow[j]))
                            finite.store(false);
                }
            }
        });
    };
    MatF r(n, n);
    for (double scale = 1.0; scale <= 100.0; scale *= 10.0) {
        fill(r, damping * scale);
        if (!finite)
            return out;  // ok stays false: plain rounding
        if (!choleskyLowerInPlace(r.data(), n))
            continue;
        // feed[c][c] = U[c][c] = 1/V[c][c] and feed[c][k] = −V[c][k]/V[k][k] for k > c, with
        // V[c][k] = L(n-1-c, n-1-k): no triangular inverse (see errorFeedbackQuantize).
        std::vector<float> inv(static_cast<size_t>(n));  // 1/V[k][k]
        for (int64_t k = 0; k < n; ++k)
            inv[size_t(k)] = 1.0f / r(n - 1 - k, n - 1 - k);
        out->feed.assign(size_t(n) * size_t(n), 0.0f);
        std::atomic<bool> ok{true};
        parallelFor(n, 64, [&](int64_t c0, int64_t c1) {
            for (int64_t c = c0; c < c1; ++c) {
                float* row = out->feed.data() + c * n;
                const float* src = r.data() + (n - 1 - c) * n;  // L's row n-1-c: V's row c, reversed
                row[c] = inv[size_t(c)];
                for (int64_t k = c + 1; k < n; ++k)
                    row[k] = -src[n - 1 - k] * inv[size_t(k)];
                for (int64_t k = c; k < n; ++k)
                    if (!std::isfinite(row[k]))
                        ok.store(false);
            }
        });
        if (!ok.load()) {
            out->feed.clear();
            continue;
        }
        out->ok = true;
        return out;
    }
    return out;
}

}  // namespace

std::shared_ptr<const ErrorFeedbackFactor> errorFeedbackFactor(const std::vector<double>& H, int64_t n, double damping)
{
    checkMoment(int64_t(H.size()), n, "error feedback");
    return makeFactor([&](int64_t i, int64_t j) { return H[size_t(i * n + j)]; }, n, damping);
}

std::shared_ptr<const ErrorFeedbackFactor> errorFeedbackFactor(const SecondMoment& H, double damping)
{
    const int64_t n = H.n;
    checkMoment(int64_t(H.lower.size()), n, "error feedback");
    return makeFactor([&](int64_t i, int64_t j) { return double(H.lower[size_t(i * n + j)]); }, n, damping);
}

bool errorFeedbackSupported(const Format& f) { return efLayout(f, f.blockSize()).has_value(); }

SourceCorrection::SourceCorrection(const float* xf, const float* x, int64_t N, int64_t n, double ridge,
                                   const SecondMoment* xtx)
    : n_(n)
{
    if (N <= 0 || n <= 0)
        return;
    const size_t size = size_t(N) * size_t(n);
    std::vector<float> d(size);
    bool differs = false;
    double fro = 0;
    for (size_t i = 0; i < size; ++i) {
        d[i] = xf[i] - x[i];
        differs = differs || d[i] != 0.0f;
        fro += double(x[i]) * double(x[i]);
    }
    if (!differs || !(fro > 0) || !std::isfinite(fro))
        return;
    // The factorisation runs in float (as error feedback's own) on the matrix scaled to a unit mean
    // diagonal plus the ridge: well conditioned (its smallest eigenvalue is at least `ridge`).
    const double scale = double(n) / fro;  // 1 / (XᵀX's mean diagonal)
    const ef_linalg::Ops& la = ef_linalg::ops();
    constexpr int64_t kCols = 64;
    if (N <= n) {
        // Through the Gram matrix G = X Xᵀ + λI = L Lᵀ (N x N): X (XᵀX + λI)⁻¹ = G⁻¹ X, so
        // W Dᵀ G⁻¹ X = W (L⁻¹D)ᵀ (L⁻¹X): A = (L⁻¹D)ᵀ, B = L⁻¹X. (xtxRows reads X row-major as
        // Xᵀ column-major: its "columns" are the tokens.) Scaled: G/s = L' L'ᵀ with L = √s L'.
        std::vector<float> gf(size_t(N) * size_t(N), 0.0f);
        parallelFor(N, 64, [&](int64_t r0, int64_t r1) { la.xtxRowsF(gf.data(), N, x, n, r0, r1); });
        for (int64_t i = 0; i < N; ++i)
            for (int64_t j = 0; j <= i; ++j)
                gf[size_t(i * N + j)] = float(double(gf[size_t(i * N + j)]) * scale + (i == j ? ridge : 0.0));
        if (!choleskyLowerInPlace(gf.data(), N))
            return;
        std::vector<float> xs(x, x + size);
        parallelFor((n + kCols - 1) / kCols, 1, [&](int64_t b0, int64_t b1) {
            for (int64_t b = b0; b < b1; ++b) {
                const int64_t c0 = b * kCols, cols = std::min(kCols, n - c0);
                la.solveLower(gf.data(), N, N, xs.data() + c0, n, cols);
                la.solveLower(gf.data(), N, N, d.data() + c0, n, cols);
            }
        });
        k_ = N;
        a_.resize(size);
        b_.resize(size);
        const float s = float(scale);  // G⁻¹ = s (L'L'ᵀ)⁻¹: A = s (L'⁻¹D)ᵀ, B = L'⁻¹X
        for (int64_t i = 0; i < N; ++i)
            for (int64_t j = 0; j < n; ++j) {
                a_[size_t(j * N + i)] = d[size_t(i * n + j)] * s;
                b_[size_t(i * n + j)] = xs[size_t(i * n + j)];
            }
    } else {
        // H = XᵀX + λI = L Lᵀ (n x n), scaled likewise: A = Dᵀ X L⁻ᵀ, B = L⁻¹.
        std::vector<float> xcf(size), dc(size);  // Xᵀ, Dᵀ row-major (X, D column-major)
        for (int64_t t = 0; t < N; ++t)
            for (int64_t j = 0; j < n; ++j) {
                xcf[size_t(j * N + t)] = x[size_t(t * n + j)];
                dc[size_t(j * N + t)] = d[size_t(t * n + j)];
            }
        std::vector<float> hf(size_t(n) * size_t(n), 0.0f), m(size_t(n) * size_t(n), 0.0f);
        if (xtx && xtx->n == n && xtx->lower.size() == hf.size())
            std::copy(xtx->lower.begin(), xtx->lower.end(), hf.begin());  // the same sums (streamSecondMoment)
        else
            parallelFor(n, 64, [&](int64_t r0, int64_t r1) { la.xtxRowsF(hf.data(), n, xcf.data(), N, r0, r1); });
        for (int64_t i = 0; i < n; ++i)
            for (int64_t j = 0; j <= i; ++j)
                hf[size_t(i * n + j)] = float(double(hf[size_t(i * n + j)]) * scale + (i == j ? ridge : 0.0));
        if (!choleskyLowerInPlace(hf.data(), n))
            return;
        // m = −Dᵀ X, then A = −m L'⁻ᵀ s (the scale of (XᵀX + λI)⁻¹ = s (L'L'ᵀ)⁻¹).
        parallelFor(n, 64, [&](int64_t r0, int64_t r1) {
            la.subProductT(m.data() + r0 * n, n, dc.data() + r0 * N, N, xcf.data(), N, r1 - r0, n, N);
            la.solveRightLowerT(hf.data(), n, m.data() + r0 * n, n, r1 - r0);
        });
        std::vector<float> inv(size_t(n) * size_t(n), 0.0f);
        for (int64_t i = 0; i < n; ++i)
            inv[size_t(i * n + i)] = 1.0f;
        parallelFor((n + kCols - 1) / kCols, 1, [&](int64_t b0, int64_t b1) {
            for (int64_t b = b0; b < b1; ++b) {
                const int64_t c0 = b * kCols;
                la.solveLower(hf.data(), n, n, inv.data() + c0, n, std::min(kCols, n - c0));
            }
        });
        k_ = n;
        a_.resize(size_t(n) * size_t(n));
        b_ = std::move(inv);
        for (size_t i = 0; i < a_.size(); ++i)
            a_[i] = -m[i] * float(scale);
    }
}

void SourceCorrection::apply(float* W, int64_t rows) const
{
    if (!active())
        return;
    const ef_linalg::Ops& la = ef_linalg::ops();
    // Chunks of 256 rows: each product packs all of A or B (n x k) again, which with fewer rows
    // costs a good part of the multiply-adds.
    parallelFor(rows, 256, [&](int64_t r0, int64_t r1) {
        std::vector<float> t(size_t((r1 - r0) * k_), 0.0f);
        la.subProduct(t.data(), k_, W + r0 * n_, n_, a_.data(), k_, r1 - r0, k_, n_);  // t = −W A
        la.subProduct(W + r0 * n_, n_, t.data(), k_, b_.data(), n_, r1 - r0, n_, k_);  // W −= t B
    });
}

void InputMoments::add(const float* x, int64_t nTokens, int64_t width, bool mirrorNow)
{
    if (n == 0) {
        n = width;
        xtx.assign(size_t(width) * size_t(width), 0.0);
    }
    if (width != n)
        failure({}, "input moments change width");
    const Eigen::Map<const MatF> X(x, nTokens, width);
    const Eigen::MatrixXd Xd = X.cast<double>();
    // The lower triangle (and the diagonal blocks) in row chunks on every thread, then mirrored:
    // half the products of the full XᵀX.
    parallelFor(n, 64, [&](int64_t r0, int64_t r1) { ef_linalg::ops().xtxRows(xtx.data(), n, Xd.data(), nTokens, r0, r1); });
    tokens += nTokens;
    if (mirrorNow)
        mirror();
}

SecondMoment streamSecondMoment(const float* x, int64_t tokens, int64_t n)
{
    SecondMoment h;
    h.n = std::max<int64_t>(n, 0);
    h.lower.assign(size_t(h.n) * size_t(h.n), 0.0f);
    if (n <= 0 || tokens <= 0)
        return h;
    std::vector<float> xc(size_t(tokens) * size_t(n));  // X column-major
    for (int64_t t = 0; t < tokens; ++t)
        for (int64_t j = 0; j < n; ++j)
            xc[size_t(j * tokens + t)] = x[size_t(t * n + j)];
    parallelFor(n, 64, [&](int64_t r0, int64_t r1) { ef_linalg::ops().xtxRowsF(h.lower.data(), n, xc.data(), tokens, r0, r1); });
    return h;
}

void InputMoments::mirror()
{
    Eigen::Map<MatD> acc(xtx.data(), n, n);
    // In tiles of kTile x kTile (a plain column walk misses the cache on every element).
    constexpr int64_t kTile = 64;
    parallelFor((n + kTile - 1) / kTile, 1, [&](int64_t b0, int64_t b1) {
        for (int64_t ib = b0 * kTile; ib < std::min(n, b1 * kTile); ib += kTile)
            for (int64_t jb = ib; jb < n; jb += kTile)
                for (int64_t i = ib; i < std::min(n, ib + kTile); ++i)
                    for (int64_t j = std::max(jb, i + 1); j < std::min(n, jb + kTile); ++j)
                        acc(i, j) = acc(j, i);
    });
}

OutputError outputError(const float* W, const float* Wq, int64_t rows, int64_t cols, const std::vector<double>& H)
{
    if (int64_t(H.size()) != cols * cols)
        failure({}, "input moments of width " + std::to_string(int64_t(std::sqrt(double(H.size())))) +
                        " for a matrix of " + std::to_string(cols) + " columns");
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

ErrorFeedbackFactors::ErrorFeedbackFactors(double damping, size_t keep) : damping_(damping), keep_(std::max<size_t>(1, keep)) {}

std::shared_ptr<const ErrorFeedbackFactor> ErrorFeedbackFactors::get(const std::shared_ptr<const InputMoments>& m)
{
    std::promise<std::shared_ptr<const ErrorFeedbackFactor>> made;
    std::unique_lock lk(mutex_);
    for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->key == m) {
            const Entry e = *it;
            entries_.erase(it);
            entries_.push_back(e);
            lk.unlock();
            return e.factor.get();  // made by another call (perhaps still on its way)
        }
    entries_.push_back({m, made.get_future().share()});
    while (entries_.size() > keep_)
        entries_.pop_front();
    lk.unlock();
    try {
        auto f = errorFeedbackFactor(m->xtx, m->n, damping_);
        made.set_value(f);
        return f;
    } catch (...) {
        made.set_exception(std::current_exception());
        lk.lock();
        for (auto it = entries_.begin(); it != entries_.end(); ++it)
            if (it->key == m) {
                entries_.erase(it);
                break;
            }
        throw;
    }
}

void errorFeedbackQuantize(const Format& f, const float* W, int64_t rows, int64_t cols, const std::vector<double>& H,
                           void* dst, const ErrorFeedbackOptions& o)
{
    const std::optional<CodeLayout> L = efLayout(f, cols);
    checkedLayout(L ? &*L : nullptr, f, rows, cols, "error feedback");
    errorFeedbackQuantize(f, W, rows, cols, *errorFeedbackFactor(H, cols, o.damping), dst, o);
}

namespace {

// The block's scale d chosen among d0·(1 + step·k), |k| <= search (d0 the format's choice), by the
// loss error feedback adds inside the block: Σ e_c² over its columns, e_c = (w_c − q_c)/U[c,c], each
// column's residual passed on to the block's later columns (the rounding the pass then does; w0:
// the block's weights before any feedback), the
// levels of d0 scaled by d/d0. True when d0 stays (g then holds d0's grid, probed here).
bool searchBlockScale(const Format& f, const CodeLayout& L, uint8_t* block, size_t blockBytes, BlockGrid& g,
                      const float* w, const float* w0, const float* feed, int64_t cols, int64_t c0, const uint8_t* dead,
                      int search, float step, std::vector<float>& sim)
{
    const int S = L.weights;
    const uint16_t h0 = loadHalf(block);
    const float d0 = fp16ToFp32(h0);
    if (!(d0 != 0.0f) || !std::isfinite(d0))
        return false;
    uint16_t best = h0;
    double bestLoss = INFINITY;
    sim.resize(size_t(S));
    probeGrid(f, L, block, blockBytes, g);  // the levels at d0; at d they scale by d/d0
    for (int i = 0; i <= 2 * search; ++i) {
        const int k = (i + 1) / 2 * (i % 2 ? 1 : -1);  // 0, 1, -1, 2, -2, ...: ties keep the nearer d0
        const uint16_t h = k == 0 ? h0 : fp32ToFp16(d0 * (1.0f + step * float(k)));
        const float r = fp16ToFp32(h) / d0;
        if (!(r > 0.0f) || !std::isfinite(r))
            continue;
        std::copy(w, w + S, sim.begin());
        double loss = 0;
        for (int c = 0; c < S && loss < bestLoss; ++c) {
            float level = 0;
            nearestCode(L, g, c, sim[size_t(c)] / r, &level);
            if (dead[c0 + c])
                continue;
            const float* u = feed + (c0 + c) * cols + c0;
            const float e = (sim[size_t(c)] - level * r) / u[c];
            loss += double(e) * double(e);
            subScaled(sim.data(), u, w0[c] - level * r, c + 1, S);
        }
        if (loss < bestLoss) {
            bestLoss = loss;
            best = h;
        }
    }
    storeHalf(block, best);
    return best == h0;
}

}  // namespace

void errorFeedbackQuantize(const Format& f, const float* W, int64_t rows, int64_t cols, const ErrorFeedbackFactor& F,
                           void* dst, const ErrorFeedbackOptions& o)
{
    const std::optional<CodeLayout> layout = efLayout(f, cols);
    const CodeLayout* L = &checkedLayout(layout ? &*layout : nullptr, f, rows, cols, "error feedback");
    checkMoment(F.n == cols ? cols * cols : -1, cols, "error feedback");
    if (!F.ok) {
        f.quantize(W, rows, cols, dst);
        return;
    }
    // A format stored in pieces: its pieces are written here as blocks, then laid out as the format's
    // sections (Format::assemblePieces).
    const bool inPieces = f.pieceLength(cols) > 0;
    const int S = L->weights;
    const int64_t blocksPerRow = cols / S;
    const size_t blockBytes = size_t(f.storageBytes(1, S));
    const size_t rowBytes = blockBytes * size_t(blocksPerRow);
    const int64_t batch = std::max<int64_t>(S, (std::max(o.batch, 1) + S - 1) / S * S);
    const float* feed = F.feed.data();
    const float* diag = F.importance.data();
    std::vector<uint8_t> pieces(inPieces ? size_t(rows) * rowBytes : 0);
    auto* out = inPieces ? pieces.data() : static_cast<uint8_t*>(dst);
    const int search = std::max(0, o.scaleSearch);
    const float step = float(o.scaleStep);

    // Rows in tiles: each tile's columns are rounded a block at a time (every row's scales first),
    // in sub-batches of kSub columns; inside a sub-batch each rounding error reaches the
    // sub-batch's later columns at once, the sub-batch's errors reach the rest of the batch as one
    // matrix product, and the batch's errors the later columns as another.
    constexpr int64_t kTile = 128, kSub = 32;
    const int64_t tiles = (rows + kTile - 1) / kTile;
    // The scales are chosen from a block's weights as GPTQ has them when its first column c0 is
    // reached. w holds W + Σ_{c<c0} (W_c − q_c) Ṽ[c][·] (Ṽ = V diag(V)⁻¹, unit upper triangular,
    // Ṽ[c][k] = −feed[c][k]); GPTQ's weights are those the block's columns would reach if each
    // rounded without error: ŵ = W + (w − W) Ṽ_b⁻¹, Ṽ_b the block's diagonal block (reach, S x S each).
    const size_t SS = size_t(S) * size_t(S);
    std::vector<float> reach(blocksPerRow > 1 ? size_t(blocksPerRow) * SS : 0);
    parallelFor(blocksPerRow, 1, [&](int64_t b0, int64_t b1) {
        for (int64_t b = std::max<int64_t>(b0, 1); b < b1; ++b) {  // (the first block's is never needed)
            MatF t = MatF::Identity(S, S);
            for (int i = 0; i < S; ++i)
                for (int j = i + 1; j < S; ++j)
                    t(i, j) = -feed[(b * S + i) * cols + b * S + j];
            Eigen::Map<MatF>(reach.data() + size_t(b) * SS, S, S) =
                t.triangularView<Eigen::UnitUpper>().solve(MatF::Identity(S, S));
        }
    });
    parallelFor(tiles, 1, [&](int64_t t0, int64_t t1) {
        std::vector<float> w(size_t(kTile) * size_t(cols));
        std::vector<float> err(size_t(kTile) * size_t(batch));
        std::vector<float> blockIn(size_t(kTile) * size_t(S)), delta(size_t(kTile) * size_t(S)),
            imp(static_cast<size_t>(S));
        std::vector<uint8_t> codes(size_t(kTile) * size_t(S)), tileBlocks(size_t(kTile) * blockBytes);
        std::vector<BlockGrid> grids(static_cast<size_t>(kTile));
        std::vector<float> sim;
        // Affine grids: a sub-batch's rows side by side for ef_linalg's roundAffine (column-major,
        // rows padded to a multiple of its lanes with zero weights and grids).
        constexpr int64_t ld = (kTile + ef_linalg::kRoundLanes - 1) / ef_linalg::kRoundLanes * ef_linalg::kRoundLanes;
        const size_t subSize = size_t(kSub) * size_t(ld);
        std::vector<float> st(L->affine ? subSize : 0), st0(st.size()), sa(st.size()), sb(st.size()), sq(st.size()),
            se(st.size());
        for (int64_t t = t0; t < t1; ++t) {
            const int64_t r0 = t * kTile, nr = std::min(kTile, rows - r0);
            std::memcpy(w.data(), W + r0 * cols, size_t(nr * cols) * sizeof(float));
            for (int64_t b0 = 0; b0 < cols; b0 += batch) {
                throwIfCancelled();
                const int64_t b1 = std::min(cols, b0 + batch);
                for (int64_t c0 = b0; c0 < b1; c0 += S) {
                    // Every row's block scales, from the weights as updated so far, weighted by H's diagonal.
                    bool anyImp = false;
                    for (int j = 0; j < S; ++j) {
                        imp[size_t(j)] = diag[c0 + j];
                        anyImp = anyImp || imp[size_t(j)] > 0.0f;
                    }
                    for (int64_t i = 0; i < nr; ++i)
                        for (int j = 0; j < S; ++j) {
                            const float w0 = W[(r0 + i) * cols + c0 + j];
                            blockIn[size_t(i * S + j)] = w0;
                            if (c0 > 0)
                                delta[size_t(i * S + j)] = w0 - w[size_t(i * cols + c0 + j)];
                        }
                    if (c0 > 0)  // ŵ = W − (W − w) Ṽ_b⁻¹ (at the first block w is still W)
                        ef_linalg::ops().subProduct(blockIn.data(), S, delta.data(), S,
                                                    reach.data() + size_t(c0 / S) * SS, S, nr, S, S);
                    // (one call for the tile's rows: the blocks then go to their rows)
                    if (inPieces)  // (one scale per tensor: the tensor's, from the weights as given)
                        f.quantizePieces(blockIn.data(), nr, S, W, rows * cols, tileBlocks.data());
                    else
                        f.quantize(blockIn.data(), nr, S, tileBlocks.data(), anyImp ? imp.data() : nullptr);
                    for (int64_t i = 0; i < nr; ++i) {
                        uint8_t* block = out + size_t(r0 + i) * rowBytes + size_t(c0 / S) * blockBytes;
                        std::memcpy(block, tileBlocks.data() + size_t(i) * blockBytes, blockBytes);
                        // (the search leaves the grid of d0 probed: kept when d0 stays)
                        if (!(search > 0 && anyImp && L->scale == BlockScale::Scale &&
                              searchBlockScale(f, *L, block, blockBytes, grids[size_t(i)], w.data() + i * cols + c0,
                                               W + (r0 + i) * cols + c0, feed, cols, c0, F.dead.data(), search, step,
                                               sim)))
                            probeGrid(f, *L, block, blockBytes, grids[size_t(i)]);
                    }
                    for (int64_t s0 = c0; s0 < c0 + S; s0 += kSub) {
                        const int64_t s1 = std::min(c0 + S, s0 + kSub);
                        if (L->affine) {
                            const int64_t nrPad =
                                (nr + ef_linalg::kRoundLanes - 1) / ef_linalg::kRoundLanes * ef_linalg::kRoundLanes;
                            for (int64_t c = 0; c < s1 - s0; ++c)  // padding rows (a short last tile): zero
                                for (std::vector<float>* v : {&st, &st0, &sa, &sb})
                                    std::fill(v->begin() + c * ld + nr, v->begin() + c * ld + nrPad, 0.0f);
                            for (int64_t i = 0; i < nr; ++i) {
                                const float* wr = w.data() + i * cols;
                                const float* w0 = W + (r0 + i) * cols;
                                const BlockGrid& g = grids[size_t(i)];
                                for (int64_t c = s0; c < s1; ++c) {
                                    const size_t at = size_t((c - s0) * ld + i);
                                    st[at] = wr[c];
                                    st0[at] = w0[c];
                                    sa[at] = g.a[size_t(c - c0)];
                                    sb[at] = g.b[size_t(c - c0)];
                                }
                            }
                            ef_linalg::ops().roundAffine(st.data(), st0.data(), sa.data(), sb.data(), ld, nrPad, s1 - s0,
                                                         feed + s0 * cols + s0, cols, F.dead.data() + s0,
                                                         L->nCodes - 1, sq.data(), se.data());
                            for (int64_t i = 0; i < nr; ++i) {
                                float* er = err.data() + i * batch;
                                for (int64_t c = s0; c < s1; ++c) {
                                    const size_t at = size_t((c - s0) * ld + i);
                                    codes[size_t(i * S + (c - c0))] = uint8_t(sq[at]);
                                    er[c - b0] = se[at];
                                }
                            }
                        } else {  // a table of levels: row by row
                            for (int64_t i = 0; i < nr; ++i) {
                                float* wr = w.data() + i * cols;
                                const float* w0 = W + (r0 + i) * cols;
                                float* er = err.data() + i * batch;
                                const BlockGrid& g = grids[size_t(i)];
                                for (int64_t c = s0; c < s1; ++c) {
                                    float level = 0;
                                    codes[size_t(i * S + (c - c0))] = nearestCode(*L, g, int(c - c0), wr[c], &level);
                                    float e = 0;
                                    if (!F.dead[size_t(c)]) {
                                        e = w0[c] - level;  // the column's final residual
                                        subScaled(wr, feed + c * cols, e, c + 1, s1);
                                    }
                                    er[c - b0] = e;
                                }
                            }
                        }
                        // The rest of the batch: w[:, s1:b1] -= err[:, s0:s1] · feed[s0:s1, s1:b1].
                        if (s1 < b1)
                            ef_linalg::ops().subProduct(w.data() + s1, cols, err.data() + (s0 - b0), batch,
                                                        feed + s0 * cols + s1, cols, nr, b1 - s1, s1 - s0);
                    }
                    for (int64_t i = 0; i < nr; ++i)
                        L->pack(out + size_t(r0 + i) * rowBytes + size_t(c0 / S) * blockBytes, codes.data() + i * S);
                }
                // Lazy update of the columns after this batch: w[:, b1:] -= err · feed[b0:b1, b1:].
                if (b1 < cols)
                    ef_linalg::ops().subProduct(w.data() + b1, cols, err.data(), batch, feed + b0 * cols + b1, cols, nr,
                                                cols - b1, b1 - b0);
            }
        }
    });
    if (inPieces)
        f.assemblePieces(pieces.data(), rows, cols, dst);
}

namespace {

// The layout of a format whose block scales can be refit (see BlockScale), else null.
const CodeLayout* refitLayoutFor(const Format& f)
{
    const CodeLayout* L = layoutFor(f);
    return L && L->scale != BlockScale::Other ? L : nullptr;
}

}  // namespace

bool scaleRefitSupported(const Format& f) { return refitLayoutFor(f) != nullptr; }

namespace {

const CodeLayout& checkRefit(const Format& f, int64_t rows, int64_t cols, int64_t hSize)
{
    const CodeLayout& L = checkedLayout(refitLayoutFor(f), f, rows, cols, "scale refit");
    checkMoment(hSize, cols, "scale refit");
    return L;
}

// h: H in float, full; meanDiag: its mean diagonal (summed in double).
ScaleRefit refitWith(const Format& f, const CodeLayout* L, const float* W, int64_t rows, int64_t cols, MatF h,
                     double meanDiag, void* dst, double damping)
{
    ScaleRefit out;
    constexpr int S = 32;
    const bool offset = L->scale == BlockScale::ScaleMin;
    const int64_t nb = cols / S, k = offset ? 2 : 1, p = nb * k;
    const size_t blockBytes = size_t(f.storageBytes(1, S));
    const size_t rowBytes = blockBytes * size_t(nb);
    auto* bytes = static_cast<uint8_t*>(dst);

    if (!(meanDiag > 0) || !std::isfinite(meanDiag))
        return out;
    h.diagonal().array() += float(damping * meanDiag);
    // With an offset: the blocks' indicator columns through H (cols x nb) and their Gram (nb x nb).
    MatD hOne, gOne;
    if (offset) {
        hOne = MatD::Zero(cols, nb);
        for (int64_t b = 0; b < nb; ++b)
            hOne.col(b) = h.middleCols(b * S, S).rowwise().sum().cast<double>();
        gOne = MatD::Zero(nb, nb);
        for (int64_t b = 0; b < nb; ++b)
            gOne.row(b) = hOne.middleRows(b * S, S).colwise().sum();
    }

    constexpr int64_t kTile = 64;
    const int64_t tiles = (rows + kTile - 1) / kTile;
    std::mutex mu;
    parallelFor(tiles, 1, [&](int64_t t0, int64_t t1) {
        std::vector<uint8_t> tmp(blockBytes);
        ScaleRefit local;
        for (int64_t t = t0; t < t1; ++t) {
            throwIfCancelled();
            const int64_t r0 = t * kTile, nr = std::min(kTile, rows - r0);
            // P: each weight's level with d = 1 (and m = 0): the basis of its block's scale.
            MatF P(nr, cols);
            MatD old(nr, p);
            for (int64_t i = 0; i < nr; ++i)
                for (int64_t b = 0; b < nb; ++b) {
                    const uint8_t* block = bytes + size_t(r0 + i) * rowBytes + size_t(b) * blockBytes;
                    std::memcpy(tmp.data(), block, blockBytes);
                    old(i, b) = fp16ToFp32(loadHalf(block));
                    storeHalf(tmp.data(), fp32ToFp16(1.0f));
                    if (offset) {
                        old(i, nb + b) = fp16ToFp32(loadHalf(block + 2));
                        storeHalf(tmp.data() + 2, fp32ToFp16(0.0f));
                    }
                    f.dequantize(tmp.data(), 1, S, P.data() + i * cols + b * S);
                }
            // R: the rows' current error w − ŵ (the quadratic forms below in it: no cancellation).
            MatF R = Eigen::Map<const MatF>(W + r0 * cols, nr, cols);
            for (int64_t i = 0; i < nr; ++i)
                for (int64_t b = 0; b < nb; ++b) {
                    const float d = float(old(i, b)), m = offset ? float(old(i, nb + b)) : 0.0f;
                    for (int64_t j = b * S; j < (b + 1) * S; ++j)
                        R(i, j) -= d * P(i, j) + m;
                }
            const MatF hw = R * h;  // (H symmetric)
            std::vector<MatD> G(size_t(nr), MatD::Zero(p, p));
            MatD g = MatD::Zero(nr, p);
            for (int64_t b = 0; b < nb; ++b) {
                const MatF C = P.middleCols(b * S, S) * h.middleRows(b * S, S);  // nr x cols
                for (int64_t i = 0; i < nr; ++i)
                    for (int64_t b2 = 0; b2 < nb; ++b2) {
                        const auto c = C.row(i).segment(b2 * S, S);
                        G[size_t(i)](b2, b) = double(P.row(i).segment(b2 * S, S).dot(c));
                        if (offset)
                            G[size_t(i)](nb + b2, b) = G[size_t(i)](b, nb + b2) = double(c.sum());
                    }
            }
            for (int64_t i = 0; i < nr; ++i) {
                MatD& Gi = G[size_t(i)];
                for (int64_t b = 0; b < nb; ++b) {
                    g(i, b) = double(P.row(i).segment(b * S, S).dot(hw.row(i).segment(b * S, S)));
                    if (offset)
                        g(i, nb + b) = double(hw.row(i).segment(b * S, S).sum());
                }
                if (offset)
                    Gi.bottomRightCorner(nb, nb) = gOne;
                const double eOld = double(R.row(i).dot(hw.row(i)));
                // A tiny ridge keeps blocks whose codes are all zero (no say in the output) solvable.
                MatD A = Gi;
                A.diagonal().array() += 1e-9 * std::max(1e-300, Gi.diagonal().cwiseAbs().maxCoeff());
                // The change of the scales (and offsets) that minimises the error, then stored as fp16.
                const Eigen::VectorXd s = old.row(i).transpose() + A.ldlt().solve(g.row(i).transpose());
                Eigen::VectorXd sh(p);
                bool finite = true;
                for (int64_t j = 0; j < p; ++j) {
                    finite = finite && std::isfinite(s(j)) && std::fabs(s(j)) < 65504.0;
                    sh(j) = finite ? double(fp16ToFp32(fp32ToFp16(float(s(j))))) : 0.0;
                }
                const Eigen::VectorXd delta = sh - old.row(i).transpose();
                const double eNew = finite ? eOld - 2 * delta.dot(g.row(i)) + delta.dot(Gi * delta) : eOld;
                local.rows += 1;
                local.before += eOld;
                if (finite && eNew < eOld) {
                    local.improved += 1;
                    local.after += eNew;
                    for (int64_t b = 0; b < nb; ++b) {
                        uint8_t* block = bytes + size_t(r0 + i) * rowBytes + size_t(b) * blockBytes;
                        storeHalf(block, fp32ToFp16(float(sh(b))));
                        if (offset)
                            storeHalf(block + 2, fp32ToFp16(float(sh(nb + b))));
                    }
                } else {
                    local.after += eOld;
                }
            }
        }
        std::lock_guard lk(mu);
        out.rows += local.rows;
        out.improved += local.improved;
        out.before += local.before;
        out.after += local.after;
    });
    return out;
}

}  // namespace

ScaleRefit refitBlockScales(const Format& f, const float* W, int64_t rows, int64_t cols, const std::vector<double>& H,
                            void* dst, double damping)
{
    const CodeLayout& L = checkRefit(f, rows, cols, int64_t(H.size()));
    double meanDiag = 0;
    for (int64_t i = 0; i < cols; ++i)
        meanDiag += H[size_t(i * cols + i)];
    return refitWith(f, &L, W, rows, cols, Eigen::Map<const MatD>(H.data(), cols, cols).cast<float>(),
                     meanDiag / double(cols), dst, damping);
}

ScaleRefit refitBlockScales(const Format& f, const float* W, int64_t rows, int64_t cols, const SecondMoment& H,
                            void* dst, double damping)
{
    const CodeLayout& L = checkRefit(f, rows, cols, H.n == cols ? int64_t(H.lower.size()) : -1);
    MatF h(cols, cols);
    double meanDiag = 0;
    for (int64_t i = 0; i < cols; ++i) {
        for (int64_t j = 0; j <= i; ++j)
            h(i, j) = h(j, i) = H.lower[size_t(i * cols + j)];
        meanDiag += double(h(i, i));
    }
    return refitWith(f, &L, W, rows, cols, std::move(h), meanDiag / double(cols), dst, damping);
}

InputScale fitInputScale(const std::vector<RoundedMatrix>& group, const float* xf, const float* x, int64_t tokens,
                         int64_t n, double ridge, const SecondMoment* xtx)
{
    if (group.empty() || n <= 0)
        invalidInput({}, "an input scale needs a group of matrices with inputs");
    for (const RoundedMatrix& m : group)
        if (!m.w || !m.wq || m.rows <= 0)
            invalidInput({}, "an input scale needs matrices with rows");
    if (xtx && (xtx->n != n || int64_t(xtx->lower.size()) != n * n))
        invalidInput({}, "an input scale needs a " + std::to_string(n) + " x " + std::to_string(n) + " XᵀX");
    InputScale out;
    out.scale.assign(size_t(n), 1.0f);
    if (tokens <= 0)
        return out;
    const ef_linalg::Ops& la = ef_linalg::ops();
    // b_i = Σ_W Σ_t x_ti (Ŵᵀ W xf_t)_i, by chunks of tokens: two products with the rows, no n x n
    // one (each chunk's sum kept apart and added in order: the same bytes on every run).
    constexpr int64_t kTokens = 128;
    const int64_t nChunks = (tokens + kTokens - 1) / kTokens;
    std::vector<Eigen::VectorXd> partial(size_t(nChunks), Eigen::VectorXd::Zero(n));
    parallelFor(nChunks, 1, [&](int64_t c0, int64_t c1) {
        std::vector<float> y, z;
        for (int64_t c = c0; c < c1; ++c) {
            throwIfCancelled();
            const int64_t t0 = c * kTokens, nt = std::min(kTokens, tokens - t0);
            for (const RoundedMatrix& m : group) {
                y.assign(size_t(nt * m.rows), 0.0f);
                z.assign(size_t(nt * n), 0.0f);
                la.subProductT(y.data(), m.rows, xf + t0 * n, n, m.w, n, nt, m.rows, n);  // −Xf Wᵀ
                la.subProduct(z.data(), n, y.data(), m.rows, m.wq, n, nt, n, m.rows);      // Xf Wᵀ Ŵ
                for (int64_t t = 0; t < nt; ++t)
                    for (int64_t i = 0; i < n; ++i)
                        partial[size_t(c)](i) += double(z[size_t(t * n + i)]) * double(x[(t0 + t) * n + i]);
            }
        }
    });
    Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
    for (const Eigen::VectorXd& p : partial)
        b += p;
    // A = Σ_W ŴᵀŴ ∘ XᵀX, lower triangle (ŴᵀŴ as the second moment of the stacked rows).
    std::vector<float> rows;
    for (const RoundedMatrix& m : group)
        rows.insert(rows.end(), m.wq, m.wq + m.rows * n);
    SecondMoment A = streamSecondMoment(rows.data(), int64_t(rows.size()) / n, n);
    const SecondMoment G = xtx ? SecondMoment{} : streamSecondMoment(x, tokens, n);
    const std::vector<float>& g = xtx ? xtx->lower : G.lower;
    double meanDiag = 0;
    for (int64_t i = 0; i < n; ++i) {
        for (int64_t j = 0; j <= i; ++j)
            A.lower[size_t(i * n + j)] *= g[size_t(i * n + j)];
        meanDiag += double(A.lower[size_t(i * n + i)]);
    }
    meanDiag /= double(n);
    if (!(meanDiag > 0) || !std::isfinite(meanDiag) || !b.allFinite())
        return out;
    // The error at s, up to a constant: sᵀAs − 2sᵀb (A symmetric, from its lower triangle).
    auto error = [&](const Eigen::VectorXd& s) {
        double e = 0;
        for (int64_t i = 0; i < n; ++i) {
            double row = 0;
            for (int64_t j = 0; j < i; ++j)
                row += double(A.lower[size_t(i * n + j)]) * s(j);
            e += s(i) * (2 * row + double(A.lower[size_t(i * n + i)]) * s(i)) - 2 * s(i) * b(i);
        }
        return e;
    };
    // s = (A + μI)⁻¹ (b + μ·1): Cholesky, then the two triangular solves.
    std::vector<float> L = A.lower;
    for (int64_t i = 0; i < n; ++i)
        L[size_t(i * n + i)] += float(ridge * meanDiag);
    if (!choleskyLowerInPlace(L.data(), n))
        return out;
    Eigen::VectorXd s = b + ridge * meanDiag * Eigen::VectorXd::Ones(n);
    for (int64_t i = 0; i < n; ++i) {
        double v = s(i);
        for (int64_t j = 0; j < i; ++j)
            v -= double(L[size_t(i * n + j)]) * s(j);
        s(i) = v / double(L[size_t(i * n + i)]);
    }
    for (int64_t i = n - 1; i >= 0; --i) {
        double v = s(i);
        for (int64_t j = i + 1; j < n; ++j)
            v -= double(L[size_t(j * n + i)]) * s(j);
        s(i) = v / double(L[size_t(i * n + i)]);
    }
    if (!s.allFinite())
        return out;
    const double e1 = error(Eigen::VectorXd::Ones(n)), es = error(s);
    if (!(es < e1))
        return out;
    for (int64_t i = 0; i < n; ++i)
        out.scale[size_t(i)] = float(s(i));
    out.reduction = e1 - es;
    return out;
}

ClassifierScale fitClassifierScale(const float* e, const float* eq, int64_t vocab, const float* xf, const float* x,
                                   int64_t tokens, int64_t n, float softcap, int iterations)
{
    if (vocab <= 0 || n <= 0 || !e || !eq)
        invalidInput({}, "a classifier scale needs a classifier");
    ClassifierScale out;
    out.scale.assign(size_t(n), 1.0f);
    if (tokens <= 0)
        return out;
    const ef_linalg::Ops& la = ef_linalg::ops();
    constexpr int64_t kRows = 32;
    const int64_t nChunks = (tokens + kRows - 1) / kRows;
    // z = softcap(W u) for the tokens [r0, r0 + nr) of u (nr x n): into z (nr x vocab); dz/d(Wu) into d
    // when asked.
    auto logits = [&](const float* W, const float* u, int64_t nr, std::vector<float>& z, std::vector<float>* d) {
        z.assign(size_t(nr * vocab), 0.0f);
        la.subProductT(z.data(), vocab, u, n, W, n, nr, vocab, n);
        for (float& v : z)
            v = -v;
        if (d)
            d->assign(z.size(), 1.0f);
        if (softcap > 0)
            for (size_t i = 0; i < z.size(); ++i) {
                const float th = std::tanh(z[i] / softcap);
                z[i] = softcap * th;
                if (d)
                    (*d)[i] = 1.0f - th * th;
            }
    };
    // The source's probabilities (kept) and each row's Σ p log p.
    std::vector<float> P(size_t(tokens * vocab));
    std::vector<double> plogp(size_t(tokens), 0.0);
    parallelFor(nChunks, 1, [&](int64_t c0, int64_t c1) {
        std::vector<float> z;
        for (int64_t c = c0; c < c1; ++c) {
            const int64_t r0 = c * kRows, nr = std::min(kRows, tokens - r0);
            logits(e, xf + r0 * n, nr, z, nullptr);
            for (int64_t r = 0; r < nr; ++r) {
                const float* zr = z.data() + r * vocab;
                float* pr = P.data() + (r0 + r) * vocab;
                const float mx = *std::max_element(zr, zr + vocab);
                double sum = 0;
                for (int64_t v = 0; v < vocab; ++v)
                    sum += std::exp(double(zr[v] - mx));
                const double lse = double(mx) + std::log(sum);
                for (int64_t v = 0; v < vocab; ++v) {
                    const double lp = double(zr[v]) - lse;
                    pr[v] = float(std::exp(lp));
                    plogp[size_t(r0 + r)] += double(pr[v]) * lp;
                }
            }
        }
    });
    // Mean KL at s, and its gradient when asked (per chunk, added in order).
    auto divergence = [&](const Eigen::VectorXf& sc, Eigen::VectorXd* grad) {
        std::vector<double> kl(size_t(nChunks), 0.0);
        std::vector<Eigen::VectorXd> g(grad ? size_t(nChunks) : 0, Eigen::VectorXd::Zero(n));
        parallelFor(nChunks, 1, [&](int64_t c0, int64_t c1) {
            std::vector<float> u, z, d, gz;
            for (int64_t c = c0; c < c1; ++c) {
                throwIfCancelled();
                const int64_t r0 = c * kRows, nr = std::min(kRows, tokens - r0);
                u.resize(size_t(nr * n));
                for (int64_t r = 0; r < nr; ++r)
                    for (int64_t i = 0; i < n; ++i)
                        u[size_t(r * n + i)] = x[(r0 + r) * n + i] * sc(i);
                logits(eq, u.data(), nr, z, grad ? &d : nullptr);
                for (int64_t r = 0; r < nr; ++r) {
                    float* zr = z.data() + r * vocab;
                    const float* pr = P.data() + (r0 + r) * vocab;
                    const float mx = *std::max_element(zr, zr + vocab);
                    double sum = 0, pz = 0;
                    for (int64_t v = 0; v < vocab; ++v) {
                        sum += std::exp(double(zr[v] - mx));
                        pz += double(pr[v]) * double(zr[v]);
                    }
                    const double lse = double(mx) + std::log(sum);
                    kl[size_t(c)] += plogp[size_t(r0 + r)] - pz + lse;
                    if (grad)  // dKL/dz = q − p, through the softcap
                        for (int64_t v = 0; v < vocab; ++v)
                            zr[v] = float(std::exp(double(zr[v]) - lse) - double(pr[v])) * d[size_t(r * vocab + v)];
                }
                if (grad) {
                    // dKL/ds_i = Σ_rows x_i (Êᵀ dz)_i
                    gz.assign(size_t(nr * n), 0.0f);
                    la.subProduct(gz.data(), n, z.data(), vocab, eq, n, nr, n, vocab);  // −dz Ê
                    for (int64_t r = 0; r < nr; ++r)
                        for (int64_t i = 0; i < n; ++i)
                            g[size_t(c)](i) -= double(gz[size_t(r * n + i)]) * double(x[(r0 + r) * n + i]);
                }
            }
        });
        double total = 0;
        for (double k : kl)
            total += k;
        if (grad) {
            grad->setZero(n);
            for (const Eigen::VectorXd& gc : g)
                *grad += gc;
            *grad /= double(tokens);
        }
        return total / double(tokens);
    };
    Eigen::VectorXf sc = Eigen::VectorXf::Ones(n);
    Eigen::VectorXd g;
    double f = divergence(sc, &g), step = 1.0;
    out.before = out.after = f;
    if (!std::isfinite(f) || !g.allFinite())
        return out;
    for (int it = 0; it < iterations; ++it) {
        const double gg = g.squaredNorm();
        Eigen::VectorXf cand;
        Eigen::VectorXd gc;
        double fc = INFINITY;
        int tries = 0;
        for (; tries < 30; ++tries, step *= 0.5) {
            cand = sc - (step * g).cast<float>();
            fc = divergence(cand, &gc);
            if (std::isfinite(fc) && gc.allFinite() && fc < f - 1e-4 * step * gg)
                break;
        }
        if (tries == 30)
            break;
        const double gain = f - fc;
        sc = cand;
        f = fc;
        g = gc;
        step *= 2.0;
        if (gain < 1e-5 * f)
            break;
    }
    if (!(f < out.before))
        return out;
    for (int64_t i = 0; i < n; ++i)
        out.scale[size_t(i)] = sc(i);
    out.after = f;
    return out;
}

}  // namespace qs
