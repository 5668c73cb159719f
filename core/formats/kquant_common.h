#pragma once
// Shared machinery of llama.cpp's K-quant formats (Q2_K ... Q6_K): 256-weight super-blocks split
// into sub-blocks of 16 or 32 weights, each with a small integer scale (and min) relative to the
// super-block's fp16 scale(s).
//
// Quantization is a two-pass search per super-block:
//  1. per sub-block, a continuous (scale, min) search: a grid of candidate inverse scales, each
//     followed by a weighted least-squares fit, optionally refined by re-rounding and refitting;
//  2. the sub-block scales/mins are quantized to integers against the fp16 super-block scales, and
//     each sub-block then tries the integers around the rounded ones, re-rounding its weights for
//     each and measuring the exact decoded error; the lowest wins.
// Several candidates (pass-1 criteria, super-block scale choices) go through pass 2 and the
// super-block keeps the one with the lowest measured error. Formats with mins then refit the
// super-block scales (d, dmin) by least squares for the kept integers and levels and search the
// integers again, while the error drops.
//
// The kernels are written once as templates over an 8-lane float vector: V8Scalar (plain C++
// loops, the reference path) and V8Avx (AVX2/FMA intrinsics, the fast path). Every lane
// operation is one exactly rounded IEEE operation (add, sub, mul, div, fused multiply-add,
// round to nearest even, min/max with the same tie rule) and horizontal reductions use one fixed
// tree, so both instantiations compute identical floats and hence identical bytes.
#include "core/formats/block_format.h"
#include "core/formats/blocks.h"
#include "core/formats/inspect.h"
#include "core/util/half.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace qs::kq {

constexpr int kSuper = 256;

// Scale packing (kquant_common.cpp, compiled once): 8 scales + 8 mins of Q4_K/Q5_K into 12 bytes,
// and Q3_K's 16 signed 6-bit scales (sc in [-32, 31]) into 12 bytes. Layouts below, at their
// unpacking functions.
void packScaleMin6(const uint8_t sc[8], const uint8_t mn[8], uint8_t out[12]);
void packScale6Q3(const int8_t sc[16], uint8_t out[12]);

inline namespace QS_ISA {  // compiled once per instruction set (core/util/isa.h)

// ---------------------------------------------------------------------------------------------
// 8-lane vectors

struct V8Scalar {
    float v[8];
    static V8Scalar load(const float* p)
    {
        V8Scalar r;
        for (int i = 0; i < 8; ++i)
            r.v[i] = p[i];
        return r;
    }
    static V8Scalar set1(float a)
    {
        V8Scalar r;
        for (int i = 0; i < 8; ++i)
            r.v[i] = a;
        return r;
    }
    void store(float* p) const
    {
        for (int i = 0; i < 8; ++i)
            p[i] = v[i];
    }
};

// max/min follow the x86 rule: the second operand unless the first is strictly greater/less.
inline float maxRule(float a, float b) { return a > b ? a : b; }
inline float minRule(float a, float b) { return a < b ? a : b; }

#define QS_KQ_LANEWISE(name, expr)                            \
    inline V8Scalar name(V8Scalar a, V8Scalar b)              \
    {                                                         \
        V8Scalar r;                                           \
        for (int i = 0; i < 8; ++i) {                         \
            const float x = a.v[i], y = b.v[i];               \
            r.v[i] = (expr);                                  \
        }                                                     \
        return r;                                             \
    }
QS_KQ_LANEWISE(vadd, x + y)
QS_KQ_LANEWISE(vsub, x - y)
QS_KQ_LANEWISE(vmul, x* y)
QS_KQ_LANEWISE(vdiv, x / y)
QS_KQ_LANEWISE(vmax, maxRule(x, y))
QS_KQ_LANEWISE(vmin, minRule(x, y))
#undef QS_KQ_LANEWISE

inline V8Scalar vfma(V8Scalar a, V8Scalar b, V8Scalar c)  // a*b + c, one rounding
{
    V8Scalar r;
    for (int i = 0; i < 8; ++i)
        r.v[i] = std::fma(a.v[i], b.v[i], c.v[i]);
    return r;
}
inline V8Scalar vround(V8Scalar a)  // to nearest, ties to even
{
    V8Scalar r;
    for (int i = 0; i < 8; ++i)
        r.v[i] = std::nearbyint(a.v[i]);
    return r;
}
inline V8Scalar vsqrt(V8Scalar a)
{
    V8Scalar r;
    for (int i = 0; i < 8; ++i)
        r.v[i] = std::sqrt(a.v[i]);
    return r;
}
inline V8Scalar vabs(V8Scalar a)
{
    V8Scalar r;
    for (int i = 0; i < 8; ++i)
        r.v[i] = std::fabs(a.v[i]);
    return r;
}
struct M8Scalar {
    bool m[8];
};
#define QS_KQ_CMP(name, expr)                                 \
    inline M8Scalar name(V8Scalar a, V8Scalar b)              \
    {                                                         \
        M8Scalar r;                                           \
        for (int i = 0; i < 8; ++i) {                         \
            const float x = a.v[i], y = b.v[i];               \
            r.m[i] = (expr);                                  \
        }                                                     \
        return r;                                             \
    }
QS_KQ_CMP(vgt, x > y)
QS_KQ_CMP(vge, x >= y)
QS_KQ_CMP(vlt, x < y)
QS_KQ_CMP(veq, x == y)
#undef QS_KQ_CMP
inline M8Scalar mand(M8Scalar a, M8Scalar b)
{
    M8Scalar r;
    for (int i = 0; i < 8; ++i)
        r.m[i] = a.m[i] && b.m[i];
    return r;
}
inline M8Scalar mandnot(M8Scalar a, M8Scalar b)  // a && !b
{
    M8Scalar r;
    for (int i = 0; i < 8; ++i)
        r.m[i] = a.m[i] && !b.m[i];
    return r;
}
inline bool many(M8Scalar a)
{
    bool any = false;
    for (int i = 0; i < 8; ++i)
        any = any || a.m[i];
    return any;
}
inline V8Scalar vsel(M8Scalar m, V8Scalar a, V8Scalar b)  // m ? a : b
{
    V8Scalar r;
    for (int i = 0; i < 8; ++i)
        r.v[i] = m.m[i] ? a.v[i] : b.v[i];
    return r;
}
// Reductions: lanes i and i+4, then i and i+2, then 0 and 1 (the AVX shuffle tree).
inline float hsum(V8Scalar a)
{
    float t[4];
    for (int i = 0; i < 4; ++i)
        t[i] = a.v[i] + a.v[i + 4];
    return (t[0] + t[2]) + (t[1] + t[3]);
}
inline float hmax(V8Scalar a)
{
    float t[4];
    for (int i = 0; i < 4; ++i)
        t[i] = maxRule(a.v[i], a.v[i + 4]);
    return maxRule(maxRule(t[0], t[2]), maxRule(t[1], t[3]));
}
inline float hmin(V8Scalar a)
{
    float t[4];
    for (int i = 0; i < 4; ++i)
        t[i] = minRule(a.v[i], a.v[i + 4]);
    return minRule(minRule(t[0], t[2]), minRule(t[1], t[3]));
}

#ifdef __AVX2__
struct V8Avx {
    __m256 v;
    static V8Avx load(const float* p) { return {_mm256_loadu_ps(p)}; }
    static V8Avx set1(float a) { return {_mm256_set1_ps(a)}; }
    void store(float* p) const { _mm256_storeu_ps(p, v); }
};
inline V8Avx vadd(V8Avx a, V8Avx b) { return {_mm256_add_ps(a.v, b.v)}; }
inline V8Avx vsub(V8Avx a, V8Avx b) { return {_mm256_sub_ps(a.v, b.v)}; }
inline V8Avx vmul(V8Avx a, V8Avx b) { return {_mm256_mul_ps(a.v, b.v)}; }
inline V8Avx vdiv(V8Avx a, V8Avx b) { return {_mm256_div_ps(a.v, b.v)}; }
inline V8Avx vmax(V8Avx a, V8Avx b) { return {_mm256_max_ps(a.v, b.v)}; }
inline V8Avx vmin(V8Avx a, V8Avx b) { return {_mm256_min_ps(a.v, b.v)}; }
inline V8Avx vfma(V8Avx a, V8Avx b, V8Avx c) { return {_mm256_fmadd_ps(a.v, b.v, c.v)}; }
inline V8Avx vround(V8Avx a) { return {_mm256_round_ps(a.v, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC)}; }
inline V8Avx vsqrt(V8Avx a) { return {_mm256_sqrt_ps(a.v)}; }
inline V8Avx vabs(V8Avx a) { return {_mm256_andnot_ps(_mm256_set1_ps(-0.0f), a.v)}; }
struct M8Avx {
    __m256 m;
};
inline M8Avx vgt(V8Avx a, V8Avx b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_GT_OQ)}; }
inline M8Avx vge(V8Avx a, V8Avx b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_GE_OQ)}; }
inline M8Avx vlt(V8Avx a, V8Avx b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_LT_OQ)}; }
inline M8Avx veq(V8Avx a, V8Avx b) { return {_mm256_cmp_ps(a.v, b.v, _CMP_EQ_OQ)}; }
inline M8Avx mand(M8Avx a, M8Avx b) { return {_mm256_and_ps(a.m, b.m)}; }
inline M8Avx mandnot(M8Avx a, M8Avx b) { return {_mm256_andnot_ps(b.m, a.m)}; }
inline bool many(M8Avx a) { return _mm256_movemask_ps(a.m) != 0; }
inline V8Avx vsel(M8Avx m, V8Avx a, V8Avx b) { return {_mm256_blendv_ps(b.v, a.v, m.m)}; }
inline float hsum(V8Avx a)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(a.v), _mm256_extractf128_ps(a.v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}
inline float hmax(V8Avx a)
{
    __m128 s = _mm_max_ps(_mm256_castps256_ps128(a.v), _mm256_extractf128_ps(a.v, 1));
    s = _mm_max_ps(s, _mm_movehl_ps(s, s));
    s = _mm_max_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}
inline float hmin(V8Avx a)
{
    __m128 s = _mm_min_ps(_mm256_castps256_ps128(a.v), _mm256_extractf128_ps(a.v, 1));
    s = _mm_min_ps(s, _mm_movehl_ps(s, s));
    s = _mm_min_ss(s, _mm_shuffle_ps(s, s, 1));
    return _mm_cvtss_f32(s);
}
using V8Fast = V8Avx;
#else
using V8Fast = V8Scalar;
#endif

inline int clampInt(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }
// Round to nearest (ties to even). NaN and values outside int's range give INT_MIN, as x86's
// conversion instruction does, without the undefined float-to-int conversion (non-finite input
// reaches here through NaN scales).
inline int nearestInt(float f)
{
    const float r = std::nearbyint(f);
    return r >= -2147483648.f && r < 2147483648.f ? int(r) : std::numeric_limits<int>::min();
}

// ---------------------------------------------------------------------------------------------
// 6-bit scale/min packing of Q4_K and Q5_K (8 scales + 8 mins in 12 bytes): entries 0-3 in the low
// 6 bits of bytes 0-3 (scales) and 4-7 (mins); entries 4-7 keep their low nibbles in bytes 8-11
// (scale low, min high) and their top 2 bits in the top bits of bytes 0-3 (scales) and 4-7 (mins).
// packScaleMin6: see the top of this file.
inline void unpackScaleMin6(const uint8_t q[12], int j, int& sc, int& mn)
{
    if (j < 4) {
        sc = q[j] & 63;
        mn = q[j + 4] & 63;
    } else {
        sc = (q[j + 4] & 0xF) | ((q[j - 4] >> 6) << 4);
        mn = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}
// Q3_K's 16 signed 6-bit scales, stored biased by 32: low nibbles of 0-7 in bytes 0-7, of 8-15 in
// the high nibbles of bytes 0-7; top 2 bits of scale j at bits 2*(j/4) of byte 8 + j%4.
// packScale6Q3: see the top of this file.
inline int unpackScale6Q3(const uint8_t q[12], int j)
{
    const int lo = j < 8 ? (q[j] & 0xF) : (q[j - 8] >> 4);
    const int hi = (q[8 + j % 4] >> (2 * (j / 4))) & 3;
    return (lo | (hi << 4)) - 32;
}

// ---------------------------------------------------------------------------------------------
// Formats with a min: y = (d*sc)*q - (dmin*m), q in [0, nmax], sc and m in [0, smax].

struct AsymParams {
    int nmax;      // largest level: 3, 15, 31
    int smax;      // largest sub-block scale/min integer: 15 or 63
    float rmin, rdelta;
    int nstep;     // pass-1 grid: inverse scales (nmax + rmin + rdelta*i) / range, i = 0..nstep
    bool madPass1; // pass-1 criterion of llama.cpp's reference: absolute (true) or squared error
    bool avPlusAbs;// pass-1 weights: sqrt(mean x^2) + |x| (else |x|)
};

struct AsymResult {
    float d = 0, dmin = 0;   // fp16-exact
    uint8_t sc[16] = {}, mn[16] = {};
    uint8_t L[kSuper] = {};  // levels
    float error = 0;
};

struct SymParams {
    int nmax;         // levels -nmax .. nmax-1
    int scmin, scmax; // sub-block scale integer range (-32..31 or -128..127)
};

struct SymResult {
    float d = 0;
    int8_t sc[16] = {};
    int8_t L[kSuper] = {};  // levels in [-nmax, nmax-1]
    float error = 0;
};

namespace detail {

// Kernels work on 8 sub-blocks at once, one per lane: X[i] holds weight i of each of the 8, so
// every sum runs along the sub-block inside its lane and no horizontal reduction is needed.
template <class V, int S>
inline void loadLanes(const float* src, int firstSub, V* out)
{
    alignas(32) float t[8];
    for (int i = 0; i < S; ++i) {
        for (int l = 0; l < 8; ++l)
            t[l] = src[(firstSub + l) * S + i];
        out[i] = V::load(t);
    }
}
template <class V>
inline void storeLanes(V v, float* out8)
{
    v.store(out8);
}

// The sub-blocks' minimum (at most 0), weighted sums of W and W·X, and range max − min (1 where
// flat, the mask returned: every weight equal).
template <class V, int S>
inline auto asymRange(const V* X, const V* W, V& mn, V& sumW, V& sumX, V& range)
{
    V mx = X[0];
    mn = X[0];
    sumW = W[0];
    sumX = vmul(W[0], X[0]);
    for (int i = 1; i < S; ++i) {
        mn = vmin(mn, X[i]);
        mx = vmax(mx, X[i]);
        sumW = vadd(sumW, W[i]);
        sumX = vfma(W[i], X[i], sumX);
    }
    mn = vmin(mn, V::set1(0.f));
    const auto flat = veq(mx, mn);
    range = vsel(flat, V::set1(1.f), vsub(mx, mn));
    return flat;
}

// Pass 1 for 8 sub-blocks with mins (y = scale*q - min): llama.cpp-style grid of inverse scales
// (nmax + rmin + rdelta*i)/range, each with the weighted least-squares (scale, min) for its levels
// (min clamped >= 0), keeping the lowest pass-1 error (absolute or squared per p.madPass1).
// base: that result; refined: base improved by re-rounding + refitting while the error drops.
template <class V, int S>
inline void asymPass1(const V* X, const V* W, const AsymParams& p, int refine, V& baseScale, V& baseMin,
                      V& refScale, V& refMin)
{
    const V zero = V::set1(0.f), one = V::set1(1.f), vhi = V::set1(float(p.nmax));
    V mn, sumW, sumX, range;
    const auto flat = asymRange<V, S>(X, W, mn, sumW, sumX, range);
    V XM[S], q[S];
    for (int i = 0; i < S; ++i)
        XM[i] = vsub(X[i], mn);
    auto errOf = [&](V s, V m) {
        V acc = zero;
        for (int i = 0; i < S; ++i) {
            const V diff = vsub(vadd(vmul(s, q[i]), m), X[i]);
            acc = p.madPass1 ? vfma(W[i], vabs(diff), acc) : vfma(vmul(W[i], diff), diff, acc);
        }
        return acc;
    };
    auto lsq = [&](V& s, V& m) {
        V sl = zero, sl2 = zero, sxl = zero;
        for (int i = 0; i < S; ++i) {
            const V wq = vmul(W[i], q[i]);
            sl = vadd(sl, wq);
            sl2 = vfma(wq, q[i], sl2);
            sxl = vfma(wq, X[i], sxl);
        }
        const V D = vsub(vmul(sumW, sl2), vmul(sl, sl));
        const auto ok = vgt(D, zero);
        const V Ds = vsel(ok, D, one);
        s = vdiv(vsub(vmul(sumW, sxl), vmul(sumX, sl)), Ds);
        m = vdiv(vsub(vmul(sl2, sumX), vmul(sl, sxl)), Ds);
        const auto pos = vgt(m, zero);
        m = vsel(pos, zero, m);
        s = vsel(pos, vdiv(sxl, vsel(ok, sl2, one)), s);
        return ok;
    };
    V iscale = vdiv(vhi, range);
    V scale = vdiv(one, iscale), negmin = mn;
    for (int i = 0; i < S; ++i)
        q[i] = vmin(vmax(vround(vmul(iscale, XM[i])), zero), vhi);
    V best = errOf(scale, negmin);
    for (int is = 0; is <= p.nstep; ++is) {
        iscale = vdiv(V::set1(p.rmin + p.rdelta * float(is) + float(p.nmax)), range);
        for (int i = 0; i < S; ++i)
            q[i] = vmin(vmax(vround(vmul(iscale, XM[i])), zero), vhi);
        V s, m;
        const auto ok = lsq(s, m);
        const V err = errOf(s, m);
        const auto c = mand(ok, vlt(err, best));
        best = vsel(c, err, best);
        scale = vsel(c, s, scale);
        negmin = vsel(c, m, negmin);
    }
    const V flatMin = vsub(zero, mn);
    baseScale = vsel(flat, zero, scale);
    baseMin = vsel(flat, flatMin, vsub(zero, negmin));
    for (int it = 0; it < refine; ++it) {
        const auto act = mandnot(vgt(scale, zero), flat);
        if (!many(act))
            break;
        const V inv = vdiv(one, vsel(act, scale, one));
        for (int i = 0; i < S; ++i)
            q[i] = vmin(vmax(vround(vmul(vsub(X[i], negmin), inv)), zero), vhi);
        V s, m;
        const auto ok = lsq(s, m);
        const V err = errOf(s, m);
        const auto c = mand(act, mand(ok, vlt(err, best)));
        if (!many(c))
            break;
        best = vsel(c, err, best);
        scale = vsel(c, s, scale);
        negmin = vsel(c, m, negmin);
    }
    refScale = vsel(flat, zero, scale);
    refMin = vsel(flat, flatMin, vsub(zero, negmin));
}

// Pass 1, multi-start alternation, for 8 sub-blocks with mins: from each start (scale range/(nmax +
// r), lowest level at the minimum) `iters` rounds of "nearest levels, then their weighted
// least-squares (scale, min)" (min clamped >= 0 as in asymPass1), keeping the lowest squared error
// seen. The grid of asymPass1 refines only its best start; this finds better local optima.
template <class V, int S>
inline void asymPass1Multi(const V* X, const V* W, int nmax, const float* starts, int nStarts, int iters, V& outScale,
                           V& outMin)
{
    const V zero = V::set1(0.f), one = V::set1(1.f), vhi = V::set1(float(nmax));
    V mn, sumW, sumX, range;
    const auto flat = asymRange<V, S>(X, W, mn, sumW, sumX, range);
    V best = V::set1(std::numeric_limits<float>::infinity()), bestS = zero, bestNegMin = mn;
    for (int k = 0; k < nStarts; ++k) {
        V s = vdiv(range, V::set1(float(nmax) + starts[k])), negmin = mn;  // y = s*q + negmin
        for (int it = 0; it < iters; ++it) {
            const V inv = vdiv(one, s);
            V sl = zero, sl2 = zero, sxl = zero, err = zero;
            for (int i = 0; i < S; ++i) {
                const V q = vmin(vmax(vround(vmul(vsub(X[i], negmin), inv)), zero), vhi);
                const V diff = vsub(vfma(s, q, negmin), X[i]);
                err = vfma(vmul(W[i], diff), diff, err);
                const V wq = vmul(W[i], q);
                sl = vadd(sl, wq);
                sl2 = vfma(wq, q, sl2);
                sxl = vfma(wq, X[i], sxl);
            }
            const auto c = vlt(err, best);
            best = vsel(c, err, best);
            bestS = vsel(c, s, bestS);
            bestNegMin = vsel(c, negmin, bestNegMin);
            if (it + 1 == iters)
                break;
            const V D = vsub(vmul(sumW, sl2), vmul(sl, sl));
            const auto ok = vgt(D, zero);
            const V Ds = vsel(ok, D, one);
            V ns = vdiv(vsub(vmul(sumW, sxl), vmul(sumX, sl)), Ds);
            V nm = vdiv(vsub(vmul(sl2, sumX), vmul(sl, sxl)), Ds);
            const auto pos = vgt(nm, zero);
            nm = vsel(pos, zero, nm);
            ns = vsel(pos, vdiv(sxl, vsel(vgt(sl2, zero), sl2, one)), ns);
            const auto good = mand(ok, vgt(ns, zero));
            s = vsel(good, ns, s);
            negmin = vsel(good, nm, negmin);
        }
    }
    outScale = vsel(flat, zero, bestS);
    outMin = vsel(flat, vsub(zero, mn), vsub(zero, bestNegMin));
}

// Pass 2 for 8 sub-blocks with mins: the integers (sc, m) around (ls, lm) with the lowest exact
// decoded error sum ew*(x - ((d*sc)*q - dmin*m))^2, re-rounding the levels for each; the rounded
// pair itself is tried first and kept on ties. Returns the errors.
template <class V, int S>
inline V asymPass2(const V* X, const V* EW, float d, float dmin, V ls, V lm, int rs, int rm, const AsymParams& p,
                   V& bestS, V& bestM, V* bestQ)
{
    const V zero = V::set1(0.f), one = V::set1(1.f), vhi = V::set1(float(p.nmax)), smax = V::set1(float(p.smax));
    const V vd = V::set1(d), vdm = V::set1(dmin);
    ls = vmin(vmax(ls, zero), smax);
    lm = vmin(vmax(lm, zero), smax);
    V best = V::set1(std::numeric_limits<float>::infinity());
    bestS = ls;
    bestM = lm;
    V q[S];
    for (int i = 0; i < S; ++i)
        bestQ[i] = zero;
    for (int ds = 0; ds <= 2 * rs; ++ds)
        for (int dm = 0; dm <= 2 * rm; ++dm) {
            // Offsets in the order 0, -1, +1, -2, +2 so the rounded pair comes first.
            const int os = (ds + 1) / 2 * (ds % 2 ? -1 : 1), om = (dm + 1) / 2 * (dm % 2 ? -1 : 1);
            const V s = vadd(ls, V::set1(float(os))), m = vadd(lm, V::set1(float(om)));
            const auto allowed = mand(mand(vge(s, zero), vge(smax, s)), mand(vge(m, zero), vge(smax, m)));
            if (!many(allowed))
                continue;
            const V D = vmul(vd, s), M = vmul(vdm, m);
            const auto dz = veq(D, zero);
            const V inv = vdiv(one, vsel(dz, one, D));
            V acc = zero;
            for (int i = 0; i < S; ++i) {
                q[i] = vsel(dz, zero, vmin(vmax(vround(vmul(vadd(X[i], M), inv)), zero), vhi));
                const V diff = vsub(X[i], vsub(vmul(D, q[i]), M));
                acc = vfma(vmul(EW[i], diff), diff, acc);
            }
            const auto c = mand(allowed, vlt(acc, best));
            if (!many(c))
                continue;
            best = vsel(c, acc, best);
            bestS = vsel(c, s, bestS);
            bestM = vsel(c, m, bestM);
            for (int i = 0; i < S; ++i)
                bestQ[i] = vsel(c, q[i], bestQ[i]);
        }
    return best;
}

// A super-block scale for the NS sub-block values v (scales or mins) stored as integers lo..hi: the
// fp16 d minimising sum_j w_j (v_j - d*l_j)^2 over inverse scales iscale0 * (R + 0.1 t)/R around
// the plain choice iscale0 (largest value -> the end of the range, R integers away from zero), each
// followed by the least-squares d for its integers.
template <class V, int NS>
inline float superScale(const float* v, const float* w, int lo, int hi, float iscale0, float R)
{
    constexpr int K = NS / 8;
    if (!(iscale0 != 0) || !std::isfinite(iscale0))
        return 0.f;
    const V vlo = V::set1(float(lo)), vhi = V::set1(float(hi)), zero = V::set1(0.f);
    V vv[K], ww[K], wv[K];
    for (int k = 0; k < K; ++k) {
        vv[k] = V::load(v + 8 * k);
        ww[k] = V::load(w + 8 * k);
        wv[k] = vmul(ww[k], vv[k]);
    }
    auto errOf = [&](float d) {
        if (!(d != 0))
            return std::numeric_limits<float>::infinity();
        const V inv = V::set1(1.f / d), vd = V::set1(d);
        V acc = zero;
        for (int k = 0; k < K; ++k) {
            const V l = vmin(vmax(vround(vmul(vv[k], inv)), vlo), vhi);
            const V diff = vsub(vv[k], vmul(vd, l));
            acc = vfma(vmul(ww[k], diff), diff, acc);
        }
        return hsum(acc);
    };
    float bestD = fp16Round(1.f / iscale0), bestErr = errOf(bestD);
    for (int t = -6; t <= 16; t += 2) {
        const V iscale = V::set1(iscale0 * ((R + 0.1f * float(t)) / R));
        V slv = zero, sl2 = zero;
        for (int k = 0; k < K; ++k) {
            const V l = vmin(vmax(vround(vmul(iscale, vv[k])), vlo), vhi);
            slv = vfma(wv[k], l, slv);
            sl2 = vfma(vmul(ww[k], l), l, sl2);
        }
        const float sumLV = hsum(slv), sumL2 = hsum(sl2);
        if (!(sumL2 > 0))
            continue;
        const float d = fp16Round(sumLV / sumL2);
        const float e = errOf(d);
        if (e < bestErr) {
            bestErr = e;
            bestD = d;
        }
    }
    return bestD;
}

}  // namespace detail

// Starts of asymPass1Multi (r: scale = range / (nmax + r)) and its rounds per start.
inline constexpr float kMultiStarts[] = {-2.f, -1.6f, -1.2f, -0.8f, -0.4f, 0.f, 0.4f, 0.8f, 1.2f, 1.6f, 2.f};
inline constexpr int kNumMultiStarts = int(sizeof(kMultiStarts) / sizeof(kMultiStarts[0])), kMultiIters = 4;
// Rounds of the final (d, dmin) refit of quantizeAsymSuper.
inline constexpr int kSuperRefits = 6;

// Quantizes one super-block of a format with mins. S = sub-block size (16 or 32).
template <class V, int S>
void quantizeAsymSuper(const float* xs, const float* imp, const AsymParams& p, AsymResult& out)
{
    constexpr int NS = kSuper / S, NG = NS / 8;
    const V zero = V::set1(0.f), one = V::set1(1.f);
    V X[NG][S], W[NG][S], EW[NG][S];
    float sw[NS];       // sum of error weights per sub-block (super-scale search weights)
    float sx2[NS];      // sum of x^2 per sub-block
    for (int g = 0; g < NG; ++g) {
        detail::loadLanes<V, S>(xs, 8 * g, X[g]);
        if (imp)
            detail::loadLanes<V, S>(imp, 8 * g, EW[g]);
        else
            for (int i = 0; i < S; ++i)
                EW[g][i] = one;
        V s2 = zero, se = zero;
        for (int i = 0; i < S; ++i) {
            s2 = vfma(X[g][i], X[g][i], s2);
            se = vadd(se, EW[g][i]);
        }
        s2.store(sx2 + 8 * g);
        se.store(sw + 8 * g);
        const V av = p.avPlusAbs ? vsqrt(vdiv(s2, V::set1(float(S)))) : zero;
        for (int i = 0; i < S; ++i) {
            W[g][i] = vadd(av, vabs(X[g][i]));
            if (imp)
                W[g][i] = vmul(W[g][i], EW[g][i]);
        }
    }
    // Pass-1 candidates: llama.cpp's criterion (base); the same refined (unless that criterion is
    // the absolute error, Q2_K); the multi-start squared-error fit under the error weights
    // themselves (asymPass1Multi); with importance, a finer grid under importance *
    // sqrt(2 mean(x^2) + x^2).
    constexpr int kMaxCand = 4;
    float fitS[kMaxCand][NS], fitM[kMaxCand][NS];
    int nCand = 0;
    {
        bool differs = false;
        for (int g = 0; g < NG; ++g) {
            V bs, bm, rs, rm;
            detail::asymPass1<V, S>(X[g], W[g], p, 2, bs, bm, rs, rm);
            bs.store(fitS[0] + 8 * g);
            bm.store(fitM[0] + 8 * g);
            rs.store(fitS[1] + 8 * g);
            rm.store(fitM[1] + 8 * g);
        }
        for (int j = 0; j < NS; ++j)
            differs |= fitS[0][j] != fitS[1][j] || fitM[0][j] != fitM[1][j];
        nCand = differs && !p.madPass1 ? 2 : 1;
        V unusedS, unusedM, fs, fm;
        {
            for (int g = 0; g < NG; ++g) {
                detail::asymPass1Multi<V, S>(X[g], EW[g], p.nmax, kMultiStarts, kNumMultiStarts, kMultiIters, fs, fm);
                fs.store(fitS[nCand] + 8 * g);
                fm.store(fitM[nCand] + 8 * g);
            }
            ++nCand;
        }
        if (imp) {
            AsymParams fine = p;
            fine.madPass1 = false;
            fine.rmin = -0.9f;
            fine.rdelta = 0.05f;
            fine.nstep = 36;
            float total = 0;
            for (int j = 0; j < NS; ++j)
                total += sx2[j];
            const V sigma2 = V::set1(2.f * total / float(kSuper));
            for (int g = 0; g < NG; ++g) {
                V wi[S];
                for (int i = 0; i < S; ++i)
                    wi[i] = vmul(EW[g][i], vsqrt(vfma(X[g][i], X[g][i], sigma2)));
                detail::asymPass1<V, S>(X[g], wi, fine, 2, unusedS, unusedM, fs, fm);
                fs.store(fitS[nCand] + 8 * g);
                fm.store(fitM[nCand] + 8 * g);
            }
            ++nCand;
        }
    }
    // Pass 2. Each (pass-1 candidate, super-block scale choice) is first scored with the rounded
    // integers alone; the best kFullSearches then get the full neighbourhood search (three with
    // 32-weight sub-blocks; two with 16, where each costs twice as much: Q2_K).
    constexpr int kFullSearches = S == 32 ? 3 : 2;
    struct Setting {
        float d, dmin;
        float ls[NS], lm[NS];
        float score;
    };
    constexpr int kMaxSettings = 2 * kMaxCand;
    Setting set[kMaxSettings];
    int nSet = 0;
    for (int c = 0; c < nCand; ++c) {
        const float* scales = fitS[c];
        const float* mins = fitM[c];
        float maxScale = 0, maxMin = 0;
        for (int j = 0; j < NS; ++j) {
            maxScale = std::max(maxScale, scales[j]);
            maxMin = std::max(maxMin, mins[j]);
        }
        // Super-block scales: llama.cpp's (largest value -> smax), then the weighted search's.
        const float invScaleA = maxScale > 0 ? float(p.smax) / maxScale : 0.f;
        const float invMinA = maxMin > 0 ? float(p.smax) / maxMin : 0.f;
        const float dA = fp16Round(maxScale / float(p.smax)), mA = fp16Round(maxMin / float(p.smax));
        const float dB = detail::superScale<V, NS>(scales, sw, 0, p.smax, invScaleA, float(p.smax));
        const float mB = detail::superScale<V, NS>(mins, sw, 0, p.smax, invMinA, float(p.smax));
        for (int variant = 0; variant < 2; ++variant) {
            if (variant == 1 && dB == dA && mB == mA)
                break;
            Setting& st = set[nSet++];
            const float invScale = variant == 0 ? invScaleA : (dB > 0 ? 1.f / dB : 0.f);
            const float invMin = variant == 0 ? invMinA : (mB > 0 ? 1.f / mB : 0.f);
            st.d = variant == 0 ? dA : dB;
            st.dmin = variant == 0 ? mA : mB;
            for (int j = 0; j < NS; ++j) {
                st.ls[j] = float(clampInt(nearestInt(std::min(invScale * scales[j], 1e6f)), 0, p.smax));
                st.lm[j] = float(clampInt(nearestInt(std::min(invMin * mins[j], 1e6f)), 0, p.smax));
            }
            st.score = 0;
            for (int g = 0; g < NG; ++g) {
                V bs, bm, bq[S];
                alignas(32) float e[8];
                detail::asymPass2<V, S>(X[g], EW[g], st.d, st.dmin, V::load(st.ls + 8 * g), V::load(st.lm + 8 * g), 0, 0,
                                        p, bs, bm, bq)
                    .store(e);
                for (int l = 0; l < 8; ++l)
                    st.score += e[l];
            }
        }
    }
    // Settings by score, ties in their order (a stable insertion sort: a handful of entries, and no
    // std:: algorithm instantiated out of line in an AVX2 object; core/util/isa.h).
    int order[kMaxSettings];
    for (int k = 0; k < nSet; ++k) {
        int at = k;
        for (; at > 0 && set[k].score < set[order[at - 1]].score; --at)
            order[at] = order[at - 1];
        order[at] = k;
    }
    out.error = std::numeric_limits<float>::infinity();
    AsymResult cur;
    V bestQ[NG][S];  // levels of the best setting so far, lane layout
    for (auto& g : bestQ)
        for (V& v : g)
            v = V::set1(0.f);
    bool first = true;
    // The full neighbourhood search for (d, dmin) around the integers (ls, lm); kept if it lowers
    // the error (the first one always, even when errors are inf/NaN).
    auto full = [&](float d, float dmin, const float* ls, const float* lm) {
        cur.d = d;
        cur.dmin = dmin;
        float err[NS], bsF[NS], bmF[NS];
        V bq[NG][S];
        for (int g = 0; g < NG; ++g) {
            V bs, bm;
            const V e = detail::asymPass2<V, S>(X[g], EW[g], d, dmin, V::load(ls + 8 * g), V::load(lm + 8 * g), 1, 1, p,
                                                bs, bm, bq[g]);
            e.store(err + 8 * g);
            bs.store(bsF + 8 * g);
            bm.store(bmF + 8 * g);
        }
        cur.error = 0;
        for (int j = 0; j < NS; ++j) {
            cur.error += err[j];
            cur.sc[j] = uint8_t(bsF[j]);
            cur.mn[j] = uint8_t(bmF[j]);
        }
        if (first || cur.error < out.error) {
            first = false;
            out.d = cur.d;
            out.dmin = cur.dmin;
            out.error = cur.error;
            std::memcpy(out.sc, cur.sc, sizeof(out.sc));
            std::memcpy(out.mn, cur.mn, sizeof(out.mn));
            std::memcpy(bestQ, bq, sizeof(bq));
            return true;
        }
        return false;
    };
    for (int k = 0; k < std::min(nSet, kFullSearches); ++k)
        full(set[order[k]].d, set[order[k]].dmin, set[order[k]].ls, set[order[k]].lm);
    // Alternation on the super-block scales: with the levels and integers fixed, the weighted
    // least-squares (d, dmin) of x ~ d*(sc*q) - dmin*m over the whole super-block (fp16-rounded),
    // then the neighbourhood search around the integers again; while the error drops.
    for (int it = 0; it < kSuperRefits; ++it) {
        alignas(32) float scF[NS], mnF[NS];
        for (int j = 0; j < NS; ++j) {
            scF[j] = float(out.sc[j]);
            mnF[j] = float(out.mn[j]);
        }
        V saa = zero, sab = zero, sbb = zero, sxa = zero, sxb = zero;
        for (int g = 0; g < NG; ++g) {
            const V sc = V::load(scF + 8 * g), mn = V::load(mnF + 8 * g);
            for (int i = 0; i < S; ++i) {
                const V a = vmul(sc, bestQ[g][i]), wa = vmul(EW[g][i], a), wb = vmul(EW[g][i], mn);
                saa = vfma(wa, a, saa);
                sab = vfma(wa, mn, sab);
                sbb = vfma(wb, mn, sbb);
                sxa = vfma(wa, X[g][i], sxa);
                sxb = vfma(wb, X[g][i], sxb);
            }
        }
        const float Saa = hsum(saa), Sab = hsum(sab), Sbb = hsum(sbb), Sxa = hsum(sxa), Sxb = hsum(sxb);
        // Normal equations of sum w (x - d*a + e*b)^2 in (d, e = dmin): [Saa -Sab; -Sab Sbb] (d, e) = (Sxa, -Sxb).
        const float det = Saa * Sbb - Sab * Sab;
        float d, dmin;
        if (det > 0) {
            d = (Sxa * Sbb - Sab * Sxb) / det;
            dmin = (Sab * Sxa - Saa * Sxb) / det;
        } else if (Saa > 0) {
            d = Sxa / Saa;
            dmin = out.dmin;
        } else {
            break;
        }
        d = fp16Round(std::clamp(d, 0.f, 65504.f));
        dmin = fp16Round(std::clamp(dmin, 0.f, 65504.f));
        if (!(d > 0) || (d == out.d && dmin == out.dmin) || !full(d, dmin, scF, mnF))
            break;
    }
    for (int g = 0; g < NG; ++g)
        for (int i = 0; i < S; ++i) {
            alignas(32) float t[8];
            bestQ[g][i].store(t);
            for (int l = 0; l < 8; ++l)
                out.L[(8 * g + l) * S + i] = uint8_t(t[l]);
        }
}

namespace detail {

// Pass 1 for 8 symmetric sub-blocks (y = scale*q, q in [-nmax, nmax-1]): inverse scales
// grid[g]/big, big the signed largest-magnitude weight, each with the least-squares scale for its
// levels; then re-round + refit while that helps. Returns the signed scales (0: all zero).
template <class V, int S>
inline V symPass1(const V* X, const V* W, int nmax, const float* grid, int ngrid, int refine)
{
    const V zero = V::set1(0.f), one = V::set1(1.f);
    const V vlo = V::set1(float(-nmax)), vhi = V::set1(float(nmax - 1));
    V mx = X[0], mn = X[0];
    for (int i = 1; i < S; ++i) {
        mx = vmax(mx, X[i]);
        mn = vmin(mn, X[i]);
    }
    const V big = vsel(vge(mx, vsub(zero, mn)), mx, mn);
    const auto valid = vge(vabs(big), V::set1(1e-15f));
    if (!many(valid))
        return zero;
    const V ibig = vdiv(one, vsel(valid, big, one));
    V WX[S];
    for (int i = 0; i < S; ++i)
        WX[i] = vmul(W[i], X[i]);
    // The fit with levels q removes sumLX^2/sumL2 from the error: keep the levels maximising it,
    // compared by cross-multiplication (no division in the loop).
    V bestLX = zero, bestL2 = one;
    auto trial = [&](V is, const auto& allowed) {
        V slx = zero, sl2 = zero;
        for (int i = 0; i < S; ++i) {
            const V q = vmin(vmax(vround(vmul(is, X[i])), vlo), vhi);
            slx = vfma(WX[i], q, slx);
            sl2 = vfma(vmul(W[i], q), q, sl2);
        }
        const auto c = mand(allowed, mand(vgt(sl2, zero), vgt(vmul(vmul(slx, slx), bestL2), vmul(vmul(bestLX, bestLX), sl2))));
        bestLX = vsel(c, slx, bestLX);
        bestL2 = vsel(c, sl2, bestL2);
        return c;
    };
    for (int g = 0; g < ngrid; ++g)
        trial(vmul(V::set1(grid[g]), ibig), valid);
    V scale = vdiv(bestLX, bestL2);
    for (int it = 0; it < refine; ++it) {
        const auto act = mandnot(valid, veq(scale, zero));
        if (!many(act))
            break;
        if (!many(trial(vdiv(one, vsel(act, scale, one)), act)))
            break;
        scale = vdiv(bestLX, bestL2);
    }
    return vsel(valid, scale, zero);
}

// Pass 2 for 8 symmetric sub-blocks: the best integer scale around l0 (tried first, kept on ties)
// with exact decoded error, re-rounding the levels for each. Returns the errors.
template <class V, int S>
inline V symPass2(const V* X, const V* EW, float d, V l0, int r, const SymParams& p, V& bestS, V* bestQ)
{
    const V zero = V::set1(0.f), one = V::set1(1.f), vd = V::set1(d);
    const V vlo = V::set1(float(-p.nmax)), vhi = V::set1(float(p.nmax - 1));
    const V smin = V::set1(float(p.scmin)), smax = V::set1(float(p.scmax));
    l0 = vmin(vmax(l0, smin), smax);
    V best = V::set1(std::numeric_limits<float>::infinity());
    bestS = l0;
    V q[S];
    for (int i = 0; i < S; ++i)
        bestQ[i] = zero;
    for (int k = 0; k <= 2 * r; ++k) {
        const int off = (k + 1) / 2 * (k % 2 ? -1 : 1);
        const V s = vadd(l0, V::set1(float(off)));
        const auto allowed = mand(vge(s, smin), vge(smax, s));
        if (!many(allowed))
            continue;
        const V D = vmul(vd, s);
        const auto dz = veq(D, zero);
        const V inv = vdiv(one, vsel(dz, one, D));
        V acc = zero;
        for (int i = 0; i < S; ++i) {
            q[i] = vsel(dz, zero, vmin(vmax(vround(vmul(X[i], inv)), vlo), vhi));
            const V diff = vsub(X[i], vmul(D, q[i]));
            acc = vfma(vmul(EW[i], diff), diff, acc);
        }
        const auto c = mand(allowed, vlt(acc, best));
        if (!many(c))
            continue;
        best = vsel(c, acc, best);
        bestS = vsel(c, s, bestS);
        for (int i = 0; i < S; ++i)
            bestQ[i] = vsel(c, q[i], bestQ[i]);
    }
    return best;
}

}  // namespace detail

// Quantizes one super-block of a symmetric format (16-weight sub-blocks). grid: pass-1 inverse
// scale numerators (see symPass1); gridImp: the (finer) grid used with importance.
template <class V>
void quantizeSymSuper(const float* xs, const float* imp, const SymParams& p, const float* grid, int ngrid,
                      const float* gridImp, int ngridImp, SymResult& out)
{
    constexpr int S = 16, NS = kSuper / S, NG = NS / 8;
    const V one = V::set1(1.f), zero = V::set1(0.f);
    V X[NG][S], EW[NG][S];
    float sw[NS], total = 0;
    for (int g = 0; g < NG; ++g) {
        detail::loadLanes<V, S>(xs, 8 * g, X[g]);
        if (imp)
            detail::loadLanes<V, S>(imp, 8 * g, EW[g]);
        else
            for (int i = 0; i < S; ++i)
                EW[g][i] = one;
        V se = zero, s2 = zero;
        for (int i = 0; i < S; ++i) {
            se = vadd(se, EW[g][i]);
            s2 = vfma(X[g][i], X[g][i], s2);
        }
        se.store(sw + 8 * g);
        alignas(32) float t[8];
        s2.store(t);
        for (int l = 0; l < 8; ++l)
            total += t[l];
    }
    // Pass-1 weightings: the error weights; with importance also llama.cpp's reference x^2 and its
    // imatrix sqrt(2 mean(x^2) + x^2), both times the importance.
    out.error = std::numeric_limits<float>::infinity();
    SymResult cur;
    const V sigma2 = V::set1(2.f * total / float(kSuper));
    V bestQ[NG][S];  // levels of the best setting so far, lane layout
    for (auto& g : bestQ)
        for (V& v : g)
            v = V::set1(0.f);
    bool first = true;
    for (int c = 0; c < (imp ? 3 : 1); ++c) {
        float scales[NS];
        for (int g = 0; g < NG; ++g) {
            V W[S];
            for (int i = 0; i < S; ++i)
                W[i] = c == 0 ? EW[g][i]
                     : c == 1 ? vmul(EW[g][i], vmul(X[g][i], X[g][i]))
                              : vmul(EW[g][i], vsqrt(vfma(X[g][i], X[g][i], sigma2)));
            detail::symPass1<V, S>(X[g], W, p.nmax, imp ? gridImp : grid, imp ? ngridImp : ngrid, 2).store(scales + 8 * g);
        }
        float maxScale = 0, amax = 0;
        for (int j = 0; j < NS; ++j)
            if (std::fabs(scales[j]) > amax) {
                amax = std::fabs(scales[j]);
                maxScale = scales[j];
            }
        // Super-block scale: llama.cpp's (largest magnitude -> scmin), then the weighted search's.
        const float iscaleA = amax >= 1e-15f ? float(p.scmin) / maxScale : 0.f;
        const float dA = iscaleA != 0 ? fp16Round(1.f / iscaleA) : 0.f;
        const float dB = detail::superScale<V, NS>(scales, sw, p.scmin, p.scmax, iscaleA, float(-p.scmin));
        for (int variant = 0; variant < 2; ++variant) {
            if (variant == 1 && dB == dA)
                break;
            cur.d = variant == 0 ? dA : dB;
            const float iscale = variant == 0 ? iscaleA : (dB != 0 ? 1.f / dB : 0.f);
            float l0[NS], err[NS], bsF[NS];
            for (int j = 0; j < NS; ++j)
                l0[j] = float(clampInt(nearestInt(std::clamp(iscale * scales[j], -1e6f, 1e6f)), p.scmin, p.scmax));
            V bq[NG][S];
            for (int g = 0; g < NG; ++g) {
                V bs;
                detail::symPass2<V, S>(X[g], EW[g], cur.d, V::load(l0 + 8 * g), imp ? 2 : 1, p, bs, bq[g]).store(err + 8 * g);
                bs.store(bsF + 8 * g);
            }
            cur.error = 0;
            for (int j = 0; j < NS; ++j) {
                cur.error += err[j];
                cur.sc[j] = int8_t(bsF[j]);
            }
            if (first || cur.error < out.error) {  // the first setting even when errors are inf/NaN
                first = false;
                out.d = cur.d;
                out.error = cur.error;
                std::memcpy(out.sc, cur.sc, sizeof(out.sc));
                std::memcpy(bestQ, bq, sizeof(bq));
            }
        }
    }
    // Alternation on the super-block scale: with the levels and integers fixed, the weighted
    // least-squares d of x ~ d*(sc*q) (fp16-rounded), then the integer search again; while the
    // error drops.
    for (int it = 0; it < kSuperRefits; ++it) {
        alignas(32) float scF[NS];
        for (int j = 0; j < NS; ++j)
            scF[j] = float(out.sc[j]);
        V saa = zero, sxa = zero;
        for (int g = 0; g < NG; ++g) {
            const V sc = V::load(scF + 8 * g);
            for (int i = 0; i < S; ++i) {
                const V a = vmul(sc, bestQ[g][i]), wa = vmul(EW[g][i], a);
                saa = vfma(wa, a, saa);
                sxa = vfma(wa, X[g][i], sxa);
            }
        }
        const float Saa = hsum(saa), Sxa = hsum(sxa);
        if (!(Saa > 0))
            break;
        const float d = fp16Round(std::clamp(Sxa / Saa, -65504.f, 65504.f));
        if (!(d != 0) || d == out.d)
            break;
        float err[NS], bsF[NS];
        V bq[NG][S];
        for (int g = 0; g < NG; ++g) {
            V bs;
            detail::symPass2<V, S>(X[g], EW[g], d, V::load(scF + 8 * g), imp ? 2 : 1, p, bs, bq[g]).store(err + 8 * g);
            bs.store(bsF + 8 * g);
        }
        float e = 0;
        for (int j = 0; j < NS; ++j)
            e += err[j];
        if (!(e < out.error))
            break;
        out.d = d;
        out.error = e;
        for (int j = 0; j < NS; ++j)
            out.sc[j] = int8_t(bsF[j]);
        std::memcpy(bestQ, bq, sizeof(bq));
    }
    for (int g = 0; g < NG; ++g)
        for (int i = 0; i < S; ++i) {
            alignas(32) float t[8];
            bestQ[g][i].store(t);
            for (int l = 0; l < 8; ++l)
                out.L[(8 * g + l) * S + i] = int8_t(t[l]);
        }
}

// A super-block's stored integers, as the block inspector shows them.
struct Unpacked {
    int codes[kSuper] = {};     // each weight's code as stored
    int sc[16] = {}, mn[16] = {};  // sub-block scale (and min) integers
    float d = 0, dmin = 0;      // the fp16 super-block scale(s)
};

// The row kernels of Impl (below) in this compile: quantize with lanes V, dequantize.
template <class Impl, class V>
void quantizeRow(const float* x, void* dst, int64_t n, const float* imp)
{
    auto* out = static_cast<unsigned char*>(dst);
    typename Impl::Block b;
    for (int64_t i = 0; i < n / kSuper; ++i) {
        std::memset(&b, 0, sizeof(b));
        Impl::template encode<V>(x + i * kSuper, imp ? imp + i * kSuper : nullptr, b);
        std::memcpy(out + i * sizeof(b), &b, sizeof(b));
    }
}
template <class Impl>
void dequantizeRow(const void* src, float* y, int64_t n)
{
    const auto* in = static_cast<const unsigned char*>(src);
    typename Impl::Block b;
    for (int64_t i = 0; i < n / kSuper; ++i) {
        std::memcpy(&b, in + i * sizeof(b), sizeof(b));
        Impl::decode(b, y + i * kSuper);
    }
}
// The fast row kernels of this compile (AVX2 lanes in the AVX2 compile of the format's file).
template <class Impl>
RowKernels rowKernels()
{
    return {&quantizeRow<Impl, V8Fast>, &dequantizeRow<Impl>, QS_ISA_NAME};
}

// A K-quant format from its Impl:
//   using Block: the packed super-block (checked against kType's entry in ggml_types.h);
//   static constexpr GgmlType kType; uint32_t kFileType (LLAMA_FTYPE_*);
//   static constexpr std::optional<GgmlType> kFallback: where rows not a multiple of 256 go;
//   static constexpr int kSubLength (16 or 32 weights), kScaleBits (of the sub-block scales),
//     kCodeMax (largest code), kOffset (codes are q - kOffset; 0 with mins); bool kMins;
//   template <class V> static void encode(const float* x, const float* imp, Block&): one super-block;
//   static void decode(const Block&, float* y);
//   static void unpack(const Block&, Unpacked&): the stored integers (block inspector).
// Reconstruction (the inspector's levels): with mins (d*sc)*q - dmin*m, else (d*sc)*(q - kOffset).
template <class Impl>
class KQuantFormat : public BlockFormat {
    using Block = typename Impl::Block;
    static_assert(sizeof(Block) == ggmlTypeInfo(Impl::kType).typeSize, "Block size differs from ggml_types.h");
    static_assert(ggmlTypeInfo(Impl::kType).blockSize == kSuper, "not a 256-weight super-block type");

public:
    explicit KQuantFormat(const char* description)
        : BlockFormat(Impl::kType, Impl::kFileType, Impl::kFallback, description,
                      selectRowKernels<Impl::kType>(rowKernels<Impl>()))
    {
    }
    void quantizeRowReference(const float* x, void* dst, int64_t n, const float* imp) const override
    {
        quantizeRow<Impl, V8Scalar>(x, dst, n, imp);
    }

    int inspectLength() const override { return Impl::kSubLength; }
    void inspectDecode(const unsigned char* bytes, int64_t, int64_t, int64_t, int64_t block,
                       BlockInspection& r) const override
    {
        const int len = Impl::kSubLength;
        r.kquant = true;
        r.subBlocks = kSuper / len;
        r.superBlock = block / r.subBlocks;
        r.subBlock = int(block % r.subBlocks);
        Block b;
        std::memcpy(&b, bytes + r.superBlock * sizeof b, sizeof b);
        Unpacked s;
        Impl::unpack(b, s);
        for (int j = 0; j < len; ++j)
            r.codes[size_t(j)] = s.codes[r.subBlock * len + j];
        r.superD = s.d;
        r.subScales.assign(s.sc, s.sc + r.subBlocks);
        r.subScaleBits = Impl::kScaleBits;
        const float dl = s.d * float(s.sc[r.subBlock]);
        r.subScaleValue = dl;
        r.scale = dl;
        if constexpr (Impl::kMins) {
            r.kind = BlockInspection::Kind::KMin;
            r.superDmin = s.dmin;
            r.subMins.assign(s.mn, s.mn + r.subBlocks);
            const float ml = s.dmin * float(s.mn[r.subBlock]);
            r.subMinValue = ml;
            r.minValue = ml;
            setLevels(r, 0, Impl::kCodeMax, [&](int c) { return dl * float(c) - ml; });
        } else {
            r.kind = BlockInspection::Kind::KSym;
            r.offset = Impl::kOffset;
            setLevels(r, 0, Impl::kCodeMax, [&](int c) { return dl * float(c - Impl::kOffset); });
        }
    }
};

}  // namespace QS_ISA
}  // namespace qs::kq

// The last line of a K-quant format's file, in namespace qs (see QS_BLOCK_FORMAT):
//   QS_KQUANT_FORMAT(formatQ4_K, Q4K, QT_TRANSLATE_NOOP("qs::formats", "..."))
#define QS_KQUANT_FORMAT(FUNCTION, IMPL, DESCRIPTION) \
    QS_BLOCK_FORMAT(FUNCTION, IMPL::kType, kq::rowKernels<IMPL>(), kq::KQuantFormat<IMPL>, DESCRIPTION)
