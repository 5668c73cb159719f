// The scalar reference instantiation of the Q4_0x8 kernel (baseline CPU flags).
#include "core/kernels/simd_scalar.h"
#define QS_KERNEL_ISA isa_scalar
#include "core/kernels/repack_impl.h"
#include "core/kernels/repack_table.h"

namespace qs::kernels::detail {

TileFn q4_0x8Scalar() { return &isa_scalar::repack::tile; }

}  // namespace qs::kernels::detail
