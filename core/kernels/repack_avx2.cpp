// The AVX2 instantiation of the Q4_0x8 kernel. Compiled with -mavx2 -mfma -mf16c
// (core/CMakeLists.txt); reached only through q4_0x8Avx2() after qs::cpuHasAvx2().
#include "core/kernels/simd_avx2.h"
#define QS_KERNEL_ISA isa_avx2
#include "core/kernels/repack_impl.h"
#include "core/kernels/repack_table.h"

namespace qs::kernels::detail {

TileFn q4_0x8Avx2() { return &isa_avx2::repack::tile; }

}  // namespace qs::kernels::detail
