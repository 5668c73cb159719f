#pragma once
// Dot products on the stored (quantized) bytes of a weight row, and the mat-mul building block of
// the forward pass: Y = X * W^T with W read in place (a memory-mapped GGUF tensor or a buffer made
// by a Format), never expanded to a float32 copy.
//
// Two activation modes (issue 12):
//   ActMode::Llama  activations converted to the weights' "vec-dot type" as llama.cpp does it
//                   (Q8_0 for Q4_0/Q5_0/Q8_0/IQ4_NL/MXFP4, Q8_1 for Q4_1/Q5_1, Q8_K for Q2_K..Q6_K,
//                   IQ4_XS, IQ3_S, IQ3_XXS, IQ2_S, IQ2_XS, IQ2_XXS, IQ1_M, IQ1_S, TQ1_0 and
//                   TQ2_0, F16 for F16, BF16 for BF16, F32 for F32), then integer
//                   dot products per block:
//                   the numbers llama.cpp computes for the same file, up to float summation order.
//   ActMode::Float  float activations; quantized weights decoded block by block to the floats
//                   Format::dequantize gives (weights-only semantics).
// The INT/NF4 family (no GGUF type) always runs as Float: its rows are decoded on the fly by the
// Format.
//
// Every kernel exists twice from one templated source (kernel_impl.h): a scalar reference and an
// AVX2/FMA/F16C path chosen at run time (qs::cpuHasAvx2()); the two give bit-identical results.
// matmul() runs in parallel over output rows with qs::parallelFor, so a CancelScope on the calling
// thread stops it between row chunks.
#include "core/formats/ggml_types.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace qs {
class Format;
}

namespace qs::kernels {

enum class ActMode {
    Llama,  // activations in the vec-dot type (llama.cpp's numbers)
    Float,  // float activations, weights decoded per block (weights-only semantics)
};

// Types with kernels: F32, F16, BF16, Q8_0, Q6_K, Q5_K, Q5_1, Q5_0, Q4_K, Q4_1, Q4_0, IQ4_NL, IQ4_XS,
// MXFP4, IQ3_S, Q3_K, IQ3_XXS, Q2_K, IQ2_S, IQ2_XS, IQ2_XXS, TQ2_0, IQ1_M, TQ1_0, IQ1_S.
bool hasKernel(GgmlType t);
// llama.cpp's vec-dot type of weights of type t (qs::Error if !hasKernel(t)).
GgmlType vecDotType(GgmlType t);
// Bytes of a row of n values of type t (n a multiple of the type's block size; qs::Error if not).
size_t rowBytes(GgmlType t, int64_t n);

// n floats -> a row of vec-dot type `act` (Q8_0, Q8_1, Q8_K, F16, BF16; F32 copies), n a multiple
// of its block size. Byte-identical to llama.cpp's from_float as its AVX2 CPU build runs it
// (Q8_0/Q8_1: its AVX2 quantize_row_q8_0/q8_1, rounding x * (127 / amax) half to even, not its
// scalar _ref; Q8_K: quantize_row_q8_K_ref). An all-zero Q8_K block gets zero bsums.
void quantizeRow(GgmlType act, const float* x, void* dst, int64_t n);

// dot(stored row of n weights of type t, activation row in vecDotType(t)).
float vecDot(GgmlType t, int64_t n, const void* row, const void* act);
// dot(stored row, float activations): F32/F16/BF16 rows directly, quantized rows decoded per block.
float vecDotFloat(GgmlType t, int64_t n, const void* row, const float* x);

// A weight matrix as stored: rows x cols (cols along the dot product), row r at data + r * rowBytes.
struct QMatrix {
    GgmlType type = GgmlType::F32;
    const void* data = nullptr;
    int64_t rows = 0;
    int64_t cols = 0;
    size_t rowBytes = 0;             // kernels::rowBytes(type, cols) for a packed GGUF tensor
    const Format* format = nullptr;  // set for the INT/NF4 family: data is the Format's whole
                                     // rows x cols tensor (its own layout; type and rowBytes unused)
    bool repacked = false;           // Q4_0 rows in the Q4_0x8 layout (repack() below)
};
// Throws qs::Error (naming `what`) when the matrix is unusable: no kernel for its type, cols not a
// multiple of the block size, rowBytes too small, null data.
void validate(const QMatrix& W, const char* what = "weight matrix");

// Q4_0 weights repacked for the kernels ("Q4_0x8"): each group of 8 rows keeps its place and size
// (8 x rowBytes bytes) but holds, block by block, the 8 rows' scales together and their nibble
// bytes interleaved 4 at a time, so one 32-byte load feeds the 8 rows (core/kernels/repack_impl.h);
// rows beyond the last whole group stay as they were. The mat-mul on it gives the same bits as on
// the plain rows, for a batch and for one token, with fewer instructions per weight.
// canRepack: a plain Q4_0 matrix of packed rows (rowBytes = rowBytes(Q4_0, cols)), >= 8 rows.
bool canRepack(const QMatrix& W);
// Writes W's rows in that layout to dst (W.rows * W.rowBytes bytes; dst may be W.data itself:
// repacked in place, a group at a time) and returns the view of dst (repacked = true).
// qs::Error if !canRepack(W).
QMatrix repack(const QMatrix& W, void* dst);
// Row r's bytes as the plain layout stores them (rowBytes(W.type, W.cols) bytes), repacked or not.
void plainRow(const QMatrix& W, int64_t r, void* out);

// Activations converted once to a vec-dot type (e.g. for the Q, K and V projections of one input).
class Activations {
public:
    // X: nTokens rows of cols floats, row t at X + t * ldx (ldx 0: cols). Converts in parallel.
    void set(GgmlType vecDotType, const float* X, int64_t nTokens, int64_t cols, int64_t ldx = 0);
    GgmlType type() const { return type_; }
    int64_t tokens() const { return tokens_; }
    int64_t cols() const { return cols_; }
    // Bytes from one row to the next: the vec-dot type's row (llama.cpp's bytes, at row(t)) followed
    // by what the kernels precompute per activation row (Q8_0/Q8_1: the block scales as floats).
    size_t rowBytes() const { return rowBytes_; }
    const uint8_t* row(int64_t t) const { return buf_.data() + size_t(t) * rowBytes_; }

private:
    GgmlType type_ = GgmlType::F32;
    int64_t tokens_ = 0, cols_ = 0;
    size_t rowBytes_ = 0;
    std::vector<uint8_t> buf_;
};

// Y = X * W^T: X is nTokens x W.cols (row t at X + t * ldx), Y is nTokens x W.rows (row t at
// Y + t * ldy: each token's outputs contiguous). ldx / ldy 0: W.cols / W.rows.
// nTokens == 1 is the decode mat-vec; larger batches are tiled (X converted once; row tiles x
// token tiles). In Llama mode F16/BF16 weights see the activations rounded to F16/BF16.
void matmul(const QMatrix& W, const float* X, int64_t nTokens, float* Y, ActMode mode, int64_t ldx = 0,
            int64_t ldy = 0);
// Llama mode with activations already converted (A.type() must be vecDotType(W.type), A.cols() ==
// W.cols); F16/BF16 weights also accept F32 activations (taken as they are).
void matmul(const QMatrix& W, const Activations& A, float* Y, int64_t ldy = 0);

// Which implementation runs: "avx512" (AVX2 with float rows in AVX-512), "avx2" or "scalar". forceScalar(true) makes later calls use the
// scalar reference (tests, benchmarks); false restores the run-time choice.
const char* activeIsa();
void forceScalar(bool on);

}  // namespace qs::kernels
