// The AVX2 instantiation of the kernels. Compiled with -mavx2 -mfma -mf16c (core/CMakeLists.txt);
// reached only through avx2Kernels() after qs::cpuHasAvx2(). Includes nothing with inline code
// shared with other translation units (see simd_avx2.h).
#include "core/kernels/simd_avx2.h"
#define QS_KERNEL_ISA isa_avx2
#include "core/kernels/kernel_impl.h"

namespace qs::kernels::detail {

const IsaKernels& avx2Kernels()
{
    static const IsaKernels k = isa_avx2::makeTable("avx2");
    return k;
}

}  // namespace qs::kernels::detail
