// ef_linalg_impl.h compiled with -mavx2 -mfma (the object library qs_eval_avx2, which defines
// QS_EF_AVX2_TU; in qs_eval itself this file is empty), reached only through qs::ef_linalg::ops()
// after qs::cpuHasAvx2(). Eigen is renamed here (every template it instantiates gets names of its
// own), so no inline function or template compiled for AVX2 can replace the baseline copy used by
// the rest of the program (test_isa_symbols checks this object too).
#ifdef QS_EF_AVX2_TU
#define Eigen EigenIsaAvx2
#define QS_EF_ISA isa_avx2
#define QS_EF_ISA_NAME "avx2"
#include "core/eval/ef_linalg_impl.h"
#endif
