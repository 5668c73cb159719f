// The AVX-512 table: the AVX2 kernels, except float rows (F32, F16, BF16 weights, with F32, F16 or
// BF16 activations; also the float mode's decoded tiles), which run 16 float lanes per vector
// instead of 8, as llama.cpp's AVX-512 builds (libggml-cpu-zen4) do. All float rows widen to F32
// and sum in one order, so an F16 model equals its F32 twin rounded to F16, and a row with
// activations rounded to its type equals the row with activations of its type (the llama mode
// path of kernels::matmul). Per (row, token) the same sequence whatever the tile: 16-lane steps
// into one accumulator (BF16 weights: 32-value steps split into even and odd values, two
// accumulators; see micro), its sum, then the tail one product at a time. Compiled with -mavx512f
// -mavx512bw -mavx512vl -mavx512dq -mfma -mf16c (core/CMakeLists.txt); reached only through
// avx512Kernels() after qs::cpuHasAvx512().
#include "core/kernels/isa_table.h"
#include "core/util/cpu.h"

#include <immintrin.h>

#include <algorithm>
#include <cstring>

namespace qs::kernels::detail {

namespace {

#define QS_AI inline __attribute__((always_inline))
#define QS_UNROLL _Pragma("GCC unroll 8")

QS_AI float halfToFloat(const uint8_t* p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
    return _cvtsh_ss(h);
}
QS_AI float bf16ToFloat(const uint8_t* p)
{
    uint16_t h;
    std::memcpy(&h, p, 2);
    const uint32_t u = uint32_t(h) << 16;
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}

// The sum of the 16 lanes: halves added pairwise down to one (a fixed order).
QS_AI float hsum16(__m512 v)
{
    // (masked extracts: GCC 12's cast and unmasked extract warn about an undefined pass-through)
    const __m256 lo = _mm256_castpd_ps(_mm512_maskz_extractf64x4_pd(0xF, _mm512_castps_pd(v), 0));
    const __m256 hi = _mm256_castpd_ps(_mm512_maskz_extractf64x4_pd(0xF, _mm512_castps_pd(v), 1));
    const __m256 s8 = _mm256_add_ps(lo, hi);
    __m128 s4 = _mm_add_ps(_mm256_castps256_ps128(s8), _mm256_extractf128_ps(s8, 1));
    s4 = _mm_add_ps(s4, _mm_movehl_ps(s4, s4));
    s4 = _mm_add_ss(s4, _mm_movehdup_ps(s4));
    return _mm_cvtss_f32(s4);
}

struct F32Row {
    static constexpr int kSize = 4;
    static constexpr bool kBf16 = false;
    static QS_AI __m512 v16(const uint8_t* p, int64_t i) { return _mm512_loadu_ps(reinterpret_cast<const float*>(p) + i); }
    // elements i, i + 2, ..., i + 30 / i + 1, i + 3, ..., i + 31 (the BF16 rows' split, below)
    static QS_AI void split32(const uint8_t* p, int64_t i, __m512& even, __m512& odd)
    {
        const __m512 lo = v16(p, i), hi = v16(p, i + 16);
        even = _mm512_permutex2var_ps(lo, _mm512_setr_epi32(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), hi);
        odd = _mm512_permutex2var_ps(lo, _mm512_setr_epi32(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), hi);
    }
    static QS_AI float one(const uint8_t* p, int64_t i)
    {
        float f;
        std::memcpy(&f, p + 4 * i, 4);
        return f;
    }
};
struct F16Row {
    static constexpr int kSize = 2;
    static constexpr bool kBf16 = false;
    static QS_AI __m512 v16(const uint8_t* p, int64_t i)
    {
        return _mm512_maskz_cvtph_ps(0xFFFF, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2 * i)));
    }
    static QS_AI float one(const uint8_t* p, int64_t i) { return halfToFloat(p + 2 * i); }
};
struct Bf16Row {
    static constexpr int kSize = 2;
    static constexpr bool kBf16 = true;
    // 32 values: the even ones (the low halves of the 32-bit words) shifted up, the odd ones (the
    // high halves) masked: floats without a lane-crossing widening
    static QS_AI void split32(const uint8_t* p, int64_t i, __m512& even, __m512& odd)
    {
        __m512i v = _mm512_loadu_si512(p + 2 * i);
        __asm__("" : "+v"(v));  // one load for both (not folded into each)
        even = _mm512_castsi512_ps(_mm512_maskz_slli_epi32(0xFFFF, v, 16));
        odd = _mm512_castsi512_ps(_mm512_maskz_and_epi32(0xFFFF, v, _mm512_set1_epi32(int(0xFFFF0000u))));
    }
    static QS_AI __m512 v16(const uint8_t* p, int64_t i)
    {
        // (the maskz forms: GCC 12's unmasked ones warn about their undefined pass-through)
        const __m512i u = _mm512_maskz_cvtepu16_epi32(0xFFFF, _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 2 * i)));
        return _mm512_castsi512_ps(_mm512_maskz_slli_epi32(0xFFFF, u, 16));
    }
    static QS_AI float one(const uint8_t* p, int64_t i) { return bf16ToFloat(p + 2 * i); }
};

// R rows x T tokens: widened weights times widened activations, fused multiply-add in 16 lanes.
// Prefetch: each 64 bytes of a row, the line at the same place R rows further is asked for (a
// mat-vec streaming its matrix from memory: the rows after these, a page each, are in flight
// before their turn; the results do not depend on it).
// BF16 weights: 32 values a step, the even ones into one accumulator and the odd ones into a
// second (lane k: elements 2k, 2k + 1 of each 32), whatever the activations (F32 or BF16: the same
// products in the same lanes, so BF16 activations equal F32 ones rounded to BF16); then at most one
// step of 16 into the first; the two added before the horizontal sum.
template <class WL, class AL, int R, int T, bool Prefetch = false>
QS_AI void micro(int64_t n, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, float* y, size_t ys)
{
    __m512 acc[R][T], acc2[R][T];
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < T; ++t)
            acc[r][t] = acc2[r][t] = _mm512_setzero_ps();
    int64_t i = 0;
    if constexpr (WL::kBf16) {
        for (; i + 32 <= n; i += 32) {
            if constexpr (Prefetch) {
                QS_UNROLL
                for (int r = 0; r < R; ++r)
                    _mm_prefetch(reinterpret_cast<const char*>(w + (r + R) * ws) + i * WL::kSize, _MM_HINT_T0);
            }
            __m512 we[R], wo[R];
            QS_UNROLL
            for (int r = 0; r < R; ++r)
                WL::split32(w + r * ws, i, we[r], wo[r]);
            QS_UNROLL
            for (int t = 0; t < T; ++t) {
                __m512 ae, ao;
                AL::split32(a + t * as, i, ae, ao);
                QS_UNROLL
                for (int r = 0; r < R; ++r) {
                    acc[r][t] = _mm512_fmadd_ps(we[r], ae, acc[r][t]);
                    acc2[r][t] = _mm512_fmadd_ps(wo[r], ao, acc2[r][t]);
                }
            }
        }
    }
    for (; i + 16 <= n; i += 16) {
        if constexpr (Prefetch) {
            if ((i * WL::kSize) % 64 == 0) {
                QS_UNROLL
                for (int r = 0; r < R; ++r)
                    _mm_prefetch(reinterpret_cast<const char*>(w + (r + R) * ws) + i * WL::kSize, _MM_HINT_T0);
            }
        }
        __m512 wv[R];
        QS_UNROLL
        for (int r = 0; r < R; ++r)
            wv[r] = WL::v16(w + r * ws, i);
        QS_UNROLL
        for (int t = 0; t < T; ++t) {
            const __m512 av = AL::v16(a + t * as, i);
            QS_UNROLL
            for (int r = 0; r < R; ++r)
                acc[r][t] = _mm512_fmadd_ps(wv[r], av, acc[r][t]);
        }
    }
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < T; ++t) {
            float s = hsum16(WL::kBf16 ? _mm512_add_ps(acc[r][t], acc2[r][t]) : acc[r][t]);
            for (int64_t j = i; j < n; ++j)
                s += WL::one(w + r * ws, j) * AL::one(a + t * as, j);
            y[t * ys + r] = s;
        }
}

template <template <class, class, int, int> class M, class WL, class AL, int T>
struct Rows {
    static void run(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, float* y, size_t ys)
    {
        int64_t r = 0;
        if constexpr (WL::kBf16 && T == 1)  // a BF16 mat-vec: 7 rows (14 accumulators) a step
            for (; r + 7 <= nr; r += 7)
                M<WL, AL, 7, T>::run(n, w + r * ws, ws, a, as, y + r, ys);
        for (; r + 4 <= nr; r += 4)
            M<WL, AL, 4, T>::run(n, w + r * ws, ws, a, as, y + r, ys);
        switch (nr - r) {
        case 3: M<WL, AL, 3, T>::run(n, w + r * ws, ws, a, as, y + r, ys); break;
        case 2: M<WL, AL, 2, T>::run(n, w + r * ws, ws, a, as, y + r, ys); break;
        case 1: M<WL, AL, 1, T>::run(n, w + r * ws, ws, a, as, y + r, ys); break;
        default: break;
        }
    }
};

template <class WL, class AL, int R, int T>
struct Fma {
    static void run(int64_t n, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, float* y, size_t ys)
    {
        micro<WL, AL, R, T>(n, w, ws, a, as, y, ys);
    }
};
template <class WL, class AL, int R, int T>
struct FmaStream {
    static void run(int64_t n, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, float* y, size_t ys)
    {
        micro<WL, AL, R, T, true>(n, w, ws, a, as, y, ys);
    }
};

// One token against F16 rows streamed from memory: a row at a time (one sequential stream per
// thread, as the matrix lies in memory: 12-15% more decode tokens/s on the 1B F16 demo than 4 rows
// side by side), each 64 bytes asking for the line at the same place of the next row. The same bits
// as any tile: micro with one row and one token.
template <class WL, class AL>
void streamRows(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
                size_t ys)
{
    for (int64_t t = 0; t < nt; ++t)
        for (int64_t r = 0; r < nr; ++r)
            micro<WL, AL, 1, 1, true>(n, w + r * ws, ws, a + t * as, as, y + t * ys + r, ys);
}

// Groups of 4 rows x 4 tokens (BF16 weights: x 2 tokens; BF16 weights and one token: 7 rows),
// remainders with smaller micro-kernels. Four tokens a step halve the loads per multiply-add of two:
// F16 prompt tokens/s of the 1B demo 1.6x.
template <template <class, class, int, int> class M, class WL, class AL>
void tokenGroups(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
                 size_t ys)
{
    int64_t t = 0;
    if constexpr (!WL::kBf16) {  // 16 accumulators: each weight vector serves four tokens
        for (; t + 4 <= nt; t += 4)
            Rows<M, WL, AL, 4>::run(n, w, ws, nr, a + t * as, as, y + t * ys, ys);
    }
    for (; t + 2 <= nt; t += 2)
        Rows<M, WL, AL, 2>::run(n, w, ws, nr, a + t * as, as, y + t * ys, ys);
    if (t < nt)
        Rows<M, WL, AL, 1>::run(n, w, ws, nr, a + t * as, as, y + t * ys, ys);
}
// 5 to 8 tokens (a decode step of several sequences): rows 4 at a time, the first 4 tokens
// with each 64 bytes of a row asking for the line 4 rows further (the rows stream from memory), the
// other tokens after them on the same rows (in cache), so each row is read from memory once: the
// calibration decode of the 1B F16 demo (8 sequences) about 15% faster than token groups outermost.
// More tokens: token groups outermost, their activations hot while the rows stream past. The same
// bits either way (micro's sequence per row and token does not depend on the tile).
template <template <class, class, int, int> class M, class WL, class AL>
void tile(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y, size_t ys)
{
    constexpr int64_t kFewTokens = 8, kStreamTokens = 4, kBlockRows = 4;
    if (nt <= kStreamTokens || nt > kFewTokens) {
        tokenGroups<M, WL, AL>(n, w, ws, nr, a, as, nt, y, ys);
        return;
    }
    for (int64_t r = 0; r < nr; r += kBlockRows) {
        const int64_t rows = std::min(kBlockRows, nr - r);
        tokenGroups<FmaStream, WL, AL>(n, w + r * ws, ws, rows, a, as, kStreamTokens, y + r, ys);
        tokenGroups<M, WL, AL>(n, w + r * ws, ws, rows, a + kStreamTokens * as, as, nt - kStreamTokens,
                               y + kStreamTokens * ys + r, ys);
    }
}

#undef QS_AI
#undef QS_UNROLL

// ggml type ids (core/formats/ggml_types.h, not included: no inline code shared across ISA units).
constexpr int kF32 = 0, kF16 = 1, kBf16 = 30;

}  // namespace

const IsaKernels& avx512Kernels()
{
    static const IsaKernels k = [] {
        IsaKernels t = avx2Kernels();
        t.name = "avx512";
        t.dot[kF32] = &tile<Fma, F32Row, F32Row>;
        t.dot[kF16] = &tile<Fma, F16Row, F16Row>;
        t.dot[kBf16] = &tile<Fma, Bf16Row, Bf16Row>;
        t.dotF32[kF32] = &tile<Fma, F32Row, F32Row>;
        t.dotF32[kF16] = &tile<Fma, F16Row, F32Row>;
        t.dotF32[kBf16] = &tile<Fma, Bf16Row, F32Row>;
        t.dotF32Stream[kF32] = &tile<FmaStream, F32Row, F32Row>;
        t.dotF32Stream[kF16] = &streamRows<F16Row, F32Row>;
        t.dotF32Stream[kBf16] = &tile<FmaStream, Bf16Row, F32Row>;
        if (cpuHasAvx512Vnni())
            addAvx512VnniKernels(t);
        return t;
    }();
    return k;
}

}  // namespace qs::kernels::detail
