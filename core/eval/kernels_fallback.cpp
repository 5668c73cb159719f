// TEMPORARY: see kernels_fallback.h.
#include "core/eval/kernels_fallback.h"

#include "core/formats/format.h"
#include "core/util/error.h"
#include "core/util/parallel.h"

#include <Eigen/Core>

#include <algorithm>
#include <vector>

namespace qs::kernels {

bool hasKernel(GgmlType t)
{
    const Format* f = formatForGgml(t);
    return f && f->family() != FormatFamily::Int;
}

size_t rowBytes(GgmlType t, int64_t n)
{
    const GgmlTypeInfo& i = ggmlTypeInfo(t);
    if (n <= 0 || n % int64_t(i.blockSize) != 0)
        failure({}, std::string(i.name) + " rows must be a positive multiple of " + std::to_string(i.blockSize));
    return size_t(n / int64_t(i.blockSize)) * i.typeSize;
}

void validate(const QMatrix& W, const char* what)
{
    const std::string name(what);
    if (!W.data || W.rows <= 0 || W.cols <= 0)
        failure({}, name + ": empty weight matrix");
    if (W.format) {
        if (!W.format->supports(W.rows, W.cols))
            failure({}, name + ": " + W.format->name() + " cannot store rows of " + std::to_string(W.cols));
        return;
    }
    if (!hasKernel(W.type))
        failure({}, name + ": no kernel for " + std::string(ggmlTypeInfo(W.type).name));
    if (W.rowBytes < rowBytes(W.type, W.cols))
        failure({}, name + ": row stride too small");
}

void matmul(const QMatrix& W, const float* X, int64_t nTokens, float* Y, ActMode, int64_t ldx, int64_t ldy)
{
    validate(W);
    if (ldx == 0)
        ldx = W.cols;
    if (ldy == 0)
        ldy = W.rows;
    using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    using Stride = Eigen::OuterStride<>;
    const Eigen::Map<const Mat, 0, Stride> x(X, nTokens, W.cols, Stride(ldx));
    Eigen::Map<Mat, 0, Stride> y(Y, nTokens, W.rows, Stride(ldy));
    if (W.format) {  // the INT family: the whole tensor decoded once per call
        std::vector<float> all(size_t(W.rows * W.cols));
        W.format->dequantize(W.data, W.rows, W.cols, all.data());
        const Eigen::Map<const Mat> w(all.data(), W.rows, W.cols);
        y.noalias() = x * w.transpose();
        return;
    }
    const Format* f = formatForGgml(W.type);
    const int64_t grain = 32;
    parallelFor(W.rows, grain, [&](int64_t r0, int64_t r1) {
        std::vector<float> tile(size_t((r1 - r0) * W.cols));
        f->dequantize(static_cast<const uint8_t*>(W.data) + size_t(r0) * W.rowBytes, r1 - r0, W.cols, tile.data());
        const Eigen::Map<const Mat> w(tile.data(), r1 - r0, W.cols);
        y.middleCols(r0, r1 - r0).noalias() = x * w.transpose();
    });
}

}  // namespace qs::kernels
