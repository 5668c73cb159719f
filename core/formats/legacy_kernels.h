#pragma once
// Shared machinery of llama.cpp's 32-weight block formats (Q8_0, Q5_1, Q5_0, Q4_1, Q4_0, IQ4_NL).
//
// A block's scale (and min) is chosen by a search that evaluates the real error of each candidate
// (after fp16 rounding of the scale, with the levels the decoder will see), weighted by the
// optional per-column importance. The evaluation primitives exist twice: a scalar reference
// (ScalarKernels) and an AVX2 version (Avx2Kernels). Both do the same float operations in the
// same order: sums are kept in 8 lanes (lane = index % 8, accumulated in index order) and reduced
// by reduce8(), min/max follow the x86 minps/maxps rules, rounding is to nearest even. The search
// logic above them is shared, so the fast path writes exactly the reference path's bytes.
#include "core/half.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#ifdef __AVX2__
#include <immintrin.h>
#endif

namespace qs::legacy {

constexpr int QK = 32;  // weights per block

// x86 maxps/minps semantics (the second operand when either is NaN).
inline float maxps(float a, float b) { return a > b ? a : b; }
inline float minps(float a, float b) { return a < b ? a : b; }
inline float reduce8(const float* a) { return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])); }

// fp16 bits of a scale, kept finite (saturates at +-65504 instead of becoming infinite).
inline uint16_t halfScale(float d)
{
    uint16_t h = fp32ToFp16(d);
    if ((h & 0x7c00u) == 0x7c00u && (h & 0x03ffu) == 0)
        h = static_cast<uint16_t>((h & 0x8000u) | 0x7bffu);
    return h;
}

// IQ4_NL's 16 non-linear levels (GGUF/ggml spec) and the midpoints between neighbours.
inline constexpr int8_t kIq4nlValues[16] = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};
inline constexpr float kIq4nlMid[15] = {-115.5f, -93.5f, -74.0f, -57.0f, -42.0f, -28.5f, -16.0f, -4.5f,
                                        7.0f,    19.0f,  31.5f,  45.5f,  61.0f,  79.0f,  101.0f};

// Largest |x| and the first value having it (its sign decides the symmetric formats' scale sign).
struct BlockMax {
    float amax;
    float max;
};

// ---------------------------------------------------------------------------------------------
// Scalar reference primitives. w may be null (all weights 1).
struct ScalarKernels {
    static BlockMax absMax(const float* x)
    {
        float amax = 0.0f;
        for (int j = 0; j < QK; ++j)
            amax = maxps(std::fabs(x[j]), amax);
        for (int j = 0; j < QK; ++j)
            if (std::fabs(x[j]) == amax)
                return {amax, x[j]};
        return {amax, 0.0f};  // NaNs only
    }
    // Min and max (+0.0f turns -0 into +0 so the result does not depend on the order of zeros).
    static void minMax(const float* x, float* mn, float* mx)
    {
        float lo = x[0], hi = x[0];
        for (int j = 0; j < QK; ++j) {
            lo = minps(x[j], lo);
            hi = maxps(x[j], hi);
        }
        *mn = lo + 0.0f;
        *mx = hi + 0.0f;
    }

    // Uniform levels L = clamp(rint((x - m) * id), lo, hi), decoded as L*d (+ m when Offset).
    template <bool Offset>
    static float level(float x, float id, float m, float lo, float hi)
    {
        const float t = Offset ? (x - m) * id : x * id;
        return minps(maxps(std::nearbyint(t), lo), hi);
    }
    template <bool Offset>
    static float errUniform(const float* x, const float* w, float d, float id, float m, float lo, float hi)
    {
        float acc[8] = {};
        for (int j = 0; j < QK; ++j) {
            const float L = level<Offset>(x[j], id, m, lo, hi);
            const float y = Offset ? L * d + m : L * d;
            const float e = x[j] - y;
            acc[j & 7] = acc[j & 7] + (w ? w[j] * (e * e) : e * e);
        }
        return reduce8(acc);
    }
    template <bool Offset>
    static void levelsUniform(const float* x, float id, float m, float lo, float hi, float* L)
    {
        for (int j = 0; j < QK; ++j)
            L[j] = level<Offset>(x[j], id, m, lo, hi);
    }
    // Least-squares moments of levels L (or level values): s[0] = sum w*L*x, s[1] = sum w*L*L and,
    // with Offset, s[2] = sum w*L, s[3] = sum w*x, s[4] = sum w.
    template <bool Offset>
    static void moments(const float* x, const float* w, const float* L, float* s)
    {
        float a[5][8] = {};
        for (int j = 0; j < QK; ++j) {
            const int l = j & 7;
            const float wl = w ? w[j] * L[j] : L[j];
            a[0][l] = a[0][l] + wl * x[j];
            a[1][l] = a[1][l] + wl * L[j];
            if (Offset) {
                a[2][l] = a[2][l] + wl;
                a[3][l] = a[3][l] + (w ? w[j] * x[j] : x[j]);
                a[4][l] = a[4][l] + (w ? w[j] : 1.0f);
            }
        }
        for (int k = 0; k < (Offset ? 5 : 2); ++k)
            s[k] = reduce8(a[k]);
    }

    // levelsUniform followed by moments, without storing the levels.
    template <bool Offset>
    static void levelsMoments(const float* x, const float* w, float id, float m, float lo, float hi, float* s)
    {
        float L[QK];
        levelsUniform<Offset>(x, id, m, lo, hi, L);
        moments<Offset>(x, w, L, s);
    }

    // IQ4_NL: index = number of midpoints below x*id; decoded as d * value[index].
    static int nlIndex(float t)
    {
        int idx = 0;
        for (float m : kIq4nlMid)
            idx += t > m ? 1 : 0;
        return idx;
    }
    static float errNl(const float* x, const float* w, float d, float id)
    {
        float acc[8] = {};
        for (int j = 0; j < QK; ++j) {
            const float y = d * float(kIq4nlValues[nlIndex(x[j] * id)]);
            const float e = x[j] - y;
            acc[j & 7] = acc[j & 7] + (w ? w[j] * (e * e) : e * e);
        }
        return reduce8(acc);
    }
    // Level values (as floats) and indices.
    static void levelsNl(const float* x, float id, float* v, uint8_t* idx)
    {
        for (int j = 0; j < QK; ++j) {
            const int i = nlIndex(x[j] * id);
            idx[j] = uint8_t(i);
            v[j] = float(kIq4nlValues[i]);
        }
    }
};

#ifdef __AVX2__
// ---------------------------------------------------------------------------------------------
// AVX2 primitives: the same operations, 8 lanes at a time.
struct Avx2Kernels {
    static float hsum(__m256 v)
    {
        alignas(32) float a[8];
        _mm256_store_ps(a, v);
        return reduce8(a);
    }
    static BlockMax absMax(const float* x)
    {
        const __m256 sign = _mm256_set1_ps(-0.0f);
        __m256 m = _mm256_setzero_ps();
        for (int k = 0; k < QK; k += 8)
            m = _mm256_max_ps(_mm256_andnot_ps(sign, _mm256_loadu_ps(x + k)), m);
        __m128 h = _mm_max_ps(_mm256_castps256_ps128(m), _mm256_extractf128_ps(m, 1));
        h = _mm_max_ps(h, _mm_movehl_ps(h, h));
        h = _mm_max_ss(h, _mm_shuffle_ps(h, h, 1));
        const float amax = _mm_cvtss_f32(h);
        const __m256 va = _mm256_set1_ps(amax);
        for (int k = 0; k < QK; k += 8) {
            const __m256 xv = _mm256_loadu_ps(x + k);
            const int mask = _mm256_movemask_ps(_mm256_cmp_ps(_mm256_andnot_ps(sign, xv), va, _CMP_EQ_OQ));
            if (mask)
                return {amax, x[k + __builtin_ctz(unsigned(mask))]};
        }
        return {amax, 0.0f};
    }
    static void minMax(const float* x, float* mn, float* mx)
    {
        // Lanes start at x[0] like the scalar loop: a NaN there propagates, later NaNs are skipped.
        __m256 lo = _mm256_set1_ps(x[0]), hi = lo;
        for (int k = 0; k < QK; k += 8) {
            const __m256 xv = _mm256_loadu_ps(x + k);
            lo = _mm256_min_ps(xv, lo);
            hi = _mm256_max_ps(xv, hi);
        }
        alignas(32) float a[8], b[8];
        _mm256_store_ps(a, lo);
        _mm256_store_ps(b, hi);
        float l = a[0], h = b[0];
        for (int i = 1; i < 8; ++i) {
            l = minps(a[i], l);
            h = maxps(b[i], h);
        }
        *mn = l + 0.0f;
        *mx = h + 0.0f;
    }

    template <bool Offset>
    static __m256 level(__m256 x, __m256 id, __m256 m, __m256 lo, __m256 hi)
    {
        const __m256 t = Offset ? _mm256_mul_ps(_mm256_sub_ps(x, m), id) : _mm256_mul_ps(x, id);
        return _mm256_min_ps(_mm256_max_ps(_mm256_round_ps(t, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC), lo), hi);
    }
    template <bool Offset>
    static float errUniform(const float* x, const float* w, float d, float id, float m, float lo, float hi)
    {
        const __m256 vd = _mm256_set1_ps(d), vid = _mm256_set1_ps(id), vm = _mm256_set1_ps(m);
        const __m256 vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
        __m256 acc = _mm256_setzero_ps();
        for (int k = 0; k < QK; k += 8) {
            const __m256 xv = _mm256_loadu_ps(x + k);
            const __m256 L = level<Offset>(xv, vid, vm, vlo, vhi);
            const __m256 y = Offset ? _mm256_add_ps(_mm256_mul_ps(L, vd), vm) : _mm256_mul_ps(L, vd);
            const __m256 e = _mm256_sub_ps(xv, y);
            const __m256 e2 = _mm256_mul_ps(e, e);
            acc = _mm256_add_ps(acc, w ? _mm256_mul_ps(_mm256_loadu_ps(w + k), e2) : e2);
        }
        return hsum(acc);
    }
    template <bool Offset>
    static void levelsUniform(const float* x, float id, float m, float lo, float hi, float* L)
    {
        const __m256 vid = _mm256_set1_ps(id), vm = _mm256_set1_ps(m);
        const __m256 vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
        for (int k = 0; k < QK; k += 8)
            _mm256_storeu_ps(L + k, level<Offset>(_mm256_loadu_ps(x + k), vid, vm, vlo, vhi));
    }
    template <bool Offset>
    static void moments(const float* x, const float* w, const float* L, float* s)
    {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0;
        const __m256 one = _mm256_set1_ps(1.0f);
        for (int k = 0; k < QK; k += 8) {
            const __m256 xv = _mm256_loadu_ps(x + k), Lv = _mm256_loadu_ps(L + k);
            const __m256 wv = w ? _mm256_loadu_ps(w + k) : one;
            const __m256 wl = w ? _mm256_mul_ps(wv, Lv) : Lv;
            a0 = _mm256_add_ps(a0, _mm256_mul_ps(wl, xv));
            a1 = _mm256_add_ps(a1, _mm256_mul_ps(wl, Lv));
            if (Offset) {
                a2 = _mm256_add_ps(a2, wl);
                a3 = _mm256_add_ps(a3, w ? _mm256_mul_ps(wv, xv) : xv);
                a4 = _mm256_add_ps(a4, wv);
            }
        }
        s[0] = hsum(a0);
        s[1] = hsum(a1);
        if (Offset) {
            s[2] = hsum(a2);
            s[3] = hsum(a3);
            s[4] = hsum(a4);
        }
    }

    template <bool Offset>
    static void levelsMoments(const float* x, const float* w, float id, float m, float lo, float hi, float* s)
    {
        const __m256 vid = _mm256_set1_ps(id), vm = _mm256_set1_ps(m);
        const __m256 vlo = _mm256_set1_ps(lo), vhi = _mm256_set1_ps(hi);
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0;
        const __m256 one = _mm256_set1_ps(1.0f);
        for (int k = 0; k < QK; k += 8) {
            const __m256 xv = _mm256_loadu_ps(x + k);
            const __m256 Lv = level<Offset>(xv, vid, vm, vlo, vhi);
            const __m256 wv = w ? _mm256_loadu_ps(w + k) : one;
            const __m256 wl = w ? _mm256_mul_ps(wv, Lv) : Lv;
            a0 = _mm256_add_ps(a0, _mm256_mul_ps(wl, xv));
            a1 = _mm256_add_ps(a1, _mm256_mul_ps(wl, Lv));
            if (Offset) {
                a2 = _mm256_add_ps(a2, wl);
                a3 = _mm256_add_ps(a3, w ? _mm256_mul_ps(wv, xv) : xv);
                a4 = _mm256_add_ps(a4, wv);
            }
        }
        s[0] = hsum(a0);
        s[1] = hsum(a1);
        if (Offset) {
            s[2] = hsum(a2);
            s[3] = hsum(a3);
            s[4] = hsum(a4);
        }
    }

    static __m256i nlIndex(__m256 t)
    {
        __m256i idx = _mm256_setzero_si256();
        for (float m : kIq4nlMid)
            idx = _mm256_sub_epi32(idx, _mm256_castps_si256(_mm256_cmp_ps(t, _mm256_set1_ps(m), _CMP_GT_OQ)));
        return idx;
    }
    static __m256 nlValue(__m256i idx)
    {
        const __m256 lo = _mm256_setr_ps(-127, -104, -83, -65, -49, -35, -22, -10);
        const __m256 hi = _mm256_setr_ps(1, 13, 25, 38, 53, 69, 89, 113);
        const __m256 sel = _mm256_castsi256_ps(_mm256_cmpgt_epi32(idx, _mm256_set1_epi32(7)));
        return _mm256_blendv_ps(_mm256_permutevar8x32_ps(lo, idx), _mm256_permutevar8x32_ps(hi, idx), sel);
    }
    static float errNl(const float* x, const float* w, float d, float id)
    {
        const __m256 vd = _mm256_set1_ps(d), vid = _mm256_set1_ps(id);
        __m256 acc = _mm256_setzero_ps();
        for (int k = 0; k < QK; k += 8) {
            const __m256 xv = _mm256_loadu_ps(x + k);
            const __m256 y = _mm256_mul_ps(vd, nlValue(nlIndex(_mm256_mul_ps(xv, vid))));
            const __m256 e = _mm256_sub_ps(xv, y);
            const __m256 e2 = _mm256_mul_ps(e, e);
            acc = _mm256_add_ps(acc, w ? _mm256_mul_ps(_mm256_loadu_ps(w + k), e2) : e2);
        }
        return hsum(acc);
    }
    static void levelsNl(const float* x, float id, float* v, uint8_t* idx)
    {
        const __m256 vid = _mm256_set1_ps(id);
        for (int k = 0; k < QK; k += 8) {
            const __m256i i = nlIndex(_mm256_mul_ps(_mm256_loadu_ps(x + k), vid));
            _mm256_storeu_ps(v + k, nlValue(i));
            alignas(32) int32_t a[8];
            _mm256_store_si256(reinterpret_cast<__m256i*>(a), i);
            for (int l = 0; l < 8; ++l)
                idx[k + l] = uint8_t(a[l]);
        }
    }
};
using FastKernels = Avx2Kernels;
#else
using FastKernels = ScalarKernels;
#endif

// ---------------------------------------------------------------------------------------------
// The searches (shared by both paths).

inline float safeInverse(float d) { return d != 0.0f ? 1.0f / d : 0.0f; }

// Symmetric uniform formats: value L*d with L in [lo, hi]. `mainDiv` are divisors k for
// d = max / k (k < 0 maps the largest-magnitude value to the lo end, as llama.cpp's reference
// does with k = lo); the first candidate should be the reference choice. Returns the fp16 scale
// and fills the chosen levels.
struct SymResult {
    uint16_t d;
    float L[QK];
};
template <class K>
SymResult searchSymmetric(const float* x, const float* w, float lo, float hi, const float* divisors, int nDiv,
                          int refineSteps)
{
    const BlockMax bm = K::absMax(x);
    SymResult r;
    uint16_t best = 0;
    float bestErr = 0.0f;
    bool have = false;
    auto tryScale = [&](uint16_t h) {
        const float d = fp16ToFp32(h);
        const float err = K::template errUniform<false>(x, w, d, safeInverse(d), 0.0f, lo, hi);
        if (!have || err < bestErr) {
            best = h;
            bestErr = err;
            have = true;
            return true;
        }
        return false;
    };
    // Each candidate d = max / k, then the least-squares scale of its levels.
    auto fit = [&](const float* s) {
        if (!(s[1] > 0.0f))
            return false;
        const uint16_t h = halfScale(s[0] / s[1]);
        return h != best && tryScale(h);
    };
    float s[2];
    for (int i = 0; i < nDiv; ++i) {
        const float d = bm.max / divisors[i];
        tryScale(halfScale(d));
        K::template levelsMoments<false>(x, w, safeInverse(d), 0.0f, lo, hi, s);
        fit(s);
    }
    for (int step = 0; step < refineSteps; ++step) {
        K::template levelsMoments<false>(x, w, safeInverse(fp16ToFp32(best)), 0.0f, lo, hi, s);
        if (!fit(s))
            break;
    }
    r.d = best;
    const float d = fp16ToFp32(best);
    K::template levelsUniform<false>(x, safeInverse(d), 0.0f, lo, hi, r.L);
    return r;
}

// Asymmetric uniform formats: value L*d + m with L in [0, nmax].
struct AsymResult {
    uint16_t d, m;
    float L[QK];
};
template <class K>
AsymResult searchAsymmetric(const float* x, const float* w, float nmax, const float* divisors, int nDiv, int refineSteps)
{
    float mn, mx;
    K::minMax(x, &mn, &mx);
    AsymResult r;
    uint16_t bestD = 0, bestM = 0;
    float bestErr = 0.0f;
    bool have = false;
    auto tryScale = [&](uint16_t hd, uint16_t hm) {
        const float d = fp16ToFp32(hd), m = fp16ToFp32(hm);
        const float err = K::template errUniform<true>(x, w, d, safeInverse(d), m, 0.0f, nmax);
        if (!have || err < bestErr) {
            bestD = hd;
            bestM = hm;
            bestErr = err;
            have = true;
            return true;
        }
        return false;
    };
    // Weighted least-squares (d, m) for the levels summarised by s: [s1 s2; s2 s4] [d m]' = [s0 s3]'.
    auto fit = [&](const float* s) {
        const double det = double(s[1]) * s[4] - double(s[2]) * s[2];
        if (!(det > 0.0))
            return false;
        const double nd = (double(s[0]) * s[4] - double(s[2]) * s[3]) / det;
        const double nm = (double(s[1]) * s[3] - double(s[2]) * s[0]) / det;
        const uint16_t hd = halfScale(float(nd)), hm = halfScale(float(nm));
        if (hd == bestD && hm == bestM)
            return false;
        return tryScale(hd, hm);
    };
    const uint16_t hmin = halfScale(mn);
    tryScale(halfScale((mx - mn) / nmax), hmin);  // llama.cpp's reference choice
    float s[5];
    for (int i = 0; i < nDiv; ++i) {
        // Levels for m = min, d = (max - min) / k, then the best (d, m) for those levels.
        const float d = (mx - mn) / divisors[i];
        K::template levelsMoments<true>(x, w, safeInverse(d), mn, 0.0f, nmax, s);
        fit(s);
    }
    for (int step = 0; step < refineSteps; ++step) {
        const float d = fp16ToFp32(bestD), m = fp16ToFp32(bestM);
        K::template levelsMoments<true>(x, w, safeInverse(d), m, 0.0f, nmax, s);
        if (!fit(s))
            break;
    }
    r.d = bestD;
    r.m = bestM;
    const float d = fp16ToFp32(bestD), m = fp16ToFp32(bestM);
    K::template levelsUniform<true>(x, safeInverse(d), m, 0.0f, nmax, r.L);
    return r;
}

// IQ4_NL: value d * kIq4nlValues[idx].
struct NlResult {
    uint16_t d;
    uint8_t idx[QK];
};
template <class K>
NlResult searchNl(const float* x, const float* w, const float* divisors, int nDiv, int refineSteps)
{
    const BlockMax bm = K::absMax(x);
    NlResult r;
    float v[QK];
    uint16_t best = 0;
    float bestErr = 0.0f;
    bool have = false;
    auto tryScale = [&](uint16_t h) {
        const float d = fp16ToFp32(h);
        const float err = K::errNl(x, w, d, safeInverse(d));
        if (!have || err < bestErr) {
            best = h;
            bestErr = err;
            have = true;
            return true;
        }
        return false;
    };
    // Each candidate d = max / k, then the least-squares scale of its levels.
    auto fit = [&](float id) {
        K::levelsNl(x, id, v, r.idx);
        float s[2];
        K::template moments<false>(x, w, v, s);
        if (!(s[1] > 0.0f))
            return false;
        const uint16_t h = halfScale(s[0] / s[1]);
        return h != best && tryScale(h);
    };
    for (int i = 0; i < nDiv; ++i) {
        const float d = bm.max / divisors[i];
        tryScale(halfScale(d));
        fit(safeInverse(d));
    }
    for (int step = 0; step < refineSteps; ++step)
        if (!fit(safeInverse(fp16ToFp32(best))))
            break;
    r.d = best;
    K::levelsNl(x, safeInverse(fp16ToFp32(best)), v, r.idx);
    return r;
}

// Importance of a block: null when absent.
inline const float* blockWeights(const float* importance, int64_t block)
{
    return importance ? importance + block * QK : nullptr;
}

}  // namespace qs::legacy
