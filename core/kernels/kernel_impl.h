// The kernels, written once over the operations of a SIMD backend `Simd` (simd_scalar.h or
// simd_avx2.h). No include guard: kernels_scalar.cpp and kernels_avx2.cpp each include it once
// after defining QS_KERNEL_ISA (isa_scalar / isa_avx2) and including their backend, so every
// template and inline function here lives in that ISA's own namespace (no ODR mixing of code
// compiled with different -m flags).
//
// What the two instantiations share exactly: every lane operation of the backend gives the same
// result in both (integer lanes exactly, float lanes as IEEE single operations with a fused
// multiply-add), the scalar float expressions are the same C++ expressions compiled with
// -ffp-contract=off, and every loop and horizontal sum has one fixed order. So the scalar
// reference and the AVX2 path return bit-identical floats and bytes; test_kernels asserts it.
//
// Activation layouts (llama.cpp's vec-dot types):
//   Q8_0: fp16 d, int8 qs[32]                      (34 bytes)
//   Q8_1: fp16 d, fp16 s = d * sum(qs), int8 qs[32] (36 bytes)
//   Q8_K: float d, int8 qs[256], int16 bsums[16] (sums of 16 consecutive qs) (292 bytes)
#ifndef QS_KERNEL_ISA
#error "define QS_KERNEL_ISA and include a backend first"
#endif
#include "core/formats/blocks.h"  // packed block structs only (offsets, sizes)
#include "core/formats/ggml_types.h"      // the type ids only
#include "core/formats/iq_grids.h"        // the lattice tables (data only)
#include "core/kernels/iq1_grid.h"  // the pre-scaled IQ1 grid (data only)
#include "core/kernels/isa_table.h"

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace qs::kernels::QS_KERNEL_ISA {

using S = Simd;
using I = S::I;
using F = S::F;
using H = S::H;

// Inlining and unrolling as the backend asks (the AVX2 one forces both, so that accumulators of
// the rows/tokens of a micro-kernel live in registers; the scalar reference leaves them to the
// compiler, which keeps its translation unit quick to compile). Results do not depend on it.
#define QS_KINLINE QS_KERNEL_INLINE
#define QS_LAMBDA_INLINE QS_KERNEL_LAMBDA_INLINE
#define QS_UNROLL QS_KERNEL_UNROLL

constexpr int kQ8_0Bytes = 34, kQ8_1Bytes = 36, kQ8_KBytes = 292;
constexpr int kQ8_KQs = 4, kQ8_KBsums = 260;
// Prompt tiles (quantTile): weight rows x tokens per micro-kernel call, as measured on an AMD
// EPYC (Zen 3, AVX2), batched mat-muls of 1024 x 2048 weights, all variants interleaved in one
// process: Q8_0 gains nothing from sharing an activation block over rows (its sign trick is per
// (row, token)); Q4_0 about 15% from 4 rows; Q5_0 and IQ4_NL (more work per row: fifth bits,
// signs) do best with 2; Q4_1 and Q5_1 (minimums per row and token) with 1.
constexpr int kRowsQ8_0 = 1, kRowsQ4_0 = 4, kRowsQ5_0 = 2, kRowsIq4Nl = 2, kRowsMin = 1, kTileTokens = 4;

// Byte shuffles: broadcast int16 lane k (of a 16-byte half) to the whole half.
alignas(32) inline constexpr uint8_t kBcast16[8][32] = {
#define QS_B(k) {2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, \
                 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, \
                 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1, 2 * k, 2 * k + 1}
    QS_B(0), QS_B(1), QS_B(2), QS_B(3), QS_B(4), QS_B(5), QS_B(6), QS_B(7)
#undef QS_B
};
// Low half: int16 lane 2k of the half everywhere; high half: lane 2k + 1 (two sub-blocks of 16).
alignas(32) inline constexpr uint8_t kPair16[4][32] = {
#define QS_P(k) {4 * k, 4 * k + 1, 4 * k, 4 * k + 1, 4 * k, 4 * k + 1, 4 * k, 4 * k + 1, \
                 4 * k, 4 * k + 1, 4 * k, 4 * k + 1, 4 * k, 4 * k + 1, 4 * k, 4 * k + 1, \
                 4 * k + 2, 4 * k + 3, 4 * k + 2, 4 * k + 3, 4 * k + 2, 4 * k + 3, 4 * k + 2, 4 * k + 3, \
                 4 * k + 2, 4 * k + 3, 4 * k + 2, 4 * k + 3, 4 * k + 2, 4 * k + 3, 4 * k + 2, 4 * k + 3}
    QS_P(0), QS_P(1), QS_P(2), QS_P(3)
#undef QS_P
};
// int16 lane i of each half -> lane i/2 + 4 * half of the half's source (mins per pair of bsums).
alignas(32) inline constexpr uint8_t kMinPairs[32] = {0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7, 6, 7,
                                                      8, 9, 8, 9, 10, 11, 10, 11, 12, 13, 12, 13, 14, 15, 14, 15};
// Byte i -> byte i / 8 of a broadcast 32-bit word (each half holds its own copy of the word).
alignas(32) inline constexpr uint8_t kBitBytes[32] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
                                                      2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3};
// Byte i: all bits but bit i % 8.
alignas(32) inline constexpr uint8_t kBitHoles[32] = {
    0xFE, 0xFD, 0xFB, 0xF7, 0xEF, 0xDF, 0xBF, 0x7F, 0xFE, 0xFD, 0xFB, 0xF7, 0xEF, 0xDF, 0xBF, 0x7F,
    0xFE, 0xFD, 0xFB, 0xF7, 0xEF, 0xDF, 0xBF, 0x7F, 0xFE, 0xFD, 0xFB, 0xF7, 0xEF, 0xDF, 0xBF, 0x7F};
alignas(16) inline constexpr int8_t kIq4nl[16] = {-127, -104, -83, -65, -49, -35, -22, -10,
                                                  1, 13, 25, 38, 53, 69, 89, 113};
// MXFP4's E2M1 codes as ggml keeps them: the magnitudes doubled (0, 0.5, ..., 6 -> 0, 1, ..., 12),
// the block scale halved to match (e8m0Half).
alignas(16) inline constexpr int8_t kMxfp4[16] = {0, 1, 2, 3, 4, 6, 8, 12, 0, -1, -2, -3, -4, -6, -8, -12};

#include "core/kernels/byte_loads.h"

// 32 nibbles of 16 bytes: bytes 0-15 the low nibbles, 16-31 the high ones.
QS_KINLINE I nibbles(const uint8_t* p)
{
    const H h = S::load16(p);
    return S::and_(S::join(h, S::srl16h<4>(h)), S::set8(0x0F));
}
// 0xFF in byte i where bit i of v is set, else 0.
QS_KINLINE I bitMask(uint32_t v)
{
    const I spread = S::shuffle8(S::set32(int32_t(v)), S::load(kBitBytes));
    return S::cmpeq8(S::or_(spread, S::load(kBitHoles)), S::set8(-1));
}
// The same for the 32-bit little-endian word at p.
QS_KINLINE I bitBytes(const uint8_t* p) { return bitMask(load32(p)); }
// Bit B of each byte moved to bit T (B, T < 8; the other bits are garbage until masked).
template <int B, int T>
QS_KINLINE I moveBit(I v)
{
    if constexpr (B < T)
        return S::sll16<T - B>(v);
    else if constexpr (B > T)
        return S::srl16<B - T>(v);
    else
        return v;
}

// ---- Legacy 32-weight formats -------------------------------------------------------------------
// Each decoder gives the block's 32 levels as bytes in weight order: signed (activations Q8_0)
// or unsigned (Q8_1, with the block's min m applied through the activation sum s).
struct DecQ8_0 {
    static constexpr int kBytes = sizeof(BlockQ8_0);
    static QS_KINLINE I q(const uint8_t* b) { return S::load(b + offsetof(BlockQ8_0, qs)); }
};
struct DecQ4_0 {
    static constexpr int kBytes = sizeof(BlockQ4_0);
    static QS_KINLINE I q(const uint8_t* b) { return S::sub8(nibbles(b + offsetof(BlockQ4_0, qs)), S::set8(8)); }
};
struct DecQ5_0 {  // nibble | fifth bit << 4, minus 16: bit clear -> nibble - 16 = nibble | 0xF0
    static constexpr int kBytes = sizeof(BlockQ5_0);
    static QS_KINLINE I q(const uint8_t* b)
    {
        const I hi = bitBytes(b + offsetof(BlockQ5_0, qh));
        return S::or_(nibbles(b + offsetof(BlockQ5_0, qs)), S::andnot(hi, S::set8(int8_t(0xF0))));
    }
};
struct DecIq4Nl {
    static constexpr int kBytes = sizeof(BlockIq4Nl);
    static QS_KINLINE I q(const uint8_t* b)
    {
        return S::shuffle8(S::dup16(S::load16(kIq4nl)), nibbles(b + offsetof(BlockIq4Nl, qs)));
    }
};
struct DecMxfp4 {
    static constexpr int kBytes = sizeof(BlockMxfp4);
    static QS_KINLINE I q(const uint8_t* b)
    {
        return S::shuffle8(S::dup16(S::load16(kMxfp4)), nibbles(b + offsetof(BlockMxfp4, qs)));
    }
};
struct DecQ4_1 {
    static constexpr int kBytes = sizeof(BlockQ4_1);
    static constexpr int kM = offsetof(BlockQ4_1, m);
    static QS_KINLINE I q(const uint8_t* b) { return nibbles(b + offsetof(BlockQ4_1, qs)); }
};
struct DecQ5_1 {
    static constexpr int kBytes = sizeof(BlockQ5_1);
    static constexpr int kM = offsetof(BlockQ5_1, m);
    static QS_KINLINE I q(const uint8_t* b)
    {
        const I hi = bitBytes(b + offsetof(BlockQ5_1, qh));
        return S::or_(nibbles(b + offsetof(BlockQ5_1, qs)), S::and_(hi, S::set8(0x10)));
    }
};

// R weight rows x NT activation rows (Q8_0). Per (row, token) and block: the block's integer
// sum (8 int32 lanes) converted to float and multiplied into one accumulator with one fused
// multiply-add by the scale d_w * d_a (d_w of 8 blocks converted at once, d_a from the activation
// row's float extras; the R x NT x 8 products made once per 8 blocks); even and odd blocks in two
// accumulators, added at the end. The same sequence for every (row, token) whatever R and NT, so a
// batch gives the same bits as one token at a time. Each decoded weight block serves NT tokens
// and each activation block R rows.
template <class Dec, int R, int NT>
QS_KINLINE void legacySigned(int64_t nb, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, float* y, size_t ys)
{
    const I ones = S::set16(1);
    const size_t ext = detail::actLayout(false, nb).scales;
    F acc[2][R][NT];
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            acc[0][r][t] = acc[1][r][t] = S::fzero();
    // block b against all (r, t); sc: its scales, (r, t) at sc[(r * NT + t) * 8]
    auto block = [&](int64_t b, int par, const float* sc) QS_LAMBDA_INLINE {
        I x[R], ax[R];
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            x[r] = Dec::q(w + r * ws + b * Dec::kBytes);
            ax[r] = S::sign8(x[r], x[r]);
        }
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const I yv = S::load(a + t * as + b * kQ8_0Bytes + 2);
            QS_UNROLL
            for (int r = 0; r < R; ++r) {
                const I p = S::madd(S::maddubs(ax[r], S::sign8(yv, x[r])), ones);
                acc[par][r][t] = S::fma(S::fbcast(sc + (r * NT + t) * 8), S::cvt(p), acc[par][r][t]);
            }
        }
    };
    alignas(32) float sc[R * NT * 8];
    int64_t b = 0;
    for (; b + 8 <= nb; b += 8) {
        F da[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            da[t] = S::floadu(a + t * as + ext + 4 * b);
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            const F dw = S::template halves8<Dec::kBytes>(w + r * ws + b * Dec::kBytes);
            QS_UNROLL
            for (int t = 0; t < NT; ++t)
                S::fstore(sc + (r * NT + t) * 8, S::fmul(dw, da[t]));
        }
        QS_UNROLL
        for (int j = 0; j < 8; j += 2) {
            block(b + j, 0, sc + j);
            block(b + j + 1, 1, sc + j + 1);
        }
    }
    for (; b < nb; ++b) {
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            const float d0 = S::half(w + r * ws + b * Dec::kBytes);
            QS_UNROLL
            for (int t = 0; t < NT; ++t)
                sc[(r * NT + t) * 8] = d0 * loadF32(a + t * as + ext + 4 * b);
        }
        block(b, int(b & 1), sc);
    }
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            y[t * ys + r] = S::hsum(S::fadd(acc[0][r][t], acc[1][r][t]));
}

// ---- Q4_0, Q5_0, IQ4_NL (x Q8_0) and Q4_1, Q5_1 (x Q8_1) by pairs of blocks ----------------------
// The 16 bytes of nibbles of blocks b and b+1 are loaded side by side, so one 32-byte vector holds
// the low nibbles of both (weights 0..15 of each) and another the high ones (16..31): half the
// unpacking work per block. The activation row's extras hold its quants in the same pair order
// (isa_table.h). The int32 lanes 0-3 of a pair's product belong to block b, 4-7 to block b+1, so
// one scale vector (d_w * d_a of b in lanes 0-3, of b+1 in 4-7) and one fused multiply-add finish
// the pair. Unsigned levels (Q4_0: nibble, level = nibble - 8; Q5_0: 5 bits, level - 16) are
// multiplied as they are and the offset removed with the activation's lane sums (-8 x the sums, added: the
// Q4_0 offset as it is, doubled for Q5_0): no sign tricks.
// Per (row, token) one accumulator (a tile of R rows x NT tokens has R x NT independent chains;
// one row and one token is not limited by the chain's latency either).

// Pair decoders: lo/hi as above; Single decodes one block (the odd last one) as in the Q8_0 path.
alignas(32) inline constexpr uint8_t kPairBitsLo[32] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1,
                                                        4, 4, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5, 5, 5, 5};
alignas(32) inline constexpr uint8_t kPairBitsHi[32] = {2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3,
                                                        6, 6, 6, 6, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7, 7, 7};
alignas(32) inline constexpr int32_t kPairDup[4][8] = {
    {0, 0, 0, 0, 1, 1, 1, 1}, {2, 2, 2, 2, 3, 3, 3, 3}, {4, 4, 4, 4, 5, 5, 5, 5}, {6, 6, 6, 6, 7, 7, 7, 7}};

// 0xFF in byte i of (lo, hi) where the fifth bit of that weight is set: qh words of b and b+1 at p0, p1.
QS_KINLINE void pairBits(const uint8_t* p0, const uint8_t* p1, I& lo, I& hi)
{
    const I bc = S::set64(uint64_t(load32(p0)) | (uint64_t(load32(p1)) << 32));
    const I holes = S::load(kBitHoles), all = S::set8(-1);
    lo = S::cmpeq8(S::or_(S::shuffle8(bc, S::load(kPairBitsLo)), holes), all);
    hi = S::cmpeq8(S::or_(S::shuffle8(bc, S::load(kPairBitsHi)), holes), all);
}
QS_KINLINE void pairNibbles(const uint8_t* q0, const uint8_t* q1, I& lo, I& hi)
{
    const I v = S::join(S::load16(q0), S::load16(q1)), low4 = S::set8(0x0F);
    lo = S::and_(v, low4);
    hi = S::and_(S::srl16<4>(v), low4);
}
struct PairQ4_0 {
    using Single = DecQ4_0;
    static constexpr int kBytes = sizeof(BlockQ4_0), kOffset = 8;
    static constexpr bool kSigned = false, kMin = false;
    static QS_KINLINE void q(const uint8_t* b, I& lo, I& hi)
    {
        pairNibbles(b + offsetof(BlockQ4_0, qs), b + kBytes + offsetof(BlockQ4_0, qs), lo, hi);
    }
};
struct PairQ5_0 {
    using Single = DecQ5_0;
    static constexpr int kBytes = sizeof(BlockQ5_0), kOffset = 16;
    static constexpr bool kSigned = false, kMin = false;
    static QS_KINLINE void q(const uint8_t* b, I& lo, I& hi)
    {
        I bl, bh;
        pairNibbles(b + offsetof(BlockQ5_0, qs), b + kBytes + offsetof(BlockQ5_0, qs), lo, hi);
        pairBits(b + offsetof(BlockQ5_0, qh), b + kBytes + offsetof(BlockQ5_0, qh), bl, bh);
        lo = S::or_(lo, S::and_(bl, S::set8(0x10)));
        hi = S::or_(hi, S::and_(bh, S::set8(0x10)));
    }
};
struct PairIq4Nl {
    using Single = DecIq4Nl;
    static constexpr int kBytes = sizeof(BlockIq4Nl), kOffset = 0;
    static constexpr bool kSigned = true, kMin = false;
    static QS_KINLINE void q(const uint8_t* b, I& lo, I& hi)
    {
        pairNibbles(b + offsetof(BlockIq4Nl, qs), b + kBytes + offsetof(BlockIq4Nl, qs), lo, hi);
        const I table = S::dup16(S::load16(kIq4nl));
        lo = S::shuffle8(table, lo);
        hi = S::shuffle8(table, hi);
    }
};
// MXFP4: IQ4_NL's scheme with another table, and an E8M0 exponent byte instead of an fp16 scale.
struct PairMxfp4 {
    using Single = DecMxfp4;
    static constexpr int kBytes = sizeof(BlockMxfp4), kOffset = 0;
    static constexpr bool kSigned = true, kMin = false, kE8M0 = true;
    static QS_KINLINE void q(const uint8_t* b, I& lo, I& hi)
    {
        pairNibbles(b + offsetof(BlockMxfp4, qs), b + kBytes + offsetof(BlockMxfp4, qs), lo, hi);
        const I table = S::dup16(S::load16(kMxfp4));
        lo = S::shuffle8(table, lo);
        hi = S::shuffle8(table, hi);
    }
};
struct PairQ4_1 {
    using Single = DecQ4_1;
    static constexpr int kBytes = sizeof(BlockQ4_1), kOffset = 0;
    static constexpr bool kSigned = false, kMin = true;
    static QS_KINLINE void q(const uint8_t* b, I& lo, I& hi)
    {
        pairNibbles(b + offsetof(BlockQ4_1, qs), b + kBytes + offsetof(BlockQ4_1, qs), lo, hi);
    }
};
struct PairQ5_1 {
    using Single = DecQ5_1;
    static constexpr int kBytes = sizeof(BlockQ5_1), kOffset = 0;
    static constexpr bool kSigned = false, kMin = true;
    static QS_KINLINE void q(const uint8_t* b, I& lo, I& hi)
    {
        I bl, bh;
        pairNibbles(b + offsetof(BlockQ5_1, qs), b + kBytes + offsetof(BlockQ5_1, qs), lo, hi);
        pairBits(b + offsetof(BlockQ5_1, qh), b + kBytes + offsetof(BlockQ5_1, qh), bl, bh);
        lo = S::or_(lo, S::and_(bl, S::set8(0x10)));
        hi = S::or_(hi, S::and_(bh, S::set8(0x10)));
    }
};

// A block's scale: its fp16 d, or (kE8M0) ggml's E8M0 exponent byte e as 2^(e - 128), the halved
// scale of MXFP4: the float bits (e - 1) << 23, for e < 2 the subnormals 0x00200000 << e. Without a
// branch: the larger (as int32) of (e - 1) << 23 and (e + 1) << 21 (the latter wins exactly for e < 2).
QS_KINLINE float e8m0Half(uint8_t e)
{
    const int32_t normal = (int32_t(e) - 1) * (1 << 23), small = (int32_t(e) + 1) << 21;
    const int32_t bits = normal > small ? normal : small;
    float f;
    std::memcpy(&f, &bits, 4);
    return f;
}
template <class P>
QS_KINLINE float blockScale(const uint8_t* b)
{
    if constexpr (requires { P::kE8M0; })
        return e8m0Half(b[0]);
    else
        return S::half(b);
}
// The scales of 8 consecutive blocks from the first one's start.
template <class P>
QS_KINLINE F blockScales8(const uint8_t* b)
{
    if constexpr (requires { P::kE8M0; }) {  // e8m0Half in 8 lanes (bytes8 reads a byte past the last e)
        const I e = S::template bytes8<P::kBytes>(b);
        return S::asFloat(S::max32(S::sub32(S::template sll32<23>(e), S::set32(1 << 23)),
                                   S::template sll32<21>(S::add32(e, S::set32(1)))));
    } else {
        return S::template halves8<P::kBytes>(b);
    }
}

template <class P, int R, int NT>
QS_KINLINE void legacyPairs(int64_t nb, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, float* y, size_t ys)
{
    constexpr bool kMin = P::kMin;
    constexpr int kActBytes = kMin ? kQ8_1Bytes : kQ8_0Bytes;
    const detail::ActLayout L = detail::actLayout(kMin, nb);
    const I ones = S::set16(1);
    F acc[R][NT], minsV[R][NT];
    float mins[R][NT];
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            acc[r][t] = minsV[r][t] = S::fzero();
            mins[r][t] = 0.0f;
        }
    // pair k (blocks 2k, 2k+1); sc(r, t): the scales of row r, token t (lanes 0-3 block 2k, 4-7 block 2k+1)
    auto pairDot = [&](int64_t k, auto sc) QS_LAMBDA_INLINE {
        I lo[R], hi[R];
        [[maybe_unused]] I alo[R], ahi[R];
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            P::q(w + r * ws + 2 * k * P::kBytes, lo[r], hi[r]);
            if constexpr (P::kSigned) {
                alo[r] = S::sign8(lo[r], lo[r]);
                ahi[r] = S::sign8(hi[r], hi[r]);
            }
        }
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const uint8_t* yp = a + t * as + L.pairs + 64 * k;
            const I ylo = S::load(yp), yhi = S::load(yp + 32);
            [[maybe_unused]] I corr;
            if constexpr (!P::kSigned && P::kOffset > 0) {  // the lane sums are -8 x the activation sums
                corr = S::load(a + t * as + L.laneSums + 32 * k);
                if constexpr (P::kOffset == 16)
                    corr = S::sll32<1>(corr);
            }
            QS_UNROLL
            for (int r = 0; r < R; ++r) {
                I p;
                if constexpr (P::kSigned) {  // |w| x sign(w) * y; two products of up to 127 * 127 * 2 do not fit int16
                    p = S::add32(S::madd(S::maddubs(alo[r], S::sign8(ylo, lo[r])), ones),
                                 S::madd(S::maddubs(ahi[r], S::sign8(yhi, hi[r])), ones));
                } else {  // levels <= 31: both products sum within int16
                    p = S::madd(S::add16(S::maddubs(lo[r], ylo), S::maddubs(hi[r], yhi)), ones);
                    if constexpr (P::kOffset > 0)
                        p = S::add32(p, corr);
                }
                acc[r][t] = S::fma(sc(r, t), S::cvt(p), acc[r][t]);
            }
        }
    };
    int64_t b = 0;
    for (; b + 8 <= nb; b += 8) {
        F sv[R][NT];
        F da[NT];
        [[maybe_unused]] F sa[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            da[t] = S::floadu(a + t * as + L.scales + 4 * b);
            if constexpr (kMin)
                sa[t] = S::floadu(a + t * as + L.scales + 4 * (nb + b));
        }
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            F dw, mw;
            if constexpr (kMin)
                S::template halfPairs8<P::kBytes>(w + r * ws + b * P::kBytes, dw, mw);
            else
                dw = blockScales8<P>(w + r * ws + b * P::kBytes);
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                sv[r][t] = S::fmul(dw, da[t]);
                if constexpr (kMin)
                    minsV[r][t] = S::fadd(minsV[r][t], S::fmul(mw, sa[t]));
            }
        }
        QS_UNROLL
        for (int j = 0; j < 4; ++j) {
            const I idx = S::load(kPairDup[j]);
            pairDot(b / 2 + j, [&](int r, int t) QS_LAMBDA_INLINE { return S::permf(sv[r][t], idx); });
        }
    }
    for (; b + 2 <= nb; b += 2) {
        F sc[R][NT];
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            const uint8_t* w0 = w + r * ws + b * P::kBytes;
            const float d0 = blockScale<P>(w0), d1 = blockScale<P>(w0 + P::kBytes);
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const uint8_t* s = a + t * as + L.scales + 4 * b;
                sc[r][t] = S::fset2(d0 * loadF32(s), d1 * loadF32(s + 4));
                if constexpr (kMin)
                    mins[r][t] += S::half(w0 + 2) * loadF32(s + 4 * nb) + S::half(w0 + P::kBytes + 2) * loadF32(s + 4 * nb + 4);
            }
        }
        pairDot(b / 2, [&](int r, int t) QS_LAMBDA_INLINE { return sc[r][t]; });
    }
    if (b < nb) {  // the odd last block, from the activation blocks as llama.cpp lays them out
        using D = typename P::Single;
        QS_UNROLL
        for (int r = 0; r < R; ++r) {
            const uint8_t* w0 = w + r * ws + b * P::kBytes;
            const I x0 = D::q(w0);
            const float d0 = blockScale<P>(w0);
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const uint8_t* a0 = a + t * as + b * kActBytes;
                const I y0 = S::load(a0 + kActBytes - 32);
                const I p0 = kMin ? S::madd(S::maddubs(x0, y0), ones)
                                  : S::madd(S::maddubs(S::sign8(x0, x0), S::sign8(y0, x0)), ones);
                acc[r][t] = S::fma(S::fset(d0 * loadF32(a + t * as + L.scales + 4 * b)), S::cvt(p0), acc[r][t]);
                if constexpr (kMin)
                    mins[r][t] += S::half(w0 + 2) * loadF32(a + t * as + L.scales + 4 * (nb + b));
            }
        }
    }
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            float v = S::hsum(acc[r][t]);
            if constexpr (kMin)
                v += S::hsum(minsV[r][t]) + mins[r][t];
            y[t * ys + r] = v;
        }
}

// ---- K-quants x Q8_K (256-weight super-blocks) ---------------------------------------------------
// Per super-block and token: the integer sum of scale * level * activation in 8 int32 lanes
// (exact), then acc += (d_w * d_a) * float(lanes); the min terms (Q2_K, Q4_K, Q5_K) likewise in a
// second vector, minAcc += (dmin_w * d_a) * float(min * bsum lanes), with no horizontal sum per
// super-block. Result hsum(acc) - hsum(minAcc).

// Those accumulators, per token of the tile.
template <int NT>
struct KSums {
    F acc[NT];
    F minAcc[NT];  // stays 0 for the formats without a minimum (Q6_K, Q3_K)
    QS_KINLINE KSums()
    {
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            acc[t] = minAcc[t] = S::fzero();
    }
    // Super-block i: its integer lanes per token times d_w * d_a (the activation's d of block i).
    QS_KINLINE void add(const uint8_t* a, size_t as, int64_t i, float d, const I* sumi)
    {
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            acc[t] = S::fma(S::fset(d * loadF32(a + t * as + i * kQ8_KBytes)), S::cvt(sumi[t]), acc[t]);
    }
    // The same with its min term, dmin_w * d_a * msum (msum: int32 lanes of min * bsum products).
    QS_KINLINE void add(const uint8_t* a, size_t as, int64_t i, float d, const I* sumi, float dmin, const I* msum)
    {
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const float ad = loadF32(a + t * as + i * kQ8_KBytes);
            acc[t] = S::fma(S::fset(d * ad), S::cvt(sumi[t]), acc[t]);
            minAcc[t] = S::fma(S::fset(dmin * ad), S::cvt(msum[t]), minAcc[t]);
        }
    }
    QS_KINLINE void store(float* y, size_t ys) const
    {
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            y[t * ys] = S::hsum(acc[t]) - S::hsum(minAcc[t]);
    }
};

// Q4_K / Q5_K scales and mins: int16 lanes 0-7 the 8 scales, 8-15 the 8 mins.
QS_KINLINE I scaleMin6(const uint8_t* q)
{
    const uint32_t w0 = load32(q), w1 = load32(q + 4), w2 = load32(q + 8);
    const uint32_t sc0 = w0 & 0x3f3f3f3fu, mn0 = w1 & 0x3f3f3f3fu;
    const uint32_t sc1 = (w2 & 0x0f0f0f0fu) | (((w0 >> 6) & 0x03030303u) << 4);
    const uint32_t mn1 = ((w2 >> 4) & 0x0f0f0f0fu) | (((w1 >> 6) & 0x03030303u) << 4);
    return S::widenU8(S::seth(sc0, sc1, mn0, mn1));
}

template <bool Five, int NT>
QS_KINLINE void q45K(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B4 = BlockQ4K;
    using B5 = BlockQ5K;
    constexpr int kBytes = Five ? sizeof(B5) : sizeof(B4);
    constexpr int kScales = Five ? offsetof(B5, scales) : offsetof(B4, scales);
    constexpr int kQs = Five ? offsetof(B5, qs) : offsetof(B4, qs);
    constexpr int kDmin = Five ? offsetof(B5, dmin) : offsetof(B4, dmin);
    const I low4 = S::set8(0x0F);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * kBytes;
        const float d = S::half(x), dmin = S::half(x + kDmin);
        const I sm = scaleMin6(x + kScales);
        const I sc = S::dupLane<0>(sm);
        const I mins16 = S::shuffle8(S::dupLane<1>(sm), S::load(kMinPairs));
        I sumi[NT];
        I msum[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
            msum[t] = S::madd(mins16, S::load(q8 + kQ8_KBsums));
            sumi[t] = S::zero();
        }
        [[maybe_unused]] I qh;
        if constexpr (Five)
            qh = S::load(x + offsetof(B5, qh));
#define QS_CHUNK(c)                                                                                        \
    {                                                                                                      \
        const I q = S::load(x + kQs + 32 * c);                                                             \
        I lo = S::and_(q, low4), hi = S::and_(S::srl16<4>(q), low4);                                       \
        if constexpr (Five) {                                                                              \
            lo = S::or_(lo, S::and_(moveBit<2 * c, 4>(qh), S::set8(0x10)));                                \
            hi = S::or_(hi, S::and_(moveBit<2 * c + 1, 4>(qh), S::set8(0x10)));                            \
        }                                                                                                  \
        const I s0 = S::shuffle8(sc, S::load(kBcast16[2 * c])), s1 = S::shuffle8(sc, S::load(kBcast16[2 * c + 1])); \
        QS_UNROLL                                                                                          \
        for (int t = 0; t < NT; ++t) {                                                                     \
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes + kQ8_KQs + 64 * c;                            \
            const I p0 = S::madd(S::maddubs(lo, S::load(q8)), s0);                                         \
            const I p1 = S::madd(S::maddubs(hi, S::load(q8 + 32)), s1);                                    \
            sumi[t] = S::add32(sumi[t], S::add32(p0, p1));                                                 \
        }                                                                                                  \
    }
        QS_CHUNK(0) QS_CHUNK(1) QS_CHUNK(2) QS_CHUNK(3)
#undef QS_CHUNK
        sums.add(a, as, i, d, sumi, dmin, msum);
    }
    sums.store(y, ys);
}

template <int NT>
QS_KINLINE void q6K(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockQ6K;
    const I low4 = S::set8(0x0F);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = S::half(x + offsetof(B, d));
        const I sc = S::widen8(S::load16(x + offsetof(B, scales)));
        I sumi[NT], corr[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {  // levels are stored + 32: subtract 32 * sum(scale * bsum)
            corr[t] = S::madd(sc, S::load(a + t * as + i * kQ8_KBytes + kQ8_KBsums));
            sumi[t] = S::zero();
        }
        for (int n = 0; n < 2; ++n) {
            const I scn = n ? S::dupLane<1>(sc) : S::dupLane<0>(sc);
            const I ql0 = S::load(x + offsetof(B, ql) + 64 * n), ql1 = S::load(x + offsetof(B, ql) + 64 * n + 32);
            const I qh = S::load(x + offsetof(B, qh) + 32 * n);
#define QS_PART(k, q)                                                                  \
    {                                                                                  \
        const I scv = S::shuffle8(scn, S::load(kPair16[k]));                           \
        QS_UNROLL                                                                                          \
        for (int t = 0; t < NT; ++t) {                                                 \
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes + kQ8_KQs + 128 * n + 32 * k; \
            sumi[t] = S::add32(sumi[t], S::madd(S::maddubs(q, S::load(q8)), scv));     \
        }                                                                              \
    }
            QS_PART(0, S::or_(S::and_(ql0, low4), S::sll16<4>(S::and_(qh, S::set8(0x03)))))
            QS_PART(1, S::or_(S::and_(ql1, low4), S::sll16<2>(S::and_(qh, S::set8(0x0C)))))
            QS_PART(2, S::or_(S::and_(S::srl16<4>(ql0), low4), S::and_(qh, S::set8(0x30))))
            QS_PART(3, S::or_(S::and_(S::srl16<4>(ql1), low4), S::srl16<2>(S::and_(qh, S::set8(int8_t(0xC0))))))
#undef QS_PART
        }
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = S::sub32(sumi[t], S::sll32<5>(corr[t]));
        sums.add(a, as, i, d, sumi);
    }
    sums.store(y, ys);
}

// Q3_K: 16 6-bit scales biased by 32; level = low 2 bits + 4 * high bit - 4.
QS_KINLINE I scales3K(const uint8_t* q)
{
    const uint32_t a0 = load32(q), a1 = load32(q + 4), t = load32(q + 8);
    const uint32_t s0 = (a0 & 0x0f0f0f0fu) | ((t & 0x03030303u) << 4);
    const uint32_t s1 = (a1 & 0x0f0f0f0fu) | (((t >> 2) & 0x03030303u) << 4);
    const uint32_t s2 = ((a0 >> 4) & 0x0f0f0f0fu) | (((t >> 4) & 0x03030303u) << 4);
    const uint32_t s3 = ((a1 >> 4) & 0x0f0f0f0fu) | (((t >> 6) & 0x03030303u) << 4);
    return S::sub16(S::widenU8(S::seth(s0, s1, s2, s3)), S::set16(32));
}

template <int NT>
QS_KINLINE void q3K(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockQ3K;
    const I three = S::set8(3), four = S::set8(4);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = S::half(x + offsetof(B, d));
        const I sc = scales3K(x + offsetof(B, scales));
        I sumi[NT], corr[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {  // levels + 4 are stored: subtract 4 * sum(scale * bsum)
            corr[t] = S::madd(sc, S::load(a + t * as + i * kQ8_KBytes + kQ8_KBsums));
            sumi[t] = S::zero();
        }
        const I hm = S::load(x + offsetof(B, hmask));
        for (int h = 0; h < 2; ++h) {
            const I sch = h ? S::dupLane<1>(sc) : S::dupLane<0>(sc);
            const I q2 = S::load(x + offsetof(B, qs) + 32 * h);
#define QS_PART(j)                                                                                  \
    {                                                                                               \
        const I hb = h ? moveBit<4 + j, 2>(hm) : moveBit<j, 2>(hm);                                 \
        const I q = S::or_(S::and_(S::srl16<2 * j>(q2), three), S::and_(hb, four));                 \
        const I scv = S::shuffle8(sch, S::load(kPair16[j]));                                        \
        QS_UNROLL                                                                                          \
        for (int t = 0; t < NT; ++t) {                                                              \
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes + kQ8_KQs + 128 * h + 32 * j;           \
            sumi[t] = S::add32(sumi[t], S::madd(S::maddubs(q, S::load(q8)), scv));                  \
        }                                                                                           \
    }
            QS_PART(0) QS_PART(1) QS_PART(2) QS_PART(3)
#undef QS_PART
        }
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = S::sub32(sumi[t], S::sll32<2>(corr[t]));
        sums.add(a, as, i, d, sumi);
    }
    sums.store(y, ys);
}

template <int NT>
QS_KINLINE void q2K(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockQ2K;
    const I three = S::set8(3);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = S::half(x + offsetof(B, d)), dmin = S::half(x + offsetof(B, dmin));
        const I raw = S::widenU8(S::load16(x + offsetof(B, scales)));
        const I sc = S::and_(raw, S::set16(0x0F)), mn = S::srl16<4>(raw);
        I sumi[NT];
        I msum[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t) {
            msum[t] = S::madd(mn, S::load(a + t * as + i * kQ8_KBytes + kQ8_KBsums));
            sumi[t] = S::zero();
        }
        for (int h = 0; h < 2; ++h) {
            const I sch = h ? S::dupLane<1>(sc) : S::dupLane<0>(sc);
            const I q2 = S::load(x + offsetof(B, qs) + 32 * h);
#define QS_PART(j)                                                                        \
    {                                                                                     \
        const I q = S::and_(S::srl16<2 * j>(q2), three);                                  \
        const I scv = S::shuffle8(sch, S::load(kPair16[j]));                              \
        QS_UNROLL                                                                                          \
        for (int t = 0; t < NT; ++t) {                                                    \
            const uint8_t* q8 = a + t * as + i * kQ8_KBytes + kQ8_KQs + 128 * h + 32 * j; \
            sumi[t] = S::add32(sumi[t], S::madd(S::maddubs(q, S::load(q8)), scv));        \
        }                                                                                 \
    }
            QS_PART(0) QS_PART(1) QS_PART(2) QS_PART(3)
#undef QS_PART
        }
        sums.add(a, as, i, d, sumi, dmin, msum);
    }
    sums.store(y, ys);
}

// ---- IQ4_XS, TQ2_0, TQ1_0 x Q8_K -------------------------------------------------------------------
// The same accumulators as the K-quants (KSums): exact integer lanes per super-block, then one
// fused multiply-add by d_w * d_a.

// IQ4_XS: 8 sub-blocks of 32 weights, IQ4_NL's levels and 6-bit scales ls - 32 (ls: 4 low bits in
// scalesL, 2 high bits in scalesH). Per sub-block |level| x (activation with the level's sign) in
// int16 pairs (at most 2 x 127 x 127), times its scale into int32 lanes.
// The 8 scales ls - 32 as int16 lanes 0-7 of both halves: the nibbles and 2-bit fields spread to a
// byte each in a 64-bit word, then widened.
QS_KINLINE I iq4XsScales(const uint8_t* x)
{
    uint64_t l = load32(x + offsetof(BlockIq4Xs, scalesL)), h = load32(x + offsetof(BlockIq4Xs, scalesH)) & 0xFFFFu;
    l = (l | (l << 16)) & 0x0000FFFF0000FFFFull;
    l = (l | (l << 8)) & 0x00FF00FF00FF00FFull;
    l = (l | (l << 4)) & 0x0F0F0F0F0F0F0F0Full;
    h = (h | (h << 24)) & 0x000000FF000000FFull;
    h = (h | (h << 12)) & 0x000F000F000F000Full;
    h = (h | (h << 6)) & 0x0303030303030303ull;
    const uint64_t ls = l | (h << 4);
    const I v = S::widenU8(S::seth(uint32_t(ls), uint32_t(ls >> 32), 0, 0));
    return S::dupLane<0>(S::sub16(v, S::set16(32)));
}
// Sub-block j (32 weights) of super-block i against each token's activations: sumi[t] += int32 lanes
// of (|w| x activation with w's sign) in int16 pairs (at most 2 x 127 x 127), times the sub-block's
// int16 scale lanes. mag: |w| as unsigned bytes; sgn: bytes with w's sign (0: weight 0).
template <int NT>
QS_KINLINE void signedSub(I* sumi, const uint8_t* a, size_t as, int64_t i, int j, I mag, I sgn, I scale)
{
    QS_UNROLL
    for (int t = 0; t < NT; ++t) {
        const I yv = S::load(a + t * as + i * kQ8_KBytes + kQ8_KQs + 32 * j);
        sumi[t] = S::add32(sumi[t], S::madd(S::maddubs(mag, S::sign8(yv, sgn)), scale));
    }
}
template <int NT>
QS_KINLINE void iq4Xs(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockIq4Xs;
    const I table = S::dup16(S::load16(kIq4nl));
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const float d = S::half(x + offsetof(B, d));
        const I scales = iq4XsScales(x);
        I sumi[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = S::zero();
        QS_UNROLL
        for (int j = 0; j < 8; ++j) {
            const I q = S::shuffle8(table, nibbles(x + offsetof(B, qs) + 16 * j));
            signedSub<NT>(sumi, a, as, i, j, S::sign8(q, q), q, S::shuffle8(scales, S::load(kBcast16[j])));
        }
        sums.add(a, as, i, d, sumi);
    }
    sums.store(y, ys);
}

// Ternary formats: 8 vectors of 32 codes c (weight = (c - 1) * d), vector k against activations
// 32k..32k+31. The products c x a of a super-block sum in int16 lanes (at most 8 x 2 x 3 x 127);
// the offset -1 is the activation sum: the bsums (16 x 127 at most) subtracted lane by lane.
template <int NT>
QS_KINLINE void ternarySums(const I* c, const uint8_t* a, size_t as, int64_t i, I* sumi)
{
    const I ones = S::set16(1);
    QS_UNROLL
    for (int t = 0; t < NT; ++t) {
        const uint8_t* q8 = a + t * as + i * kQ8_KBytes;
        I acc = S::maddubs(c[0], S::load(q8 + kQ8_KQs));
        QS_UNROLL
        for (int k = 1; k < 8; ++k)
            acc = S::add16(acc, S::maddubs(c[k], S::load(q8 + kQ8_KQs + 32 * k)));
        sumi[t] = S::madd(S::sub16(acc, S::load(q8 + kQ8_KBsums)), ones);
    }
}

// TQ2_0: byte m of the 32-byte half h holds in bits 2l the code of weight 128h + 32l + m.
template <int NT>
QS_KINLINE void tq2(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockTq2_0;
    const I three = S::set8(3);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        const I q0 = S::load(x + offsetof(B, qs)), q1 = S::load(x + offsetof(B, qs) + 32);
        const I c[8] = {S::and_(q0, three), S::and_(S::srl16<2>(q0), three), S::and_(S::srl16<4>(q0), three),
                        S::and_(S::srl16<6>(q0), three), S::and_(q1, three), S::and_(S::srl16<2>(q1), three),
                        S::and_(S::srl16<4>(q1), three), S::and_(S::srl16<6>(q1), three)};
        I sumi[NT];
        ternarySums<NT>(c, a, as, i, sumi);
        sums.add(a, as, i, S::half(x + offsetof(B, d)), sumi);
    }
    sums.store(y, ys);
}

// TQ1_0: trit n (0 = most significant) of a byte v is (3 * (v * 3^n mod 256)) >> 8, i.e. 1 from
// 86 and 2 from 171 on. The bytes are kept biased by 128 (v ^ 0x80): multiplying by an odd number
// keeps the bias (3^n * 128 = 128 mod 256), and the thresholds become signed compares.
// Bytes 0xFF in the high 16 bytes; the int16 multipliers of the last vector (below).
alignas(32) inline constexpr uint8_t kHighHalf[32] = {0,    0,    0,    0,    0,    0,    0,    0,    0,    0,    0,
                                                      0,    0,    0,    0,    0,    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
                                                      0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
alignas(32) inline constexpr int16_t kTq1LastMul[16] = {81, 81, 81, 81, 81, 81, 81, 81, 1, 1, 3, 3, 9, 9, 27, 27};
QS_KINLINE I tritCodes(I biased)  // 0, 1, 2
{
    const I ge86 = S::cmpgt8(biased, S::set8(86 - 128 - 1)), ge171 = S::cmpgt8(biased, S::set8(171 - 128 - 1));
    return S::sub8(S::sub8(S::zero(), ge86), ge171);
}
QS_KINLINE I times3(I v) { return S::add8(v, S::add8(v, v)); }
// Bytes times the multiplier of their int16 lane, mod 256.
QS_KINLINE I mulBytes(I v, I m)
{
    const I lowBytes = S::set16(0x00FF);
    return S::or_(S::and_(S::mullo16(v, m), lowBytes), S::mullo16(S::andnot(lowBytes, v), m));
}
// Vectors: trits 0-4 of qs[0..31] (weights 32n + m); then of qs[32..47] (weights 160 + 16n + m)
// trits 0|1, 2|3 and 4 with, in the high half, qh's trits (weight 240 + 4n + j: the qh word
// repeated, dword n times 3^n).
template <int NT>
QS_KINLINE void tq1(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    using B = BlockTq1_0;
    const I bias = S::set8(-128), high = S::load(kHighHalf), lastMul = S::load(kTq1LastMul);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * sizeof(B);
        I c[8];
        I v = S::add8(S::load(x + offsetof(B, qs)), bias);
        c[0] = tritCodes(v);
        QS_UNROLL
        for (int n = 1; n < 5; ++n) {
            v = times3(v);
            c[n] = tritCodes(v);
        }
        const H h = S::load16(x + offsetof(B, qs) + 32);
        const I hv = S::add8(S::dup16(h), bias);
        const I h01 = S::add8(hv, S::and_(S::add8(hv, hv), high));
        c[5] = tritCodes(h01);
        c[6] = tritCodes(times3(times3(h01)));
        const uint32_t qh = load32(x + offsetof(B, qh));
        c[7] = tritCodes(mulBytes(S::add8(S::join(h, S::seth(qh, qh, qh, qh)), bias), lastMul));
        I sumi[NT];
        ternarySums<NT>(c, a, as, i, sumi);
        sums.add(a, as, i, S::half(x + offsetof(B, d)), sumi);
    }
    sums.store(y, ys);
}

// ---- IQ3_XXS, IQ2_XXS, IQ3_S, IQ2_XS, IQ2_S x Q8_K: lattice points (IQ1_S, IQ1_M: below) -------------------
// Per 32-weight sub-block: its grid points' magnitudes (unsigned bytes, at most 62) as one vector,
// the activations negated where the weight's sign bit is set, |w| x a in int16 pairs (at most
// 2 x 62 x 127), times the sub-block's odd scale 2l + 1 (IQ2_XS: one per 16 weights) into int32 lanes. The decoders' sub-block
// scale is d * (0.5 + l) * unit = d * unit / 2 * (2l + 1) (XXS) or d * (2l + 1) (IQ3_S): the
// block's float factor is d * unit / 2 (1/4 for IQ3_XXS, 1/8 for IQ2_XXS; exact, powers of two) or d.
// The signs of 8 weights from a 7-bit field (the eighth by parity) as bytes +1 / -1 (0x01 / 0xFF).
constexpr std::array<uint64_t, 128> makeSignBytes()
{
    std::array<uint64_t, 128> t{};
    for (int k = 0; k < 128; ++k)
        for (int i = 0; i < 8; ++i)
            t[size_t(k)] |= uint64_t((iq::kSignsIq2xs[k] >> i) & 1 ? 0xFF : 0x01) << (8 * i);
    return t;
}
alignas(64) inline constexpr std::array<uint64_t, 128> kSignBytes = makeSignBytes();
// The +-1 bytes of an XXS sub-block's sign word (four 7-bit fields: weights 8k..8k+7).
QS_KINLINE I latticeSigns(uint32_t w)
{
    return S::set64x4(kSignBytes[w & 127], kSignBytes[(w >> 7) & 127], kSignBytes[(w >> 14) & 127],
                      kSignBytes[(w >> 21) & 127]);
}
// Four grid points of 4 bytes as 16 bytes.
QS_KINLINE H points4(const uint32_t* grid, int p0, int p1, int p2, int p3)
{
    return S::seth(grid[p0], grid[p1], grid[p2], grid[p3]);
}
// Four grid points of 8 bytes as 32 bytes.
QS_KINLINE I points8x4(const uint64_t* grid, int p0, int p1, int p2, int p3)
{
    return S::set64x4(grid[p0], grid[p1], grid[p2], grid[p3]);
}
// int16 lane j = byte j / 2 of a broadcast 8-byte word (times 16 for even j: >> 4 then gives
// its low nibble for even j, its high nibble for odd j): IQ2_XS / IQ2_S's 4-bit scales, weights
// 16j..16j+15.
alignas(32) inline constexpr uint8_t kNibbleLanes[32] = {0, 0x80, 0, 0x80, 1, 0x80, 1, 0x80, 2, 0x80, 2, 0x80, 3, 0x80, 3, 0x80,
                                                         4, 0x80, 4, 0x80, 5, 0x80, 5, 0x80, 6, 0x80, 6, 0x80, 7, 0x80, 7, 0x80};
alignas(32) inline constexpr int16_t kNibbleMul[16] = {16, 1, 16, 1, 16, 1, 16, 1, 16, 1, 16, 1, 16, 1, 16, 1};
enum class Lat { Iq3Xxs, Iq2Xxs, Iq3S, Iq2Xs, Iq2S };
template <Lat K, int NT>
QS_KINLINE void iqLattice(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    constexpr size_t kBytes = K == Lat::Iq3Xxs   ? sizeof(BlockIq3Xxs)
                              : K == Lat::Iq2Xxs ? sizeof(BlockIq2Xxs)
                              : K == Lat::Iq3S   ? sizeof(BlockIq3S)
                              : K == Lat::Iq2Xs  ? sizeof(BlockIq2Xs)
                                                 : sizeof(BlockIq2S);
    constexpr float kFactor = K == Lat::Iq3Xxs ? 0.25f : K == Lat::Iq3S ? 1.0f : 0.125f;
    const I one = S::set8(1);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * kBytes;
        const float d = S::half(x) * kFactor;
        [[maybe_unused]] I scLo, scHi;  // IQ2_XS, IQ2_S: the 16-weight scales of sub-blocks 0-3, 4-7 (kPair16)
        if constexpr (K == Lat::Iq2Xs || K == Lat::Iq2S) {
            const uint64_t sw = load64(x + (K == Lat::Iq2Xs ? offsetof(BlockIq2Xs, scales) : offsetof(BlockIq2S, scales)));
            const I nib = S::srl16<4>(S::mullo16(S::shuffle8(S::set64(sw), S::load(kNibbleLanes)), S::load(kNibbleMul)));
            const I sc = S::and_(nib, S::set16(15));
            const I odd = S::add16(S::add16(sc, sc), S::set16(1));
            scLo = S::dupLane<0>(odd);
            scHi = S::dupLane<1>(odd);
        }
        I sumi[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = S::zero();
        auto sub = [&](int ib) __attribute__((always_inline)) {
            uint32_t l = 0;  // the sub-block's scale
            I g, scale, sgn;  // magnitudes, +-1 per weight
            if constexpr (K == Lat::Iq3Xxs) {
                const uint8_t* idx = x + offsetof(BlockIq3Xxs, qs) + 8 * ib;
                const uint32_t word = load32(x + offsetof(BlockIq3Xxs, qs) + 64 + 4 * ib);
                sgn = latticeSigns(word);
                l = word >> 28;
                const uint32_t* grid = iq::kIq3xxsGrid;
                g = S::join(points4(grid, idx[0], idx[1], idx[2], idx[3]), points4(grid, idx[4], idx[5], idx[6], idx[7]));
            } else if constexpr (K == Lat::Iq2Xxs) {
                const uint8_t* idx = x + offsetof(BlockIq2Xxs, qs) + 8 * ib;  // 4 point indices, then the word
                const uint32_t word = load32(idx + 4);
                sgn = latticeSigns(word);
                l = word >> 28;
                g = points8x4(iq::kIq2xxsGrid, idx[0], idx[1], idx[2], idx[3]);
            } else if constexpr (K == Lat::Iq2Xs) {  // 4 words: 9-bit index | 7 sign bits << 9; 2 scales
                const uint8_t* q = x + offsetof(BlockIq2Xs, qs) + 8 * ib;
                const uint32_t w0 = load16(q), w1 = load16(q + 2), w2 = load16(q + 4), w3 = load16(q + 6);
                sgn = S::set64x4(kSignBytes[w0 >> 9], kSignBytes[w1 >> 9], kSignBytes[w2 >> 9], kSignBytes[w3 >> 9]);
                g = points8x4(iq::kIq2xsGrid, int(w0 & 511), int(w1 & 511), int(w2 & 511), int(w3 & 511));
                scale = S::shuffle8(ib < 4 ? scLo : scHi, S::load(kPair16[ib & 3]));  // weights 0-15, 16-31
            } else if constexpr (K == Lat::Iq2S) {  // 10-bit indices (top 2 bits in qh), a sign bit per weight
                const uint8_t* idx = x + offsetof(BlockIq2S, qs) + 4 * ib;
                const int h = x[offsetof(BlockIq2S, qh) + size_t(ib)];
                sgn = S::or_(bitMask(load32(x + offsetof(BlockIq2S, qs) + 32 + 4 * ib)), one);
                g = points8x4(iq::kIq2sGrid, idx[0] | (h << 8 & 0x300), idx[1] | (h << 6 & 0x300),
                              idx[2] | (h << 4 & 0x300), idx[3] | (h << 2 & 0x300));
                scale = S::shuffle8(ib < 4 ? scLo : scHi, S::load(kPair16[ib & 3]));  // weights 0-15, 16-31
            } else {
                const uint8_t* idx = x + offsetof(BlockIq3S, qs) + 8 * ib;
                const int h = x[offsetof(BlockIq3S, qh) + size_t(ib)];
                sgn = S::or_(bitMask(load32(x + offsetof(BlockIq3S, signs) + 4 * ib)), one);
                l = (x[offsetof(BlockIq3S, scales) + size_t(ib / 2)] >> (4 * (ib % 2))) & 15u;
                const uint32_t* grid = iq::kIq3sGrid;
                g = S::join(points4(grid, idx[0] | (h << 8 & 256), idx[1] | (h << 7 & 256), idx[2] | (h << 6 & 256),
                                    idx[3] | (h << 5 & 256)),
                            points4(grid, idx[4] | (h << 4 & 256), idx[5] | (h << 3 & 256), idx[6] | (h << 2 & 256),
                                    idx[7] | (h << 1 & 256)));
            }
            if constexpr (K != Lat::Iq2Xs && K != Lat::Iq2S)
                scale = S::set16(int16_t(2 * l + 1));
            signedSub<NT>(sumi, a, as, i, ib, g, sgn, scale);
        };
        if constexpr (NT == 1) {  // one token: the sub-blocks interleaved (more tokens: registers run out)
            QS_UNROLL
            for (int ib = 0; ib < 8; ++ib)
                sub(ib);
        } else {
            for (int ib = 0; ib < 8; ++ib)
                sub(ib);
        }
        sums.add(a, as, i, d, sumi);
    }
    sums.store(y, ys);
}

// ---- IQ1_S, IQ1_M x Q8_K ------------------------------------------------------------------------
// weight = d (2l + 1) (g + delta), g in -1, 0, +1 (a grid point per 8 weights), delta +-1/8 (IQ1_S:
// one per 32 weights, IQ1_M: one per 8), 2l + 1 one per 32 weights (IQ1_S) or 16 (IQ1_M). With the
// block's float factor d / 8 the integer weight is (2l + 1) q, q = 8g + 8 delta, as an unsigned
// byte v = q + off (at most 18): per sub-block v x a in int16 pairs (at most 2 x 18 x 128) times the
// 16-weight scales into int32 lanes, and once per super-block the offset, off x (2l + 1) x the
// activation sums of 16 (the Q8_K bsums), taken off in int32 lane j/2 (bsums 2j, 2j+1 paired by
// madd). IQ1_M: v = 8(g + 1) + 1 + 8 delta, off = 9; IQ1_S (its delta per 32 weights, as the bsums):
// v = 8(g + 1), off = 8 - 8 delta (7 or 9). Per point only a table lookup (IQ1_M: indexed by the
// 11-bit grid index and the delta sign), then the products.
// The pre-scaled grid: kIq1Grid (core/kernels/iq1_grid.h).
// int16 lane j: the 16-bit word holding the scale of weights 16j..16j+15 (byte shuffles of a
// broadcast: IQ1_M's four scale words, 4 scales each; IQ1_S's eight qh words, 2 lanes each).
alignas(32) inline constexpr uint8_t kIq1MScaleWords[32] = {0, 1, 0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3, 2, 3,
                                                            4, 5, 4, 5, 4, 5, 4, 5, 6, 7, 6, 7, 6, 7, 6, 7};
alignas(32) inline constexpr uint8_t kIq1SScaleWords[32] = {0, 1, 0, 1, 2, 3, 2, 3, 4, 5, 4, 5, 6, 7, 6, 7,
                                                            8, 9, 8, 9, 10, 11, 10, 11, 12, 13, 12, 13, 14, 15, 14, 15};
// IQ1_M: scale j is bits 3(j % 4)..+2 of word j / 4: moved to bits 9-11 by a multiply.
alignas(32) inline constexpr int16_t kIq1MScaleMul[16] = {512, 64, 8, 1, 512, 64, 8, 1, 512, 64, 8, 1, 512, 64, 8, 1};
template <bool M, int NT>
QS_KINLINE void iq1(int64_t nb, const uint8_t* w, const uint8_t* a, size_t as, float* y, size_t ys)
{
    constexpr size_t kBytes = M ? sizeof(BlockIq1M) : sizeof(BlockIq1S);
    const I seven = S::set16(7), one16 = S::set16(1);
    KSums<NT> sums;
    for (int64_t i = 0; i < nb; ++i) {
        const uint8_t* x = w + i * kBytes;
        float d;
        I sc;   // int16 lane j: 2l + 1 of weights 16j..16j+15
        I off;  // and its offset v - q: 9 (IQ1_M), 8 - 8 delta (IQ1_S: 7 or 9)
        if constexpr (M) {  // the fp16 d from the top nibbles of the four scale words
            const uint8_t* scp = x + offsetof(BlockIq1M, scales);
            const uint64_t words = load64(scp);
            const uint16_t h = uint16_t((words >> 12 & 0x000F) | (words >> 24 & 0x00F0) | (words >> 36 & 0x0F00) |
                                        (words >> 48 & 0xF000));
            uint8_t hb[2];
            std::memcpy(hb, &h, 2);
            d = S::half(hb) * 0.125f;
            const I wv = S::shuffle8(S::set64(words), S::load(kIq1MScaleWords));
            sc = S::and_(S::srl16<9>(S::mullo16(wv, S::load(kIq1MScaleMul))), seven);
            off = S::set16(9);
        } else {
            d = S::half(x) * 0.125f;
            const I wv = S::shuffle8(S::dup16(S::load16(x + offsetof(BlockIq1S, qh))), S::load(kIq1SScaleWords));
            sc = S::and_(S::srl16<12>(wv), seven);
            const I neg = S::srl16<15>(wv);  // the delta sign
            off = S::add16(S::set16(7), S::add16(neg, neg));
        }
        sc = S::add16(S::add16(sc, sc), one16);
        const I scLo = S::dupLane<0>(sc), scHi = S::dupLane<1>(sc);  // sub-blocks 0-3, 4-7
        I sumi[NT];
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = S::zero();
        auto sub = [&](int ib) __attribute__((always_inline)) {
            const uint8_t* idx = x + (M ? offsetof(BlockIq1M, qs) : offsetof(BlockIq1S, qs)) + 4 * ib;
            I v;
            if constexpr (M) {
                const uint32_t qh = load16(x + offsetof(BlockIq1M, qh) + 2 * ib);  // 4 nibbles: 3 index bits, delta sign
                v = points8x4(kIq1Grid.v, int(idx[0] | (qh << 8 & 0xF00)), int(idx[1] | (qh << 4 & 0xF00)),
                              int(idx[2] | (qh & 0xF00)), int(idx[3] | (qh >> 4 & 0xF00)));
            } else {
                const uint32_t qh = load16(x + offsetof(BlockIq1S, qh) + 2 * ib);
                const uint64_t* grid = kIq1Grid.v + 2048;  // 8(g + 1): the delta in the offset
                v = points8x4(grid, int(idx[0] | (qh << 8 & 0x700)), int(idx[1] | (qh << 5 & 0x700)),
                              int(idx[2] | (qh << 2 & 0x700)), int(idx[3] | (qh >> 1 & 0x700)));
            }
            const I scale = S::shuffle8(ib < 4 ? scLo : scHi, S::load(kPair16[ib & 3]));
            QS_UNROLL
            for (int t = 0; t < NT; ++t) {
                const I yv = S::load(a + t * as + i * kQ8_KBytes + kQ8_KQs + 32 * ib);
                sumi[t] = S::add32(sumi[t], S::madd(S::maddubs(v, yv), scale));
            }
        };
        if constexpr (NT == 1) {
            QS_UNROLL
            for (int ib = 0; ib < 8; ++ib)
                sub(ib);
        } else {
            for (int ib = 0; ib < 8; ++ib)
                sub(ib);
        }
        const I corr = S::mullo16(sc, off);
        QS_UNROLL
        for (int t = 0; t < NT; ++t)
            sumi[t] = S::sub32(sumi[t], S::madd(S::load(a + t * as + i * kQ8_KBytes + kQ8_KBsums), corr));
        sums.add(a, as, i, d, sumi);
    }
    sums.store(y, ys);
}

// ---- Float rows -------------------------------------------------------------------------------
// R rows x T tokens; per (row, token) one accumulator over groups of 8 (fused multiply-add), its
// horizontal sum, then the n % 8 tail added one product at a time.
struct LoadF32 {
    static constexpr int kSize = 4;
    static QS_KINLINE F v8(const uint8_t* p, int64_t i) { return S::fload(reinterpret_cast<const float*>(p) + i); }
    static QS_KINLINE float one(const uint8_t* p, int64_t i) { return loadF32(p + 4 * i); }
};
struct LoadF16 {
    static constexpr int kSize = 2;
    static QS_KINLINE F v8(const uint8_t* p, int64_t i) { return S::loadHalf8(p + 2 * i); }
    static QS_KINLINE float one(const uint8_t* p, int64_t i) { return S::half(p + 2 * i); }
};
struct LoadBf16 {
    static constexpr int kSize = 2;
    static QS_KINLINE F v8(const uint8_t* p, int64_t i) { return S::loadBf8(p + 2 * i); }
    static QS_KINLINE float one(const uint8_t* p, int64_t i) { return S::bf16(p + 2 * i); }
};

template <class WL, class AL, int R, int T>
QS_KINLINE void floatMicro(int64_t n, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, float* y, size_t ys)
{
    F acc[R][T];
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < T; ++t)
            acc[r][t] = S::fzero();
    int64_t i = 0;
    for (; i + 8 <= n; i += 8) {
        F wv[R];
        QS_UNROLL
        for (int r = 0; r < R; ++r)
            wv[r] = WL::v8(w + r * ws, i);
        QS_UNROLL
        for (int t = 0; t < T; ++t) {
            const F av = AL::v8(a + t * as, i);
            QS_UNROLL
            for (int r = 0; r < R; ++r)
                acc[r][t] = S::fma(wv[r], av, acc[r][t]);
        }
    }
    QS_UNROLL
    for (int r = 0; r < R; ++r)
        QS_UNROLL
        for (int t = 0; t < T; ++t) {
            float s = S::hsum(acc[r][t]);
            for (int64_t j = i; j < n; ++j)
                s += WL::one(w + r * ws, j) * AL::one(a + t * as, j);
            y[t * ys + r] = s;
        }
}

// ---- Tiles: loop a kernel over rows and token groups -------------------------------------------
// K<R, NT>::run: R rows x NT tokens (R <= K<1, 1>::kRows, NT <= kTileTokens). Rows in groups of
// kRows, each group against the tokens in groups of kTileTokens; remainders with smaller R / NT
// (the same per-element sequence, so the same bits). One token: rows one at a time.
template <template <int, int> class K, int R>
QS_KINLINE void quantRows(int64_t nb, const uint8_t* w, size_t ws, const uint8_t* a, size_t as, int64_t nt, float* y,
                          size_t ys)
{
    static_assert(kTileTokens == 4, "the remainders below are 1..3 tokens");
    int64_t t = 0;
    for (; t + kTileTokens <= nt; t += kTileTokens)
        K<R, kTileTokens>::run(nb, w, ws, a + t * as, as, y + t * ys, ys);
    switch (nt - t) {
    case 3: K<R, 3>::run(nb, w, ws, a + t * as, as, y + t * ys, ys); break;
    case 2: K<R, 2>::run(nb, w, ws, a + t * as, as, y + t * ys, ys); break;
    case 1: K<R, 1>::run(nb, w, ws, a + t * as, as, y + t * ys, ys); break;
    default: break;
    }
}
template <template <int, int> class K>
void quantTile(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
               size_t ys)
{
    constexpr int kR = K<1, 1>::kRows;
    const int64_t nb = n / K<1, 1>::kBlock;
    int64_t r = 0;
    if (nt > 1)  // one token: one row at a time (a mat-vec reuses nothing across rows)
        for (; r + kR <= nr; r += kR)
            quantRows<K, kR>(nb, w + r * ws, ws, a, as, nt, y + r, ys);
    if constexpr (kR > 2)
        for (; r + 2 <= nr && nt > 1; r += 2)
            quantRows<K, 2>(nb, w + r * ws, ws, a, as, nt, y + r, ys);
    for (; r < nr; ++r)
        quantRows<K, 1>(nb, w + r * ws, ws, a, as, nt, y + r, ys);
}

// The newer formats (IQ4_XS, IQ3_S, IQ3_XXS, IQ2_S, IQ2_XS, IQ2_XXS, IQ1_M, IQ1_S, MXFP4, TQ1_0, TQ2_0), lighter to compile: one row at a time, tokens 4
// at a time and the rest one by one (two instantiations of the kernel instead of up to eight; the
// same bits, as every (row, token) sees the same sequence whatever the tile).
template <template <int, int> class K>
void quantTileLight(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt,
                    float* y, size_t ys)
{
    const int64_t nb = n / K<1, 1>::kBlock;
    for (int64_t r = 0; r < nr; ++r) {
        int64_t t = 0;
        for (; t + kTileTokens <= nt; t += kTileTokens)
            K<1, kTileTokens>::run(nb, w + r * ws, ws, a + t * as, as, y + t * ys + r, ys);
        for (; t < nt; ++t)
            K<1, 1>::run(nb, w + r * ws, ws, a + t * as, as, y + t * ys + r, ys);
    }
}

#define QS_KERNEL(Name, Block, Rows, Call)                                                                   \
    template <int R, int NT>                                                                                  \
    struct Name {                                                                                             \
        static constexpr int kBlock = Block, kRows = Rows;                                                    \
        static QS_KINLINE void run(int64_t nb, const uint8_t* w, [[maybe_unused]] size_t ws, const uint8_t* a, \
                                   size_t as, float* y, size_t ys)                                            \
        {                                                                                                     \
            Call;                                                                                             \
        }                                                                                                     \
    };
QS_KERNEL(KQ8_0, 32, kRowsQ8_0, (legacySigned<DecQ8_0, R, NT>(nb, w, ws, a, as, y, ys)))
QS_KERNEL(KQ4_0, 32, kRowsQ4_0, (legacyPairs<PairQ4_0, R, NT>(nb, w, ws, a, as, y, ys)))
QS_KERNEL(KQ5_0, 32, kRowsQ5_0, (legacyPairs<PairQ5_0, R, NT>(nb, w, ws, a, as, y, ys)))
QS_KERNEL(KIq4Nl, 32, kRowsIq4Nl, (legacyPairs<PairIq4Nl, R, NT>(nb, w, ws, a, as, y, ys)))
QS_KERNEL(KQ4_1, 32, kRowsMin, (legacyPairs<PairQ4_1, R, NT>(nb, w, ws, a, as, y, ys)))
QS_KERNEL(KQ5_1, 32, kRowsMin, (legacyPairs<PairQ5_1, R, NT>(nb, w, ws, a, as, y, ys)))
QS_KERNEL(KQ2_K, 256, 1, (q2K<NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KQ3_K, 256, 1, (q3K<NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KQ4_K, 256, 1, (q45K<false, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KQ5_K, 256, 1, (q45K<true, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KQ6_K, 256, 1, (q6K<NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KMxfp4, 32, 1, (legacyPairs<PairMxfp4, R, NT>(nb, w, ws, a, as, y, ys)))
QS_KERNEL(KIq4Xs, 256, 1, (iq4Xs<NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KTq2_0, 256, 1, (tq2<NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KTq1_0, 256, 1, (tq1<NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KIq3Xxs, 256, 1, (iqLattice<Lat::Iq3Xxs, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KIq2Xxs, 256, 1, (iqLattice<Lat::Iq2Xxs, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KIq3S, 256, 1, (iqLattice<Lat::Iq3S, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KIq2Xs, 256, 1, (iqLattice<Lat::Iq2Xs, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KIq2S, 256, 1, (iqLattice<Lat::Iq2S, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KIq1S, 256, 1, (iq1<false, NT>(nb, w, a, as, y, ys)))
QS_KERNEL(KIq1M, 256, 1, (iq1<true, NT>(nb, w, a, as, y, ys)))
#undef QS_KERNEL

// Float rows: groups of 4 rows x 2 tokens, remainders with smaller micro-kernels.
template <class WL, class AL, int T>
QS_KINLINE void floatRows(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, float* y,
                          size_t ys)
{
    int64_t r = 0;
    for (; r + 4 <= nr; r += 4)
        floatMicro<WL, AL, 4, T>(n, w + r * ws, ws, a, as, y + r, ys);
    switch (nr - r) {
    case 3: floatMicro<WL, AL, 3, T>(n, w + r * ws, ws, a, as, y + r, ys); break;
    case 2: floatMicro<WL, AL, 2, T>(n, w + r * ws, ws, a, as, y + r, ys); break;
    case 1: floatMicro<WL, AL, 1, T>(n, w + r * ws, ws, a, as, y + r, ys); break;
    default: break;
    }
}
template <class WL, class AL>
void floatTile(int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as, int64_t nt, float* y,
               size_t ys)
{
    int64_t t = 0;
    for (; t + 2 <= nt; t += 2)
        floatRows<WL, AL, 2>(n, w, ws, nr, a + t * as, as, y + t * ys, ys);
    if (t < nt)
        floatRows<WL, AL, 1>(n, w, ws, nr, a + t * as, as, y + t * ys, ys);
}

// ---- Activation quantizers (llama.cpp's, as its AVX2 build runs them) ---------------------------
// Q8_0 / Q8_1: amax of the block; d = amax / 127 (stored fp16); q = round-half-even(x * (127 / amax))
// (0 when amax == 0); Q8_1 also s = fp16(d * sum(q)) with d unrounded. This is llama.cpp's AVX/AVX2
// quantize_row_q8_0/q8_1, which differ from its scalar quantize_row_q8_0_ref (x * (1/d), roundf).
template <bool WithSum>
void quantizeQ8Legacy(const float* x, uint8_t* dst, int64_t n)
{
    constexpr int kBytes = WithSum ? kQ8_1Bytes : kQ8_0Bytes;
    for (int64_t b = 0; b < n / 32; ++b, x += 32) {
        uint8_t* out = dst + b * kBytes;
        const F v0 = S::fload(x), v1 = S::fload(x + 8), v2 = S::fload(x + 16), v3 = S::fload(x + 24);
        const F m = S::fmax(S::fmax(S::fmax(S::fabs(v0), S::fabs(v1)), S::fabs(v2)), S::fabs(v3));
        const float amax = S::hmax(m);
        const float d = amax / 127.0f;
        const float id = amax != 0.0f ? 127.0f / amax : 0.0f;
        const F mul = S::fset(id);
        const I i0 = S::roundToInt(S::fmul(v0, mul)), i1 = S::roundToInt(S::fmul(v1, mul));
        const I i2 = S::roundToInt(S::fmul(v2, mul)), i3 = S::roundToInt(S::fmul(v3, mul));
        const uint16_t dh = S::toHalf(d);
        std::memcpy(out, &dh, 2);
        if constexpr (WithSum) {
            const int32_t sum = S::hsum32(S::add32(S::add32(i0, i1), S::add32(i2, i3)));
            const uint16_t sh = S::toHalf(d * float(sum));
            std::memcpy(out + 2, &sh, 2);
        }
        S::store(out + kBytes - 32, S::packs32to8(i0, i1, i2, i3));
    }
}

// Q8_K (llama.cpp's quantize_row_q8_K_ref, which its x86 builds run): max = the first value of
// largest magnitude; iscale = -127 / max; q = min(127, nearest_int(iscale * x)); d = 1 / iscale;
// bsums. An all-zero block gets d = 0 and zero qs and bsums (llama.cpp leaves bsums as they were).
QS_KINLINE int nearestInt(float f)  // round half to even for |f| < 2^22, like llama.cpp's nearest_int
{
    const float v = f + 12582912.0f;
    int32_t i;
    std::memcpy(&i, &v, 4);
    return (i & 0x007fffff) - 0x00400000;
}
inline void quantizeQ8K(const float* x, uint8_t* dst, int64_t n)
{
    for (int64_t b = 0; b < n / 256; ++b, x += 256) {
        uint8_t* out = dst + b * kQ8_KBytes;
        float amax = 0.0f, max = 0.0f;
        for (int j = 0; j < 256; ++j) {
            const float ax = __builtin_fabsf(x[j]);  // no std:: inline function in an ISA TU
            if (ax > amax) {
                amax = ax;
                max = x[j];
            }
        }
        if (amax == 0.0f) {
            std::memset(out, 0, kQ8_KBytes);
            continue;
        }
        const float iscale = -127.0f / max;
        int8_t q[256];
        for (int j = 0; j < 256; ++j) {
            const int v = nearestInt(iscale * x[j]);
            q[j] = int8_t(v < 127 ? v : 127);
        }
        int16_t bsums[16];
        for (int j = 0; j < 16; ++j) {
            int s = 0;
            for (int k = 0; k < 16; ++k)
                s += q[16 * j + k];
            bsums[j] = int16_t(s);
        }
        const float d = 1.0f / iscale;
        std::memcpy(out, &d, 4);
        std::memcpy(out + kQ8_KQs, q, 256);
        std::memcpy(out + kQ8_KBsums, bsums, 32);
    }
}

inline void convertF16(const float* x, uint8_t* dst, int64_t n)
{
    for (int64_t i = 0; i < n; ++i) {
        const uint16_t h = S::toHalf(x[i]);
        std::memcpy(dst + 2 * i, &h, 2);
    }
}
inline void convertBf16(const float* x, uint8_t* dst, int64_t n)
{
    // ggml's fp32 -> bf16: round to nearest even; NaN kept quiet
    for (int64_t i = 0; i < n; ++i) {
        uint32_t u;
        std::memcpy(&u, x + i, 4);
        const uint16_t h = (u & 0x7fffffffu) > 0x7f800000u ? uint16_t((u >> 16) | 64u)
                                                           : uint16_t((u + (0x7fffu + ((u >> 16) & 1u))) >> 16);
        std::memcpy(dst + 2 * i, &h, 2);
    }
}

// ---- The table ----------------------------------------------------------------------------------
inline detail::IsaKernels makeTable(const char* name)
{
    detail::IsaKernels k{};
    k.name = name;
    auto at = [](GgmlType t) { return int(t); };
    k.dot[at(GgmlType::Q8_0)] = &quantTile<KQ8_0>;
    k.dot[at(GgmlType::Q4_0)] = &quantTile<KQ4_0>;
    k.dot[at(GgmlType::Q5_0)] = &quantTile<KQ5_0>;
    k.dot[at(GgmlType::IQ4_NL)] = &quantTile<KIq4Nl>;
    k.dot[at(GgmlType::Q4_1)] = &quantTile<KQ4_1>;
    k.dot[at(GgmlType::Q5_1)] = &quantTile<KQ5_1>;
    k.dot[at(GgmlType::Q2_K)] = &quantTile<KQ2_K>;
    k.dot[at(GgmlType::Q3_K)] = &quantTile<KQ3_K>;
    k.dot[at(GgmlType::Q4_K)] = &quantTile<KQ4_K>;
    k.dot[at(GgmlType::Q5_K)] = &quantTile<KQ5_K>;
    k.dot[at(GgmlType::Q6_K)] = &quantTile<KQ6_K>;
    k.dot[at(GgmlType::MXFP4)] = &quantTileLight<KMxfp4>;
    k.dot[at(GgmlType::IQ4_XS)] = &quantTileLight<KIq4Xs>;
    k.dot[at(GgmlType::TQ2_0)] = &quantTileLight<KTq2_0>;
    k.dot[at(GgmlType::TQ1_0)] = &quantTileLight<KTq1_0>;
    k.dot[at(GgmlType::IQ3_XXS)] = &quantTileLight<KIq3Xxs>;
    k.dot[at(GgmlType::IQ2_XXS)] = &quantTileLight<KIq2Xxs>;
    k.dot[at(GgmlType::IQ3_S)] = &quantTileLight<KIq3S>;
    k.dot[at(GgmlType::IQ2_XS)] = &quantTileLight<KIq2Xs>;
    k.dot[at(GgmlType::IQ2_S)] = &quantTileLight<KIq2S>;
    k.dot[at(GgmlType::IQ1_S)] = &quantTileLight<KIq1S>;
    k.dot[at(GgmlType::IQ1_M)] = &quantTileLight<KIq1M>;
    k.dot[at(GgmlType::F32)] = &floatTile<LoadF32, LoadF32>;
    k.dot[at(GgmlType::F16)] = &floatTile<LoadF16, LoadF16>;
    k.dot[at(GgmlType::BF16)] = &floatTile<LoadBf16, LoadBf16>;
    k.dotF32[at(GgmlType::F32)] = &floatTile<LoadF32, LoadF32>;
    k.dotF32[at(GgmlType::F16)] = &floatTile<LoadF16, LoadF32>;
    k.dotF32[at(GgmlType::BF16)] = &floatTile<LoadBf16, LoadF32>;
    k.quantize[at(GgmlType::Q8_0)] = &quantizeQ8Legacy<false>;
    k.quantize[at(GgmlType::Q8_1)] = &quantizeQ8Legacy<true>;
    k.quantize[at(GgmlType::Q8_K)] = &quantizeQ8K;
    k.quantize[at(GgmlType::F16)] = &convertF16;
    k.quantize[at(GgmlType::BF16)] = &convertBf16;
    return k;
}

#undef QS_KINLINE
#undef QS_LAMBDA_INLINE
#undef QS_UNROLL

}  // namespace qs::kernels::QS_KERNEL_ISA
