/* llama-quantize.c: llama.cpp's own whole-model quantizer (llama_model_quantize from node-llama-cpp's
 * libllama.so), for side-by-side benchmarks. Usage: llama-quantize LIBLLAMA IN.gguf OUT.gguf FTYPE [pure]
 * FTYPE is llama.cpp's LLAMA_FTYPE number (2 Q4_0, 3 Q4_1, 7 Q8_0, 8 Q5_0, 9 Q5_1, 15 Q4_K_M, ...). */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The leading fields of struct llama_model_quantize_params (llama.h); the rest is left as the
 * library's defaults fill it (the buffer is larger than the struct). */
struct params {
    int32_t nthread;
    int32_t ftype;
    int32_t output_tensor_type;
    int32_t token_embedding_type;
    _Bool allow_requantize;
    _Bool quantize_output_tensor;
    _Bool only_copy;
    _Bool pure;
    unsigned char rest[256];
};

int main(int argc, char** argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: %s LIBLLAMA IN.gguf OUT.gguf FTYPE [pure]\n", argv[0]);
        return 2;
    }
    void* lib = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (!lib) {
        fprintf(stderr, "%s\n", dlerror());
        return 1;
    }
    struct params (*defaults)(void) = (struct params(*)(void))dlsym(lib, "llama_model_quantize_default_params");
    uint32_t (*quantize)(const char*, const char*, const struct params*) =
        (uint32_t(*)(const char*, const char*, const struct params*))dlsym(lib, "llama_model_quantize");
    void (*backend_init)(void) = (void (*)(void))dlsym(lib, "llama_backend_init");
    if (!defaults || !quantize) {
        fprintf(stderr, "libllama lacks llama_model_quantize\n");
        return 1;
    }
    if (backend_init)
        backend_init();
    struct params p = defaults();
    p.ftype = atoi(argv[4]);
    p.pure = argc > 5 && strcmp(argv[5], "pure") == 0;
    p.nthread = 2;
    const uint32_t rc = quantize(argv[2], argv[3], &p);
    if (rc != 0)
        fprintf(stderr, "llama_model_quantize failed (%u)\n", rc);
    return rc ? 1 : 0;
}
