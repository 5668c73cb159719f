#pragma once
// Shared machinery of llama.cpp's 32-weight block formats (Q8_0, Q5_1, Q5_0, Q4_1, Q4_0, IQ4_NL).
//
// Scale search. Each block's fp16 scale (and min) is chosen among candidates by the error the
// decoder will produce with it, weighted by the optional per-column importance:
//  - llama.cpp's reference choice is the first candidate;
//  - each candidate (d = max / k for the format's list of k; for Q4_1/Q5_1 also max-anchored
//    ones) is evaluated with its fp16-rounded scale and min and the levels rounded to nearest
//    with them (each weight gets its best level), and its levels propose the weighted
//    least-squares scale (and min), whose error follows from the same pass (an upper bound of its
//    error once the levels are re-rounded);
//  - optional least-squares refinement steps finish; the final levels are re-rounded.
// Errors are sums of residuals (Q8_0) or derived from the pass's moments (fewer operations).
//
// One generic search runs on "lanes": a lane is a float (one block: the scalar reference path) or
// an AVX2 vector holding 8 blocks (the fast path; blocks are transposed so lane b holds block b).
// Every lane operation is the same IEEE operation in both (x86 minps/maxps rules, round to nearest
// even, F16C conversions equal to qs::fp32ToFp16/fp16ToFp32), every sum is taken in the same fixed
// order, and decisions are per-lane selects, so the fast path writes exactly the reference bytes.
#include "core/formats/block_format.h"
#include "core/formats/blocks.h"
#include "core/formats/inspect.h"
#include "core/util/half.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>

#if defined(__SSE2__) || defined(__AVX2__)
#include <immintrin.h>
#endif

namespace qs::legacy {
inline namespace QS_ISA {  // compiled once per instruction set (core/util/isa.h)

constexpr int QK = 32;  // weights per block

// IQ4_NL's 16 non-linear levels (GGUF/ggml spec) and the midpoints between neighbours.
inline constexpr int8_t kIq4nlValues[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
inline constexpr float kIq4nlMid[15] = {-115.5f, -93.5f, -74.0f, -57.0f, -42.0f, -28.5f, -16.0f, -4.5f,
                                        7.0f,    19.0f,  31.5f,  45.5f,  61.0f,  79.0f,  101.0f};

// ---- Scalar lanes -------------------------------------------------------------------------------
template <class V>
V splat(float c);
template <>
inline float splat<float>(float c) { return c; }
inline float add(float a, float b) { return a + b; }
inline float sub(float a, float b) { return a - b; }
inline float mul(float a, float b) { return a * b; }
inline float dvd(float a, float b) { return a / b; }
inline float vmin(float a, float b) { return a < b ? a : b; }  // minps: b when either is NaN
inline float vmax(float a, float b) { return a > b ? a : b; }  // maxps
inline float rnd(float a) { return std::rint(a); }  // default rounding mode: nearest even
inline float vabs(float a) { return std::fabs(a); }
inline bool lt(float a, float b) { return a < b; }
inline bool gt(float a, float b) { return a > b; }
inline bool eq(float a, float b) { return a == b; }
inline float sel(bool m, float a, float b) { return m ? a : b; }
inline bool any(bool m) { return m; }
// The value an fp16 field will hold for d (finite: saturates at +-65504; NaN becomes -65504).
inline float half(float d)
{
    const float c = vmin(vmax(d, -65504.0f), 65504.0f);
#ifdef __F16C__
    return _cvtsh_ss(_cvtss_sh(c, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));  // the same IEEE rounding
#else
    return fp16ToFp32(fp32ToFp16(c));
#endif
}
// IQ4_NL level value nearest to t (in units of the scale).
inline float nlValue(float t)
{
    int idx = 0;
    for (float m : kIq4nlMid)
        idx += t > m ? 1 : 0;
    return float(kIq4nlValues[idx]);
}

// ---- AVX2 lanes (8 blocks) ---------------------------------------------------------------------
#ifdef __AVX2__
template <>
inline __m256 splat<__m256>(float c) { return _mm256_set1_ps(c); }
inline __m256 add(__m256 a, __m256 b) { return _mm256_add_ps(a, b); }
inline __m256 sub(__m256 a, __m256 b) { return _mm256_sub_ps(a, b); }
inline __m256 mul(__m256 a, __m256 b) { return _mm256_mul_ps(a, b); }
inline __m256 dvd(__m256 a, __m256 b) { return _mm256_div_ps(a, b); }
inline __m256 vmin(__m256 a, __m256 b) { return _mm256_min_ps(a, b); }
inline __m256 vmax(__m256 a, __m256 b) { return _mm256_max_ps(a, b); }
inline __m256 rnd(__m256 a) { return _mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC); }
inline __m256 vabs(__m256 a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
inline __m256 lt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_LT_OQ); }
inline __m256 gt(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_GT_OQ); }
inline __m256 eq(__m256 a, __m256 b) { return _mm256_cmp_ps(a, b, _CMP_EQ_OQ); }
inline __m256 sel(__m256 m, __m256 a, __m256 b) { return _mm256_blendv_ps(b, a, m); }
inline bool any(__m256 m) { return _mm256_movemask_ps(m) != 0; }
inline __m256 half(__m256 d)
{
    const __m256 c = vmin(vmax(d, _mm256_set1_ps(-65504.0f)), _mm256_set1_ps(65504.0f));
    return _mm256_cvtph_ps(_mm256_cvtps_ph(c, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
}
inline __m256 nlValue(__m256 t)
{
    __m256i idx = _mm256_setzero_si256();
    for (float m : kIq4nlMid)
        idx = _mm256_sub_epi32(idx, _mm256_castps_si256(_mm256_cmp_ps(t, _mm256_set1_ps(m), _CMP_GT_OQ)));
    const __m256 lo = _mm256_setr_ps(-127, -104, -83, -65, -49, -35, -22, -10);
    const __m256 hi = _mm256_setr_ps(1, 13, 25, 38, 53, 69, 89, 113);
    const __m256 upper = _mm256_castsi256_ps(_mm256_cmpgt_epi32(idx, _mm256_set1_epi32(7)));
    return _mm256_blendv_ps(_mm256_permutevar8x32_ps(lo, idx), _mm256_permutevar8x32_ps(hi, idx), upper);
}

// In-place transpose of an 8x8 float matrix held in 8 rows.
inline void transpose8(__m256* r)
{
    const __m256 t0 = _mm256_unpacklo_ps(r[0], r[1]), t1 = _mm256_unpackhi_ps(r[0], r[1]);
    const __m256 t2 = _mm256_unpacklo_ps(r[2], r[3]), t3 = _mm256_unpackhi_ps(r[2], r[3]);
    const __m256 t4 = _mm256_unpacklo_ps(r[4], r[5]), t5 = _mm256_unpackhi_ps(r[4], r[5]);
    const __m256 t6 = _mm256_unpacklo_ps(r[6], r[7]), t7 = _mm256_unpackhi_ps(r[6], r[7]);
    const __m256 s0 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 s1 = _mm256_shuffle_ps(t0, t2, _MM_SHUFFLE(3, 2, 3, 2));
    const __m256 s2 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 s3 = _mm256_shuffle_ps(t1, t3, _MM_SHUFFLE(3, 2, 3, 2));
    const __m256 s4 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 s5 = _mm256_shuffle_ps(t4, t6, _MM_SHUFFLE(3, 2, 3, 2));
    const __m256 s6 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(1, 0, 1, 0));
    const __m256 s7 = _mm256_shuffle_ps(t5, t7, _MM_SHUFFLE(3, 2, 3, 2));
    r[0] = _mm256_permute2f128_ps(s0, s4, 0x20);
    r[1] = _mm256_permute2f128_ps(s1, s5, 0x20);
    r[2] = _mm256_permute2f128_ps(s2, s6, 0x20);
    r[3] = _mm256_permute2f128_ps(s3, s7, 0x20);
    r[4] = _mm256_permute2f128_ps(s0, s4, 0x31);
    r[5] = _mm256_permute2f128_ps(s1, s5, 0x31);
    r[6] = _mm256_permute2f128_ps(s2, s6, 0x31);
    r[7] = _mm256_permute2f128_ps(s3, s7, 0x31);
}
// Lanes of 8 consecutive blocks starting at p: out[j] holds weight j of blocks 0..7.
inline void loadBlocks8(const float* p, __m256* out)
{
    for (int c = 0; c < QK; c += 8) {
        __m256* r = out + c;
        for (int b = 0; b < 8; ++b)
            r[b] = _mm256_loadu_ps(p + b * QK + c);
        transpose8(r);
    }
}
#endif

// ---- The searches ------------------------------------------------------------------------------

// Level maps of the symmetric formats: uniform integers in [lo, hi], or IQ4_NL's table.
struct UniformLevels {
    float lo, hi;
    template <class V>
    V operator()(V t) const
    {
        return vmin(vmax(rnd(t), splat<V>(lo)), splat<V>(hi));
    }
};
struct NlLevels {
    template <class V>
    V operator()(V t) const
    {
        return nlValue(t);
    }
};

template <class V>
V safeInverse(V d)
{
    const V zero = splat<V>(0.0f);
    return sel(eq(d, zero), zero, dvd(splat<V>(1.0f), d));
}

#define QS_INLINE __attribute__((always_inline))

// Sum over j of f(j) in 4 interleaved partial sums (j % 4), combined as (p0 + p1) + (p2 + p3).
template <class V, class F>
V sum4(F&& f)
{
    const V zero = splat<V>(0.0f);
    V p[4] = {zero, zero, zero, zero};
#pragma GCC unroll 8
    for (int j = 0; j < QK; j += 4)
#pragma GCC unroll 4
        for (int u = 0; u < 4; ++u)
            p[u] = add(p[u], f(j + u));
    return add(add(p[0], p[1]), add(p[2], p[3]));
}

// Symmetric formats (weight = d * level): returns d (an fp16 value) and the levels in L.
// x, w: QK lanes each (w null: unweighted). divisors[0] must be llama.cpp's reference choice.
// Exact: each candidate's error is summed from its residuals; otherwise it is derived from the
// moments, E = Sxx - 2 d Sxl + d^2 Sll (fewer operations; fine when E is not tiny next to Sxx).
template <class V, bool Exact, bool Weighted, class Levels>
V searchSymmetricT(const V* x, const V* w, const Levels& level, const float* divisors, int nDiv, int refineSteps, V* L)
{
    const V zero = splat<V>(0.0f);
    // The weight of the largest magnitude (its sign orients the scale, as in llama.cpp; on a tie
    // between +a and -a the positive one).
    V hi[4] = {x[0], x[1], x[2], x[3]}, lo[4] = {x[0], x[1], x[2], x[3]};
#pragma GCC unroll 8
    for (int j = 4; j < QK; j += 4)
#pragma GCC unroll 4
        for (int u = 0; u < 4; ++u) {
            hi[u] = vmax(x[j + u], hi[u]);
            lo[u] = vmin(x[j + u], lo[u]);
        }
    const V vhi = vmax(vmax(hi[0], hi[1]), vmax(hi[2], hi[3]));
    const V vlo = vmin(vmin(lo[0], lo[1]), vmin(lo[2], lo[3]));
    const V mx = sel(gt(sub(zero, vlo), vhi), vlo, vhi);
    V wxs[Weighted ? QK : 1];
    if constexpr (Weighted)
        for (int j = 0; j < QK; ++j)
            wxs[j] = mul(w[j], x[j]);
    const V* wx = Weighted ? wxs : x;
    const V sxx = Exact ? zero : sum4<V>([&](int j) { return mul(wx[j], x[j]); });

    // One pass: levels for scale d; the error E, R = sum w*e*L and S = sum w*L*L.
    struct Acc {
        V E, R, S;
    };
    auto pass = [&](V d, auto store) QS_INLINE {
        const V id = safeInverse(d);
        V p[3][4];
        for (auto& q : p)
            for (auto& v : q)
                v = zero;
        {
#pragma GCC unroll 8
            for (int j = 0; j < QK; j += 4) {
#pragma GCC unroll 4
                for (int u = 0; u < 4; ++u) {
                    const V l = level(mul(x[j + u], id));
                    const V wl = Weighted ? mul(w[j + u], l) : l;
                    if constexpr (Exact) {
                        const V e = sub(x[j + u], mul(d, l));
                        const V we = Weighted ? mul(w[j + u], e) : e;
                        p[0][u] = add(p[0][u], mul(we, e));
                        p[1][u] = add(p[1][u], mul(we, l));
                    } else {
                        p[1][u] = add(p[1][u], mul(wx[j + u], l));  // Sxl
                    }
                    p[2][u] = add(p[2][u], mul(wl, l));
                    if constexpr (decltype(store)::value)
                        L[j + u] = l;
                }
            }
        }
        Acc a;
        a.S = add(add(p[2][0], p[2][1]), add(p[2][2], p[2][3]));
        const V r = add(add(p[1][0], p[1][1]), add(p[1][2], p[1][3]));
        if constexpr (Exact) {
            a.E = add(add(p[0][0], p[0][1]), add(p[0][2], p[0][3]));
            a.R = r;
        } else {
            a.E = add(sub(sxx, mul(mul(splat<V>(2.0f), d), r)), mul(mul(d, d), a.S));
            a.R = sub(r, mul(d, a.S));
        }
        return a;
    };
    // Least-squares scale for the levels of a pass, and its error for those levels (an upper
    // bound of its error once the levels are re-rounded): sum w (e - delta L)^2 = E - 2 delta R + delta^2 S.
    auto propose = [&](V d, const Acc& a, V& d2, V& e2) QS_INLINE {
        const auto ok = gt(a.S, zero);
        d2 = sel(ok, half(add(d, dvd(a.R, sel(ok, a.S, splat<V>(1.0f))))), d);
        const V delta = sub(d2, d);
        e2 = add(sub(a.E, mul(mul(splat<V>(2.0f), delta), a.R)), mul(mul(delta, delta), a.S));
    };

    V bestD = zero, bestE = zero;
    for (int i = 0; i < nDiv; ++i) {
        const V d = half(dvd(mx, splat<V>(divisors[i])));
        const Acc a = pass(d, std::false_type{});
        if (i == 0) {
            bestD = d;
            bestE = a.E;
        } else {
            const auto better = lt(a.E, bestE);
            bestD = sel(better, d, bestD);
            bestE = sel(better, a.E, bestE);
        }
        V d2, e2;
        propose(d, a, d2, e2);
        const auto better = lt(e2, bestE);
        bestD = sel(better, d2, bestD);
        bestE = sel(better, e2, bestE);
    }
    V d = bestD;
    for (int step = 0;; ++step) {
        const Acc a = pass(d, std::true_type{});
        if (step == refineSteps)
            break;
        V d2, e2;
        propose(d, a, d2, e2);
        const auto better = lt(e2, a.E);
        if (!any(better))
            break;
        d = sel(better, d2, d);
    }
    return d;
}
template <class V, bool Exact, class Levels>
V searchSymmetric(const V* x, const V* w, const Levels& level, const float* divisors, int nDiv, int refineSteps, V* L)
{
    return w ? searchSymmetricT<V, Exact, true>(x, w, level, divisors, nDiv, refineSteps, L)
             : searchSymmetricT<V, Exact, false>(x, w, level, divisors, nDiv, refineSteps, L);
}

// Asymmetric formats (weight = d * L + m, L in 0..nmax): returns d and m (fp16 values), levels in L.
// divisors: k for the candidates d = (max - min) / k, m = min; divisors[0] = nmax is llama.cpp's
// choice. pairDivisors: k for pairs of candidates with d = (max - min) / k: m = min and m = max - nmax * d. Errors come from moments of the block centred on c = (min + max) / 2.
template <class V, bool Weighted>
void searchAsymmetricT(const V* x, const V* w, float nmax, const float* divisors, int nDiv, const float* pairDivisors,
                       int nPair, int refineSteps, V* L, V& dOut, V& mOut)
{
    const V zero = splat<V>(0.0f), top = splat<V>(nmax), two = splat<V>(2.0f);
    V lo[4] = {x[0], x[1], x[2], x[3]}, hi[4] = {x[0], x[1], x[2], x[3]};
#pragma GCC unroll 8
    for (int j = 4; j < QK; j += 4)
#pragma GCC unroll 4
        for (int u = 0; u < 4; ++u) {
            lo[u] = vmin(x[j + u], lo[u]);
            hi[u] = vmax(x[j + u], hi[u]);
        }
    const V mn = add(vmin(vmin(lo[0], lo[1]), vmin(lo[2], lo[3])), zero);  // + 0: -0 becomes +0
    const V mx = add(vmax(vmax(hi[0], hi[1]), vmax(hi[2], hi[3])), zero);
    const V c = mul(add(mn, mx), splat<V>(0.5f));
    V xc[QK], wxcs[Weighted ? QK : 1];
    for (int j = 0; j < QK; ++j)
        xc[j] = sub(x[j], c);
    if constexpr (Weighted)
        for (int j = 0; j < QK; ++j)
            wxcs[j] = mul(w[j], xc[j]);
    const V* wxc = Weighted ? wxcs : xc;
    const V sw = Weighted ? sum4<V>([&](int j) { return w[j]; }) : splat<V>(float(QK));
    const V sx = sum4<V>([&](int j) { return wxc[j]; });
    const V sxx = sum4<V>([&](int j) { return mul(wxc[j], xc[j]); });

    // One pass: levels for (d, m); Sxl = sum w*xc*L, Sll = sum w*L*L, Sl = sum w*L.
    struct Acc {
        V sxl, sll, sl;
    };
    auto pass = [&](V d, V m, auto store) QS_INLINE {
        const V id = safeInverse(d);
        V p[3][2] = {{zero, zero}, {zero, zero}, {zero, zero}};
        {
#pragma GCC unroll 16
            for (int j = 0; j < QK; j += 2) {
#pragma GCC unroll 2
                for (int u = 0; u < 2; ++u) {
                    const V l = vmin(vmax(rnd(mul(sub(x[j + u], m), id)), zero), top);
                    const V wl = Weighted ? mul(w[j + u], l) : l;
                    p[0][u] = add(p[0][u], mul(wxc[j + u], l));
                    p[1][u] = add(p[1][u], mul(wl, l));
                    p[2][u] = add(p[2][u], wl);
                    if constexpr (decltype(store)::value)
                        L[j + u] = l;
                }
            }
        }
        return Acc{add(p[0][0], p[0][1]), add(p[1][0], p[1][1]), add(p[2][0], p[2][1])};
    };
    // sum w (xc - d L - mc)^2 with mc = m - c.
    auto error = [&](const Acc& a, V d, V m) QS_INLINE {
        const V mc = sub(m, c);
        const V lin = add(mul(d, a.sxl), mul(mc, sx));
        const V quad = add(add(mul(mul(d, d), a.sll), mul(mul(two, mul(d, mc)), a.sl)), mul(mul(mc, mc), sw));
        return add(sub(sxx, mul(two, lin)), quad);
    };
    // Least-squares (d, mc) for the levels of a pass: [Sll Sl; Sl sw] [d mc]' = [Sxl sx]'.
    auto propose = [&](V d, V m, const Acc& a, V& d2, V& m2) QS_INLINE {
        const V det = sub(mul(a.sll, sw), mul(a.sl, a.sl));
        const auto ok = gt(det, zero);
        const V safeDet = sel(ok, det, splat<V>(1.0f));
        const V nd = dvd(sub(mul(a.sxl, sw), mul(a.sl, sx)), safeDet);
        const V nmc = dvd(sub(mul(a.sll, sx), mul(a.sl, a.sxl)), safeDet);
        d2 = sel(ok, half(nd), d);
        m2 = sel(ok, half(add(nmc, c)), m);
    };

    const V m0 = half(mn);
    V bestD = zero, bestM = m0, bestE = zero;
    auto consider = [&](V d, V m, const Acc& a, bool first) QS_INLINE {
        const V e = error(a, d, m);
        if (first) {
            bestD = d;
            bestM = m;
            bestE = e;
        } else {
            const auto better = lt(e, bestE);
            bestD = sel(better, d, bestD);
            bestM = sel(better, m, bestM);
            bestE = sel(better, e, bestE);
        }
        V d2, m2;
        propose(d, m, a, d2, m2);
        const V e2 = error(a, d2, m2);
        const auto better = lt(e2, bestE);
        bestD = sel(better, d2, bestD);
        bestM = sel(better, m2, bestM);
        bestE = sel(better, e2, bestE);
    };
    // Candidates anchored at the min: m = min, d = (max - min) / k.
    for (int i = 0; i < nDiv; ++i) {
        const V d = half(dvd(sub(mx, mn), splat<V>(divisors[i])));
        consider(d, m0, pass(d, m0, std::false_type{}), i == 0);
    }
    // Pairs from one pass: levels l = round((x - min) / d) in 0..nmax+1 with d = (max - min) / k give
    // the min-anchored candidate (levels min(l, nmax), m = min) and the max-anchored one (levels
    // max(l - 1, 0), m = max - nmax * d); each error is exact for its levels, an upper bound after
    // the final re-rounding.
    const V top1 = splat<V>(nmax + 1.0f), one = splat<V>(1.0f);
    for (int i = 0; i < nPair; ++i) {
        const V d = half(dvd(sub(mx, mn), splat<V>(pairDivisors[i])));
        const V id = safeInverse(d);
        V p[6][2];
        for (auto& q : p)
            q[0] = q[1] = zero;
#pragma GCC unroll 16
        for (int j = 0; j < QK; j += 2) {
#pragma GCC unroll 2
            for (int u = 0; u < 2; ++u) {
                const V l = vmin(vmax(rnd(mul(sub(x[j + u], m0), id)), zero), top1);
                const V la = vmin(l, top), lb = vmax(sub(l, one), zero);
                const V wa = Weighted ? mul(w[j + u], la) : la;
                const V wb = Weighted ? mul(w[j + u], lb) : lb;
                p[0][u] = add(p[0][u], mul(wxc[j + u], la));
                p[1][u] = add(p[1][u], mul(wa, la));
                p[2][u] = add(p[2][u], wa);
                p[3][u] = add(p[3][u], mul(wxc[j + u], lb));
                p[4][u] = add(p[4][u], mul(wb, lb));
                p[5][u] = add(p[5][u], wb);
            }
        }
        const Acc a{add(p[0][0], p[0][1]), add(p[1][0], p[1][1]), add(p[2][0], p[2][1])};
        const Acc b{add(p[3][0], p[3][1]), add(p[4][0], p[4][1]), add(p[5][0], p[5][1])};
        consider(d, m0, a, nDiv == 0 && i == 0);
        consider(d, half(sub(mx, mul(top, d))), b, false);
    }
    V d = bestD, m = bestM;
    for (int step = 0;; ++step) {
        const Acc a = pass(d, m, std::true_type{});
        if (step == refineSteps)
            break;
        V d2, m2;
        propose(d, m, a, d2, m2);
        const auto better = lt(error(a, d2, m2), error(a, d, m));
        if (!any(better))
            break;
        d = sel(better, d2, d);
        m = sel(better, m2, m);
    }
    dOut = d;
    mOut = m;
}
template <class V>
void searchAsymmetric(const V* x, const V* w, float nmax, const float* divisors, int nDiv, const float* pairDivisors,
                      int nPair, int refineSteps, V* L, V& dOut, V& mOut)
{
    if (w)
        searchAsymmetricT<V, true>(x, w, nmax, divisors, nDiv, pairDivisors, nPair, refineSteps, L, dOut, mOut);
    else
        searchAsymmetricT<V, false>(x, w, nmax, divisors, nDiv, pairDivisors, nPair, refineSteps, L, dOut, mOut);
}

// ---- Packing of codes (shared by both paths) ----------------------------------------------------
// Stores the fp16 bits of d (an exact fp16 value) at out, little-endian.
inline void storeHalf(unsigned char* out, float d)
{
#ifdef __F16C__
    const uint16_t h = uint16_t(_cvtss_sh(d, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
#else
    const uint16_t h = fp32ToFp16(d);
#endif
    out[0] = uint8_t(h);
    out[1] = uint8_t(h >> 8);
}
// out[j] = (q[j] & 15) | (q[j + 16] & 15) << 4 for j < 16.
inline void packNibbles(const uint8_t* q, uint8_t* out)
{
#ifdef __SSE2__
    const __m128i m = _mm_set1_epi8(0x0F);
    const __m128i lo = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q)), m);
    const __m128i hi = _mm_and_si128(_mm_loadu_si128(reinterpret_cast<const __m128i*>(q + 16)), m);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out), _mm_or_si128(lo, _mm_slli_epi16(hi, 4)));
#else
    for (int j = 0; j < 16; ++j)
        out[j] = uint8_t((q[j] & 0x0F) | ((q[j + 16] & 0x0F) << 4));
#endif
}
// Bit j = bit 4 of q[j], as 4 little-endian bytes.
inline void packFifthBits(const uint8_t* q, uint8_t* out)
{
#ifdef __AVX2__
    const uint32_t bits =
        uint32_t(_mm256_movemask_epi8(_mm256_slli_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i*>(q)), 3)));
#else
    uint32_t bits = 0;
    for (int j = 0; j < QK; ++j)
        bits |= uint32_t((q[j] >> 4) & 1u) << j;
#endif
    for (int i = 0; i < 4; ++i)
        out[i] = uint8_t(bits >> (8 * i));
}
// Writes a block from its fp16 scale d (and min m) and its 32 codes (as bytes), field by field of
// its layout (core/formats/blocks.h), in place: d; m and qh (fifth bits) where the layout has them;
// qs as nibbles, or Q8_0's int8 codes as they are.
template <class Block>
void packBlock(unsigned char* out, float d, float m, const uint8_t* q)
{
    storeHalf(out + offsetof(Block, d), d);
    if constexpr (requires(Block b) { b.m; })
        storeHalf(out + offsetof(Block, m), m);
    if constexpr (requires(Block b) { b.qh; })
        packFifthBits(q, out + offsetof(Block, qh));
    if constexpr (sizeof(Block::qs) == QK)
        std::memcpy(out + offsetof(Block, qs), q, QK);
    else
        packNibbles(q, out + offsetof(Block, qs));
}

// ---- Row drivers -------------------------------------------------------------------------------
// Fmt supplies:
//   template <class V> static void search(const V* x, const V* w, V* L, V& d, V& m): the levels L
//     (as floats) and the fp16 values d, m of one block per lane;
//   template <class V> static V code(V l): the stored code (0..255 as a float, or -127..127) of a level;
//   using Block = its packed layout (core/formats/blocks.h), written by packBlock.

template <class Fmt>
void quantizeBlocksScalar(const float* x, unsigned char* out, int64_t b0, int64_t b1, const float* importance)
{
    for (int64_t b = b0; b < b1; ++b) {
        float L[QK];
        float d = 0.0f, m = 0.0f;
        Fmt::template search<float>(x + b * QK, importance ? importance + b * QK : nullptr, L, d, m);
        uint8_t q[QK];
        for (int j = 0; j < QK; ++j)
            q[j] = uint8_t(int(Fmt::template code<float>(L[j])));
        packBlock<typename Fmt::Block>(out + b * sizeof(typename Fmt::Block), d, m, q);
    }
}

template <class Fmt>
void quantizeRowReference(const float* x, void* dst, int64_t n, const float* importance)
{
    quantizeBlocksScalar<Fmt>(x, static_cast<unsigned char*>(dst), 0, n / QK, importance);
}

template <class Fmt>
void quantizeRowFast(const float* x, void* dst, int64_t n, const float* importance)
{
    auto* out = static_cast<unsigned char*>(dst);
    const int64_t nb = n / QK;
    int64_t b = 0;
#ifdef __AVX2__
    for (; b + 8 <= nb; b += 8) {
        __m256 xv[QK], wv[QK], L[QK], d, m = _mm256_setzero_ps();  // m stays 0 for symmetric formats
        loadBlocks8(x + b * QK, xv);
        if (importance)
            loadBlocks8(importance + b * QK, wv);
        Fmt::template search<__m256>(xv, importance ? wv : nullptr, L, d, m);
        for (int j = 0; j < QK; ++j)
            L[j] = Fmt::template code<__m256>(L[j]);
        for (int c = 0; c < QK; c += 8)
            transpose8(L + c);  // now L[c + k] holds codes c..c+7 of block k
        alignas(32) float dt[8], mt[8];
        _mm256_store_ps(dt, d);
        _mm256_store_ps(mt, m);
        for (int k = 0; k < 8; ++k) {
            const __m256i p01 = _mm256_packs_epi32(_mm256_cvtps_epi32(L[k]), _mm256_cvtps_epi32(L[8 + k]));
            const __m256i p23 = _mm256_packs_epi32(_mm256_cvtps_epi32(L[16 + k]), _mm256_cvtps_epi32(L[24 + k]));
            const __m256i bytes = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(p01, p23),
                                                              _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
            alignas(32) uint8_t q[QK];
            _mm256_store_si256(reinterpret_cast<__m256i*>(q), bytes);
            packBlock<typename Fmt::Block>(out + (b + k) * sizeof(typename Fmt::Block), dt[k], mt[k], q);
        }
    }
#endif
    quantizeBlocksScalar<Fmt>(x, out, b, nb, importance);
}

// Codes of the formats: level + offset, or IQ4_NL's index of a level value.
template <int Offset>
struct UniformCode {
    static constexpr int kCodeOffset = Offset;  // the block inspector's x = d * (code - offset)
    template <class V>
    static V code(V l)
    {
        return add(l, splat<V>(float(Offset)));
    }
};
struct NlCode {
    static constexpr const int8_t* kTable = kIq4nlValues;  // the block inspector's x = d * table[code]
    template <class V>
    static V code(V l)
    {
        V idx = splat<V>(0.0f);
        for (float m : kIq4nlMid)
            idx = add(idx, sel(gt(l, splat<V>(m)), splat<V>(1.0f), splat<V>(0.0f)));
        return idx;
    }
};

template <class Kernel>
void dequantizeRow(const void* src, float* y, int64_t n)
{
    const auto* in = static_cast<const unsigned char*>(src);
    typename Kernel::Block blk;
    for (int64_t b = 0; b < n / QK; ++b, y += QK) {
        std::memcpy(&blk, in + b * sizeof(blk), sizeof(blk));
        Kernel::decode(blk, y);
    }
}

// The fast row kernels of this compile (AVX2 in the AVX2 compile of the format's file).
template <class Kernel>
RowKernels rowKernels()
{
    return {&quantizeRowFast<Kernel>, &dequantizeRow<Kernel>, QS_ISA_NAME};
}

// ---- The Format of a 32-weight block format --------------------------------------------------
// Kernel supplies what the row drivers above need (search, code, Block) and
//   static constexpr GgmlType kType: its GGUF tensor type (Block is checked against its entry in
//     ggml_types.h);
//   static constexpr uint32_t kFileType: LLAMA_FTYPE_* of a model mostly in this type;
//   static void decode(const Block& b, float* y): the 32 weights of one block.
// The block inspector's decoding follows from the Block's fields (d; m: a min; qh: a fifth bit;
// qs: nibbles or int8 codes) and the code (UniformCode's offset, NlCode's table).
template <class Kernel>
class LegacyFormat : public BlockFormat {
    using Block = typename Kernel::Block;
    static_assert(sizeof(Block) == ggmlTypeInfo(Kernel::kType).typeSize, "Block size differs from ggml_types.h");
    static_assert(ggmlTypeInfo(Kernel::kType).blockSize == QK, "not a 32-weight block type");

public:
    explicit LegacyFormat(const char* description)
        : BlockFormat(Kernel::kType, Kernel::kFileType, std::nullopt, description,
                      selectRowKernels<Kernel::kType>(rowKernels<Kernel>()))
    {
    }
    void quantizeRowReference(const float* x, void* dst, int64_t n, const float* importance) const override
    {
        legacy::quantizeRowReference<Kernel>(x, dst, n, importance);
    }

    int inspectLength() const override { return QK; }
    void inspectDecode(const unsigned char* bytes, int64_t, int64_t, int64_t, int64_t block,
                       BlockInspection& r) const override
    {
        Block b;
        std::memcpy(&b, bytes + block * sizeof b, sizeof b);
        const float d = fp16ToFp32(b.d);
        int bits = 8;
        if constexpr (sizeof(b.qs) == QK) {
            for (int j = 0; j < QK; ++j)
                r.codes[size_t(j)] = b.qs[j];
        } else {
            bits = 4;
            for (int j = 0; j < QK / 2; ++j) {
                r.codes[size_t(j)] = b.qs[j] & 0x0F;
                r.codes[size_t(j + QK / 2)] = b.qs[j] >> 4;
            }
            if constexpr (requires { b.qh; }) {
                bits = 5;
                for (int j = 0; j < QK; ++j)
                    r.codes[size_t(j)] |= ((b.qh[j / 8] >> (j % 8)) & 1) << 4;
            }
        }
        r.scale = d;
        if constexpr (requires { Kernel::kTable; }) {
            r.kind = BlockInspection::Kind::Table;
            for (int c = 0; c < 1 << bits; ++c)
                r.table.push_back(float(Kernel::kTable[c]));
            setLevels(r, 0, (1 << bits) - 1, [&](int c) { return d * float(Kernel::kTable[c]); });
        } else if constexpr (requires { b.m; }) {
            const float m = fp16ToFp32(b.m);
            r.kind = BlockInspection::Kind::Offset;
            r.minValue = m;
            setLevels(r, 0, (1 << bits) - 1, [&](int c) { return float(c) * d + m; });
        } else {
            r.kind = BlockInspection::Kind::Signed;
            r.offset = Kernel::kCodeOffset;
            if constexpr (std::is_signed_v<std::remove_extent_t<decltype(b.qs)>>)
                setLevels(r, -127, 127, [&](int c) { return float(c - r.offset) * d; });  // int8: -128 unused
            else
                setLevels(r, 0, (1 << bits) - 1, [&](int c) { return float(c - r.offset) * d; });
        }
    }
};

}  // namespace QS_ISA
}  // namespace qs::legacy

// The last line of a 32-weight block format's file, in namespace qs (see QS_BLOCK_FORMAT):
//   QS_LEGACY_FORMAT(formatQ4_0, Kernel, QT_TRANSLATE_NOOP("qs::formats", "..."))
#define QS_LEGACY_FORMAT(FUNCTION, KERNEL, DESCRIPTION) \
    QS_BLOCK_FORMAT(FUNCTION, KERNEL::kType, legacy::rowKernels<KERNEL>(), legacy::LegacyFormat<KERNEL>, DESCRIPTION)
