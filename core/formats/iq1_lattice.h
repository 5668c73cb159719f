#pragma once
// The ternary lattice formats of llama.cpp (IQ1_S, IQ1_M): what they share; and the search over a
// grid of three levels that they and IQ2_S's encoder use (Grid3Encoder: IQ2_S's points have three
// magnitudes 8, 25, 43, its signs are free, so the same search runs on the weights' magnitudes).
//
// A 256-weight super-block has an fp16 d; every 8 weights are one point g of iq1s_grid (2048 of
// the 3^8 vectors of -1, 0, +1; 11-bit index), shifted by a delta of +-1/8 (one sign per 32 weights
// in IQ1_S, per 8 in IQ1_M), times a sub-block scale d * (2l + 1) with a 3-bit l (per 32 weights in
// IQ1_S, per 16 in IQ1_M):
//   weight = d * (2l + 1) * (g + delta).
//
// Encoding, per super-block (weights w: the importance, or 1 without one), minimising the
// weighted squared error:
//  1. assignment at a scale s, per 8 weights and delta sign: each weight's best level
//     (-1, 0, +1) on its own; if that vector is a grid point it is the best point, otherwise the
//     best of the grid points that differ from it in one or two weights (every vector off the grid
//     has one at distance 1 or 2; the table is built once from the grid). The delta sign with the
//     lower error wins (IQ1_S: summed over its 32 weights);
//  2. each sub-block's own best scale: 3 starts (ratios 0.5, 0.7, 0.9 of its largest magnitude),
//     each assigned, refitted by least squares (the assignment held) and assigned again with the
//     same delta signs; the lowest error wins;
//  3. super-block scale candidates d putting the largest sub-block scale on 2l + 1 = 15 (and 5%
//     below); for each fp16 d every sub-block tries the two odd multiples around its own scale
//     with the exact assignment at the scale the decoder computes; the lowest total wins.
// The per-weight level costs of 8 weights are 8 lanes in the AVX2 compile, with the same float
// operations per weight as the scalar reference (no contraction, core CMake flags) and every sum
// over weights in the reference's order: the fast path writes the reference bytes
// (test_iq_formats, test_gguf_fast_path).
#include "core/formats/inspect.h"
#include "core/formats/iq_grids.h"
#include "core/util/half.h"
#include "core/util/isa.h"

#include <algorithm>
#ifdef __AVX2__
#include <immintrin.h>
#endif
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

namespace qs::iq {
inline namespace QS_ISA {  // compiled once per instruction set (core/util/isa.h)

constexpr float kIq1Delta = 0.125f;  // IQ1S_DELTA, IQ1M_DELTA

// A grid of 8-weight points whose bytes take three values (bytes[0..2], as level indices 0..2: the
// ternary iq1s_grid's -1, 0, +1, iq2s_grid's magnitudes 8, 25, 43), and the neighbours of the
// vectors off it.
template <int NP>
struct Grid3 {
    static constexpr int kCodes = 6561;  // 3^8
    uint8_t level[NP][8];      // level index of weight j of point p
    int16_t pointOf[kCodes];   // base-3 code (digit j: weight j's level index) -> point, or -1
    int middlePoint = 0;       // the point of eight middle levels (ternary: zeros), or 0
    // Off-grid code c: entries near[first[c] .. first[c + 1]), each a point and the weights where
    // it differs from c: p | k1 << 11 | k2 << 16 | k3 << 21 with k = 3 j + level (27: none); the
    // points at distance 1 and 2, or where there are none (23 codes of iq2s_grid) those at 3.
    // (plain arrays: no std::vector instantiated in the AVX2 objects, test_isa_symbols; the
    // grid lives as long as the program)
    const uint32_t* near = nullptr;
    uint32_t first[kCodes + 1] = {};

    Grid3(const uint64_t (&grid)[NP], const uint8_t (&bytes)[3])
    {
        std::fill(std::begin(pointOf), std::end(pointOf), int16_t(-1));
        for (int p = 0; p < NP; ++p) {
            int code = 0;
            for (int j = 7; j >= 0; --j) {
                const uint8_t b = uint8_t(grid[p] >> (8 * j));
                const int v = b == bytes[0] ? 0 : b == bytes[1] ? 1 : 2;
                level[p][j] = uint8_t(v);
                code = 3 * code + v;
            }
            pointOf[code] = int16_t(p);
        }
        if (pointOf[3280] >= 0)  // 1 1 1 1 1 1 1 1 in base 3
            middlePoint = pointOf[3280];
        // two passes: count the entries, then store them
        uint32_t* out = nullptr;
        uint32_t n = 0;
        for (int pass = 0; pass < 2; ++pass) {
            n = 0;
            for (int c = 0; c < kCodes; ++c) {
                first[c] = n;
                if (pointOf[c] >= 0)
                    continue;
                int lc[8], pow3[8];
                for (int j = 0, t = c, q = 1; j < 8; ++j, t /= 3, q *= 3) {
                    lc[j] = t % 3;
                    pow3[j] = q;
                }
                // every way of changing `left` more weights from weight j0 on (code cc, slots k)
                auto walk = [&](auto&& self, int j0, int left, int cc, uint32_t k) -> void {
                    if (left == 0) {
                        if (pointOf[cc] >= 0) {
                            if (out)
                                out[n] = uint32_t(pointOf[cc]) | k;
                            ++n;
                        }
                        return;
                    }
                    const int slot = 11 + 5 * (3 - left);  // one slot per change
                    for (int j = j0; j < 8; ++j)
                        for (int v = 0; v < 3; ++v)
                            if (v != lc[j])
                                self(self, j + 1, left - 1, cc + (v - lc[j]) * pow3[j],
                                     (k & ~(31u << slot)) | uint32_t(3 * j + v) << slot);
                };
                const uint32_t none = 27u << 11 | 27u << 16 | 27u << 21;
                for (int dist = 1; dist <= 3 && (dist < 3 || n == first[c]); ++dist)
                    walk(walk, 0, dist, c, none);
            }
            if (pass == 0)
                out = new uint32_t[n];
        }
        first[kCodes] = n;
        near = out;
    }
};

// The parameters of a three-level lattice encoder P:
//   static constexpr int NP (points), kSub (weights per scale), kDLen (per delta sign; 0: none),
//   kMaxL (largest scale integer); static constexpr float kVal[3] (level values before the delta),
//   kTop (the largest scale over d), kStarts[] (step 2's starts, of amax / kVal[2]);
//   static float scale(float d, int l) (the decoder's sub-block scale), lOf(float s, float d)
//   (the real l giving scale s); static const Grid3<NP>& grid().
template <class P>
class Grid3Encoder {
public:
    static constexpr int kSub = P::kSub, kCount = 256 / kSub, kGroups = 32;
    static constexpr int kDLen = P::kDLen > 0 ? P::kDLen : 8, kSigns = P::kDLen > 0 ? 2 : 1;
    struct Fit {
        float err = 0, num = 0, den = 0;
    };
    struct Super {
        float d = 0;
        int l[kCount] = {};
        uint16_t idx[kGroups] = {};      // point per 8 weights
        uint8_t negDelta[kGroups] = {};  // delta -1/8 per 8 weights (equal within kDLen)
        float err = 0;
    };
    static constexpr float kFactors[] = {1.0f, 0.95f};  // step 3's d candidates (of sMax / kTop)

    Grid3Encoder() : G_(P::grid()) {}

    // The best point of 8 weights at levels s * (kVal[v] + delta), v = 0, 1, 2.
    float bestPoint(const float* x, const float* w, float s, float delta, int& point) const
    {
        const float lv[3] = {s * (P::kVal[0] + delta), s * (P::kVal[1] + delta), s * (P::kVal[2] + delta)};
        alignas(32) float c[3][8], cmin[8];
        int code = 0;
        costs(x, w, lv, c, cmin, code);
        float base = 0.0f;
        for (int j = 7; j >= 0; --j)
            base += cmin[j];
        const int p = G_.pointOf[code];
        if (p >= 0) {
            point = p;
            return base;
        }
        float dc[28];  // the cost of weight j at level v over its own best: dc[3 j + v]; dc[27] = 0
        for (int j = 0; j < 8; ++j)
            for (int v = 0; v < 3; ++v)
                dc[3 * j + v] = c[v][j] - cmin[j];
        dc[27] = 0.0f;
        float best = std::numeric_limits<float>::infinity();
        const uint32_t* e = G_.near + G_.first[code];
        const uint32_t* end = G_.near + G_.first[code + 1];
        int bp = 0;
        for (; e != end; ++e) {
            const float t = dc[(*e >> 11) & 31] + dc[(*e >> 16) & 31] + dc[(*e >> 21) & 31];
            if (t < best) {
                best = t;
                bp = int(*e & 2047);
            }
        }
        point = bp;
        return base + best;
    }

    // Step 1: points and delta signs of the kSub weights x (weights w) at scale s; with fixedNeg,
    // the delta signs given (per 8 weights) instead of the better of the two.
    Fit assign(const float* x, const float* w, float s, uint16_t* idx, uint8_t* negDelta,
               const uint8_t* fixedNeg = nullptr) const
    {
        Fit fit;
        for (int k0 = 0; k0 < kSub / 8; k0 += kDLen / 8) {
            float errS[2] = {0, std::numeric_limits<float>::infinity()};
            int pts[2][kDLen / 8];
            for (int sgn = 0; sgn < kSigns; ++sgn) {
                if (fixedNeg && fixedNeg[k0] != sgn) {
                    errS[sgn] = std::numeric_limits<float>::infinity();
                    continue;
                }
                errS[sgn] = 0.0f;
                const float delta = P::kDLen == 0 ? 0.0f : sgn ? -kIq1Delta : kIq1Delta;
                for (int k = 0; k < kDLen / 8; ++k)
                    errS[sgn] += bestPoint(x + 8 * (k0 + k), w + 8 * (k0 + k), s, delta, pts[sgn][k]);
            }
            const int sgn = errS[1] < errS[0] ? 1 : 0;
            const float delta = P::kDLen == 0 ? 0.0f : sgn ? -kIq1Delta : kIq1Delta;
            fit.err += errS[sgn];
            for (int k = 0; k < kDLen / 8; ++k) {
                const int p = pts[sgn][k];
                idx[k0 + k] = uint16_t(p);
                negDelta[k0 + k] = uint8_t(sgn);
                const float* xk = x + 8 * (k0 + k);
                const float* wk = w + 8 * (k0 + k);
                for (int j = 0; j < 8; ++j) {
                    const float q = P::kVal[G_.level[p][j]] + delta;
                    fit.num += wk[j] * xk[j] * q;
                    fit.den += wk[j] * q * q;
                }
            }
        }
        return fit;
    }

    // Step 2: a sub-block's own best scale (0 for an all-zero or weightless sub-block).
    float ownScale(const float* x, const float* w) const
    {
        float amax = 0.0f;
        for (int i = 0; i < kSub; ++i)
            if (w[i] > 0.0f)
                amax = std::max(amax, std::fabs(x[i]));
        if (!(amax > 0.0f) || !std::isfinite(amax))
            return 0.0f;
        float best = std::numeric_limits<float>::infinity(), bestS = 0.0f;
        uint16_t idx[kSub / 8];
        uint8_t neg[kSub / 8];
        auto tryScale = [&](float s, const uint8_t* fixedNeg) {
            if (!(s > 0.0f) || !std::isfinite(s))
                return Fit{};
            const Fit f = assign(x, w, s, idx, neg, fixedNeg);
            if (f.err < best) {
                best = f.err;
                bestS = s;
            }
            return f;
        };
        for (float r : P::kStarts) {
            const Fit f = tryScale(amax / P::kVal[2] * r, nullptr);
            if (f.den > 0.0f) {
                uint8_t fixed[kSub / 8];
                std::copy(neg, neg + kSub / 8, fixed);
                tryScale(f.num / f.den, fixed);  // the refit keeps the delta signs
            }
        }
        return bestS;
    }

    // Step 3: the super-block (x, w: 256 values; IQ2_S passes the weights' magnitudes).
    Super encode(const float* x, const float* w) const
    {
        float own[kCount];
        float sMax = 0.0f;
        for (int j = 0; j < kCount; ++j) {
            own[j] = ownScale(x + kSub * j, w + kSub * j);
            sMax = std::max(sMax, own[j]);
        }
        Super best;
        best.err = std::numeric_limits<float>::infinity();
        if (sMax > 0.0f) {
            float tried[std::size(kFactors)];
            int nTried = 0;
            for (float f : kFactors) {
                const float d = fp16ToFp32(fp32ToFp16(std::min(sMax / P::kTop * f, 65504.0f)));
                bool seen = false;  // (a loop, not std::find: nothing of std out of line in AVX2 objects)
                for (int t = 0; t < nTried; ++t)
                    seen = seen || tried[t] == d;
                if (!(d > 0.0f) || seen)
                    continue;
                tried[nTried++] = d;
                Super cur;
                cur.d = d;
                for (int j = 0; j < kCount; ++j) {
                    const int l0 = int(std::clamp(std::floor(P::lOf(own[j], d)), 0.0f, float(P::kMaxL)));
                    float e = std::numeric_limits<float>::infinity();
                    for (int l = l0; l <= std::min(l0 + 1, P::kMaxL); ++l) {
                        uint16_t idx[kSub / 8];
                        uint8_t neg[kSub / 8];
                        const Fit fit = assign(x + kSub * j, w + kSub * j, P::scale(d, l), idx, neg);
                        if (fit.err < e) {
                            e = fit.err;
                            cur.l[j] = l;
                            std::copy(idx, idx + kSub / 8, cur.idx + kSub / 8 * j);
                            std::copy(neg, neg + kSub / 8, cur.negDelta + kSub / 8 * j);
                        }
                    }
                    cur.err += e;
                }
                if (cur.err < best.err)
                    best = cur;
            }
        }
        if (!(best.err < std::numeric_limits<float>::infinity())) {
            best = Super{};  // all zero (or nothing representable): d = 0, the middle point, delta +1/8
            std::fill(std::begin(best.idx), std::end(best.idx), uint16_t(G_.middlePoint));
        }
        return best;
    }

private:
    // Per weight j of 8: the costs c[v][j] = w (x - lv[v])^2 of the three levels, the lowest
    // cmin[j] (ties to the middle level, then the lower) and the base-3 code of the lowest levels.
    // The AVX2 compile takes the 8 weights as lanes with the same float operations per weight.
#ifndef __AVX2__
    static void costs(const float* x, const float* w, const float (&lv)[3], float (&c)[3][8], float (&cmin)[8], int& code)
    {
        code = 0;
        for (int j = 7; j >= 0; --j) {
            for (int v = 0; v < 3; ++v) {
                const float e = x[j] - lv[v];
                c[v][j] = w[j] * e * e;
            }
            const int u = c[1][j] <= c[0][j] ? (c[2][j] < c[1][j] ? 2 : 1) : (c[2][j] < c[0][j] ? 2 : 0);
            cmin[j] = c[u][j];
            code = 3 * code + u;
        }
    }
#else
    static void costs(const float* x, const float* w, const float (&lv)[3], float (&c)[3][8], float (&cmin)[8], int& code)
    {
        const __m256 xv = _mm256_loadu_ps(x), wv = _mm256_loadu_ps(w);
        __m256 cv[3];
        for (int v = 0; v < 3; ++v) {
            const __m256 e = _mm256_sub_ps(xv, _mm256_set1_ps(lv[v]));
            cv[v] = _mm256_mul_ps(_mm256_mul_ps(wv, e), e);
            _mm256_store_ps(c[v], cv[v]);
        }
        // u = c1 <= c0 ? (c2 < c1 ? 2 : 1) : (c2 < c0 ? 2 : 0)
        const __m256 le10 = _mm256_cmp_ps(cv[1], cv[0], _CMP_LE_OQ);
        const __m256 m = _mm256_blendv_ps(cv[0], cv[1], le10);  // the lower of levels 0, 1
        const __m256 lt2 = _mm256_cmp_ps(cv[2], m, _CMP_LT_OQ);
        _mm256_store_ps(cmin, _mm256_blendv_ps(m, cv[2], lt2));
        const __m256i one = _mm256_set1_epi32(1), two = _mm256_set1_epi32(2);
        const __m256i u = _mm256_blendv_epi8(_mm256_and_si256(_mm256_castps_si256(le10), one), two, _mm256_castps_si256(lt2));
        const __m256i t = _mm256_mullo_epi32(u, _mm256_setr_epi32(1, 3, 9, 27, 81, 243, 729, 2187));
        const __m128i h = _mm_add_epi32(_mm256_castsi256_si128(t), _mm256_extracti128_si256(t, 1));
        const __m128i h2 = _mm_add_epi32(h, _mm_shuffle_epi32(h, 0x4E));
        code = _mm_cvtsi128_si32(_mm_add_epi32(h2, _mm_shuffle_epi32(h2, 0xB1)));
    }
#endif

    const Grid3<P::NP>& G_;
};

// The ternary formats' encoder parameters (Sub: weights per 3-bit scale, DLen: per delta sign).
template <int Sub, int DLen>
struct TernaryParams {
    static constexpr int NP = 2048, kSub = Sub, kDLen = DLen, kMaxL = 7;
    static constexpr float kVal[3] = {-1.0f, 0.0f, 1.0f};
    static constexpr float kTop = 15.0f;                    // 2 * 7 + 1
    static constexpr float kStarts[] = {0.5f, 0.7f, 0.9f};  // of the largest magnitude
    static float scale(float d, int l) { return d * float(2 * l + 1); }
    static float lOf(float s, float d) { return (s / d - 1.0f) * 0.5f; }
    static const Grid3<NP>& grid()
    {
        static constexpr uint8_t kBytes[3] = {0xFF, 0x00, 0x01};
        static const Grid3<NP> g(kIq1sGrid, kBytes);
        return g;
    }
};
template <int Sub, int DLen>
using TernaryEncoder = Grid3Encoder<TernaryParams<Sub, DLen>>;

// The codec of a ternary lattice format from its layout T (block bytes b):
//   using Block; kSubLen (weights per scale: 32 or 16), kDeltaLen (per delta sign: 32 or 8);
//   d(b): the fp16 bits of d; point(b, k): the point of weights 8k..8k+7; negDelta(b, k): its delta
//   is -1/8; scale(b, s): the 3-bit l of sub-block s; store(b, super): writes a whole block.
template <class T>
struct TernaryCodec {
    using Block = typename T::Block;
    static constexpr int kLen = T::kSubLen, kCount = 256 / kLen;
    using Enc = TernaryEncoder<kLen, T::kDeltaLen>;
    static const uint8_t* bytes(const Block& b) { return reinterpret_cast<const uint8_t*>(&b); }

    static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        const Enc enc;
        float ones[256];
        std::fill(std::begin(ones), std::end(ones), 1.0f);
        for (int64_t i = 0; i < blocks; ++i) {
            uint8_t raw[sizeof(Block)] = {};
            T::store(raw, enc.encode(x + 256 * i, imp ? imp + 256 * i : ones));
            std::memcpy(out + i * int64_t(sizeof(Block)), raw, sizeof raw);
        }
    }
    static void quantizeFast(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        quantizeReference(x, out, blocks, imp);  // this compile's search (AVX2 lanes in the AVX2 compile)
    }
    // llama.cpp's dequantize_row: weight = d * (2l + 1) * (g + delta)
    static void decode(const Block& b, float* y)
    {
        uint16_t h = T::d(bytes(b));
        const float d = fp16ToFp32(h);
        for (int s = 0; s < kCount; ++s) {
            const float dl = d * float(2 * T::scale(bytes(b), s) + 1);
            for (int k = s * kLen / 8; k < (s + 1) * kLen / 8; ++k) {
                const float delta = T::negDelta(bytes(b), k) ? -kIq1Delta : kIq1Delta;
                const uint64_t g = kIq1sGrid[T::point(bytes(b), k)];
                for (int j = 0; j < 8; ++j)
                    y[8 * k + j] = dl * (float(int8_t(uint8_t(g >> (8 * j)))) + delta);
            }
        }
    }
    // Part s: sub-block s. Codes 2 (g + 1) + (delta > 0): levels -1.125, -0.875, -0.125, 0.125,
    // 0.875, 1.125 times the sub-block scale d * (2l + 1).
    static void inspect(const Block& b, int s, BlockInspection& r)
    {
        const float d = fp16ToFp32(T::d(bytes(b)));
        for (int i = 0; i < kLen; ++i) {
            const int k = (s * kLen + i) / 8, j = i % 8;
            const int g = int8_t(uint8_t(kIq1sGrid[T::point(bytes(b), k)] >> (8 * j)));
            r.codes[size_t(i)] = 2 * (g + 1) + (T::negDelta(bytes(b), k) ? 0 : 1);
        }
        static constexpr float kTable[6] = {-1.0f - kIq1Delta, -1.0f + kIq1Delta, -kIq1Delta,
                                            kIq1Delta,         1.0f - kIq1Delta,  1.0f + kIq1Delta};
        const float db = d * float(2 * T::scale(bytes(b), s) + 1);
        r.kquant = true;
        r.subBlocks = kCount;
        r.subBlock = s;
        r.superD = d;
        r.subScaleBits = 4;
        r.subScales.resize(size_t(kCount));
        for (int t = 0; t < kCount; ++t)
            r.subScales[size_t(t)] = 2 * T::scale(bytes(b), t) + 1;
        r.subScaleValue = db;
        r.scale = db;
        r.kind = BlockInspection::Kind::Table;
        r.table.assign(std::begin(kTable), std::end(kTable));
        setLevels(r, 0, 5, [&](int c) { return db * kTable[c]; });
        r.lattice.clear();
        for (int k = s * kLen / 8; k < (s + 1) * kLen / 8; ++k) {
            BlockInspection::LatticeGroup grp;
            grp.point = T::point(bytes(b), k);
            for (int j = 0; j < 8; ++j)
                grp.magnitudes.push_back(int8_t(uint8_t(kIq1sGrid[grp.point] >> (8 * j))));
            grp.shift = T::negDelta(bytes(b), k) ? -kIq1Delta : kIq1Delta;
            r.lattice.push_back(std::move(grp));
        }
        r.latticePoints = int(std::size(kIq1sGrid));
        r.latticeSigns = false;
        r.paritySigns = false;
    }
};

}  // namespace QS_ISA
}  // namespace qs::iq
