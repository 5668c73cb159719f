#pragma once
// The Q4_0x8 (repacked Q4_0, kernels.h) tile of each instruction set, defined in
// repack_scalar.cpp / repack_avx2.cpp from repack_impl.h (no inline code here: safe in units
// compiled with different -m flags).
#include "core/kernels/isa_table.h"

namespace qs::kernels::detail {

TileFn q4_0x8Scalar();
TileFn q4_0x8Avx2();  // call only when qs::cpuHasAvx2()
TileFn q4_0x8Avx512Vnni();  // kernels_avx512_vnni.cpp; call only when qs::cpuHasAvx512Vnni()

}  // namespace qs::kernels::detail
