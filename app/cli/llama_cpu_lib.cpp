#include "app/cli/llama_cpu_lib.h"

#include "core/util/cpu.h"

#include <QFileInfo>

#include <dlfcn.h>

#include <cstdlib>

namespace qs::cli {

LlamaCpuLib loadLlamaCpuLib(const std::string& path)
{
    LlamaCpuLib l;
    l.path = path;
    if (path.empty() || !QFileInfo::exists(QString::fromStdString(path))) {
        l.error = path.empty() ? "no llama.cpp CPU library (set QS_GGML_CPU_LIB)" : path + ": not found";
        return l;
    }
    // RTLD_LOCAL: its symbols stay out of ours; it finds libggml-base.so beside it ($ORIGIN).
    void* h = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        l.error = path + ": " + dlerror();
        return l;
    }
    auto init = reinterpret_cast<void (*)()>(dlsym(h, "ggml_cpu_init"));
    auto get = reinterpret_cast<const LlamaCpuTraits* (*)(int)>(dlsym(h, "ggml_get_type_traits_cpu"));
    if (!init || !get) {
        l.error = path + ": not a ggml CPU backend (no ggml_cpu_init / ggml_get_type_traits_cpu)";
        return l;
    }
    init();
    l.handle = h;
    l.traits = get;
    return l;
}

const LlamaCpuLib& llamaCpuLib()
{
    static const LlamaCpuLib lib = [] {
        if (const char* env = std::getenv("QS_GGML_CPU_LIB"); env && *env)
            return loadLlamaCpuLib(env);
#ifdef QS_SOURCE_DIR
        return loadLlamaCpuLib(std::string(QS_SOURCE_DIR) + "/tests/interop/node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/" +
                               "libggml-cpu-" + std::string(llamaCppCpuVariant()) + ".so");
#else
        return loadLlamaCpuLib({});
#endif
    }();
    return lib;
}

}  // namespace qs::cli
