#pragma once
// llama.cpp's CPU backend as a benchmark reference: libggml-cpu-<variant>.so (with its
// libggml-base.so beside it), dlopen'ed at run time, never linked. Found at $QS_GGML_CPU_LIB, else
// in the source tree's tests/interop/node_modules (node-llama-cpp's prebuilt binaries), choosing
// the variant llama.cpp's own loader would pick for this CPU.
#include <cstddef>
#include <cstdint>
#include <string>

namespace qs::cli {

// ggml-cpu.h's struct ggml_type_traits_cpu.
struct LlamaCpuTraits {
    using FromFloat = void (*)(const float* x, void* y, int64_t k);
    using VecDot = void (*)(int n, float* s, size_t bs, const void* x, size_t bx, const void* y, size_t by, int nrc);
    FromFloat fromFloat;
    VecDot vecDot;
    int vecDotType;
    int64_t nrows;
};

struct LlamaCpuLib {
    std::string path;   // the library file tried
    std::string error;  // why it is not available (empty when loaded)
    void* handle = nullptr;  // dlopen's, for other symbols
    const LlamaCpuTraits* (*traits)(int type) = nullptr;
    bool loaded() const { return traits != nullptr; }
};

// The library at `path`, dlopen'ed and initialised (ggml_cpu_init()); check loaded().
LlamaCpuLib loadLlamaCpuLib(const std::string& path);
// The variant for this CPU ($QS_GGML_CPU_LIB, else the source tree's node_modules), loaded once.
const LlamaCpuLib& llamaCpuLib();

}  // namespace qs::cli
