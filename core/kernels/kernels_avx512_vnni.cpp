// AVX-512 (with VNNI) tiles of Q8_0, Q4_0 in its repacked Q4_0x8 layout, the K-quants (Q2_K to
// Q6_K), TQ2_0, IQ2_S, IQ1_S and IQ1_M, for prompts and single tokens alike. Each gives every (row, token) the bits the AVX2 kernel
// of kernel_impl.h / repack_impl.h gives it (and so the scalar reference's): the integer sums per
// block are exact either way (VPDPBUSD's four products equal VPMADDUBSW + VPMADDWD(1) where those
// do not saturate, which they never do for these formats' ranges), and every float accumulator
// sees the same sequence of fused multiply-adds in the same lane. The 512-bit width is used where
// that sequence allows it:
//   Q8_0    the AVX2 kernel keeps even and odd blocks in two 8-lane accumulators: here one 16-lane
//           accumulator, a pair of blocks per step; signed weights as (w + 128) with 128 x the
//           activation sums taken off (no sign trick), so an activation block serves 4 rows.
//   Q4_0x8  rows are the vector lanes: two groups of 8 rows side by side, two such vectors per
//           activation word in a batch (measured: 4 tokens x 32 rows a step, 7% over 4 x 16).
//   K-quants, TQ2_0  the integer sums of a super-block (exact) two 32-byte chunks at a time,
//           folded to the AVX2 kernel's 8 lanes before its float steps.
// One token (the decode mat-vec) runs the same kernels, Q8_0 one row at a time, except Q4_0x8 (the AVX2
// tile). Compiled with AVX-512
// F/BW/VL/DQ + VNNI and BMI2 (core/CMakeLists.txt); reached only after qs::cpuHasAvx512Vnni().
// GCC 12's unmasked AVX-512 intrinsics pass an undefined vector as their mask source, which its
// uninitialized-use analysis reports once inlined (a false positive: every lane is written).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include "core/formats/blocks.h"
#include "core/formats/iq_grids.h"  // the lattice tables (data only, static)
#include "core/kernels/iq1_grid.h"  // the pre-scaled IQ1 grid (data only)
#include "core/kernels/isa_table.h"
#include "core/kernels/repack_table.h"

#include <immintrin.h>

#include <cstddef>
#include <cstring>
#include <utility>

namespace qs::kernels::detail {

namespace {

#define QS_AI inline __attribute__((always_inline))
#define QS_UNROLL _Pragma("GCC unroll 16")

constexpr int kQ8_0Bytes = 34, kQ8_KBytes = 292, kQ8_KQs = 4, kQ8_KBsums = 260;

#define QS_KERNEL_INLINE QS_AI
#include "core/kernels/byte_loads.h"
#undef QS_KERNEL_INLINE
QS_AI float half(const uint8_t* p) { return _cvtsh_ss(uint16_t(load16(p))); }
QS_AI __m256i ld256(const uint8_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
QS_AI __m512i ld512(const uint8_t* p) { return _mm512_loadu_si512(p); }
// [32 bytes at p | 32 bytes at q]
QS_AI __m512i join(const uint8_t* p, const uint8_t* q)
{
    return _mm512_maskz_inserti64x4(0xFF, _mm512_castsi256_si512(ld256(p)), ld256(q), 1);
}
QS_AI __m512i join(__m256i lo, __m256i hi) { return _mm512_maskz_inserti64x4(0xFF, _mm512_castsi256_si512(lo), hi, 1); }
QS_AI __m256i lo256(__m512i v) { return _mm512_castsi512_si256(v); }
QS_AI __m256i hi256(__m512i v) { return _mm512_maskz_extracti64x4_epi64(0xF, v, 1); }
QS_AI __m256 lo256(__m512 v) { return _mm512_castps512_ps256(v); }
QS_AI __m256 hi256(__m512 v)
{
    // (masked extract: GCC 12's unmasked one warns about an undefined pass-through)
    return _mm256_castpd_ps(_mm512_maskz_extractf64x4_pd(0xF, _mm512_castps_pd(v), 1));
}
// The AVX2 kernels' horizontal sum of 8 lanes: (0+4, 1+5, 2+6, 3+7), (0+2, 1+3), (0+1).
QS_AI float hsum8(__m256 a)
{
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}
// The fp16 values at p + k * Stride, k = 0..7 (the AVX2 backend's halves8).
template <int Stride>
QS_AI __m256 halves8(const uint8_t* p)
{
    __m128i v = _mm_cvtsi32_si128(int(load16(p)));
    v = _mm_insert_epi16(v, load16(p + Stride), 1);
    v = _mm_insert_epi16(v, load16(p + 2 * Stride), 2);
    v = _mm_insert_epi16(v, load16(p + 3 * Stride), 3);
    v = _mm_insert_epi16(v, load16(p + 4 * Stride), 4);
    v = _mm_insert_epi16(v, load16(p + 5 * Stride), 5);
    v = _mm_insert_epi16(v, load16(p + 6 * Stride), 6);
    v = _mm_insert_epi16(v, load16(p + 7 * Stride), 7);
    return _mm256_cvtph_ps(v);
}
// Four products of unsigned a and signed b bytes per int32 lane, added to acc (exact).
QS_AI __m512i dp(__m512i acc, __m512i a, __m512i b) { return _mm512_dpbusd_epi32(acc, a, b); }
QS_AI __m256i dp(__m256i acc, __m256i a, __m256i b) { return _mm256_dpbusd_epi32(acc, a, b); }

// ---- Q8_0 ---------------------------------------------------------------------------------------
// R rows x NT tokens. The AVX2 kernel (legacySigned): per (row, token), block b's 8 int32 lanes
// (lane i: the products of bytes 4i..4i+3) times d_w * d_a (made 8 blocks at a time as 8 floats,
// one multiply) into accumulator b % 2; at the end the sum of the two, horizontally. Here lanes
// 0-7 are accumulator 0 and 8-15 accumulator 1.
template <int R, int NT>
QS_AI void q8_0Micro(int64_t nb, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, float* y, size_t ys)
{
    const size_t ext = actLayout(false, nb).scales;
    const __m512i flip = _mm512_set1_epi8(int8_t(0x80)), c128 = _mm512_set1_epi8(int8_t(0x80));
    __m512 acc[R][NT];
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            acc[r][t] = _mm512_setzero_ps();
    int64_t b = 0;
    for (; b + 8 <= nb; b += 8) {
        // d_w of 8 blocks per row, d_a per token; a pair's 16-lane scales are their permuted
        // copies multiplied: the same products as the AVX2 kernel's 8-lane d_w * d_a
        __m512 dw8[R], da8[NT];
        QS_UNROLL
        for (int r = 0; r < R; ++r)
            dw8[r] = _mm512_castps256_ps512(halves8<kQ8_0Bytes>(w + r * ws + b * kQ8_0Bytes));
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            da8[t] = _mm512_castps256_ps512(_mm256_loadu_ps(reinterpret_cast<const float*>(a + t * as + ext + 4 * b)));
        QS_UNROLL
        for (int j = 0; j < 8; j += 2) {
            const int64_t b0 = b + j;
            const __m512i idx = _mm512_setr_epi32(j, j, j, j, j, j, j, j, j + 1, j + 1, j + 1, j + 1, j + 1, j + 1, j + 1, j + 1);
            __m512i xu[R];
            __m512 dw[R];
            QS_UNROLL
            for (int r = 0; r < R; ++r) {
                const uint8_t* p = w + r * ws + b0 * kQ8_0Bytes + 2;
                xu[r] = _mm512_xor_si512(join(p, p + kQ8_0Bytes), flip);  // w + 128 as unsigned bytes
                dw[r] = _mm512_permutexvar_ps(idx, dw8[r]);
            }
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const uint8_t* q = a + t * as + b0 * kQ8_0Bytes + 2;
                const __m512i yv = join(q, q + kQ8_0Bytes);
                const __m512i neg = _mm512_sub_epi32(_mm512_setzero_si512(), dp(_mm512_setzero_si512(), c128, yv));
                const __m512 da = _mm512_permutexvar_ps(idx, da8[t]);
                QS_UNROLL
                for (int r = 0; r < R; ++r)
                    acc[r][t] = _mm512_fmadd_ps(_mm512_mul_ps(dw[r], da), _mm512_cvtepi32_ps(dp(neg, xu[r], yv)), acc[r][t]);
            }
        }
    }
    for (; b < nb; ++b) {  // the last blocks one at a time, into the half of their parity
        const __mmask16 parity = (b & 1) ? 0xFF00 : 0x00FF;
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            const float d0 = half(w + r * ws + b * kQ8_0Bytes);
            const __m256i x = ld256(w + r * ws + b * kQ8_0Bytes + 2);
            const __m256i xu = _mm256_xor_si256(x, _mm256_set1_epi8(int8_t(0x80)));
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const __m256i yv = ld256(a + t * as + b * kQ8_0Bytes + 2);
                const __m256i neg = _mm256_sub_epi32(_mm256_setzero_si256(), dp(_mm256_setzero_si256(), _mm256_set1_epi8(int8_t(0x80)), yv));
                const __m256 p = _mm256_cvtepi32_ps(dp(neg, xu, yv));
                const __m512 pp = _mm512_maskz_insertf32x8(0xFFFF, _mm512_castps256_ps512(p), p, 1);
                const __m512 s = _mm512_set1_ps(d0 * loadF32(a + t * as + ext + 4 * b));
                acc[r][t] = _mm512_mask3_fmadd_ps(s, pp, acc[r][t], parity);
            }
        }
    }
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            y[t * ys + r] = hsum8(_mm256_add_ps(lo256(acc[r][t]), hi256(acc[r][t])));
}

// ---- Q4_0x8 (repack_impl.h's layout and accumulators) ---------------------------------------------
// Two groups of 8 rows side by side: lanes 0-7 the first group's rows, 8-15 the second's. Per
// token and accumulator lane i (and its odd partner 4 + i) the AVX2 kernel's sequence per row.
constexpr int kGroupBlockBytes = 144;

// RB vectors of 16 rows (2 RB groups of 8) per token: each activation word broadcast once serves
// 16 RB rows.
template <int RB>
QS_AI __m512 groupScales(const uint8_t* const* g, int64_t b, int v)
{
    (void)RB;
    return _mm512_maskz_cvtph_ps(0xFFFF, _mm256_inserti128_si256(
        _mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(g[2 * v] + b * kGroupBlockBytes))),
        _mm_loadu_si128(reinterpret_cast<const __m128i*>(g[2 * v + 1] + b * kGroupBlockBytes)), 1));
}
template <int NT, int NI, int RB>
QS_AI void q40x8Pass(int64_t nb, const uint8_t* const* g, int i0, const uint8_t* a, size_t as, __m512 (*out)[RB][8])
{
    const ActLayout L = actLayout(false, nb);
    const __m512i m4 = _mm512_set1_epi8(0x0F);
    __m512 acc[NT][2][NI][RB];
    QS_UNROLL
    for (int t = 0; t < NT; ++t)
        QS_UNROLL
        for (int e = 0; e < 2; ++e)
            QS_UNROLL
            for (int k = 0; k < NI; ++k)
                QS_UNROLL
                for (int v = 0; v < RB; ++v)
                    acc[t][e][k][v] = _mm512_setzero_ps();
    auto block = [&](int64_t b, int e) __attribute__((always_inline)) {
        __m512 sc[NT][RB];
        QS_UNROLL
        for (int v = 0; v < RB; ++v) {
            const __m512 dw = groupScales<RB>(g, b, v);
            QS_UNROLL
            for (int t = 0; t < NT; ++t)
                sc[t][v] = _mm512_mul_ps(dw, _mm512_set1_ps(loadF32(a + t * as + L.scales + 4 * b)));
        }
        QS_UNROLL
        for (int k = 0; k < NI; ++k) {
            const int i = i0 + k;
            __m512i lo[RB], hi[RB];
            QS_UNROLL
            for (int v = 0; v < RB; ++v) {
                const __m512i wv = join(g[2 * v] + b * kGroupBlockBytes + 16 + 32 * i, g[2 * v + 1] + b * kGroupBlockBytes + 16 + 32 * i);
                lo[v] = _mm512_and_si512(wv, m4);
                hi[v] = _mm512_and_si512(_mm512_srli_epi16(wv, 4), m4);
            }
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const uint8_t* yq = a + t * as + b * kQ8_0Bytes + 2;
                const __m512i corr = _mm512_set1_epi32(int(load32(a + t * as + L.laneSums + 16 * b + 4 * i)));  // -8 x the sums
                const __m512i ylo = _mm512_set1_epi32(int(load32(yq + 4 * i))), yhi = _mm512_set1_epi32(int(load32(yq + 16 + 4 * i)));
                QS_UNROLL
                for (int v = 0; v < RB; ++v) {
                    const __m512i p = dp(dp(corr, lo[v], ylo), hi[v], yhi);
                    acc[t][e][k][v] = _mm512_fmadd_ps(sc[t][v], _mm512_cvtepi32_ps(p), acc[t][e][k][v]);
                }
            }
        }
    };
    const int64_t nbp = nb & ~int64_t(1);
    for (int64_t b = 0; b < nbp; b += 2) {
        block(b, 0);
        block(b + 1, 1);
    }
    if (nbp < nb) {  // the odd last block: low nibbles into lane i, high ones into lane 4 + i
        const int64_t b = nbp;
        const __m512i eight = _mm512_set1_epi8(8), z = _mm512_setzero_si512();
        QS_UNROLL
        for (int v = 0; v < RB; ++v) {
            const __m512 dw = groupScales<RB>(g, b, v);
            QS_UNROLL
            for (int k = 0; k < NI; ++k) {
                const int i = i0 + k;
                const __m512i wv = join(g[2 * v] + b * kGroupBlockBytes + 16 + 32 * i, g[2 * v + 1] + b * kGroupBlockBytes + 16 + 32 * i);
                const __m512i lo = _mm512_and_si512(wv, m4), hi = _mm512_and_si512(_mm512_srli_epi16(wv, 4), m4);
                QS_UNROLL
                for (int t = 0; t < NT; ++t) {
                    const uint8_t* yq = a + t * as + b * kQ8_0Bytes + 2;
                    const __m512 sc = _mm512_mul_ps(dw, _mm512_set1_ps(loadF32(a + t * as + L.scales + 4 * b)));
                    const __m512i ylo = _mm512_set1_epi32(int(load32(yq + 4 * i))), yhi = _mm512_set1_epi32(int(load32(yq + 16 + 4 * i)));
                    const __m512i plo = _mm512_sub_epi32(dp(z, lo, ylo), dp(z, eight, ylo));
                    const __m512i phi = _mm512_sub_epi32(dp(z, hi, yhi), dp(z, eight, yhi));
                    acc[t][0][k][v] = _mm512_fmadd_ps(sc, _mm512_cvtepi32_ps(plo), acc[t][0][k][v]);
                    acc[t][1][k][v] = _mm512_fmadd_ps(sc, _mm512_cvtepi32_ps(phi), acc[t][1][k][v]);
                }
            }
        }
    }
    QS_UNROLL
    for (int t = 0; t < NT; ++t)
        QS_UNROLL
        for (int k = 0; k < NI; ++k)
            QS_UNROLL
            for (int v = 0; v < RB; ++v) {
                out[t][v][i0 + k] = acc[t][0][k][v];
                out[t][v][4 + i0 + k] = acc[t][1][k][v];
            }
}

// 16 RB rows x NT tokens: the passes, then each (row, token)'s lanes summed in the plain kernel's tree.
template <int NT, int NI, int RB>
QS_AI void q40x8Groups(int64_t nb, const uint8_t* const* g, const uint8_t* a, size_t as, float* y, size_t ys)
{
    __m512 lanes[NT][RB][8];
    for (int i0 = 0; i0 < 4; i0 += NI)
        q40x8Pass<NT, NI, RB>(nb, g, i0, a, as, lanes);
    QS_UNROLL
    for (int t = 0; t < NT; ++t)
        QS_UNROLL
        for (int v = 0; v < RB; ++v) {
            const __m512(&l)[8] = lanes[t][v];
            const __m512 s = _mm512_add_ps(_mm512_add_ps(_mm512_add_ps(l[0], l[4]), _mm512_add_ps(l[2], l[6])),
                                           _mm512_add_ps(_mm512_add_ps(l[1], l[5]), _mm512_add_ps(l[3], l[7])));
            _mm512_storeu_ps(y + t * ys + 16 * v, s);
        }
}

void q40x8Tile(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
               size_t ys)
{
    static const TileFn avx2 = q4_0x8Avx2();
    // The mat-vec: the AVX2 tile, one group of 8 rows at a time, streams memory faster (1B demo
    // decode 56-58 tok/s against 47 with two groups side by side).
    if (nt == 1) {
        avx2(n, w, ws, nr, a, as, nt, y, ys);
        return;
    }
    const int64_t nb = n / 32;
    const size_t groupBytes = size_t(nb) * kGroupBlockBytes;
    auto groups = [&](int64_t r, int count, const uint8_t** g) {
        for (int k = 0; k < count; ++k)
            g[k] = w + size_t(r / 8 + k) * groupBytes;
    };
    int64_t r = 0;
    if (nt > 1)
        for (; r + 32 <= nr; r += 32) {  // 32 rows: tokens by 4, four passes (16 accumulators)
            const uint8_t* g[4];
            groups(r, 4, g);
            int64_t t = 0;
            for (; t + 4 <= nt; t += 4)
                q40x8Groups<4, 1, 2>(nb, g, a + t * as, as, y + t * ys + r, ys);
            for (; t < nt; ++t)
                q40x8Groups<1, 4, 2>(nb, g, a + t * as, as, y + t * ys + r, ys);
        }
    for (; r + 16 <= nr; r += 16) {  // 16 rows: tokens by 4, two passes
        const uint8_t* g[2];
        groups(r, 2, g);
        int64_t t = 0;
        for (; t + 4 <= nt; t += 4)
            q40x8Groups<4, 2, 1>(nb, g, a + t * as, as, y + t * ys + r, ys);
        for (; t < nt; ++t)
            q40x8Groups<1, 4, 1>(nb, g, a + t * as, as, y + t * ys + r, ys);
    }
    if (r < nr)  // a last group of 8
        avx2(n, w + size_t(r / 8) * groupBytes, ws, nr - r, a, as, nt, y + r, ys);
}

// ---- Q4_K and Q6_K x Q8_K ---------------------------------------------------------------------------
// The AVX2 kernels' integer lanes per super-block and token (lane i: the scaled products of bytes
// 4i..4i+3 of each 32-byte chunk, summed over the chunks), made two chunks at a time and folded;
// then the same float steps: acc += (d_w * d_a) * float(lanes), minAcc likewise, hsum(acc) - hsum(minAcc).
template <int NT>
struct KAcc {
    __m256 acc[NT], minAcc[NT];
    QS_AI KAcc()
    {
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            acc[t] = minAcc[t] = _mm256_setzero_ps();
    }
    QS_AI void store(float* y, size_t ys) const
    {
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            y[t * ys] = hsum8(acc[t]) - hsum8(minAcc[t]);
    }
};
QS_AI __m256i fold(__m512i v) { return _mm256_add_epi32(lo256(v), hi256(v)); }

// int16 lanes 0-7 the 8 scales, 8-15 the 8 mins (6 bits each, Q4_K / Q5_K).
QS_AI __m256i scaleMin6(const uint8_t* q)
{
    const uint32_t w0 = load32(q), w1 = load32(q + 4), w2 = load32(q + 8);
    const uint32_t sc0 = w0 & 0x3f3f3f3fu, mn0 = w1 & 0x3f3f3f3fu;
    const uint32_t sc1 = (w2 & 0x0f0f0f0fu) | (((w0 >> 6) & 0x03030303u) << 4);
    const uint32_t mn1 = ((w2 >> 4) & 0x0f0f0f0fu) | (((w1 >> 6) & 0x03030303u) << 4);
    return _mm256_cvtepu8_epi16(_mm_setr_epi32(int(sc0), int(sc1), int(mn0), int(mn1)));
}
alignas(32) constexpr uint8_t kMinPairs[32] = {0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7, 6, 7,
                                               8, 9, 8, 9, 10, 11, 10, 11, 12, 13, 12, 13, 14, 15, 14, 15};

// The 16-bit scale lanes for two 32-weight parts j, j + 1 of 16-weight sub-blocks: quarter q of the
// vector (16 weights) gets scale lane base + 2j + q (Q6_K, Q3_K, Q2_K: 16 scales).
QS_AI __m512i pairScaleIdx(int base, int j)
{
    const int a = (base + 2 * j) * 0x10001, b = (base + 2 * j + 1) * 0x10001, c = (base + 2 * j + 2) * 0x10001,
              d = (base + 2 * j + 3) * 0x10001;
    return _mm512_setr_epi32(a, a, a, a, b, b, b, b, c, c, c, c, d, d, d, d);
}
// f(std::integral_constant<int, I>) for I = 0..N-1 (compile-time loop indices, for the shift counts).
template <int N, class Fn>
QS_AI void staticFor(Fn&& f)
{
    [&]<int... I>(std::integer_sequence<int, I...>) { (f(std::integral_constant<int, I>{}), ...); }(std::make_integer_sequence<int, N>{});
}
#define QS_AL __attribute__((always_inline))

// [v shifted by Lo | v shifted by Hi] per 16-bit lane, each shift left if positive, right if negative.
template <int Lo, int Hi>
QS_AI __m512i shift2(__m256i v)
{
    const __m512i vv = join(v, v);
    constexpr int l0 = Lo > 0 ? Lo : 0, l1 = Hi > 0 ? Hi : 0, r0 = Lo < 0 ? -Lo : 0, r1 = Hi < 0 ? -Hi : 0;
    __m512i out = vv;
    if constexpr (l0 || l1)
        out = _mm512_sllv_epi16(out, _mm512_maskz_inserti64x4(0xFF, _mm512_set1_epi16(l0), _mm256_set1_epi16(l1), 1));
    if constexpr (r0 || r1)
        out = _mm512_srlv_epi16(out, _mm512_maskz_inserti64x4(0xFF, _mm512_set1_epi16(r0), _mm256_set1_epi16(r1), 1));
    return out;
}

// Q4_K / Q5_K (Five: the fifth bit of weight 64c + l in bit 2c of qh[l], of 64c + 32 + l in bit 2c + 1).
template <bool Five, int NT>
QS_AI void q45KRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B4 = BlockQ4K;
    using B5 = BlockQ5K;
    constexpr int kBytes = Five ? sizeof(B5) : sizeof(B4);
    constexpr int kScales = Five ? offsetof(B5, scales) : offsetof(B4, scales);
    constexpr int kQs = Five ? offsetof(B5, qs) : offsetof(B4, qs);
    constexpr int kDmin = Five ? offsetof(B5, dmin) : offsetof(B4, dmin);
    const __m512i m4 = _mm512_set1_epi8(0x0F), bit4 = _mm512_set1_epi8(0x10);
    KAcc<NT> s;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * kBytes;
        const float d = half(x), dmin = half(x + kDmin);
        const __m256i sm = scaleMin6(x + kScales);
        const __m256i mins16 = _mm256_shuffle_epi8(_mm256_permute2x128_si256(sm, sm, 0x11),
                                                   _mm256_load_si256(reinterpret_cast<const __m256i*>(kMinPairs)));
        const __m512i sm512 = _mm512_castsi256_si512(sm);
        [[maybe_unused]] __m256i qh;
        if constexpr (Five)
            qh = ld256(x + offsetof(B5, qh));
        __m512i z[4], scv[4];
        staticFor<4>([&](auto ci) QS_AL {
            constexpr int c = ci;
            const __m256i q = ld256(x + kQs + 32 * c);
            z[c] = _mm512_and_si512(join(q, _mm256_srli_epi16(q, 4)), m4);
            if constexpr (Five)  // bits 2c, 2c + 1 to bit 4
                z[c] = _mm512_or_si512(z[c], _mm512_and_si512(shift2<4 - 2 * c, 3 - 2 * c>(qh), bit4));
            scv[c] = _mm512_permutexvar_epi16(_mm512_maskz_inserti64x4(0xFF, _mm512_set1_epi16(int16_t(2 * c)), _mm256_set1_epi16(int16_t(2 * c + 1)), 1),
                                              sm512);
        });
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
            __m512i sumi = _mm512_setzero_si512();
            QS_UNROLL
            for (int c = 0; c < 4; ++c)
                sumi = _mm512_add_epi32(sumi, _mm512_madd_epi16(_mm512_maddubs_epi16(z[c], ld512(q8 + kQ8_KQs + 64 * c)), scv[c]));
            const __m256i msum = _mm256_madd_epi16(mins16, ld256(q8 + kQ8_KBsums));
            const float ad = loadF32(q8);
            s.acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * ad), _mm256_cvtepi32_ps(fold(sumi)), s.acc[t]);
            s.minAcc[t] = _mm256_fmadd_ps(_mm256_set1_ps(dmin * ad), _mm256_cvtepi32_ps(msum), s.minAcc[t]);
        }
    }
    s.store(y, ys);
}

// The scaled products of a super-block's four 64-weight parts (z[h][p] against activations
// 128h + 64p, 16-bit scales scv[h][p]) in 16 int32 lanes (Q6_K, Q3_K, Q2_K).
QS_AI __m512i sumParts(const __m512i (&z)[2][2], const __m512i (&scv)[2][2], const uint8_t* q8)
{
    __m512i sumi = _mm512_setzero_si512();
    QS_UNROLL
    for (int h = 0; h < 2; ++h)
        QS_UNROLL
        for (int p = 0; p < 2; ++p)
            sumi = _mm512_add_epi32(sumi, _mm512_madd_epi16(_mm512_maddubs_epi16(z[h][p], ld512(q8 + kQ8_KQs + 128 * h + 64 * p)), scv[h][p]));
    return sumi;
}

template <int NT>
QS_AI void q6KRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockQ6K;
    const __m512i m4 = _mm512_set1_epi8(0x0F), m30 = _mm512_set1_epi8(0x30);
    const __m512i shl = _mm512_maskz_inserti64x4(0xFF, _mm512_set1_epi16(4), _mm256_set1_epi16(2), 1);
    const __m512i shr = _mm512_maskz_inserti64x4(0xFF, _mm512_setzero_si512(), _mm256_set1_epi16(2), 1);
    KAcc<NT> s;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = half(x + offsetof(B, d));
        const __m256i sc = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + offsetof(B, scales))));
        const __m512i sc512 = _mm512_castsi256_si512(sc);
        // per half n: parts (0, 1) and (2, 3) of 32 levels each, with their 16-weight scales
        __m512i z[2][2], scv[2][2];
        QS_UNROLL
        for (int n = 0; n < 2; ++n) {
            const __m512i ql = ld512(x + offsetof(B, ql) + 64 * n);  // [ql0 | ql1]
            const __m256i qh = ld256(x + offsetof(B, qh) + 32 * n);
            const __m512i h = join(qh, qh);
            z[n][0] = _mm512_or_si512(_mm512_and_si512(ql, m4), _mm512_and_si512(_mm512_sllv_epi16(h, shl), m30));
            z[n][1] = _mm512_or_si512(_mm512_and_si512(_mm512_srli_epi16(ql, 4), m4), _mm512_and_si512(_mm512_srlv_epi16(h, shr), m30));
            QS_UNROLL
            for (int p = 0; p < 2; ++p) {
                // part k = 2p + half: 16-bit scale lanes 8n + 2k (weights 0-15 of each 128-bit lane
                // pair: low 128 bits) and 8n + 2k + 1 (high 128 bits)
                const int k0 = 2 * p, k1 = 2 * p + 1;
                const __m512i idx = _mm512_setr_epi32(
                    (8 * n + 2 * k0) * 0x10001, (8 * n + 2 * k0) * 0x10001, (8 * n + 2 * k0) * 0x10001, (8 * n + 2 * k0) * 0x10001,
                    (8 * n + 2 * k0 + 1) * 0x10001, (8 * n + 2 * k0 + 1) * 0x10001, (8 * n + 2 * k0 + 1) * 0x10001, (8 * n + 2 * k0 + 1) * 0x10001,
                    (8 * n + 2 * k1) * 0x10001, (8 * n + 2 * k1) * 0x10001, (8 * n + 2 * k1) * 0x10001, (8 * n + 2 * k1) * 0x10001,
                    (8 * n + 2 * k1 + 1) * 0x10001, (8 * n + 2 * k1 + 1) * 0x10001, (8 * n + 2 * k1 + 1) * 0x10001, (8 * n + 2 * k1 + 1) * 0x10001);
                scv[n][p] = _mm512_permutexvar_epi16(idx, sc512);
            }
        }
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
            const __m256i corr = _mm256_madd_epi16(sc, ld256(q8 + kQ8_KBsums));
            // parts 0, 1 (z[n][0]: [q0 | q1]) against activations 0-63 of half n; parts 2, 3 against 64-127
            const __m256i si = _mm256_sub_epi32(fold(sumParts(z, scv, q8)), _mm256_slli_epi32(corr, 5));
            s.acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * loadF32(q8)), _mm256_cvtepi32_ps(si), s.acc[t]);
        }
    }
    s.store(y, ys);
}

// Q2_K: 2-bit levels, 16 sub-blocks of 16 with a 4-bit scale and a 4-bit min each.
template <int NT>
QS_AI void q2KRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockQ2K;
    const __m512i three = _mm512_set1_epi8(3);
    KAcc<NT> s;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = half(x + offsetof(B, d)), dmin = half(x + offsetof(B, dmin));
        const __m256i raw = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + offsetof(B, scales))));
        const __m256i sc = _mm256_and_si256(raw, _mm256_set1_epi16(0x0F)), mn = _mm256_srli_epi16(raw, 4);
        const __m512i sc512 = _mm512_castsi256_si512(sc);
        __m512i z[2][2], scv[2][2];
        staticFor<2>([&](auto hi) QS_AL {
            constexpr int h = hi;
            const __m256i q2 = ld256(x + offsetof(B, qs) + 32 * h);
            staticFor<2>([&](auto pi) QS_AL {  // parts 2p, 2p + 1
                constexpr int p = pi;
                z[h][p] = _mm512_and_si512(shift2<-4 * p, -4 * p - 2>(q2), three);
                scv[h][p] = _mm512_permutexvar_epi16(pairScaleIdx(8 * h, 2 * p), sc512);
            });
        });
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
            const __m256i msum = _mm256_madd_epi16(mn, ld256(q8 + kQ8_KBsums));
            const __m512i sumi = sumParts(z, scv, q8);
            const float ad = loadF32(q8);
            s.acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * ad), _mm256_cvtepi32_ps(fold(sumi)), s.acc[t]);
            s.minAcc[t] = _mm256_fmadd_ps(_mm256_set1_ps(dmin * ad), _mm256_cvtepi32_ps(msum), s.minAcc[t]);
        }
    }
    s.store(y, ys);
}

// Q3_K: 16 6-bit scales biased by 32; level = low 2 bits + 4 x high bit, stored + 4.
QS_AI __m256i scales3K(const uint8_t* q)
{
    const uint32_t a0 = load32(q), a1 = load32(q + 4), t = load32(q + 8);
    const uint32_t s0 = (a0 & 0x0f0f0f0fu) | ((t & 0x03030303u) << 4);
    const uint32_t s1 = (a1 & 0x0f0f0f0fu) | (((t >> 2) & 0x03030303u) << 4);
    const uint32_t s2 = ((a0 >> 4) & 0x0f0f0f0fu) | (((t >> 4) & 0x03030303u) << 4);
    const uint32_t s3 = ((a1 >> 4) & 0x0f0f0f0fu) | (((t >> 6) & 0x03030303u) << 4);
    return _mm256_sub_epi16(_mm256_cvtepu8_epi16(_mm_setr_epi32(int(s0), int(s1), int(s2), int(s3))), _mm256_set1_epi16(32));
}
template <int NT>
QS_AI void q3KRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockQ3K;
    const __m512i three = _mm512_set1_epi8(3), four = _mm512_set1_epi8(4);
    KAcc<NT> s;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = half(x + offsetof(B, d));
        const __m256i sc = scales3K(x + offsetof(B, scales));
        const __m512i sc512 = _mm512_castsi256_si512(sc);
        const __m256i hm = ld256(x + offsetof(B, hmask));
        __m512i z[2][2], scv[2][2];
        staticFor<2>([&](auto hi) QS_AL {
            constexpr int h = hi;
            const __m256i q2 = ld256(x + offsetof(B, qs) + 32 * h);
            staticFor<2>([&](auto pi) QS_AL {  // parts j = 2p, 2p + 1: high bit 4h + j of hmask to bit 2
                constexpr int p = pi, j0 = 2 * p, j1 = 2 * p + 1;
                const __m512i lo2 = _mm512_and_si512(shift2<-2 * j0, -2 * j1>(q2), three);
                const __m512i hb = _mm512_and_si512(shift2<2 - (4 * h + j0), 2 - (4 * h + j1)>(hm), four);
                z[h][p] = _mm512_or_si512(lo2, hb);
                scv[h][p] = _mm512_permutexvar_epi16(pairScaleIdx(8 * h, j0), sc512);
            });
        });
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
            const __m256i corr = _mm256_madd_epi16(sc, ld256(q8 + kQ8_KBsums));
            const __m512i sumi = sumParts(z, scv, q8);
            const __m256i si = _mm256_sub_epi32(fold(sumi), _mm256_slli_epi32(corr, 2));
            s.acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * loadF32(q8)), _mm256_cvtepi32_ps(si), s.acc[t]);
        }
    }
    s.store(y, ys);
}

// TQ2_0: codes c (weight (c - 1) d), byte m of half h holding weight 128h + 32l + m in bits 2l. The
// products c x a of a super-block, two vectors a step: VPDPBUSD four-product sums, then the activation sums
// (bsums in pairs) taken off, the AVX2 kernel's lanes (ternarySums: int16 sums minus bsums, pairs added).
template <int NT>
QS_AI void tq2Row(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockTq2_0;
    const __m512i three = _mm512_set1_epi8(3);
    const __m256i ones = _mm256_set1_epi16(1);
    KAcc<NT> s;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        __m512i c[4];
        QS_UNROLL
        for (int h = 0; h < 2; ++h) {
            const __m256i q = ld256(x + offsetof(B, qs) + 32 * h);
            c[2 * h] = _mm512_and_si512(shift2<0, -2>(q), three);
            c[2 * h + 1] = _mm512_and_si512(shift2<-4, -6>(q), three);
        }
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {  // madd(sum of maddubs - bsums, 1) = the four-product sums - madd(bsums, 1)
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
            __m512i acc = dp(_mm512_setzero_si512(), c[0], ld512(q8 + kQ8_KQs));
            QS_UNROLL
            for (int k = 1; k < 4; ++k)
                acc = dp(acc, c[k], ld512(q8 + kQ8_KQs + 64 * k));
            const __m256i si = _mm256_sub_epi32(fold(acc), _mm256_madd_epi16(ld256(q8 + kQ8_KBsums), ones));
            s.acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(half(x + offsetof(B, d)) * loadF32(q8)), _mm256_cvtepi32_ps(si), s.acc[t]);
        }
    }
    s.store(y, ys);
}

// IQ2_S: the AVX2 kernel's lanes (kernel_impl.h iqLattice): per 32-weight sub-block the grid
// magnitudes x the activations with the weights' signs in int16 pairs (maddubs), times the 16-weight
// scales 2l + 1 (madd), summed over the super-block in 8 int32 lanes, then d/8 x d_a x those lanes.
// Here two sub-blocks a step in 16 lanes (folded to 8 at the end: the same integers): the signs, a
// bit per weight, as a mask register negating the activations (VPSUBB 0 - a under the mask: the
// AVX2 kernel's VPSIGNB with +-1, -128 staying -128 in both); the scales as one vector of 16, each
// step's four by a word permute.
QS_AI __m256i points4(const uint64_t* grid, uint32_t p0, uint32_t p1, uint32_t p2, uint32_t p3)
{
    return _mm256_setr_epi64x(int64_t(grid[p0]), int64_t(grid[p1]), int64_t(grid[p2]), int64_t(grid[p3]));
}
template <int NT>
QS_AI void iq2sRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockIq2S;
    const __m128i low4 = _mm_set1_epi8(0x0F);
    KAcc<NT> s;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = half(x + offsetof(B, d)) * 0.125f;
        // int16 lane j: 2 x (nibble j of the scale bytes) + 1, the scale of weights 16j..16j+15
        const __m128i sb = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(x + offsetof(B, scales)));
        const __m128i nib = _mm_unpacklo_epi8(_mm_and_si128(sb, low4), _mm_and_si128(_mm_srli_epi16(sb, 4), low4));
        const __m256i sc = _mm256_cvtepu8_epi16(nib);
        const __m512i sc512 = _mm512_castsi256_si512(_mm256_add_epi16(_mm256_add_epi16(sc, sc), _mm256_set1_epi16(1)));
        __m512i sumi[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = _mm512_setzero_si512();
        QS_UNROLL
        for (int p = 0; p < 4; ++p) {  // sub-blocks 2p, 2p + 1
            // the 10-bit grid indices of the 8 points in 16-bit fields: low bytes from qs, the 2-bit
            // pairs of qh above them (bit deposits)
            const uint64_t lo8 = load64(x + offsetof(B, qs) + 8 * p);
            const uint32_t hi2 = load16(x + offsetof(B, qh) + 2 * p);
            const uint64_t i0 = _pdep_u64(lo8, 0x00FF00FF00FF00FFull) | _pdep_u64(hi2, 0x0300030003000300ull);
            const uint64_t i1 = _pdep_u64(lo8 >> 32, 0x00FF00FF00FF00FFull) | _pdep_u64(hi2 >> 8, 0x0300030003000300ull);
            const uint64_t* grid = iq::kIq2sGrid;
            const __m512i g = join(points4(grid, uint32_t(i0 & 0xFFFF), uint32_t(i0 >> 16 & 0xFFFF), uint32_t(i0 >> 32 & 0xFFFF), uint32_t(i0 >> 48)),
                                   points4(grid, uint32_t(i1 & 0xFFFF), uint32_t(i1 >> 16 & 0xFFFF), uint32_t(i1 >> 32 & 0xFFFF), uint32_t(i1 >> 48)));
            uint64_t signs;
            std::memcpy(&signs, x + offsetof(B, qs) + 32 + 8 * p, 8);
            const __mmask64 neg = _cvtu64_mask64(signs);
            const __m512i scv = _mm512_permutexvar_epi16(
                _mm512_setr_epi32(0x10001 * (4 * p), 0x10001 * (4 * p), 0x10001 * (4 * p), 0x10001 * (4 * p),
                                  0x10001 * (4 * p + 1), 0x10001 * (4 * p + 1), 0x10001 * (4 * p + 1), 0x10001 * (4 * p + 1),
                                  0x10001 * (4 * p + 2), 0x10001 * (4 * p + 2), 0x10001 * (4 * p + 2), 0x10001 * (4 * p + 2),
                                  0x10001 * (4 * p + 3), 0x10001 * (4 * p + 3), 0x10001 * (4 * p + 3), 0x10001 * (4 * p + 3)),
                sc512);
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const __m512i yv = ld512(a + t * as + i * kQ8_KBytes + kQ8_KQs + 64 * p);
                const __m512i ys = _mm512_mask_sub_epi8(yv, neg, _mm512_setzero_si512(), yv);
                sumi[t] = _mm512_add_epi32(sumi[t], _mm512_madd_epi16(_mm512_maddubs_epi16(g, ys), scv));
            }
        }
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const float ad = loadF32(a + t * as + i * kQ8_KBytes);
            s.acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * ad), _mm256_cvtepi32_ps(fold(sumi[t])), s.acc[t]);
        }
    }
    s.store(y, ys);
}

// IQ1_S, IQ1_M: the AVX2 kernel's lanes (kernel_impl.h iq1): per 32-weight sub-block the unsigned
// bytes v = q + off from the pre-scaled grid (the same table) x the activations in int16 pairs, times
// the 16-weight scales; once per super-block off x scale x bsums taken off. Here two sub-blocks a
// step in 16 lanes (folded to 8 at the end), the 8 table indices by bit deposits, the scales by
// variable word shifts.
QS_AI __m512i points8(const uint64_t* grid, uint64_t i0, uint64_t i1)  // 16-bit index fields
{
    return join(points4(grid, uint32_t(i0 & 0xFFFF), uint32_t(i0 >> 16 & 0xFFFF), uint32_t(i0 >> 32 & 0xFFFF), uint32_t(i0 >> 48)),
                points4(grid, uint32_t(i1 & 0xFFFF), uint32_t(i1 >> 16 & 0xFFFF), uint32_t(i1 >> 32 & 0xFFFF), uint32_t(i1 >> 48)));
}
// 16-bit lanes 0-7, 8-15, 16-23, 24-31: scale lanes 4p, 4p + 1, 4p + 2, 4p + 3 (two sub-blocks' halves)
QS_AI __m512i pairScales(__m512i sc512, int p)
{
    const int a = 0x10001 * (4 * p), b = 0x10001 * (4 * p + 1), c = 0x10001 * (4 * p + 2), e = 0x10001 * (4 * p + 3);
    return _mm512_permutexvar_epi16(_mm512_setr_epi32(a, a, a, a, b, b, b, b, c, c, c, c, e, e, e, e), sc512);
}
template <bool M, int NT>
QS_AI void iq1Row(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    constexpr size_t kBytes = M ? sizeof(BlockIq1M) : sizeof(BlockIq1S);
    constexpr size_t kQs = M ? offsetof(BlockIq1M, qs) : offsetof(BlockIq1S, qs);
    const __m256i seven = _mm256_set1_epi16(7), one16 = _mm256_set1_epi16(1);
    KAcc<NT> s;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * kBytes;
        float d;
        __m256i sc, off;  // int16 lane j: 2l + 1 of weights 16j..16j+15; the offset v - q
        if constexpr (M) {
            const uint64_t words = load64(x + offsetof(BlockIq1M, scales));
            const uint16_t h = uint16_t((words >> 12 & 0x000F) | (words >> 24 & 0x00F0) | (words >> 36 & 0x0F00) |
                                        (words >> 48 & 0xF000));
            d = _cvtsh_ss(h) * 0.125f;
            const __m256i wv = _mm256_permutexvar_epi16(_mm256_setr_epi16(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3),
                                                        _mm256_set1_epi64x(int64_t(words)));
            sc = _mm256_and_si256(_mm256_srlv_epi16(wv, _mm256_setr_epi16(0, 3, 6, 9, 0, 3, 6, 9, 0, 3, 6, 9, 0, 3, 6, 9)), seven);
            off = _mm256_set1_epi16(9);
        } else {
            d = half(x + offsetof(BlockIq1S, d)) * 0.125f;
            const __m256i wv = _mm256_permutexvar_epi16(_mm256_setr_epi16(0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7),
                                                        _mm256_castsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(x + offsetof(BlockIq1S, qh)))));
            sc = _mm256_and_si256(_mm256_srli_epi16(wv, 12), seven);
            const __m256i neg = _mm256_srli_epi16(wv, 15);
            off = _mm256_add_epi16(_mm256_set1_epi16(7), _mm256_add_epi16(neg, neg));
        }
        sc = _mm256_add_epi16(_mm256_add_epi16(sc, sc), one16);
        const __m512i sc512 = _mm512_castsi256_si512(sc);
        __m512i sumi[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = _mm512_setzero_si512();
        QS_UNROLL
        for (int p = 0; p < 4; ++p) {  // sub-blocks 2p, 2p + 1
            const uint64_t lo8 = load64(x + kQs + 8 * p);
            uint64_t i0, i1;
            const uint64_t* grid;
            if constexpr (M) {  // 8 nibbles: 3 index bits and the delta sign -> bits 8-11
                const uint32_t qh = load32(x + offsetof(BlockIq1M, qh) + 4 * p);
                i0 = _pdep_u64(lo8, 0x00FF00FF00FF00FFull) | _pdep_u64(qh, 0x0F000F000F000F00ull);
                i1 = _pdep_u64(lo8 >> 32, 0x00FF00FF00FF00FFull) | _pdep_u64(qh >> 16, 0x0F000F000F000F00ull);
                grid = kIq1Grid.v;
            } else {  // per sub-block 4 x 3 index bits -> bits 8-10; the grid's 8(g + 1) half
                const uint32_t q0 = load16(x + offsetof(BlockIq1S, qh) + 4 * p), q1 = load16(x + offsetof(BlockIq1S, qh) + 4 * p + 2);
                i0 = _pdep_u64(lo8, 0x00FF00FF00FF00FFull) | _pdep_u64(q0, 0x0700070007000700ull);
                i1 = _pdep_u64(lo8 >> 32, 0x00FF00FF00FF00FFull) | _pdep_u64(q1, 0x0700070007000700ull);
                grid = kIq1Grid.v + 2048;
            }
            const __m512i v = points8(grid, i0, i1);
            const __m512i scv = pairScales(sc512, p);
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const __m512i yv = ld512(a + t * as + i * kQ8_KBytes + kQ8_KQs + 64 * p);
                sumi[t] = _mm512_add_epi32(sumi[t], _mm512_madd_epi16(_mm512_maddubs_epi16(v, yv), scv));
            }
        }
        const __m256i corr = _mm256_mullo_epi16(sc, off);
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
            const __m256i si = _mm256_sub_epi32(fold(sumi[t]), _mm256_madd_epi16(ld256(q8 + kQ8_KBsums), corr));
            s.acc[t] = _mm256_fmadd_ps(_mm256_set1_ps(d * loadF32(q8)), _mm256_cvtepi32_ps(si), s.acc[t]);
        }
    }
    s.store(y, ys);
}

// ---- Tiles --------------------------------------------------------------------------------------
// Q8_0: rows by 4 and tokens by 4, remainders smaller (same bits per element whatever the shape).
// The K-quants: one row at a time, tokens by 4, then one by one.
template <int R>
QS_AI void q8_0Rows(int64_t nb, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, int64_t nt, float* y, size_t ys)
{
    int64_t t = 0;
    for (; t + 4 <= nt; t += 4)
        q8_0Micro<R, 4>(nb, w, ws, a + t * as, as, y + t * ys, ys);
    switch (nt - t) {
    case 3: q8_0Micro<R, 3>(nb, w, ws, a + t * as, as, y + t * ys, ys); break;
    case 2: q8_0Micro<R, 2>(nb, w, ws, a + t * as, as, y + t * ys, ys); break;
    case 1: q8_0Micro<R, 1>(nb, w, ws, a + t * as, as, y + t * ys, ys); break;
    default: break;
    }
}

constexpr int kQ8_0 = 8, kQ2_K = 10, kQ3_K = 11, kQ4_K = 12, kQ5_K = 13, kQ6_K = 14, kIq1S = 19, kIq2S = 22, kIq1M = 29,
              kTq2_0 = 35;  // ggml type ids (core/formats/ggml_types.h)

void q8_0Tile(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
              size_t ys)
{
    const int64_t nb = n / 32;
    int64_t r = 0;
    if (nt > 1)  // one token: one row at a time (4 row streams per thread read memory slower)
        for (; r + 4 <= nr; r += 4)
            q8_0Rows<4>(nb, w + r * ws, ws, a, as, nt, y + r, ys);
    for (; r < nr; ++r)
        q8_0Rows<1>(nb, w + r * ws, ws, a, as, nt, y + r, ys);
}

template <void (*Row4)(int64_t, const uint8_t*, const uint8_t*, size_t, float*, size_t),
          void (*Row1)(int64_t, const uint8_t*, const uint8_t*, size_t, float*, size_t)>
void kTile(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y, size_t ys)
{
    const int64_t nb = n / 256;
    for (int64_t r = 0; r < nr; ++r) {
        int64_t t = 0;
        for (; t + 4 <= nt; t += 4)
            Row4(nb, w + r * ws, a + t * as, as, y + t * ys + r, ys);
        for (; t < nt; ++t)
            Row1(nb, w + r * ws, a + t * as, as, y + t * ys + r, ys);
    }
}
#define QS_ROWS(name, call)                                                                              \
    void name##4(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys) { call<4>(nb, w, a, as, y, ys); } \
    void name##1(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys) { call<1>(nb, w, a, as, y, ys); }
template <int NT> QS_AI void q4KRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys) { q45KRow<false, NT>(nb, w, a, as, y, ys); }
template <int NT> QS_AI void q5KRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys) { q45KRow<true, NT>(nb, w, a, as, y, ys); }
QS_ROWS(q2K, q2KRow)
QS_ROWS(q3K, q3KRow)
QS_ROWS(q4K, q4KRow)
QS_ROWS(q5K, q5KRow)
QS_ROWS(q6K, q6KRow)
QS_ROWS(tq2_, tq2Row)
QS_ROWS(iq2s, iq2sRow)
template <int NT> QS_AI void iq1SRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys) { iq1Row<false, NT>(nb, w, a, as, y, ys); }
template <int NT> QS_AI void iq1MRow(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys) { iq1Row<true, NT>(nb, w, a, as, y, ys); }
QS_ROWS(iq1s, iq1SRow)
QS_ROWS(iq1m, iq1MRow)
#undef QS_ROWS

#undef QS_AI
#undef QS_AL
#undef QS_UNROLL

}  // namespace

void addAvx512VnniKernels(IsaKernels& t)
{
    t.dot[kQ8_0] = &q8_0Tile;
    t.dot[kQ2_K] = &kTile<&q2K4, &q2K1>;
    t.dot[kQ3_K] = &kTile<&q3K4, &q3K1>;
    t.dot[kQ4_K] = &kTile<&q4K4, &q4K1>;
    t.dot[kQ5_K] = &kTile<&q5K4, &q5K1>;
    t.dot[kQ6_K] = &kTile<&q6K4, &q6K1>;
    t.dot[kTq2_0] = &kTile<&tq2_4, &tq2_1>;
    t.dot[kIq2S] = &kTile<&iq2s4, &iq2s1>;
    t.dot[kIq1S] = &kTile<&iq1s4, &iq1s1>;
    t.dot[kIq1M] = &kTile<&iq1m4, &iq1m1>;
}

TileFn q4_0x8Avx512Vnni() { return &q40x8Tile; }

}  // namespace qs::kernels::detail
