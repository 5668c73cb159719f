#include "tests/interop/kquant_bound.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace qs::test {
namespace {

// Sums of one sub-block's x and codes; the least-squares residual of x ≈ a + b·q (affine) or s·q.
struct Sums {
    double n = 0, x = 0, q = 0, xx = 0, qq = 0, xq = 0;
    void add(double xv, double qv)
    {
        n += 1;
        x += xv;
        q += qv;
        xx += xv * xv;
        qq += qv * qv;
        xq += xv * qv;
    }
    double affineResidual() const
    {
        const double vx = xx - x * x / n, vq = qq - q * q / n, c = xq - x * q / n;
        return std::max(0.0, vq > 1e-12 ? vx - c * c / vq : vx);
    }
    double scaleResidual() const { return std::max(0.0, qq > 0 ? xx - xq * xq / qq : xx); }
};

constexpr int kQ4Levels = 16, kQ4Block = 32, kQ3Block = 16;

// Every code assignment that rounding at (a, b) can give, with each weight whose value lies on a
// boundary there (within rounding noise) taking either neighbouring level; the least residual.
double q4AroundVertex(const double* x, double a, double b)
{
    int base[kQ4Block];
    int tied[kQ4Block];  // indices of distinct x values on a boundary
    int nTied = 0;
    for (int m = 0; m < kQ4Block; ++m) {
        const double t = (x[m] - a) / b;
        const double fl = std::floor(t);
        const bool onBoundary = std::fabs(t - (fl + 0.5)) <= 1e-9 * std::max(1.0, std::fabs(t)) && fl >= 0 &&
                                fl < kQ4Levels - 1;
        base[m] = std::clamp(int(std::floor(t + 0.5)), 0, kQ4Levels - 1);
        if (onBoundary) {
            base[m] = int(fl);  // the lower of the two; +1 below
            bool seen = false;
            for (int u = 0; u < nTied; ++u)
                seen = seen || x[tied[u]] == x[m];
            if (!seen)
                tied[nTied++] = m;
        }
    }
    if (nTied > 12)
        throw std::runtime_error("q4kLowerBound: too many weights on one vertex");
    double best = INFINITY;
    for (uint32_t mask = 0; mask < (1u << nTied); ++mask) {
        Sums s;
        for (int m = 0; m < kQ4Block; ++m) {
            int q = base[m];
            for (int g = 0; g < nTied; ++g)
                if (((mask >> g) & 1) && x[tied[g]] == x[m])
                    q += 1;
            s.add(x[m], q);
        }
        best = std::min(best, s.affineResidual());
    }
    return best;
}

double q4SubBlock(const double* x)
{
    double best;
    {
        Sums s;
        for (int m = 0; m < kQ4Block; ++m)
            s.add(x[m], 0);
        best = s.affineResidual();  // one level for all
    }
    // Vertices on b = 0 (b → 0+ at a = x_i): below x_i code 0, above 15, x_i's own weights any code.
    for (int i = 0; i < kQ4Block; ++i)
        for (int c = 0; c < kQ4Levels; ++c) {
            Sums s;
            for (int m = 0; m < kQ4Block; ++m)
                s.add(x[m], x[m] < x[i] ? 0 : x[m] > x[i] ? kQ4Levels - 1 : c);
            best = std::min(best, s.affineResidual());
        }
    // Two boundary lines crossing at b > 0: x_i at boundary k + ½, x_j at l + ½, k > l, x_i > x_j.
    for (int i = 0; i < kQ4Block; ++i)
        for (int j = 0; j < kQ4Block; ++j) {
            if (!(x[i] > x[j]))
                continue;
            for (int k = 1; k < kQ4Levels - 1; ++k)
                for (int l = 0; l < k; ++l) {
                    const double b = (x[i] - x[j]) / double(k - l);
                    best = std::min(best, q4AroundVertex(x, x[i] - b * (k + 0.5), b));
                }
        }
    return best;
}

// Q3_K relaxed, s > 0 (s < 0 is s > 0 for −x): the rounding changes only at s = x_i / (k + ½).
double q3Half(const double* x)
{
    std::vector<double> cuts;
    for (int i = 0; i < kQ3Block; ++i)
        for (int k = -4; k <= 2; ++k)
            if (const double s = x[i] / (k + 0.5); s > 0)
                cuts.push_back(s);
    std::sort(cuts.begin(), cuts.end());
    std::vector<double> probes;
    if (cuts.empty()) {
        probes.push_back(1);
    } else {
        probes.push_back(cuts.front() * 0.5);
        for (size_t t = 0; t + 1 < cuts.size(); ++t)
            if (cuts[t + 1] > cuts[t])
                probes.push_back(0.5 * (cuts[t] + cuts[t + 1]));
        probes.push_back(cuts.back() * 2);
    }
    double best = INFINITY;
    for (double s : probes) {
        Sums sum;
        for (int m = 0; m < kQ3Block; ++m)
            sum.add(x[m], std::clamp(int(std::floor(x[m] / s + 0.5)), -4, 3));
        best = std::min(best, sum.scaleResidual());
    }
    return best;
}

}  // namespace

double q4kLowerBound(const float* x, int64_t n)
{
    double total = 0, sub[kQ4Block];
    for (int64_t o = 0; o + kQ4Block <= n; o += kQ4Block) {
        std::copy(x + o, x + o + kQ4Block, sub);
        total += q4SubBlock(sub);
    }
    return total;
}

double q3kLowerBound(const float* x, int64_t n)
{
    double total = 0, pos[kQ3Block], neg[kQ3Block];
    for (int64_t o = 0; o + kQ3Block <= n; o += kQ3Block) {
        for (int i = 0; i < kQ3Block; ++i) {
            pos[i] = x[o + i];
            neg[i] = -pos[i];
        }
        total += std::min(q3Half(pos), q3Half(neg));
    }
    return total;
}

}  // namespace qs::test
