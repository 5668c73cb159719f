#include "core/util/cpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

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
        // Clang 14 knows no "f16c" feature string: that one is CPUID leaf 1, ECX bit 29.
        __builtin_cpu_init();
        unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
        const bool f16c = __get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & (1u << 29)) != 0;
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && f16c;
#else
        return false;
#endif
    }();
    return has;
}

}  // namespace qs
