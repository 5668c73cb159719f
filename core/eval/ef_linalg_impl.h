// The operations of ef_linalg.h, for the instruction set QS_EF_ISA (a namespace name); included
// once per build (ef_linalg.cpp, ef_linalg_avx2.cpp). Everything here has internal linkage or
// lives in namespace qs::ef_linalg::QS_EF_ISA.
#include "core/eval/ef_linalg.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

#include <cstring>

namespace qs::ef_linalg::QS_EF_ISA {
namespace {

using MatD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using MatF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class T>
using Strided = Eigen::Map<T, 0, Eigen::OuterStride<>>;

void xtxRows(double* acc, int64_t n, const double* x, int64_t tokens, int64_t r0, int64_t r1)
{
    const Eigen::Map<const Eigen::MatrixXd> X(x, tokens, n);
    Strided<MatD> a(acc + r0 * n, r1 - r0, r1, Eigen::OuterStride<>(n));
    a.noalias() += X.middleCols(r0, r1 - r0).transpose() * X.leftCols(r1);
}

void xtxRowsF(float* acc, int64_t n, const float* x, int64_t tokens, int64_t r0, int64_t r1)
{
    const Eigen::Map<const Eigen::MatrixXf> X(x, tokens, n);
    Strided<MatF> a(acc + r0 * n, r1 - r0, r1, Eigen::OuterStride<>(n));
    a.noalias() += X.middleCols(r0, r1 - r0).transpose() * X.leftCols(r1);
}

bool llt(float* d, int64_t kb)
{
    Eigen::Map<MatF> m(d, kb, kb);
    Eigen::LLT<Eigen::Ref<MatF>> f(m);
    return f.info() == Eigen::Success && m.triangularView<Eigen::Lower>().toDenseMatrix().allFinite();
}

void solveRightLowerT(const float* l, int64_t kb, float* p, int64_t ldp, int64_t rows)
{
    const Eigen::Map<const MatF> L(l, kb, kb);
    Strided<MatF> P(p, rows, kb, Eigen::OuterStride<>(ldp));
    L.transpose().triangularView<Eigen::Upper>().solveInPlace<Eigen::OnTheRight>(P);
}

void subProductT(float* c, int64_t ldc, const float* a, int64_t lda, const float* b, int64_t ldb, int64_t m,
                 int64_t n, int64_t k)
{
    Strided<MatF> C(c, m, n, Eigen::OuterStride<>(ldc));
    const Strided<const MatF> A(a, m, k, Eigen::OuterStride<>(lda)), B(b, n, k, Eigen::OuterStride<>(ldb));
    C.noalias() -= A * B.transpose();
}

void solveLower(const float* l, int64_t ldl, int64_t n, float* x, int64_t ldx, int64_t cols)
{
    const Strided<const MatF> L(l, n, n, Eigen::OuterStride<>(ldl));
    Strided<MatF> X(x, n, cols, Eigen::OuterStride<>(ldx));
    L.triangularView<Eigen::Lower>().solveInPlace(X);
}

void subProduct(float* c, int64_t ldc, const float* a, int64_t lda, const float* b, int64_t ldb, int64_t m, int64_t n,
                int64_t k)
{
    Strided<MatF> C(c, m, n, Eigen::OuterStride<>(ldc));
    const Strided<const MatF> A(a, m, k, Eigen::OuterStride<>(lda)), B(b, k, n, Eigen::OuterStride<>(ldb));
    C.noalias() -= A * B;
}

// Vectors of this build's width (GCC's vector extensions: 16, 8 or 4 floats), kRoundLanes rows at a
// time in as many of them as fit.
#if defined(__AVX512F__)
constexpr int kLanes = 16;
#elif defined(__AVX2__)
constexpr int kLanes = 8;
#else
constexpr int kLanes = 4;
#endif
static_assert(kRoundLanes % kLanes == 0);
using VF = float __attribute__((vector_size(4 * kLanes)));

inline VF loadV(const float* p)
{
    VF v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void storeV(float* p, VF v) { std::memcpy(p, &v, sizeof v); }
inline VF splat(float x) { return VF{} + x; }

void roundAffine(float* t, const float* t0, const float* a, const float* b, int64_t ld, int64_t nr, int64_t nc,
                 const float* feed, int64_t ldf, const uint8_t* dead, int qmax, float* q, float* e)
{
    // nearbyint by the 1.5·2²³ trick (exact, ties to even, for |x| <= 2²²: x is clamped first to
    // [-1, qmax + 1], which changes no clamped result).
    const VF magic = splat(12582912.0f), lo = splat(-1.0f), hi = splat(float(qmax) + 1.0f), zero = splat(0.0f),
             top = splat(float(qmax));
    for (int64_t i0 = 0; i0 < nr; i0 += kLanes)
        for (int64_t c = 0; c < nc; ++c) {
            const int64_t at = c * ld + i0;
            const VF x = loadV(t + at), av = loadV(a + at), bv = loadV(b + at);
            VF r = (x - av) / bv;
            r = r < lo ? lo : r;
            r = r > hi ? hi : r;
            r = (r + magic) - magic;
            r = r < zero ? zero : r;
            r = r > top ? top : r;
            const auto finiteStep = (bv != zero) & ((bv - bv) == zero);  // b zero, infinite or NaN: code 0
            r = finiteStep ? r : zero;
            const VF level = av + bv * r;
            storeV(q + at, r);
            if (dead[c]) {
                storeV(e + at, zero);
                continue;
            }
            const VF err = loadV(t0 + at) - level;
            storeV(e + at, err);
            for (int64_t k = c + 1; k < nc; ++k) {
                float* tk = t + k * ld + i0;
                storeV(tk, loadV(tk) - err * splat(feed[c * ldf + k]));
            }
        }
}

}  // namespace

const Ops& table()
{
    static const Ops t{QS_EF_ISA_NAME, xtxRows, xtxRowsF, llt, solveRightLowerT, subProductT, solveLower, subProduct,
                       roundAffine};
    return t;
}

}  // namespace qs::ef_linalg::QS_EF_ISA
