#pragma once
// The AVX2 backend of the kernels (core/kernels/kernel_impl.h): each operation is one AVX2 /
// FMA / F16C intrinsic (or a fixed short sequence of them). Included only by translation units
// compiled with -mavx2 -mfma -mf16c; everything lives in namespace isa_avx2 so that nothing
// inline here is shared with (or replaces) code compiled for the baseline CPU.
// simd_scalar.h defines the same operations lane by lane with identical results.
#ifndef __AVX2__
#error "simd_avx2.h needs -mavx2 -mfma -mf16c"
#endif
#include <immintrin.h>

#include <cstdint>
#include <cstring>

#define QS_SIMD_INLINE inline __attribute__((always_inline))
#define QS_KERNEL_INLINE inline __attribute__((always_inline))
#define QS_KERNEL_LAMBDA_INLINE __attribute__((always_inline))
#define QS_KERNEL_UNROLL _Pragma("GCC unroll 16")

namespace qs::kernels::isa_avx2 {

struct Simd {
    static constexpr bool kAvx2 = true;
    using I = __m256i;  // 32 bytes: int8 x 32, int16 x 16 or int32 x 8
    using H = __m128i;  // 16 bytes
    using F = __m256;   // float x 8

    // ---- loads, stores, constants
    static QS_SIMD_INLINE I load(const void* p) { return _mm256_loadu_si256(static_cast<const __m256i*>(p)); }
    static QS_SIMD_INLINE H load16(const void* p) { return _mm_loadu_si128(static_cast<const __m128i*>(p)); }
    static QS_SIMD_INLINE void store(void* p, I v) { _mm256_storeu_si256(static_cast<__m256i*>(p), v); }
    static QS_SIMD_INLINE I join(H lo, H hi) { return _mm256_inserti128_si256(_mm256_castsi128_si256(lo), hi, 1); }
    static QS_SIMD_INLINE I dup16(H v) { return _mm256_broadcastsi128_si256(v); }  // v in both halves
    static QS_SIMD_INLINE I zero() { return _mm256_setzero_si256(); }
    // 16 bytes from four little-endian words, a first
    static QS_SIMD_INLINE H seth(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
    {
        return _mm_setr_epi32(int(a), int(b), int(c), int(d));
    }
    static QS_SIMD_INLINE I set8(int8_t v) { return _mm256_set1_epi8(v); }
    static QS_SIMD_INLINE I set16(int16_t v) { return _mm256_set1_epi16(v); }
    static QS_SIMD_INLINE I set32(int32_t v) { return _mm256_set1_epi32(v); }
    static QS_SIMD_INLINE I set64(uint64_t v) { return _mm256_set1_epi64x(int64_t(v)); }
    // 32 bytes from four little-endian 8-byte words, a first
    static QS_SIMD_INLINE I set64x4(uint64_t a, uint64_t b, uint64_t c, uint64_t d)
    {
        return _mm256_setr_epi64x(int64_t(a), int64_t(b), int64_t(c), int64_t(d));
    }
    // int16 lanes 0-7 = a, 8-15 = b
    static QS_SIMD_INLINE I set16x2(int16_t a, int16_t b)
    {
        return _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_set1_epi16(a)), _mm_set1_epi16(b), 1);
    }

    // ---- bitwise
    static QS_SIMD_INLINE I and_(I a, I b) { return _mm256_and_si256(a, b); }
    static QS_SIMD_INLINE I or_(I a, I b) { return _mm256_or_si256(a, b); }
    static QS_SIMD_INLINE I andnot(I a, I b) { return _mm256_andnot_si256(a, b); }  // ~a & b
    template <int N>
    static QS_SIMD_INLINE I srl16(I a) { return _mm256_srli_epi16(a, N); }
    template <int N>
    static QS_SIMD_INLINE I sll16(I a) { return _mm256_slli_epi16(a, N); }
    template <int N>
    static QS_SIMD_INLINE I sll32(I a) { return _mm256_slli_epi32(a, N); }
    template <int N>
    static QS_SIMD_INLINE H srl16h(H a) { return _mm_srli_epi16(a, N); }

    // ---- integer arithmetic (wrapping)
    static QS_SIMD_INLINE I add8(I a, I b) { return _mm256_add_epi8(a, b); }
    static QS_SIMD_INLINE I sub8(I a, I b) { return _mm256_sub_epi8(a, b); }
    static QS_SIMD_INLINE I add16(I a, I b) { return _mm256_add_epi16(a, b); }
    static QS_SIMD_INLINE I sub16(I a, I b) { return _mm256_sub_epi16(a, b); }
    static QS_SIMD_INLINE I add32(I a, I b) { return _mm256_add_epi32(a, b); }
    static QS_SIMD_INLINE I sub32(I a, I b) { return _mm256_sub_epi32(a, b); }
    static QS_SIMD_INLINE I cmpeq8(I a, I b) { return _mm256_cmpeq_epi8(a, b); }
    static QS_SIMD_INLINE I cmpgt8(I a, I b) { return _mm256_cmpgt_epi8(a, b); }  // signed bytes
    // int16 lane i = low 16 bits of a[i] * b[i]
    static QS_SIMD_INLINE I mullo16(I a, I b) { return _mm256_mullo_epi16(a, b); }
    // a negated where b < 0, zeroed where b == 0 (int8 lanes)
    static QS_SIMD_INLINE I sign8(I a, I b) { return _mm256_sign_epi8(a, b); }
    // int16 lane i = sat16(a[2i] * b[2i] + a[2i+1] * b[2i+1]), a unsigned bytes, b signed bytes
    static QS_SIMD_INLINE I maddubs(I a, I b) { return _mm256_maddubs_epi16(a, b); }
    // int32 lane i = a[2i] * b[2i] + a[2i+1] * b[2i+1] (int16 lanes)
    static QS_SIMD_INLINE I madd(I a, I b) { return _mm256_madd_epi16(a, b); }
    // byte i of each 16-byte half = t[idx[i] & 15] of the same half (0 if idx[i] & 0x80)
    static QS_SIMD_INLINE I shuffle8(I t, I idx) { return _mm256_shuffle_epi8(t, idx); }
    // 16 int8 -> 16 int16 (sign extension) / 16 uint8 -> 16 int16
    static QS_SIMD_INLINE I widen8(H v) { return _mm256_cvtepi8_epi16(v); }
    static QS_SIMD_INLINE I widenU8(H v) { return _mm256_cvtepu8_epi16(v); }
    // both halves = the low (Lane 0) or high (Lane 1) 16 bytes of a
    template <int Lane>
    static QS_SIMD_INLINE I dupLane(I a) { return _mm256_permute2x128_si256(a, a, Lane ? 0x11 : 0x00); }
    // sum of the 8 int32 lanes: (0+4, 1+5, 2+6, 3+7), then (0+2, 1+3), then (0+1)
    static QS_SIMD_INLINE int32_t hsum32(I a)
    {
        __m128i s = _mm_add_epi32(_mm256_castsi256_si128(a), _mm256_extracti128_si256(a, 1));
        s = _mm_add_epi32(s, _mm_unpackhi_epi64(s, s));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
        return _mm_cvtsi128_si32(s);
    }

    // ---- float
    static QS_SIMD_INLINE F fzero() { return _mm256_setzero_ps(); }
    static QS_SIMD_INLINE F fset(float v) { return _mm256_set1_ps(v); }
    static QS_SIMD_INLINE F fload(const float* p) { return _mm256_loadu_ps(p); }
    static QS_SIMD_INLINE void fstore(float* p, F v) { _mm256_storeu_ps(p, v); }
    static QS_SIMD_INLINE F cvt(I a) { return _mm256_cvtepi32_ps(a); }
    static QS_SIMD_INLINE F fmul(F a, F b) { return _mm256_mul_ps(a, b); }
    static QS_SIMD_INLINE F fadd(F a, F b) { return _mm256_add_ps(a, b); }
    static QS_SIMD_INLINE F fmax(F a, F b) { return _mm256_max_ps(a, b); }
    static QS_SIMD_INLINE F fabs(F a) { return _mm256_andnot_ps(_mm256_set1_ps(-0.0f), a); }
    static QS_SIMD_INLINE F fma(F a, F b, F c) { return _mm256_fmadd_ps(a, b, c); }  // a * b + c, one rounding
    // round to nearest even, then to int32 (values within int32 range)
    static QS_SIMD_INLINE I roundToInt(F a)
    {
        return _mm256_cvtps_epi32(_mm256_round_ps(a, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC));
    }
    // 8 int32 lanes each of 4 vectors -> 32 int8 with signed saturation, in order a, b, c, d
    static QS_SIMD_INLINE I packs32to8(I a, I b, I c, I d)
    {
        const __m256i ab = _mm256_packs_epi32(a, b), cd = _mm256_packs_epi32(c, d);
        return _mm256_permutevar8x32_epi32(_mm256_packs_epi16(ab, cd), _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    }
    // fp16 x 8 / bf16 x 8 at p (unaligned) -> float x 8
    static QS_SIMD_INLINE F loadHalf8(const void* p) { return _mm256_cvtph_ps(load16(p)); }
    static QS_SIMD_INLINE F loadBf8(const void* p)
    {
        return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(load16(p)), 16));
    }
    static QS_SIMD_INLINE F floadu(const void* p) { return _mm256_loadu_ps(static_cast<const float*>(p)); }
    static QS_SIMD_INLINE F fbcast(const float* p) { return _mm256_broadcast_ss(p); }  // a load, no shuffle
    static QS_SIMD_INLINE F fset2(float lo, float hi) { return _mm256_set_m128(_mm_set1_ps(hi), _mm_set1_ps(lo)); }
    static QS_SIMD_INLINE F permf(F v, I idx) { return _mm256_permutevar8x32_ps(v, idx); }  // lane i = v[idx[i] & 7]
    static QS_SIMD_INLINE uint16_t loadU16(const uint8_t* p)
    {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return v;
    }
    static QS_SIMD_INLINE uint32_t loadU32(const uint8_t* p)
    {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
    }
    // The 16-bit words at p + k * Stride, k = 0..7: eight loads into one vector (a gather is
    // microcoded on AMD; this made Q8_0, Q4_0, Q5_0 and IQ4_NL dot products 10-40% faster there).
    template <int Stride>
    static QS_SIMD_INLINE __m128i words8(const uint8_t* p)
    {
        __m128i v = _mm_cvtsi32_si128(int(loadU16(p)));
        v = _mm_insert_epi16(v, loadU16(p + Stride), 1);
        v = _mm_insert_epi16(v, loadU16(p + 2 * Stride), 2);
        v = _mm_insert_epi16(v, loadU16(p + 3 * Stride), 3);
        v = _mm_insert_epi16(v, loadU16(p + 4 * Stride), 4);
        v = _mm_insert_epi16(v, loadU16(p + 5 * Stride), 5);
        v = _mm_insert_epi16(v, loadU16(p + 6 * Stride), 6);
        v = _mm_insert_epi16(v, loadU16(p + 7 * Stride), 7);
        return v;
    }
    // The fp16 values at p + k * Stride, k = 0..7.
    template <int Stride>
    static QS_SIMD_INLINE F halves8(const uint8_t* p)
    {
        return _mm256_cvtph_ps(words8<Stride>(p));
    }
    // The 32-bit words at p + k * Stride, k = 0..3.
    template <int Stride>
    static QS_SIMD_INLINE __m128i words4(const uint8_t* p)
    {
        __m128i v = _mm_cvtsi32_si128(int(loadU32(p)));
        v = _mm_insert_epi32(v, int(loadU32(p + Stride)), 1);
        v = _mm_insert_epi32(v, int(loadU32(p + 2 * Stride)), 2);
        return _mm_insert_epi32(v, int(loadU32(p + 3 * Stride)), 3);
    }
    // The bytes at p + k * Stride, k = 0..7, as int32 lanes (16-bit loads as in halves8: p must have
    // one more readable byte after the last).
    template <int Stride>
    static QS_SIMD_INLINE I bytes8(const uint8_t* p)
    {
        return _mm256_and_si256(_mm256_cvtepu16_epi32(words8<Stride>(p)), _mm256_set1_epi32(0xFF));
    }
    static QS_SIMD_INLINE I max32(I a, I b) { return _mm256_max_epi32(a, b); }  // signed
    static QS_SIMD_INLINE F asFloat(I a) { return _mm256_castsi256_ps(a); }       // the same bits
    // The two fp16 values of the 32-bit word at p + k * Stride: lo the first, hi the second.
    template <int Stride>
    static QS_SIMD_INLINE void halfPairs8(const uint8_t* p, F& lo, F& hi)
    {
        // eight 32-bit loads and inserts, not a gather (microcoded and slow on AMD: Q4_1/Q5_1 ~10% faster)
        const __m256i g = _mm256_set_m128i(words4<Stride>(p + 4 * Stride), words4<Stride>(p));
        // per 16-byte half: first halves of its 4 words, then their second halves
        const __m256i s = _mm256_shuffle_epi8(g, _mm256_setr_epi8(0, 1, 4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15,
                                                                  0, 1, 4, 5, 8, 9, 12, 13, 2, 3, 6, 7, 10, 11, 14, 15));
        const __m256i q = _mm256_permute4x64_epi64(s, _MM_SHUFFLE(3, 1, 2, 0));
        lo = _mm256_cvtph_ps(_mm256_castsi256_si128(q));
        hi = _mm256_cvtph_ps(_mm256_extracti128_si256(q, 1));
    }
    // sum of the 8 lanes: (0+4, 1+5, 2+6, 3+7), then (0+2, 1+3), then (0+1)
    static QS_SIMD_INLINE float hsum(F a)
    {
        __m128 s = _mm_add_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
        s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        s = _mm_add_ss(s, _mm_movehdup_ps(s));
        return _mm_cvtss_f32(s);
    }
    static QS_SIMD_INLINE float hmax(F a)
    {
        __m128 s = _mm_max_ps(_mm256_castps256_ps128(a), _mm256_extractf128_ps(a, 1));
        s = _mm_max_ps(s, _mm_movehl_ps(s, s));
        s = _mm_max_ss(s, _mm_movehdup_ps(s));
        return _mm_cvtss_f32(s);
    }

    // ---- scalar conversions (exact)
    static QS_SIMD_INLINE float half(const void* p)
    {
        uint16_t h;
        std::memcpy(&h, p, 2);
        return _cvtsh_ss(h);
    }
    static QS_SIMD_INLINE uint16_t toHalf(float f) { return uint16_t(_cvtss_sh(f, _MM_FROUND_TO_NEAREST_INT)); }
    static QS_SIMD_INLINE float bf16(const void* p)
    {
        uint16_t h;
        std::memcpy(&h, p, 2);
        const uint32_t u = uint32_t(h) << 16;
        float f;
        std::memcpy(&f, &u, 4);
        return f;
    }
};

}  // namespace qs::kernels::isa_avx2
