// ef_linalg_impl.h compiled with AVX-512 F/BW/VL/DQ besides -mavx2 -mfma (in the object library
// qs_eval_avx2, which defines QS_EF_AVX512_TU for this file only; in qs_eval itself this file is
// empty), reached only through qs::ef_linalg::ops() after qs::cpuHasAvx512(). Eigen's products
// then use 16-float vectors (about 1.7x the AVX2 build's on a Zen 5 core). Eigen is renamed here
// as in ef_linalg_avx2.cpp (test_isa_symbols checks this object too).
#ifdef QS_EF_AVX512_TU
// GCC 12 reports a false "may be used uninitialized" inside its own AVX-512 intrinsics when it
// inlines Eigen's matrix product kernels (_mm512_undefined_ps operands), as in llama_forward.cpp.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#define Eigen EigenIsaAvx512
#define QS_EF_ISA isa_avx512
#define QS_EF_ISA_NAME "avx512"
#include "core/eval/ef_linalg_impl.h"
#endif
