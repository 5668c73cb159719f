#pragma once
// TEMPORARY stand-in for core/kernels/kernels.h (issue 12, being written on the `kernels` branch):
// the same names and signatures, so the forward pass switches to the real kernels by changing
// one #include. Here every product decodes a block of weight rows through its qs::Format and
// takes float dot products, so both activation modes give weights-only (ActMode::Float) numbers.
#include "core/formats/ggml_types.h"

#include <cstddef>
#include <cstdint>

namespace qs {
class Format;
}

namespace qs::kernels {

enum class ActMode {
    Llama,  // activations in the weights' vec-dot type (llama.cpp's numbers)
    Float,  // float activations, weights decoded per block (weights-only semantics)
};

// Types whose stored rows the products read in place.
bool hasKernel(GgmlType t);
// Bytes of a row of n values of type t (n a multiple of the type's block size; qs::Error if not).
size_t rowBytes(GgmlType t, int64_t n);

// A weight matrix as stored: rows x cols (cols along the dot product), row r at data + r * rowBytes.
struct QMatrix {
    GgmlType type = GgmlType::F32;
    const void* data = nullptr;
    int64_t rows = 0;
    int64_t cols = 0;
    size_t rowBytes = 0;
    const Format* format = nullptr;  // INT/NF4 family: data is the Format's whole tensor
};
void validate(const QMatrix& W, const char* what = "weight matrix");

// Y = X * W^T: X is nTokens x W.cols (row t at X + t * ldx), Y is nTokens x W.rows (row t at
// Y + t * ldy). ldx / ldy 0: W.cols / W.rows. Parallel over rows of W (qs::parallelFor).
void matmul(const QMatrix& W, const float* X, int64_t nTokens, float* Y, ActMode mode, int64_t ldx = 0,
            int64_t ldy = 0);

}  // namespace qs::kernels
