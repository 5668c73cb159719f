#include "core/eval/ef_linalg.h"

#include "core/util/cpu.h"

#define QS_EF_ISA isa_base
#define QS_EF_ISA_NAME "baseline"
#include "core/eval/ef_linalg_impl.h"

namespace qs::ef_linalg {

#ifndef QS_NO_AVX2_KERNELS
namespace isa_avx2 {
const Ops& table();  // ef_linalg_avx2.cpp
}
namespace isa_avx512 {
const Ops& table();  // ef_linalg_avx512.cpp
}
#endif

const Ops& ops()
{
    static const Ops& t = *runnableOps().back();
    return t;
}

std::vector<const Ops*> runnableOps()
{
    std::vector<const Ops*> out{&isa_base::table()};
#ifndef QS_NO_AVX2_KERNELS
    if (cpuHasAvx2())
        out.push_back(&isa_avx2::table());
    if (cpuHasAvx512())
        out.push_back(&isa_avx512::table());
#endif
    return out;
}

}  // namespace qs::ef_linalg
