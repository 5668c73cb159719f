#pragma once
// The dense linear algebra of error feedback (core/eval/error_feedback.cpp), single-threaded leaf
// operations on row-major blocks that the caller splits over threads. Three builds of one source
// (ef_linalg_impl.h): the baseline CPU's, one compiled with -mavx2 -mfma (ef_linalg_avx2.cpp) and
// one with AVX-512 F/BW/VL/DQ too (ef_linalg_avx512.cpp), each with its Eigen renamed into a
// namespace of its own so that nothing it instantiates can stand in for the baseline copy, chosen
// at run time (qs::cpuHasAvx512(), qs::cpuHasAvx2()). No inline functions here.
#include <cstdint>
#include <vector>

namespace qs::ef_linalg {

struct Ops {
    const char* name;
    // acc[r0..r1) x [0..r1) += (X columns r0..r1)ᵀ (X columns 0..r1); X tokens x n, column-major.
    void (*xtxRows)(double* acc, int64_t n, const double* x, int64_t tokens, int64_t r0, int64_t r1);
    // The same in float (one calibration stream's XᵀX or X Xᵀ: a float sum of a few thousand
    // products is exact enough for a float factorisation).
    void (*xtxRowsF)(float* acc, int64_t n, const float* x, int64_t tokens, int64_t r0, int64_t r1);
    // In-place Cholesky factor of the kb x kb block d (row-major, lower triangle); false if not
    // positive definite.
    bool (*llt)(float* d, int64_t kb);
    // p := p L⁻ᵀ for L the lower kb x kb block l (row-major) and p rows x kb (row stride ldp).
    void (*solveRightLowerT)(const float* l, int64_t kb, float* p, int64_t ldp, int64_t rows);
    // c (m x n, stride ldc) -= a (m x k, stride lda) · bᵀ (b: n x k, stride ldb).
    void (*subProductT)(float* c, int64_t ldc, const float* a, int64_t lda, const float* b, int64_t ldb, int64_t m,
                        int64_t n, int64_t k);
    // x (n x cols, stride ldx) := L⁻¹ x for L the lower n x n block at l (stride ldl).
    void (*solveLower)(const float* l, int64_t ldl, int64_t n, float* x, int64_t ldx, int64_t cols);
    // c (m x n, stride ldc) -= a (m x k, stride lda) · b (k x n, stride ldb), floats.
    void (*subProduct)(float* c, int64_t ldc, const float* a, int64_t lda, const float* b, int64_t ldb, int64_t m,
                       int64_t n, int64_t k);
    // Error feedback's rounding of nc columns in order, rows side by side: column c of row i at
    // [c·ld + i] in t (current weights), t0 (weights before any feedback), a and b (the row's affine
    // grid a + b·q there, q = 0..qmax; b zero or not finite: q = 0), for nr rows (a multiple of
    // kRoundLanes, nr <= ld). Each weight takes the nearest level; unless dead[c], its residual
    // e = t0 − level goes on to the later columns, t[k] −= e·feed[c·ldf + k] for c < k < nc. Writes
    // q (as floats) and e (0 where dead) at the same places. The same arithmetic, operation for
    // operation, as rounding one row at a time (error_feedback.cpp): the same results.
    void (*roundAffine)(float* t, const float* t0, const float* a, const float* b, int64_t ld, int64_t nr, int64_t nc,
                        const float* feed, int64_t ldf, const uint8_t* dead, int qmax, float* q, float* e);
};

inline constexpr int64_t kRoundLanes = 16;  // roundAffine's rows come in multiples of this

// Every build this CPU can run, the baseline first and the widest last.
std::vector<const Ops*> runnableOps();
const Ops& ops();  // the widest: AVX-512 when the CPU has it, else AVX2 when it has AVX2 and FMA

}  // namespace qs::ef_linalg
