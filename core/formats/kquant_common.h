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
// Several pass-1 candidates (one of them the weighting llama.cpp's reference quantizer uses) go
// through pass 2 and the super-block keeps the one with the lowest measured error.
//
// The kernels are written once as templates over an 8-lane float vector: V8Scalar (plain C++
// loops, the reference path) and V8Avx (AVX2/FMA intrinsics, the fast path). Every lane
// operation is one exactly rounded IEEE operation (add, sub, mul, div, fused multiply-add,
// round to nearest even, min/max with the same tie rule) and horizontal reductions use one fixed
// tree, so both instantiations compute identical floats and hence identical bytes.
#include "core/formats/block_format.h"
#include "core/half.h"

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

inline float fp16Round(float f) { return fp16ToFp32(fp32ToFp16(f)); }
inline int clampInt(int v, int lo, int hi) { return v < lo ? lo : (v > hi ? hi : v); }
inline int nearestInt(float f) { return int(std::nearbyint(f)); }

// ---------------------------------------------------------------------------------------------
// 6-bit scale/min packing of Q4_K and Q5_K (8 scales + 8 mins in 12 bytes): entries 0-3 in the low
// 6 bits of bytes 0-3 (scales) and 4-7 (mins); entries 4-7 keep their low nibbles in bytes 8-11
// (scale low, min high) and their top 2 bits in the top bits of bytes 0-3 (scales) and 4-7 (mins).
void packScaleMin6(const uint8_t sc[8], const uint8_t mn[8], uint8_t out[12]);
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
void packScale6Q3(const int8_t sc[16], uint8_t out[12]);  // sc in [-32, 31]
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

struct Fit {
    float scale, min;  // y = scale*q - min
};

template <class V, int N>
inline float sumOf(const V* a)
{
    V acc = a[0];
    for (int k = 1; k < N; ++k)
        acc = vadd(acc, a[k]);
    return hsum(acc);
}

// Weighted error of levels q against x with y = scale*q + negmin.
template <class V, int N>
inline float asymFitError(const V* x, const V* w, const V* q, float scale, float negmin, bool mad)
{
    const V s = V::set1(scale), m = V::set1(negmin);
    V acc = V::set1(0.f);
    for (int k = 0; k < N; ++k) {
        const V diff = vsub(vadd(vmul(s, q[k]), m), x[k]);
        acc = mad ? vfma(w[k], vabs(diff), acc) : vfma(vmul(w[k], diff), diff, acc);
    }
    return hsum(acc);
}

// Least-squares (scale, negmin) for fixed levels; negmin clamped to <= 0. False if degenerate.
template <class V, int N>
inline bool asymLsq(const V* x, const V* w, const V* q, float sumW, float sumX, float& scale, float& negmin)
{
    V sl = V::set1(0.f), sl2 = sl, sxl = sl;
    for (int k = 0; k < N; ++k) {
        const V wq = vmul(w[k], q[k]);
        sl = vadd(sl, wq);
        sl2 = vfma(wq, q[k], sl2);
        sxl = vfma(wq, x[k], sxl);
    }
    const float sumL = hsum(sl), sumL2 = hsum(sl2), sumXL = hsum(sxl);
    const float D = sumW * sumL2 - sumL * sumL;
    if (!(D > 0))
        return false;
    scale = (sumW * sumXL - sumX * sumL) / D;
    negmin = (sumL2 * sumX - sumL * sumXL) / D;
    if (negmin > 0) {
        negmin = 0;
        scale = sumXL / sumL2;
    }
    return true;
}

// Pass 1 for one sub-block of N*8 weights. base: the llama.cpp-style grid search result;
// refined: base improved by re-rounding + refitting while that lowers the pass-1 error.
template <class V, int N>
inline void asymPass1(const V* x, const V* w, const AsymParams& p, int refine, Fit& base, Fit& refined)
{
    V mn = x[0], mx = x[0], sw = w[0], swx = vmul(w[0], x[0]);
    for (int k = 1; k < N; ++k) {
        mn = vmin(mn, x[k]);
        mx = vmax(mx, x[k]);
        sw = vadd(sw, w[k]);
        swx = vfma(w[k], x[k], swx);
    }
    float xmin = hmin(mn);
    const float xmax = hmax(mx), sumW = hsum(sw), sumX = hsum(swx);
    if (xmin > 0)
        xmin = 0;
    if (xmax == xmin) {
        base = refined = Fit{0.f, -xmin};
        return;
    }
    const float range = xmax - xmin;
    const V vlo = V::set1(0.f), vhi = V::set1(float(p.nmax));
    V xm[N], q[N];
    for (int k = 0; k < N; ++k)
        xm[k] = vsub(x[k], V::set1(xmin));
    auto levels = [&](float iscale) {
        const V is = V::set1(iscale);
        for (int k = 0; k < N; ++k)
            q[k] = vmin(vmax(vround(vmul(is, xm[k])), vlo), vhi);
    };
    float iscale = float(p.nmax) / range;
    float scale = 1.f / iscale, negmin = xmin;
    levels(iscale);
    float best = asymFitError<V, N>(x, w, q, scale, negmin, p.madPass1);
    for (int is = 0; is <= p.nstep; ++is) {
        levels((p.rmin + p.rdelta * float(is) + float(p.nmax)) / range);
        float s, m;
        if (!asymLsq<V, N>(x, w, q, sumW, sumX, s, m))
            continue;
        const float err = asymFitError<V, N>(x, w, q, s, m, p.madPass1);
        if (err < best) {
            best = err;
            scale = s;
            negmin = m;
        }
    }
    base = Fit{scale, -negmin};
    // Refinement: with the best (scale, min), round every weight to its nearest level and refit.
    for (int it = 0; it < refine && scale > 0; ++it) {
        const V inv = V::set1(1.f / scale), m = V::set1(negmin);
        for (int k = 0; k < N; ++k)
            q[k] = vmin(vmax(vround(vmul(vsub(x[k], m), inv)), vlo), vhi);
        float s, mm;
        if (!asymLsq<V, N>(x, w, q, sumW, sumX, s, mm))
            break;
        const float err = asymFitError<V, N>(x, w, q, s, mm, p.madPass1);
        if (!(err < best))
            break;
        best = err;
        scale = s;
        negmin = mm;
    }
    refined = Fit{scale, -negmin};
}

// Pass 2 for one sub-block: the best integers (sc, m) around (ls, lm) with exact decoded error.
template <class V, int N>
inline float asymPass2(const V* x, const V* ew, float d, float dmin, int ls, int lm, int rs, int rm,
                       const AsymParams& p, int& bestS, int& bestM, V* bestQ)
{
    const V vlo = V::set1(0.f), vhi = V::set1(float(p.nmax));
    float best = std::numeric_limits<float>::infinity();
    V q[N];
    auto eval = [&](int s, int m) {
        const float D = d * float(s), M = dmin * float(m);
        const V vD = V::set1(D), vM = V::set1(M);
        if (D == 0) {
            for (int k = 0; k < N; ++k)
                q[k] = vlo;
        } else {
            const V inv = V::set1(1.f / D);
            for (int k = 0; k < N; ++k)
                q[k] = vmin(vmax(vround(vmul(vadd(x[k], vM), inv)), vlo), vhi);
        }
        V acc = V::set1(0.f);
        for (int k = 0; k < N; ++k) {
            const V diff = vsub(x[k], vsub(vmul(vD, q[k]), vM));
            acc = vfma(vmul(ew[k], diff), diff, acc);
        }
        const float err = hsum(acc);
        if (err < best) {
            best = err;
            bestS = s;
            bestM = m;
            for (int k = 0; k < N; ++k)
                bestQ[k] = q[k];
        }
    };
    ls = clampInt(ls, 0, p.smax);
    lm = clampInt(lm, 0, p.smax);
    eval(ls, lm);
    for (int s = ls - rs; s <= ls + rs; ++s) {
        if (s < 0 || s > p.smax)
            continue;
        for (int m = lm - rm; m <= lm + rm; ++m) {
            if (m < 0 || m > p.smax || (s == ls && m == lm))
                continue;
            if (d * float(s) == 0 && m != lm)
                continue;
            eval(s, m);
        }
    }
    return best;
}

}  // namespace detail

namespace detail {
// A super-block scale for non-negative sub-block values v (scales or mins) stored as integers
// 0..nmax: the fp16 d minimising sum_j w_j (v_j - d*l_j)^2 over a grid of inverse scales around
// nmax/max, each followed by the least-squares d for its integers. Plain scalar code (both paths).
inline float superScale(const float* v, const float* w, int n, int nmax)
{
    float max = 0;
    for (int i = 0; i < n; ++i)
        max = std::max(max, v[i]);
    if (!(max > 0))
        return 0.f;
    auto errOf = [&](float d) {
        if (!(d > 0))
            return std::numeric_limits<float>::infinity();
        const float inv = 1.f / d;
        float e = 0;
        for (int i = 0; i < n; ++i) {
            const float diff = v[i] - d * float(clampInt(nearestInt(v[i] * inv), 0, nmax));
            e += w[i] * diff * diff;
        }
        return e;
    };
    float bestD = fp16Round(max / float(nmax)), bestErr = errOf(bestD);
    for (int t = -6; t <= 16; ++t) {
        const float iscale = (float(nmax) + 0.1f * float(t)) / max;
        float slv = 0, sl2 = 0;
        for (int i = 0; i < n; ++i) {
            const float l = float(clampInt(nearestInt(iscale * v[i]), 0, nmax));
            slv += w[i] * v[i] * l;
            sl2 += w[i] * l * l;
        }
        if (!(sl2 > 0))
            continue;
        const float d = fp16Round(slv / sl2);
        const float e = errOf(d);
        if (e < bestErr) {
            bestErr = e;
            bestD = d;
        }
    }
    return bestD;
}
}  // namespace detail

// Quantizes one super-block of a format with mins. S = sub-block size (16 or 32).
template <class V, int S>
void quantizeAsymSuper(const float* xs, const float* imp, const AsymParams& p, AsymResult& out)
{
    constexpr int N = S / 8, NS = kSuper / S;
    V x[NS][N], w[NS][N], ew[NS][N];
    float sw[NS];  // sum of error weights per sub-block (super-scale search weights)
    V sx2all = V::set1(0.f);
    for (int j = 0; j < NS; ++j) {
        V sx2 = V::set1(0.f);
        for (int k = 0; k < N; ++k) {
            x[j][k] = V::load(xs + j * S + 8 * k);
            sx2 = vfma(x[j][k], x[j][k], sx2);
            ew[j][k] = imp ? V::load(imp + j * S + 8 * k) : V::set1(1.f);
        }
        sx2all = vadd(sx2all, sx2);
        const V av = V::set1(p.avPlusAbs ? std::sqrt(hsum(sx2) / float(S)) : 0.f);
        for (int k = 0; k < N; ++k) {
            w[j][k] = p.avPlusAbs ? vadd(av, vabs(x[j][k])) : vabs(x[j][k]);
            if (imp)
                w[j][k] = vmul(w[j][k], ew[j][k]);
        }
        sw[j] = imp ? detail::sumOf<V, N>(ew[j]) : float(S);
    }
    // Pass-1 candidates: llama.cpp's criterion (base) and the same refined; the squared-error fit
    // under the error weights when llama.cpp's criterion is the absolute error; with importance,
    // a finer grid under importance * sqrt(2 mean(x^2) + x^2).
    constexpr int kMaxCand = 4;
    detail::Fit fit[kMaxCand][NS];
    int nCand = 0;
    {
        bool differs = false;
        for (int j = 0; j < NS; ++j) {
            detail::asymPass1<V, N>(x[j], w[j], p, 2, fit[0][j], fit[1][j]);
            differs |= fit[0][j].scale != fit[1][j].scale || fit[0][j].min != fit[1][j].min;
        }
        nCand = differs ? 2 : 1;
        detail::Fit unused;
        if (p.madPass1) {
            AsymParams sq = p;
            sq.madPass1 = false;
            for (int j = 0; j < NS; ++j)
                detail::asymPass1<V, N>(x[j], ew[j], sq, 2, unused, fit[nCand][j]);
            ++nCand;
        }
        if (imp) {
            AsymParams fine = p;
            fine.madPass1 = false;
            fine.rmin = -0.9f;
            fine.rdelta = 0.05f;
            fine.nstep = 36;
            const V sigma2 = V::set1(2.f * hsum(sx2all) / float(kSuper));
            for (int j = 0; j < NS; ++j) {
                V wi[N];
                for (int k = 0; k < N; ++k)
                    wi[k] = vmul(ew[j][k], vsqrt(vfma(x[j][k], x[j][k], sigma2)));
                detail::asymPass1<V, N>(x[j], wi, fine, 2, unused, fit[nCand][j]);
            }
            ++nCand;
        }
    }
    out.error = std::numeric_limits<float>::infinity();
    AsymResult cur;
    const int rs = p.smax <= 15 ? 2 : 1, rm = 1;
    for (int c = 0; c < nCand; ++c) {
        float scales[NS], mins[NS];
        float maxScale = 0, maxMin = 0;
        for (int j = 0; j < NS; ++j) {
            scales[j] = fit[c][j].scale;
            mins[j] = fit[c][j].min;
            maxScale = std::max(maxScale, scales[j]);
            maxMin = std::max(maxMin, mins[j]);
        }
        // Super-block scales: llama.cpp's (largest value -> smax), then the weighted search's.
        const float dA = fp16Round(maxScale / float(p.smax)), mA = fp16Round(maxMin / float(p.smax));
        const float dB = detail::superScale(scales, sw, NS, p.smax), mB = detail::superScale(mins, sw, NS, p.smax);
        for (int variant = 0; variant < 2; ++variant) {
            if (variant == 1 && dB == dA && mB == mA)
                break;
            float invScale, invMin;
            if (variant == 0) {
                invScale = maxScale > 0 ? float(p.smax) / maxScale : 0.f;
                invMin = maxMin > 0 ? float(p.smax) / maxMin : 0.f;
                cur.d = dA;
                cur.dmin = mA;
            } else {
                invScale = dB > 0 ? 1.f / dB : 0.f;
                invMin = mB > 0 ? 1.f / mB : 0.f;
                cur.d = dB;
                cur.dmin = mB;
            }
            cur.error = 0;
            for (int j = 0; j < NS; ++j) {
                const int ls = nearestInt(invScale * scales[j]);
                const int lm = nearestInt(invMin * mins[j]);
                int bs = 0, bm = 0;
                V bq[N];
                cur.error += detail::asymPass2<V, N>(x[j], ew[j], cur.d, cur.dmin, ls, lm, rs, rm, p, bs, bm, bq);
                cur.sc[j] = uint8_t(bs);
                cur.mn[j] = uint8_t(bm);
                float qf[S];
                for (int k = 0; k < N; ++k)
                    bq[k].store(qf + 8 * k);
                for (int i = 0; i < S; ++i)
                    cur.L[j * S + i] = uint8_t(qf[i]);
            }
            if (cur.error < out.error)
                out = cur;
        }
    }
}

namespace detail {

// Pass 1 for a symmetric sub-block (y = scale*q, q in [-nmax, nmax-1]): inverse scales grid[i]/big
// where big is the signed largest-magnitude weight, each with the least-squares scale for its
// levels; then re-round + refit while that helps. Returns the signed scale (0: all zero).
template <class V, int N>
inline float symPass1(const V* x, const V* w, int nmax, const float* grid, int ngrid, int refine)
{
    V mx = x[0], mn = x[0];
    for (int k = 1; k < N; ++k) {
        mx = vmax(mx, x[k]);
        mn = vmin(mn, x[k]);
    }
    const float xmax = hmax(mx), xmin = hmin(mn);
    const float big = xmax >= -xmin ? xmax : xmin;
    if (!(std::fabs(big) >= 1e-15f))
        return 0.f;
    const V vlo = V::set1(float(-nmax)), vhi = V::set1(float(nmax - 1));
    V wx[N];
    for (int k = 0; k < N; ++k)
        wx[k] = vmul(w[k], x[k]);
    float best = 0, scale = 0;
    // Returns true (and updates best/scale) when the levels for inverse scale iscale fit better.
    auto trial = [&](float iscale) {
        const V is = V::set1(iscale);
        V slx = V::set1(0.f), sl2 = slx;
        for (int k = 0; k < N; ++k) {
            const V q = vmin(vmax(vround(vmul(is, x[k])), vlo), vhi);
            slx = vfma(wx[k], q, slx);
            sl2 = vfma(vmul(w[k], q), q, sl2);
        }
        const float sumLX = hsum(slx), sumL2 = hsum(sl2);
        if (sumL2 > 0 && sumLX * sumLX > best * sumL2) {
            scale = sumLX / sumL2;
            best = scale * sumLX;
            return true;
        }
        return false;
    };
    for (int g = 0; g < ngrid; ++g)
        trial(grid[g] / big);
    for (int it = 0; it < refine && scale != 0; ++it)
        if (!trial(1.f / scale))
            break;
    return scale;
}

// Pass 2 for a symmetric sub-block: the best integer scale around l0 with exact decoded error.
template <class V, int N>
inline float symPass2(const V* x, const V* ew, float d, int l0, int r, const SymParams& p, int& bestS, V* bestQ)
{
    const V vlo = V::set1(float(-p.nmax)), vhi = V::set1(float(p.nmax - 1));
    float best = std::numeric_limits<float>::infinity();
    V q[N];
    auto eval = [&](int s) {
        const float D = d * float(s);
        const V vD = V::set1(D);
        if (D == 0) {
            for (int k = 0; k < N; ++k)
                q[k] = V::set1(0.f);
        } else {
            const V inv = V::set1(1.f / D);
            for (int k = 0; k < N; ++k)
                q[k] = vmin(vmax(vround(vmul(x[k], inv)), vlo), vhi);
        }
        V acc = V::set1(0.f);
        for (int k = 0; k < N; ++k) {
            const V diff = vsub(x[k], vmul(vD, q[k]));
            acc = vfma(vmul(ew[k], diff), diff, acc);
        }
        const float err = hsum(acc);
        if (err < best) {
            best = err;
            bestS = s;
            for (int k = 0; k < N; ++k)
                bestQ[k] = q[k];
        }
    };
    l0 = clampInt(l0, p.scmin, p.scmax);
    eval(l0);
    for (int s = std::max(p.scmin, l0 - r); s <= std::min(p.scmax, l0 + r); ++s)
        if (s != l0)
            eval(s);
    return best;
}

}  // namespace detail

// Quantizes one super-block of a symmetric format (16-weight sub-blocks). grid: pass-1 inverse
// scale numerators (see symPass1).
template <class V>
void quantizeSymSuper(const float* xs, const float* imp, const SymParams& p, const float* grid, int ngrid,
                      SymResult& out)
{
    constexpr int S = 16, N = 2, NS = kSuper / S;
    V x[NS][N], wA[NS][N], ew[NS][N];
    for (int j = 0; j < NS; ++j)
        for (int k = 0; k < N; ++k) {
            x[j][k] = V::load(xs + j * S + 8 * k);
            ew[j][k] = imp ? V::load(imp + j * S + 8 * k) : V::set1(1.f);
            wA[j][k] = vmul(x[j][k], x[j][k]);  // llama.cpp's reference weighting
            if (imp)
                wA[j][k] = vmul(wA[j][k], ew[j][k]);
        }
    out.error = std::numeric_limits<float>::infinity();
    SymResult cur;
    for (int c = 0; c < 2; ++c) {
        float scales[NS];
        float maxScale = 0, amax = 0;
        for (int j = 0; j < NS; ++j) {
            scales[j] = detail::symPass1<V, N>(x[j], c == 0 ? wA[j] : ew[j], p.nmax, grid, ngrid, 2);
            if (std::fabs(scales[j]) > amax) {
                amax = std::fabs(scales[j]);
                maxScale = scales[j];
            }
        }
        const float iscale = amax >= 1e-15f ? float(p.scmin) / maxScale : 0.f;
        cur.d = amax >= 1e-15f ? fp16Round(1.f / iscale) : 0.f;
        cur.error = 0;
        for (int j = 0; j < NS; ++j) {
            int bs = 0;
            V bq[N];
            cur.error += detail::symPass2<V, N>(x[j], ew[j], cur.d, nearestInt(iscale * scales[j]), 1, p, bs, bq);
            cur.sc[j] = int8_t(bs);
            float qf[S];
            for (int k = 0; k < N; ++k)
                bq[k].store(qf + 8 * k);
            for (int i = 0; i < S; ++i)
                cur.L[j * S + i] = int8_t(qf[i]);
        }
        if (cur.error < out.error)
            out = cur;
    }
}

// A K-quant format from its Impl: Impl::Block (the packed super-block), Impl::encode<V>(x, imp,
// Block&) for one super-block, Impl::decode(const Block&, float* y).
template <class Impl>
class KQuantFormat : public BlockFormat {
public:
    KQuantFormat(GgmlType t, const char* desc) : BlockFormat(t), desc_(desc) {}
    std::string description() const override { return desc_; }
    void quantizeRow(const float* x, void* dst, int64_t n, const float* imp) const override { run<V8Fast>(x, dst, n, imp); }
    void quantizeRowReference(const float* x, void* dst, int64_t n, const float* imp) const override
    {
        run<V8Scalar>(x, dst, n, imp);
    }
    void dequantizeRow(const void* src, float* y, int64_t n) const override
    {
        const auto* in = static_cast<const unsigned char*>(src);
        typename Impl::Block b;
        for (int64_t i = 0; i < n / kSuper; ++i) {
            std::memcpy(&b, in + i * sizeof(b), sizeof(b));
            Impl::decode(b, y + i * kSuper);
        }
    }

private:
    template <class V>
    static void run(const float* x, void* dst, int64_t n, const float* imp)
    {
        auto* out = static_cast<unsigned char*>(dst);
        typename Impl::Block b;
        for (int64_t i = 0; i < n / kSuper; ++i) {
            std::memset(&b, 0, sizeof(b));
            Impl::template encode<V>(x + i * kSuper, imp ? imp + i * kSuper : nullptr, b);
            std::memcpy(out + i * sizeof(b), &b, sizeof(b));
        }
    }
    const char* desc_;
};

}  // namespace qs::kq
