#include "core/util/cpu.h"

#include <cstdlib>
#include <cstring>

namespace qs {

bool cpuHasAvx2()
{
    static const bool has = [] {
        if (const char* e = std::getenv("QS_NO_AVX2"); e && *e && std::strcmp(e, "0") != 0)
            return false;
#if defined(__x86_64__) || defined(__i386__)
        // GCC and Clang check the CPUID bits and, for AVX, that the OS saves the YMM registers.
        __builtin_cpu_init();
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
#else
        return false;
#endif
    }();
    return has;
}

}  // namespace qs
