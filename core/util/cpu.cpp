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

bool cpuHasAvx512()
{
    static const bool has = [] {
        if (const char* e = std::getenv("QS_NO_AVX512"); e && *e && std::strcmp(e, "0") != 0)
            return false;
        if (!cpuHasAvx2())
            return false;
#if defined(__x86_64__)
        // GCC's and Clang's checks include the OS saving the ZMM registers (XCR0).
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq");
#else
        return false;
#endif
    }();
    return has;
}

bool cpuHasAvx512Vnni()
{
    static const bool has = [] {
        if (!cpuHasAvx512())
            return false;
#if defined(__x86_64__)
        // (BMI2 too: the VNNI kernels' unit is compiled with it; every AVX-512 VNNI CPU has it)
        return __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("bmi2");
#else
        return false;
#endif
    }();
    return has;
}

const char* llamaCppCpuVariant()
{
    static const char* const variant = [] {
        static const char* const known[] = {"zen4", "cascadelake", "skylakex", "haswell", "sse42", "x64"};
        if (const char* e = std::getenv("QS_LLAMA_CPU_VARIANT"); e && *e)
            for (const char* k : known)
                if (std::strcmp(e, k) == 0)
                    return k;
#if defined(__x86_64__)
        __builtin_cpu_init();
        const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw");
        if (avx512 && __builtin_cpu_supports("avx512vnni") && __builtin_cpu_supports("avx512bf16"))
            return "zen4";
        if (avx512 && __builtin_cpu_supports("avx512vnni"))
            return "cascadelake";
        if (avx512)
            return "skylakex";
        if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))  // not cpuHasAvx2(): QS_NO_AVX2 is ours
            return "haswell";
        if (__builtin_cpu_supports("sse4.2"))
            return "sse42";
#endif
        return "x64";
    }();
    return variant;
}

int llamaCppF32Lanes()
{
    const char* v = llamaCppCpuVariant();
    if (std::strcmp(v, "x64") == 0)
        return 0;
    if (std::strcmp(v, "sse42") == 0)
        return 4;
    if (std::strcmp(v, "haswell") == 0)
        return 8;
    return 16;
}

}  // namespace qs
