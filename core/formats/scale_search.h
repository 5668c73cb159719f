#pragma once
// One scale for a whole block of uniform integer levels lo..hi (TQ1_0: -1..1, TQ2_0: -1..2):
// weight = level * d, d an fp16 value. Shared by the ternary formats.
//
// The search: a scan of starting scales (given ratios of the largest magnitude, both signs when
// the levels are asymmetric), each scored by the error drop of its nearest levels with their
// least-squares scale; from the best start, alternation of "nearest levels" and "least-squares
// scale" (each step lowers the error). With importance the same scan also runs unweighted (the
// sums share the pass) and the fp16 scale with the lower exact weighted error wins, so
// importance never makes the weighted error worse than ignoring it.
// Lanes of 8 weights (kq::V8Scalar reference, kq::V8Avx fast path), one summation order.
#include "core/formats/kquant_common.h"

#include <algorithm>
#include <cmath>

namespace qs::kq {
inline namespace QS_ISA {  // compiled once per instruction set (core/util/isa.h)

template <class V, int NV>
class BlockScaleSearch {
public:
    // X: NV lanes of weights; W: their importance (null: none). Returns the fp16 d; L gets the levels.
    float run(const V* X, const float* imp, float lo, float hi, const float* starts, int nStarts, bool bothSigns, V* L)
    {
        V vmaxv = V::set1(0.0f);
        for (int i = 0; i < NV; ++i) {
            X_[i] = X[i];
            W_[i] = imp ? V::load(imp + 8 * i) : V::set1(1.0f);
            WX_[i] = vmul(W_[i], X[i]);
            vmaxv = vmax(vmaxv, vabs(X[i]));
        }
        weighted_ = imp != nullptr;
        lo_ = lo;
        hi_ = hi;
        const float amax = hmax(vmaxv);
        float d = 0.0f;
        if (amax > 0.0f && std::isfinite(amax)) {
            Best bw, bu;
            for (float sgn : {1.0f, -1.0f}) {
                if (sgn < 0 && !bothSigns)
                    break;
                for (int s = 0; s < nStarts; ++s) {
                    const float d0 = sgn * amax * starts[s];
                    Fit fw, fu;
                    pass(d0, fw, &fu, nullptr);
                    if (bw.consider(fw))
                        bw.start = bw.d;
                    if (weighted_ && bu.consider(fu))
                        bu.start = bu.d;
                }
            }
            refine(bw, false);
            d = clampHalf(bw.d);
            if (weighted_) {
                refine(bu, true);
                const float du = clampHalf(bu.d);
                if (du != d && exactError(du) < exactError(d))
                    d = du;
            }
        }
        Fit unused;
        pass(d, unused, nullptr, L);
        return d;
    }

private:
    struct Fit {
        float sxl = 0, sll = 0;
    };
    struct Best {
        float d = 0, num = 0, den = 1, start = 0;
        bool consider(const Fit& f)  // keeps the fit with the largest error drop sxl^2 / sll
        {
            if (f.sll > 0.0f && f.sxl * f.sxl * den > num * f.sll) {
                num = f.sxl * f.sxl;
                den = f.sll;
                d = f.sxl / f.sll;
                return true;
            }
            return false;
        }
    };
    static float clampHalf(float d) { return fp16Round(std::clamp(d, -65504.0f, 65504.0f)); }

    // Nearest levels for d; their weighted sums (and unweighted ones if u), the levels if L.
    void pass(float d, Fit& w, Fit* u, V* L) const
    {
        const V inv = V::set1(d != 0.0f ? 1.0f / d : 0.0f), vlo = V::set1(lo_), vhi = V::set1(hi_);
        V sxl = V::set1(0.0f), sll = V::set1(0.0f), uxl = sxl, ull = sxl;
        const bool both = u && weighted_;
        for (int i = 0; i < NV; ++i) {
            const V l = vmin(vmax(vround(vmul(X_[i], inv)), vlo), vhi);
            sxl = vfma(WX_[i], l, sxl);
            sll = vfma(vmul(W_[i], l), l, sll);
            if (both) {
                uxl = vfma(X_[i], l, uxl);
                ull = vfma(l, l, ull);
            }
            if (L)
                L[i] = l;
        }
        w = {hsum(sxl), hsum(sll)};
        if (both)
            *u = {hsum(uxl), hsum(ull)};
    }
    // Alternation from b.start under the weighted (or, unit, the unweighted) objective.
    void refine(Best& b, bool unit) const
    {
        float d = b.start;
        for (int it = 0; it < 2 && d != 0.0f; ++it) {
            Fit fw, fu;
            pass(d, fw, unit ? &fu : nullptr, nullptr);
            const Fit& f = unit ? fu : fw;
            if (!(f.sll > 0.0f))
                break;
            b.consider(f);
            const float next = f.sxl / f.sll;
            if (next == d)
                break;
            d = next;
        }
    }
    float exactError(float d) const
    {
        const V inv = V::set1(d != 0.0f ? 1.0f / d : 0.0f), vd = V::set1(d), vlo = V::set1(lo_), vhi = V::set1(hi_);
        V acc = V::set1(0.0f);
        for (int i = 0; i < NV; ++i) {
            const V diff = vsub(X_[i], vmul(vmin(vmax(vround(vmul(X_[i], inv)), vlo), vhi), vd));
            acc = vfma(vmul(W_[i], diff), diff, acc);
        }
        return hsum(acc);
    }

    V X_[NV], W_[NV], WX_[NV];
    bool weighted_ = false;
    float lo_ = 0, hi_ = 0;
};

}  // namespace QS_ISA
}  // namespace qs::kq
