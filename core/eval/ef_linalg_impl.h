// The operations of ef_linalg.h, for the instruction set QS_EF_ISA (a namespace name); included
// once per build (ef_linalg.cpp, ef_linalg_avx2.cpp). Everything here has internal linkage or
// lives in namespace qs::ef_linalg::QS_EF_ISA.
#include "core/eval/ef_linalg.h"

#include <Eigen/Cholesky>
#include <Eigen/Core>

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

}  // namespace

const Ops& table()
{
    static const Ops t{QS_EF_ISA_NAME, xtxRows, xtxRowsF, llt, solveRightLowerT, subProductT, solveLower, subProduct};
    return t;
}

}  // namespace qs::ef_linalg::QS_EF_ISA
