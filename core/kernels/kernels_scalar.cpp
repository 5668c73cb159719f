// The scalar reference instantiation of the kernels (baseline CPU flags).
#include "core/kernels/simd_scalar.h"
#define QS_KERNEL_ISA isa_scalar
#include "core/kernels/kernel_impl.h"

namespace qs::kernels::detail {

const IsaKernels& scalarKernels()
{
    static const IsaKernels k = isa_scalar::makeTable("scalar");
    return k;
}

}  // namespace qs::kernels::detail
