// TQ2_0 (llama.cpp's ternary type for BitNet-style models): 256 weights, an fp16 scale d and a
// 2-bit code q per weight; weight = (q - 1) * d. Byte m of each 32-byte half holds, in bits 2l,
// weight 128*half + 32*l + m.
//
// The codes run over four levels, -1, 0, 1 and 2 (llama.cpp's reference quantizer uses only the
// first three; its decoder and dot product take all four). The search: for each orientation of
// the scale (levels -1..2 or 1..-2 in units of |d|) and a few starting scales relative to the
// largest magnitude, alternate rounding every weight to its nearest level and the (weighted)
// least-squares scale for those levels; the best fit is rounded to fp16 and the levels re-rounded
// with it; the orientation with the lower exact error wins. A ternary tensor ({-a, 0, a} per
// block) is reproduced exactly (the start at the largest magnitude reaches it).
// Written once over 8-float lanes (kq::V8Scalar reference, kq::V8Avx fast path) with one fixed
// summation order, so both paths give identical bytes.
#include "core/formats/blocks.h"
#include "core/formats/kquant_common.h"
#include "core/formats/registry_list.h"

namespace qs {
namespace {

using namespace kq;
constexpr int N = kSuper, NV = N / 8;

struct Fit {
    float sxl, sll;  // sum w*x*L and sum w*L*L of the levels of a scale
};

// Levels for scale d (lanes of 8 weights): clamp(round(x / d), lo, hi), and their sums.
template <class V>
Fit levelsFor(const V* X, const V* W, const V* WX, float d, float lo, float hi, V* L)
{
    const V inv = V::set1(d != 0.0f ? 1.0f / d : 0.0f), vlo = V::set1(lo), vhi = V::set1(hi);
    V sxl = V::set1(0.0f), sll = V::set1(0.0f);
    for (int i = 0; i < NV; ++i) {
        const V l = vmin(vmax(vround(vmul(X[i], inv)), vlo), vhi);
        sxl = vfma(WX[i], l, sxl);
        sll = vfma(vmul(W[i], l), l, sll);
        if (L)
            L[i] = l;
    }
    return {hsum(sxl), hsum(sll)};
}

// The exact weighted squared error of scale d (an fp16 value) with every weight on its nearest level.
template <class V>
float exactError(const V* X, const V* W, float d)
{
    const V inv = V::set1(d != 0.0f ? 1.0f / d : 0.0f), vd = V::set1(d), lo = V::set1(-1.0f), hi = V::set1(2.0f);
    V acc = V::set1(0.0f);
    for (int i = 0; i < NV; ++i) {
        const V diff = vsub(X[i], vmul(vmin(vmax(vround(vmul(X[i], inv)), lo), hi), vd));
        acc = vfma(vmul(W[i], diff), diff, acc);
    }
    return hsum(acc);
}

// The signed scale whose nearest levels and least-squares fit explain most of the block: a scan of
// starting scales (the largest magnitude on level 1 - ternary - or on levels up to 2, either sign),
// then alternating rounding and least squares from the two best.
template <class V>
float searchScale(const V* X, const V* W, const V* WX, float amax)
{
    float bestD = 0.0f, bestNum = 0.0f, bestDen = 1.0f;
    float startD[2] = {0, 0}, startNum[2] = {-1, -1}, startDen[2] = {1, 1};
    constexpr float kStarts[] = {1.0f, 0.5f, 0.55f, 0.6f, 0.67f, 0.75f, 0.85f};
    auto better = [](float num, float den, float bNum, float bDen) { return num * bDen > bNum * den; };
    for (float sgn : {1.0f, -1.0f})
        for (float r : kStarts) {
            const float d = sgn * amax * r;
            const Fit f = levelsFor<V>(X, W, WX, d, -1.0f, 2.0f, nullptr);
            if (!(f.sll > 0.0f))
                continue;
            const float num = f.sxl * f.sxl;
            if (better(num, f.sll, startNum[1], startDen[1])) {
                if (better(num, f.sll, startNum[0], startDen[0])) {
                    startNum[1] = startNum[0], startDen[1] = startDen[0], startD[1] = startD[0];
                    startNum[0] = num, startDen[0] = f.sll, startD[0] = d;
                } else {
                    startNum[1] = num, startDen[1] = f.sll, startD[1] = d;
                }
            }
        }
    for (int s = 0; s < 2; ++s) {
        if (startNum[s] < 0.0f)
            continue;
        float d = startD[s];
        for (int it = 0; it < 5; ++it) {
            const Fit f = levelsFor<V>(X, W, WX, d, -1.0f, 2.0f, nullptr);
            if (!(f.sll > 0.0f))
                break;
            if (better(f.sxl * f.sxl, f.sll, bestNum, bestDen)) {
                bestNum = f.sxl * f.sxl;
                bestDen = f.sll;
                bestD = f.sxl / f.sll;
            }
            const float next = f.sxl / f.sll;
            if (next == d)
                break;
            d = next;
        }
    }
    return bestD;
}

template <class V>
void encode(const float* x, const float* imp, BlockTq2_0& b)
{
    V X[NV], W[NV], WX[NV], L[NV], ONE[NV];
    V vmaxv = V::set1(0.0f);
    for (int i = 0; i < NV; ++i) {
        X[i] = V::load(x + 8 * i);
        W[i] = imp ? V::load(imp + 8 * i) : V::set1(1.0f);
        ONE[i] = V::set1(1.0f);
        WX[i] = vmul(W[i], X[i]);
        vmaxv = vmax(vmaxv, vabs(X[i]));
    }
    const float amax = hmax(vmaxv);
    float d = 0.0f;
    if (amax > 0.0f && std::isfinite(amax)) {
        // fp16 candidates, decided by their exact error: the search's scale and, with importance,
        // the scale of the search without it (so importance never makes the weighted error worse).
        d = fp16Round(std::clamp(searchScale<V>(X, W, WX, amax), -65504.0f, 65504.0f));
        if (imp) {
            const float du = fp16Round(std::clamp(searchScale<V>(X, ONE, X, amax), -65504.0f, 65504.0f));
            if (du != d && exactError<V>(X, W, du) < exactError<V>(X, W, d))
                d = du;
        }
    }
    levelsFor<V>(X, W, WX, d, -1.0f, 2.0f, L);
    alignas(32) float lv[N];
    for (int i = 0; i < NV; ++i)
        L[i].store(lv + 8 * i);
    b.d = fp32ToFp16(d);
    for (int h = 0; h < 2; ++h)
        for (int m = 0; m < 32; ++m) {
            uint8_t q = 0;
            for (int l = 0; l < 4; ++l)
                q |= uint8_t((int(lv[128 * h + 32 * l + m]) + 1) << (2 * l));
            b.qs[32 * h + m] = q;
        }
}

class Tq2Format : public BlockFormat {
public:
    Tq2Format() : BlockFormat(GgmlType::TQ2_0) {}
    std::string description() const override
    {
        return QT_TRANSLATE_NOOP("qs::formats", "llama.cpp TQ2_0: 256-weight blocks, fp16 scale, 2-bit levels -1..2 (2.06 bits/weight; ternary models)");
    }
    void quantizeRow(const float* x, void* dst, int64_t n, const float* imp) const override { run<V8Fast>(x, dst, n, imp); }
    void quantizeRowReference(const float* x, void* dst, int64_t n, const float* imp) const override
    {
        run<V8Scalar>(x, dst, n, imp);
    }
    void dequantizeRow(const void* src, float* y, int64_t n) const override
    {
        const auto* in = static_cast<const unsigned char*>(src);
        BlockTq2_0 b;
        for (int64_t i = 0; i < n / N; ++i, y += N) {
            std::memcpy(&b, in + i * sizeof(b), sizeof(b));
            const float d = fp16ToFp32(b.d);
            for (int h = 0; h < 2; ++h)
                for (int l = 0; l < 4; ++l)
                    for (int m = 0; m < 32; ++m)
                        y[128 * h + 32 * l + m] = float(((b.qs[32 * h + m] >> (2 * l)) & 3) - 1) * d;
        }
    }

private:
    template <class V>
    static void run(const float* x, void* dst, int64_t n, const float* imp)
    {
        auto* out = static_cast<unsigned char*>(dst);
        for (int64_t i = 0; i < n / N; ++i) {
            BlockTq2_0 b;
            encode<V>(x + i * N, imp ? imp + i * N : nullptr, b);
            std::memcpy(out + i * sizeof(b), &b, sizeof(b));
        }
    }
};

}  // namespace

const Format& formatTQ2_0()
{
    static const Tq2Format f;
    return f;
}

}  // namespace qs
