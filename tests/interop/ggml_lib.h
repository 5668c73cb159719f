#pragma once
// Test-only access to llama.cpp's quantizers and decoders in libggml-base.so (loaded with
// dlopen at run time from qs::test::ggmlBaseLib(), never linked), plus the shared fixtures of
// the GGUF interop and quality tests: the stories260K weight matrices and synthetic matrices.
#include "app/cli/llama_cpu_lib.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace qs {
class Format;
}

namespace qs::test {

// llama.cpp's functions for one ggml type.
struct GgmlFns {
    // quantize_<t>(src, dst, nrows, n_per_row, imatrix) -> bytes written: what ggml_quantize_chunk
    // calls. imatrix (n_per_row values) may be null.
    using QuantizeFn = size_t (*)(const float* src, void* dst, int64_t nrows, int64_t nPerRow, const float* imatrix);
    // quantize_row_<t>_ref(src, dst, k): the plain reference quantizer (null if the library has none).
    using QuantizeRowRefFn = void (*)(const float* src, void* dst, int64_t k);
    // dequantize_row_<t>(src, dst, k).
    using DequantizeFn = void (*)(const void* src, float* dst, int64_t k);

    std::string symbolType;  // "q4_0", "q2_K", "iq4_nl", ...
    QuantizeFn quantize = nullptr;
    QuantizeRowRefFn quantizeRowRef = nullptr;
    DequantizeFn dequantize = nullptr;
    // ggml_quantize_requires_imatrix(type): quantize_<t> asserts on a null imatrix (IQ2_XXS, ...).
    bool requiresImatrix = false;
};

// llama.cpp's CPU backend: the per-type traits of libggml-cpu-<variant>.so (dlopen'ed from
// ggmlCpuLib() by the CLI's loader, app/cli/llama_cpu_lib.h, after ggml_cpu_init()).
using GgmlCpuTraits = cli::LlamaCpuTraits;
// The CPU variant llama.cpp loads on this machine: $QS_GGML_CPU_LIB, else
// libggml-cpu-<qs::llamaCppCpuVariant()>.so beside ggmlBaseLib() (zen4 with AVX-512, haswell with AVX2).
std::string ggmlCpuLib();
// The traits of ggml type id `type` (qFatal if the library cannot be loaded).
const GgmlCpuTraits& ggmlCpuTraits(int type);
// dlsym in the CPU library (null if absent).
void* ggmlCpuSymbol(const char* name);

// ggml's spelling of a type in symbol names: "Q4_0" -> "q4_0", "Q2_K" -> "q2_K", "IQ4_NL" -> "iq4_nl".
std::string ggmlSymbolType(std::string_view formatName);

// The functions for a type name (either spelling). qFatal if the library cannot be loaded or lacks
// quantize_<t> or dequantize_row_<t>. The type's lattice tables are set up first
// (ggml_quantize_init: what ggml_quantize_chunk does before quantize_<t>; the IQ types need it).
const GgmlFns& ggmlFns(std::string_view typeName);

// Convenience wrappers over whole row-major matrices (cols a multiple of the block size).
// bytesPerRow: the row size of the type (Format::storageBytes(1, cols)).
std::vector<unsigned char> ggmlQuantize(const GgmlFns& f, const float* src, int64_t rows, int64_t cols,
                                        uint64_t bytesPerRow, const float* imatrix = nullptr);
std::vector<unsigned char> ggmlQuantizeRowRef(const GgmlFns& f, const float* src, int64_t rows, int64_t cols,
                                              uint64_t bytesPerRow);
std::vector<float> ggmlDequantize(const GgmlFns& f, const unsigned char* bytes, int64_t rows, int64_t cols);

// A named float matrix (row-major).
struct Matrix {
    std::string name;
    int64_t rows = 0;
    int64_t cols = 0;
    std::vector<float> data;
};

// Every 2-D tensor of stories260K/stories260K-f32.gguf (read by a minimal GGUF parser of this test
// library, independent of the engine's reader).
const std::vector<Matrix>& storiesMatrices();

// The GGUF block formats registered in qs::allFormats() (family Gguf), in registry order.
std::vector<const Format*> ggufFormats();

// Synthetic test matrices; cols is a multiple of 256 so every GGUF format applies.
// Distributions: gaussian, uniform, student-t (3 dof) with outlier columns scaled 10-50x,
// zeros, constant rows, tiny (1e-6..1e-30) and huge (1e4..6e4) magnitudes, mixed-sign spikes.
std::vector<Matrix> syntheticMatrices(uint32_t seed, int64_t rows = 16, int64_t cols = 512);
// Heavy-tailed matrix: student-t bulk plus `outlierCols` columns scaled 10-50x.
Matrix heavyTailedMatrix(uint32_t seed, int64_t rows, int64_t cols, int outlierCols);

// sum_j w[j] * (a_ij - b_ij)^2 in double (w null: all ones).
double weightedSquaredError(const float* a, const float* b, int64_t rows, int64_t cols, const float* w = nullptr);

}  // namespace qs::test

namespace qs::test {
// The matrix as `f` can store it: itself when f supports its row length, else the same values
// reshaped to rows of f's block size (or of 2 blocks); empty name when neither fits.
Matrix shapedFor(const Format& f, const Matrix& m);
}  // namespace qs::test
