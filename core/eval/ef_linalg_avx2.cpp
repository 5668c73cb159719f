// ef_linalg_impl.h compiled with -mavx2 -mfma (core/CMakeLists.txt), reached only through
// qs::ef_linalg::ops() after qs::cpuHasAvx2(). Eigen is renamed here (every template it
// instantiates gets names of its own), so no inline function or template compiled for AVX2 can
// replace the baseline copy of the rest of the program.
#define Eigen EigenIsaAvx2
#define QS_EF_ISA isa_avx2
#define QS_EF_ISA_NAME "avx2"
#include "core/eval/ef_linalg_impl.h"
