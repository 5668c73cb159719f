#pragma once
// The lattice ("grid") formats of llama.cpp's IQ family (IQ2_XXS: 256 points of 8 weights, IQ2_XS:
// 512 points of 8 and a scale per 16 weights, IQ3_XXS: 256 points of 4, IQ3_S: 512 points of 4 and
// free signs): what they share.
//
// A 256-weight super-block has an fp16 d and 8 sub-blocks of 32 weights; a sub-block has a 4-bit
// scale l, its weight magnitudes come from grid points (bytes of iq_grids.h) and its signs, in the
// XXS formats from four 7-bit fields, one per 8 weights (the eighth sign makes the number of minus
// signs even), in IQ3_S one bit per weight:
//   weight = ±(d * (0.5 + l) * unit) * grid byte     (unit: 1/4 for IQ2_XXS, 1/2 for IQ3_XXS;
//            ±(d * (1 + 2l)) * grid byte for IQ3_S).
//
// Encoding, per super-block (weights w: the importance, or 1 without one):
//  1. exact assignment at a given sub-block scale s: per 8 weights, the grid point (or pair of
//     points) and signs with the lowest weighted error. Each weight takes the sign of x, except
//     that (with the parity) an odd number of negatives costs one flip: the point's error plus the
//     cheapest flip (w * 4|x| s g). The optimum is found without visiting every point where that
//     can be proven (Encoder::certified: the tuple of each weight's cheapest level is a point, or
//     the best point one level index away beats a lower bound on every other point); otherwise
//     every point is scanned;
//  2. each sub-block's own best scale: 5 starts at ratios 0.5 .. 1.1 of its largest magnitude to
//     the largest grid byte, each assigned; the best start refitted by least squares (the
//     assignment held) and assigned again; the lowest error wins;
//  3. super-block scale candidates d putting the largest sub-block scale on l = 15 (and 5%, 10%
//     below); for each fp16 d every sub-block tries the two integers around its own scale, with
//     the exact assignment at the scale the decoder computes; the lowest total error wins.
// The point scan runs 8 points at a time in the AVX2 compile, with the same float operations per
// point as the scalar reference (no contraction, core CMake flags): the fast path writes the
// reference bytes.
#include "core/formats/inspect.h"
#include "core/formats/iq_grids.h"
#include "core/util/half.h"
#include "core/util/isa.h"

#include <algorithm>
#include <bit>
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

constexpr int kSuper = 256, kSub = 32;

constexpr int ipow(int b, int e) { return e == 0 ? 1 : b * ipow(b, e - 1); }

// One lattice: G weights per point, NL distinct magnitudes, NP points.
template <int G, int NL, int NP = 256>
struct Lattice {
    // Tuples of G level indices (t = sum of v_j NL^j) and the neighbour radius of the search index.
    static constexpr int kTuples = ipow(NL, G), kRadius = 1;
    float level[NL];          // the magnitudes, ascending
    uint8_t code[NP][G];      // level index of weight j of point p
    alignas(32) int32_t codeT[G][NP];  // the same by weight: codeT[j][p] = code[p][j]
    float unit;               // sub-block scale = d * (0.5 + l) * unit (odd: d * (1 + 2l), unit 2)
    bool odd = false;
    // The search index: onGrid[t] the point whose level indices are tuple t (-1: none); the points
    // differing from tuple t in at most kRadius weights: near[nearStart[t] .. nearStart[t + 1]),
    // ascending. (Plain arrays, `near` allocated once and kept for the program's life: no
    // std::vector instantiated in the AVX2 objects, test_isa_symbols.)
    int16_t onGrid[kTuples];
    uint32_t nearStart[kTuples + 1];
    const uint16_t* near = nullptr;
};

// The lattice of a grid table (bytes of each point, little-endian).
template <int G, int NL, int NP, class T>
Lattice<G, NL, NP> makeLattice(const T (&grid)[NP], const uint8_t (&levels)[NL], float unit, bool odd = false)
{
    using L_t = Lattice<G, NL, NP>;
    L_t L{};
    L.odd = odd;
    for (int v = 0; v < NL; ++v)
        L.level[v] = float(levels[v]);
    for (int p = 0; p < NP; ++p)
        for (int j = 0; j < G; ++j) {
            const uint8_t b = uint8_t(uint64_t(grid[p]) >> (8 * j));
            for (int v = 0; v < NL; ++v)
                if (levels[v] == b) {
                    L.code[p][j] = uint8_t(v);
                    L.codeT[j][p] = v;
                }
        }
    L.unit = unit;
    for (int t = 0; t < L_t::kTuples; ++t)
        L.onGrid[t] = -1;
    for (int p = 0; p < NP; ++p) {
        int t = 0;
        for (int j = G - 1; j >= 0; --j)
            t = t * NL + L.code[p][j];
        L.onGrid[t] = int16_t(p);
    }
    // two passes: count, then store
    uint16_t* near = nullptr;
    for (int pass = 0; pass < 2; ++pass) {
        uint32_t n = 0;
        for (int t = 0; t < L_t::kTuples; ++t) {
            L.nearStart[t] = n;
            uint8_t digit[G];
            for (int j = 0, r = t; j < G; ++j, r /= NL)
                digit[j] = uint8_t(r % NL);
            for (int p = 0; p < NP; ++p) {
                int differ = 0;
                for (int j = 0; j < G; ++j)
                    differ += L.code[p][j] != digit[j];
                if (differ <= L_t::kRadius) {
                    if (near)
                        near[n] = uint16_t(p);
                    ++n;
                }
            }
        }
        L.nearStart[L_t::kTuples] = n;
        if (pass == 0)
            near = new uint16_t[n];
    }
    L.near = near;
    return L;
}

// A sub-block's encoding (Sub weights: 32, or 16 for IQ2_XS): point indices (Sub / G), signs per
// 8 weights (with parity: 7 bits).
template <int G, int Sub = kSub>
struct SubCode {
    uint16_t idx[Sub / G] = {};
    uint8_t signs[Sub / 8] = {};
};

// The decoder's sub-block scale: d * (0.5 + l) * unit, or for the odd scales d * (1 + 2l).
inline float subScale(float d, int l, float unit, bool odd = false)
{
    return odd ? d * float(1 + 2 * l) : d * (0.5f + float(uint32_t(l))) * unit;
}

// Parity: the formats whose eighth sign per 8 weights is implied (an even count of minus signs).
// Sub: weights per sub-block scale (32, or 16 for IQ2_XS).
template <int G, int NL, int NP = 256, bool Parity = true, int Sub = kSub>
class Encoder {
public:
    static constexpr int kLen = Sub, kCount = kSuper / Sub;
    using Code = SubCode<G, Sub>;
    explicit Encoder(const Lattice<G, NL, NP>& lat) : L_(lat) {}

    struct Fit {
        float err = 0;  // weighted squared error
        float num = 0;  // sum w x sign g (least-squares scale = num / den)
        float den = 0;  // sum w g^2
    };

    // Step 1: the best points and signs of sub-block x (weights w) at scale s.
    Fit assign(const float* x, const float* w, float s, Code& out) const
    {
        constexpr int kHalves = 8 / G;
        Fit fit;
        // the levels at scale s (padded with zeros to 8: never a point's level)
        alignas(32) float sl[8] = {};
        for (int v = 0; v < NL; ++v)
            sl[v] = s * L_.level[v];
#ifdef __AVX2__
        const __m256 slv = _mm256_load_ps(sl);
#endif
        for (int k = 0; k < Sub / 8; ++k) {
            const float* xk = x + 8 * k;
            const float* wk = w + 8 * k;
            uint8_t neg = 0;
            alignas(32) float cost[8][8], flip[8][8];  // [weight][level], padded to 8 levels
            for (int i = 0; i < 8; ++i) {
                const float a = std::fabs(xk[i]);
                if (xk[i] < 0.0f)
                    neg |= uint8_t(1u << i);
#ifdef __AVX2__
                const __m256 e = _mm256_sub_ps(_mm256_set1_ps(a), slv);
                const __m256 w = _mm256_set1_ps(wk[i]);
                _mm256_store_ps(cost[i], _mm256_mul_ps(_mm256_mul_ps(w, e), e));
                _mm256_store_ps(flip[i], _mm256_mul_ps(_mm256_mul_ps(w, _mm256_set1_ps(4.0f * a)), slv));
#else
                for (int v = 0; v < 8; ++v) {
                    const float e = a - sl[v];
                    cost[i][v] = wk[i] * e * e;
                    flip[i][v] = wk[i] * (4.0f * a) * sl[v];
                }
#endif
            }
            // Per half: the best point unflipped, and the best with its cheapest flip.
            float bestE[kHalves], bestF[kHalves];
            int pE[kHalves], pF[kHalves], iF[kHalves];
            const bool needFlip = Parity && std::popcount(unsigned(neg)) % 2 != 0;
            for (int h = 0; h < kHalves; ++h) {
                Best b;
                search(cost + G * h, flip + G * h, needFlip, b);
                bestE[h] = b.e;
                bestF[h] = b.f;
                pE[h] = b.pe;
                pF[h] = b.pf;
                iF[h] = G * h + b.fi;
            }
            int chosen[kHalves];
            int flipAt = -1;
            float err = 0.0f;
            for (int h = 0; h < kHalves; ++h) {
                chosen[h] = pE[h];
                err += bestE[h];
            }
            if (Parity && std::popcount(unsigned(neg)) % 2 != 0) {
                // one half flips (G = 4: the cheaper choice of the two)
                int hf = 0;
                float best = std::numeric_limits<float>::infinity();
                for (int h = 0; h < kHalves; ++h) {
                    float t = bestF[h];
                    for (int o = 0; o < kHalves; ++o)
                        if (o != h)
                            t += bestE[o];
                    if (t < best) {
                        best = t;
                        hf = h;
                    }
                }
                chosen[hf] = pF[hf];
                flipAt = iF[hf];
                err = best;
            }
            const uint8_t signs = flipAt >= 0 ? uint8_t(neg ^ (1u << flipAt)) : neg;
            out.signs[k] = Parity ? signs & 127 : signs;
            for (int h = 0; h < kHalves; ++h) {
                out.idx[k * kHalves + h] = uint16_t(chosen[h]);
                for (int j = 0; j < G; ++j) {
                    const int i = G * h + j;
                    const float g = L_.level[L_.code[chosen[h]][j]];
                    const float sx = (signs >> i) & 1 ? -xk[i] : xk[i];
                    fit.num += wk[i] * sx * g;
                    fit.den += wk[i] * g * g;
                }
            }
            fit.err += err;
        }
        return fit;
    }

    // Step 2: a sub-block's own best scale (0 for an all-zero or weightless sub-block).
    float ownScale(const float* x, const float* w) const
    {
        float amax = 0.0f;
        for (int i = 0; i < kLen; ++i)
            if (w[i] > 0.0f)
                amax = std::max(amax, std::fabs(x[i]));
        if (!(amax > 0.0f) || !std::isfinite(amax))
            return 0.0f;
        const float top = L_.level[NL - 1];
        float best = std::numeric_limits<float>::infinity(), bestS = 0.0f;
        Code c;
        auto tryScale = [&](float s) {
            if (!(s > 0.0f) || !std::isfinite(s))
                return Fit{};
            const Fit f = assign(x, w, s, c);
            if (f.err < best) {
                best = f.err;
                bestS = s;
            }
            return f;
        };
        Fit bestFit;
        for (int r = 0; r < 5; ++r) {
            const float before = best;
            const Fit f = tryScale(amax / (top * (0.5f + 0.15f * float(r))));
            if (best < before)
                bestFit = f;
        }
        // the best start refitted by least squares (its assignment held), assigned again
        if (bestFit.den > 0.0f)
            tryScale(bestFit.num / bestFit.den);
        return bestS;
    }

    struct Super {
        float d = 0;  // fp16-representable
        int l[kCount] = {};
        Code code[kCount];
        float err = 0;
    };

    // Step 3: the super-block (x, w: 256 values).
    Super encode(const float* x, const float* w) const
    {
        float own[kCount];
        float sMax = 0.0f;
        for (int j = 0; j < kCount; ++j) {
            own[j] = ownScale(x + kLen * j, w + kLen * j);
            sMax = std::max(sMax, own[j]);
        }
        Super best;
        best.err = std::numeric_limits<float>::infinity();
        if (sMax > 0.0f) {
            static constexpr float kFactors[] = {1.0f, 0.95f, 0.9f};
            float tried[std::size(kFactors)];
            int nTried = 0;
            for (float f : kFactors) {
                const float d = fp16ToFp32(fp32ToFp16(std::min(sMax / (L_.unit * 15.5f) * f, 65504.0f)));
                bool seen = false;  // (a loop, not std::find: nothing of std out of line in AVX2 objects)
                for (int t = 0; t < nTried; ++t)
                    seen = seen || tried[t] == d;
                if (!(d > 0.0f) || seen)
                    continue;
                tried[nTried++] = d;
                Super cur;
                cur.d = d;
                for (int j = 0; j < kCount; ++j) {
                    const float t = own[j] / (L_.unit * d) - 0.5f;
                    const int l0 = int(std::clamp(std::floor(t), 0.0f, 15.0f));
                    float e = std::numeric_limits<float>::infinity();
                    for (int l = l0; l <= std::min(l0 + 1, 15); ++l) {
                        Code c;
                        const Fit fit = assign(x + kLen * j, w + kLen * j, subScale(d, l, L_.unit, L_.odd), c);
                        if (fit.err < e) {
                            e = fit.err;
                            cur.l[j] = l;
                            cur.code[j] = c;
                        }
                    }
                    cur.err += e;
                }
                if (cur.err < best.err)
                    best = cur;
            }
        }
        if (!(best.err < std::numeric_limits<float>::infinity()))
            best = Super{};  // all zero (or nothing representable): d = 0 decodes to zeros
        return best;
    }

private:
    // The best point of G weights (cost/flip: their [weight][level] tables): the lowest error e
    // (point pe) and the lowest error with the cheapest sign flip f (point pf, flipping weight fi);
    // ties go to the lower index. The AVX2 scan takes 8 points at a time with the same float
    // operations per point, so both find the same points.
    struct Best {
        float e = std::numeric_limits<float>::infinity(), f = std::numeric_limits<float>::infinity();
        int pe = 0, pf = 0, fi = 0;
    };
    // The lowest-cost point for G weights whose cost at level v is rows[j][v], when it can be
    // shown without scanning every point: the tuple of each weight's cheapest level (ties to the
    // lower level) if it is a point; otherwise the best of the points differing from that tuple in
    // at most kRadius weights, if its cost is within the bound every other point must exceed
    // (each of its >= kRadius + 1 differing weights adds at least that weight's gap between its
    // cheapest and second-cheapest level). False: not shown (the caller scans every point).
    // Each weight's cheapest level (ties to the lower level), its cost and the gap to its
    // second-cheapest level.
    struct RowMin {
        int v;
        float c, gap;
    };
    // A row's costs are unimodal in the level (levels ascending: w (|x| -+ s g)^2), so the
    // cheapest is the first level not followed by a cheaper one, the second-cheapest a neighbour.
    static RowMin rowMin(const float* row)
    {
        int v0 = 0;
        while (v0 + 1 < NL && row[v0 + 1] < row[v0])
            ++v0;
        float c1 = std::numeric_limits<float>::infinity();
        if (v0 > 0)
            c1 = row[v0 - 1];
        if (v0 + 1 < NL)
            c1 = std::min(c1, row[v0 + 1]);
        return {v0, row[v0], c1 - row[v0]};
    }

    // The lowest-cost point for G weights whose cost at level v is rows[j][v] (m[j]: rowMin of
    // row j), when it can be shown without scanning every point: the tuple of each weight's
    // cheapest level if it is a point; otherwise the best of the points differing from that tuple
    // in at most kRadius weights, if its cost is within the bound every other point must reach
    // (each of its >= kRadius + 1 differing weights adds at least that weight's gap between its
    // cheapest and second-cheapest level). False: not shown (the caller scans every point).
    bool certified(const float* const* rows, const RowMin* m, float& e, int& pe) const
    {
        constexpr int kR = Lattice<G, NL, NP>::kRadius + 1;  // the smallest kR gaps bound the rest
        int t = 0, mult = 1;
        float estar = 0.0f, small[kR];
        std::fill(small, small + kR, std::numeric_limits<float>::infinity());
        for (int j = 0; j < G; ++j) {
            estar += m[j].c;
            t += m[j].v * mult;
            mult *= NL;
            float g = m[j].gap;
            for (int k = 0; k < kR; ++k)
                if (g < small[k])
                    std::swap(g, small[k]);
        }
        auto costOf = [&](int p) {
            const uint8_t* c = L_.code[p];
            float sum = 0.0f;
            for (int j = 0; j < G; ++j)
                sum += rows[j][c[j]];
            return sum;
        };
        if (const int on = L_.onGrid[t]; on >= 0) {
            e = costOf(on);
            pe = on;
            return true;
        }
        float best = std::numeric_limits<float>::infinity();
        int bp = -1;
        const uint16_t* nb = L_.near;
        for (uint32_t k = L_.nearStart[t], end = L_.nearStart[t + 1]; k < end; ++k) {
            const float c = costOf(nb[k]);
            if (c < best) {
                best = c;
                bp = nb[k];
            }
        }
        float bound = estar;
        for (int k = 0; k < kR && k < G; ++k)
            bound += small[k];
        if (bp < 0 || !(best <= bound))
            return false;
        e = best;
        pe = bp;
        return true;
    }

    // The best point for G weights (like scan) through certified(): the unflipped optimum, and
    // with needFlip the optimum with the cheapest sign flip, min over the flipped weight j of the
    // problem where j's cost is that of the flipped sign (w (|x| + s g)^2, cheapest at the lowest
    // level), taken in order of their lower bounds. Anything not certified: the full scan.
    void search(const float (*cost)[8], const float (*flip)[8], bool needFlip, Best& b) const
    {
        const float* rows[G];
        RowMin m[G];
        for (int j = 0; j < G; ++j) {
            rows[j] = cost[j];
            m[j] = rowMin(cost[j]);
        }
        if (!certified(rows, m, b.e, b.pe)) {
            b = Best{};
            if (needFlip)
                scan<true>(cost, flip, b);
            else
                scan<false>(cost, flip, b);
            return;
        }
        if (!needFlip)
            return;
        // With weight j flipped its cost w (|x| + s g)^2 grows with the level: cheapest at level 0.
        float lb[G];
        int order[G];
        float estar = 0.0f;
        for (int j = 0; j < G; ++j)
            estar += m[j].c;
        for (int j = 0; j < G; ++j) {
            lb[j] = estar + ((cost[j][0] + flip[j][0]) - m[j].c);
            int k = j;  // insertion by lower bound (ties: lower weight first)
            for (; k > 0 && lb[order[k - 1]] > lb[j]; --k)
                order[k] = order[k - 1];
            order[k] = j;
        }
        float best = std::numeric_limits<float>::infinity();
        int bp = -1;
        for (int k = 0; k < G; ++k) {
            const int j = order[k];
            if (lb[j] > best)
                break;
            float flipped[8];
            for (int v = 0; v < NL; ++v)
                flipped[v] = cost[j][v] + flip[j][v];
            rows[j] = flipped;
            const RowMin keep = m[j];
            m[j] = {0, flipped[0], NL > 1 ? flipped[1] - flipped[0] : std::numeric_limits<float>::infinity()};
            float e;
            int p;
            const bool ok = certified(rows, m, e, p);
            rows[j] = cost[j];
            m[j] = keep;
            if (!ok) {
                b = Best{};
                scan<true>(cost, flip, b);
                return;
            }
            if (e < best || (e == best && p < bp)) {
                best = e;
                bp = p;
            }
        }
        // the scan's value for that point: its error plus its cheapest flip
        const uint8_t* c = L_.code[bp];
        float e = 0.0f, fm = std::numeric_limits<float>::infinity();
        int fi = 0;
        for (int j = 0; j < G; ++j) {
            e += cost[j][c[j]];
            if (flip[j][c[j]] < fm) {
                fm = flip[j][c[j]];
                fi = j;
            }
        }
        b.f = e + fm;
        b.pf = bp;
        b.fi = fi;
    }

    // Every point (WithFlip false: only e, pe).
#ifndef __AVX2__
    template <bool WithFlip>
    void scan(const float (*cost)[8], const float (*flip)[8], Best& b) const
    {
        for (int p = 0; p < NP; ++p) {
            const uint8_t* c = L_.code[p];
            float e = 0.0f, fm = std::numeric_limits<float>::infinity();
            int fi = 0;
            for (int j = 0; j < G; ++j) {
                e += cost[j][c[j]];
                if (!WithFlip)
                    continue;
                const float f = flip[j][c[j]];
                if (f < fm) {
                    fm = f;
                    fi = j;
                }
            }
            if (e < b.e) {
                b.e = e;
                b.pe = p;
            }
            if (WithFlip && e + fm < b.f) {
                b.f = e + fm;
                b.pf = p;
                b.fi = fi;
            }
        }
    }
#else
    template <bool WithFlip>
    void scan(const float (*cost)[8], const float (*flip)[8], Best& b) const
    {
        __m256 cv[G], fv[G];
        for (int j = 0; j < G; ++j) {
            cv[j] = _mm256_load_ps(cost[j]);
            fv[j] = _mm256_load_ps(flip[j]);
        }
        const __m256 inf = _mm256_set1_ps(std::numeric_limits<float>::infinity());
        __m256 be = inf, bf = inf;
        __m256i pe = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7), pf = pe, bfi = _mm256_setzero_si256();
        __m256i p = pe;
        const __m256i eight = _mm256_set1_epi32(8);
        for (int p0 = 0; p0 < NP; p0 += 8, p = _mm256_add_epi32(p, eight)) {
            __m256 e = _mm256_setzero_ps(), fm = inf;
            __m256i fi = _mm256_setzero_si256();
            for (int j = 0; j < G; ++j) {
                const __m256i idx = _mm256_load_si256(reinterpret_cast<const __m256i*>(L_.codeT[j] + p0));
                e = _mm256_add_ps(e, _mm256_permutevar8x32_ps(cv[j], idx));
                if constexpr (!WithFlip)
                    continue;
                const __m256 f = _mm256_permutevar8x32_ps(fv[j], idx);
                const __m256 lt = _mm256_cmp_ps(f, fm, _CMP_LT_OQ);
                fm = _mm256_blendv_ps(fm, f, lt);
                fi = _mm256_blendv_epi8(fi, _mm256_set1_epi32(j), _mm256_castps_si256(lt));
            }
            const __m256 ltE = _mm256_cmp_ps(e, be, _CMP_LT_OQ);
            be = _mm256_blendv_ps(be, e, ltE);
            pe = _mm256_blendv_epi8(pe, p, _mm256_castps_si256(ltE));
            if constexpr (!WithFlip)
                continue;
            const __m256 ef = _mm256_add_ps(e, fm);
            const __m256 ltF = _mm256_cmp_ps(ef, bf, _CMP_LT_OQ);
            bf = _mm256_blendv_ps(bf, ef, ltF);
            pf = _mm256_blendv_epi8(pf, p, _mm256_castps_si256(ltF));
            bfi = _mm256_blendv_epi8(bfi, fi, _mm256_castps_si256(ltF));
        }
        alignas(32) float ve[8], vf[8];
        alignas(32) int32_t ipe[8], ipf[8], ifi[8];
        _mm256_store_ps(ve, be);
        _mm256_store_ps(vf, bf);
        _mm256_store_si256(reinterpret_cast<__m256i*>(ipe), pe);
        _mm256_store_si256(reinterpret_cast<__m256i*>(ipf), pf);
        _mm256_store_si256(reinterpret_cast<__m256i*>(ifi), bfi);
        // the lanes' minima: the lowest value, among equal ones the lowest point (the scalar scan's)
        b.pe = 0;
        b.pf = 0;
        b.fi = 0;
        bool anyE = false, anyF = false;
        for (int k = 0; k < 8; ++k) {
            if (ve[k] < b.e || (anyE && ve[k] == b.e && ipe[k] < b.pe)) {
                b.e = ve[k];
                b.pe = ipe[k];
                anyE = true;
            }
            if (vf[k] < b.f || (anyF && vf[k] == b.f && ipf[k] < b.pf)) {
                b.f = vf[k];
                b.pf = ipf[k];
                b.fi = ifi[k];
                anyF = true;
            }
        }
    }
#endif

    const Lattice<G, NL, NP>& L_;
};

// The weighted squared error of decoded values y (w null: unweighted), in double.
inline double blockError(const float* x, const float* y, const float* w, int n)
{
    double s = 0;
    for (int i = 0; i < n; ++i) {
        const double e = double(x[i]) - double(y[i]);
        s += (w ? double(w[i]) : 1.0) * e * e;
    }
    return s;
}

// Encodes `blocks` super-blocks: Pack(const Super&, Block&) writes one, Decode(const Block&, float*)
// decodes it (to compare the weighted and unweighted searches under importance).
template <class Block, class Enc, class Pack>
void encodeRow(const Enc& enc, const float* x, unsigned char* out, int64_t blocks, const float* imp, Pack pack)
{
    float ones[kSuper];
    std::fill(std::begin(ones), std::end(ones), 1.0f);
    for (int64_t i = 0; i < blocks; ++i) {
        const float* xb = x + i * kSuper;
        Block b;
        pack(enc.encode(xb, imp ? imp + i * kSuper : ones), b);
        std::memcpy(out + i * int64_t(sizeof(Block)), &b, sizeof(Block));
    }
}

// The block inspector's view of sub-block ib: codes 0..NL-1 the magnitudes, NL..2NL-1 the same
// negated; mag[Sub] and neg (bit i: weight i negative) from the block. The sub-block scales as
// d' * m with odd integers m = 2l + 1 (1..31, so "5 bits"; l the stored 4-bit field) and
// d' = d * unit / 2 (d / 8 for IQ2_XXS/IQ2_XS, d / 4 for IQ3_XXS, d for IQ3_S): dPrime, mults;
// db: the sub-block's scale as the decoder computes it (== d' * m exactly: powers of two apart).
template <int NL, int Sub = kSub>
void inspectSub(BlockInspection& r, const uint8_t (&levels)[NL], float dPrime, const int* mults, int ib, float db,
                const uint8_t* mag, uint32_t neg)
{
    constexpr int kCount = kSuper / Sub;
    for (int i = 0; i < Sub; ++i)
        r.codes[size_t(i)] = mag[i] + ((neg >> i) & 1 ? NL : 0);
    r.kquant = true;
    r.subBlocks = kCount;
    r.subBlock = ib;
    r.superD = dPrime;
    r.subScaleBits = 5;
    r.subScales.assign(mults, mults + kCount);
    r.subScaleValue = db;
    r.scale = db;
    r.kind = BlockInspection::Kind::Table;
    r.table.clear();
    for (int c = 0; c < 2 * NL; ++c)
        r.table.push_back(c < NL ? float(levels[c]) : -float(levels[c - NL]));
    setLevels(r, 0, 2 * NL - 1, [&](int c) { return c < NL ? db * float(levels[c]) : -(db * float(levels[c - NL])); });
}

// The sign bits of an XXS sub-block word (bits 7k..7k+6: the signs of weights 8k..8k+7, the
// eighth by parity): bit i set where weight i is negative.
inline uint32_t parityNegatives(uint32_t w)
{
    uint32_t neg = 0;
    for (int k = 0; k < 4; ++k)
        neg |= uint32_t(kSignsIq2xs[(w >> (7 * k)) & 127]) << (8 * k);
    return neg;
}

// The whole codec of a lattice format from its layout T (block bytes b, fp16 d first):
//   using Block; G, NL, NP (points); kSubLen (weights per scale: 32, or 16); kParity; kOdd; kLevels[NL] (magnitudes, ascending); kGrid;
//   kUnit; point(b, ib, k): sub-block ib's point k; negatives(b, ib): bit i set where weight i is
//   negative; scale(b, ib): its 4-bit l; store(b, ib, code, l): writes them (b zeroed before).
template <class T>
struct LatticeCodec {
    using Block = typename T::Block;
    static constexpr int G = T::G, NL = T::NL, NP = T::NP, kLen = T::kSubLen, kCount = kSuper / kLen,
                         kPoints = kLen / G;
    using Enc = Encoder<G, NL, NP, T::kParity, kLen>;

    static const Lattice<G, NL, NP>& lattice()
    {
        static const Lattice<G, NL, NP> l = makeLattice<G, NL, NP>(T::kGrid, T::kLevels, T::kUnit, T::kOdd);
        return l;
    }
    static const uint8_t* bytes(const Block& b) { return reinterpret_cast<const uint8_t*>(&b); }

    static void pack(const typename Enc::Super& s, Block& b)
    {
        uint8_t raw[sizeof(Block)] = {};
        const uint16_t d = fp32ToFp16(s.d);
        std::memcpy(raw, &d, 2);
        for (int ib = 0; ib < kCount; ++ib)
            T::store(raw, ib, s.code[ib], s.l[ib]);
        std::memcpy(&b, raw, sizeof raw);
    }
    static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        const Enc enc(lattice());
        encodeRow<Block>(enc, x, out, blocks, imp, pack);
    }
    static void quantizeFast(const float* x, unsigned char* out, int64_t blocks, const float* imp)
    {
        quantizeReference(x, out, blocks, imp);  // this compile's scan (AVX2 in the AVX2 compile)
    }
    // llama.cpp's dequantize_row: weight = ±(sub-block scale) * magnitude
    static void decode(const Block& b, float* y)
    {
        const float d = fp16ToFp32(b.d);
        for (int ib = 0; ib < kCount; ++ib, y += kLen) {
            const uint32_t neg = T::negatives(bytes(b), ib);
            const float db = subScale(d, T::scale(bytes(b), ib), T::kUnit, T::kOdd);
            for (int k = 0; k < kPoints; ++k) {
                const uint64_t g = uint64_t(T::kGrid[T::point(bytes(b), ib, k)]);
                for (int j = 0; j < G; ++j) {
                    const int i = G * k + j;
                    const float v = db * float((g >> (8 * j)) & 0xFF);
                    // -v where the sign bit is set (the sign flipped without a branch: random signs)
                    y[i] = std::bit_cast<float>(std::bit_cast<uint32_t>(v) ^ (((neg >> i) & 1u) << 31));
                }
            }
        }
    }
    // Part ib: sub-block ib (codes: inspectSub's).
    static void inspect(const Block& b, int ib, BlockInspection& r)
    {
        uint8_t mag[kLen];
        for (int k = 0; k < kPoints; ++k)
            std::memcpy(mag + G * k, lattice().code[T::point(bytes(b), ib, k)], G);
        int mults[kCount];
        for (int s = 0; s < kCount; ++s)
            mults[s] = 2 * T::scale(bytes(b), s) + 1;
        const float d = fp16ToFp32(b.d);
        const uint32_t neg = T::negatives(bytes(b), ib);
        inspectSub<NL, kLen>(r, T::kLevels, d * (T::kUnit * 0.5f), mults, ib,
                             subScale(d, T::scale(bytes(b), ib), T::kUnit, T::kOdd), mag, neg);
        r.lattice.clear();
        for (int k = 0; k < kPoints; ++k) {
            BlockInspection::LatticeGroup g;
            g.point = T::point(bytes(b), ib, k);
            const uint64_t bytesOfPoint = uint64_t(T::kGrid[g.point]);
            for (int j = 0; j < G; ++j)
                g.magnitudes.push_back(int((bytesOfPoint >> (8 * j)) & 0xFF));
            g.negatives = (neg >> (G * k)) & ((1u << G) - 1);
            r.lattice.push_back(std::move(g));
        }
        r.latticePoints = NP;
        r.paritySigns = T::kParity;
    }
};

// The layout of IQ3_XXS and IQ2_XXS (T: Block, G, NL, kLevels, kGrid, kUnit, and idxAt(ib) /
// wordAt(ib), the byte offsets of sub-block ib's 32 / G point indices and of its signs-and-scale
// word: bits 7k..7k+6 the signs of weights 8k..8k+7, bits 28-31 l).
template <class T>
struct XxsLayout : T {
    static constexpr int NP = 256, kSubLen = kSub;
    static constexpr bool kParity = true, kOdd = false;
    static uint32_t word(const uint8_t* b, int ib)
    {
        uint32_t w;
        std::memcpy(&w, b + T::wordAt(ib), 4);
        return w;
    }
    static int point(const uint8_t* b, int ib, int k) { return b[T::idxAt(ib) + size_t(k)]; }
    static uint32_t negatives(const uint8_t* b, int ib) { return parityNegatives(word(b, ib)); }
    static int scale(const uint8_t* b, int ib) { return int(word(b, ib) >> 28); }
    static void store(uint8_t* b, int ib, const SubCode<T::G>& c, int l)
    {
        for (int k = 0; k < kSub / T::G; ++k)
            b[T::idxAt(ib) + size_t(k)] = uint8_t(c.idx[k]);
        uint32_t w = uint32_t(l) << 28;
        for (int k = 0; k < 4; ++k)
            w |= uint32_t(c.signs[k]) << (7 * k);
        std::memcpy(b + T::wordAt(ib), &w, 4);
    }
};

}  // namespace QS_ISA
}  // namespace qs::iq
