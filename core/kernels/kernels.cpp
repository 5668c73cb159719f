// Dispatch (scalar reference, AVX2 or AVX-512, chosen once at run time), validation and the tiled,
// parallel mat-mul over the kernels of isa_table.h.
#include "core/kernels/kernels.h"

#include "core/util/error.h"
#include "core/formats/block_format.h"
#include "core/formats/format.h"
#include "core/util/half.h"
#include "core/util/cpu.h"
#include "core/kernels/isa_table.h"
#include "core/kernels/repack_table.h"
#include "core/util/parallel.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <string>

#if defined(QS_NO_AVX2_KERNELS)
namespace qs::kernels::detail {
// A build without the AVX2 paths (QS_AVX2_PATHS=OFF): a test that asks for them fails loudly.
const IsaKernels& avx2Kernels()
{
    throw Error(ErrorKind::Failure, "this build has no AVX2 kernels (QS_AVX2_PATHS=OFF)");
}
TileFn q4_0x8Avx2() { throw Error(ErrorKind::Failure, "this build has no AVX2 kernels (QS_AVX2_PATHS=OFF)"); }
TileFn q4_0x8Avx512Vnni() { throw Error(ErrorKind::Failure, "this build has no AVX-512 kernels (QS_AVX2_PATHS=OFF)"); }
const IsaKernels& avx512Kernels()
{
    throw Error(ErrorKind::Failure, "this build has no AVX-512 kernels (QS_AVX2_PATHS=OFF)");
}
}  // namespace qs::kernels::detail
#endif

namespace qs::kernels {

using detail::IsaKernels;

namespace {

std::atomic<bool> g_forceScalar{false};

// The one run-time choice of instruction set, for the kernel table and the regrouped Q4_0 kernel.
bool useAvx2()
{
#if defined(QS_NO_AVX2_KERNELS)
    return false;
#else
    static const bool avx2 = cpuHasAvx2();
    return avx2 && !g_forceScalar.load(std::memory_order_relaxed);
#endif
}

// AVX-512 (float rows; the rest is the AVX2 table) where the CPU has it.
bool useAvx512()
{
#if defined(QS_NO_AVX2_KERNELS)
    return false;
#else
    static const bool avx512 = cpuHasAvx512();
    return avx512 && useAvx2();
#endif
}

const IsaKernels& isa()
{
    if (useAvx512())
        return detail::avx512Kernels();
    return useAvx2() ? detail::avx2Kernels() : detail::scalarKernels();
}

detail::TileFn q4_0x8()
{
    static const bool vnni = cpuHasAvx512Vnni();
    if (useAvx512() && vnni)
        return detail::q4_0x8Avx512Vnni();
    return useAvx2() ? detail::q4_0x8Avx2() : detail::q4_0x8Scalar();
}

constexpr int64_t kGroupRows = 8;
constexpr size_t kGroupBlockBytes = 144, kQ4_0BlockBytes = 18;

int slot(GgmlType t) { return int(t) < detail::kTypeSlots ? int(t) : -1; }

std::string typeName(GgmlType t)
{
    const auto info = ggmlTypeInfo(uint32_t(t));
    return info ? std::string(info->name) : "type " + std::to_string(uint32_t(t));
}

// Thread-local scratch that only grows.
template <class T>
T* scratch(std::vector<T>& v, size_t n)
{
    if (v.size() < n)
        v.resize(n);
    return v.data();
}

const BlockFormat* blockFormat(GgmlType t)
{
    const Format* f = formatForGgml(t);
    return f ? dynamic_cast<const BlockFormat*>(f) : nullptr;
}

bool isFloatType(GgmlType t) { return t == GgmlType::F32 || t == GgmlType::F16 || t == GgmlType::BF16; }

// Bytes of an activation row as the kernels read it (isa_table.h: the row, then extras).
size_t kernelRowBytes(GgmlType act, int64_t n)
{
    if (act == GgmlType::Q8_0 || act == GgmlType::Q8_1)
        return detail::actLayout(act == GgmlType::Q8_1, n / 32).bytes;
    return rowBytes(act, n);
}

// Writes the extras of a converted activation row (its blocks already in place).
void addExtras(GgmlType act, uint8_t* row, int64_t n)
{
    if (act != GgmlType::Q8_0 && act != GgmlType::Q8_1)
        return;
    const bool q81 = act == GgmlType::Q8_1;
    const int bs = q81 ? 36 : 34, qs = q81 ? 4 : 2;
    const int64_t nb = n / 32;
    const detail::ActLayout l = detail::actLayout(q81, nb);
    for (int64_t b = 0; b < nb; ++b) {
        uint16_t h[2];
        std::memcpy(h, row + b * bs, 4);
        const float d = fp16ToFp32(h[0]);
        std::memcpy(row + l.scales + 4 * b, &d, 4);
        if (q81) {
            const float s = fp16ToFp32(h[1]);
            std::memcpy(row + l.scales + 4 * (nb + b), &s, 4);
        }
    }
    for (int64_t k = 0; k < nb / 2; ++k) {
        const uint8_t* b0 = row + 2 * k * bs + qs;
        const uint8_t* b1 = b0 + bs;
        uint8_t* p = row + l.pairs + 64 * k;
        std::memcpy(p, b0, 16);
        std::memcpy(p + 16, b1, 16);
        std::memcpy(p + 32, b0 + 16, 16);
        std::memcpy(p + 48, b1 + 16, 16);
        if (!q81) {
            int32_t lane[8];
            for (int i = 0; i < 8; ++i) {
                int32_t sum = 0;
                for (int m = 0; m < 4; ++m)
                    sum += int8_t(p[4 * i + m]) + int8_t(p[32 + 4 * i + m]);
                lane[i] = -8 * sum;
            }
            std::memcpy(row + l.laneSums + 32 * k, lane, 32);
        }
    }
}

}  // namespace

const char* activeIsa() { return isa().name; }
void forceScalar(bool on) { g_forceScalar.store(on); }

bool hasKernel(GgmlType t)
{
    const int s = slot(t);
    return s >= 0 && detail::scalarKernels().dot[s] != nullptr;
}

GgmlType vecDotType(GgmlType t)
{
    switch (t) {
    case GgmlType::Q4_0:
    case GgmlType::Q5_0:
    case GgmlType::Q8_0:
    case GgmlType::IQ4_NL:
    case GgmlType::MXFP4: return GgmlType::Q8_0;
    case GgmlType::Q4_1:
    case GgmlType::Q5_1: return GgmlType::Q8_1;
    case GgmlType::Q2_K:
    case GgmlType::Q3_K:
    case GgmlType::Q4_K:
    case GgmlType::Q5_K:
    case GgmlType::Q6_K:
    case GgmlType::IQ4_XS:
    case GgmlType::IQ3_S:
    case GgmlType::IQ3_XXS:
    case GgmlType::IQ2_S:
    case GgmlType::IQ2_XS:
    case GgmlType::IQ1_M:
    case GgmlType::IQ1_S:
    case GgmlType::IQ2_XXS:
    case GgmlType::TQ1_0:
    case GgmlType::TQ2_0: return GgmlType::Q8_K;
    case GgmlType::F32:
    case GgmlType::F16:
    case GgmlType::BF16: return t;
    default: throw Error(ErrorKind::InvalidInput, "no dot-product kernel for tensor type " + typeName(t));
    }
}

size_t rowBytes(GgmlType t, int64_t n)
{
    const auto info = ggmlTypeInfo(uint32_t(t));
    if (!info)
        throw Error(ErrorKind::InvalidInput, "unknown tensor type " + typeName(t));
    if (n < 0 || n % info->blockSize != 0)
        throw Error(ErrorKind::InvalidInput, "a " + std::string(info->name) + " row of " + std::to_string(n) +
                                                 " values is not a whole number of " +
                                                 std::to_string(info->blockSize) + "-value blocks");
    return size_t(n / info->blockSize) * info->typeSize;
}

void quantizeRow(GgmlType act, const float* x, void* dst, int64_t n)
{
    (void)rowBytes(act, n);  // validates n
    if (act == GgmlType::F32) {
        std::memcpy(dst, x, size_t(n) * sizeof(float));
        return;
    }
    const int s = slot(act);
    const detail::QuantFn fn = s >= 0 ? isa().quantize[s] : nullptr;
    if (!fn)
        throw Error(ErrorKind::InvalidInput, typeName(act) + " is not an activation (vec-dot) type");
    fn(x, static_cast<uint8_t*>(dst), n);
}

float vecDot(GgmlType t, int64_t n, const void* row, const void* act)
{
    if (!hasKernel(t))
        (void)vecDotType(t);  // throws
    (void)rowBytes(t, n);
    const GgmlType at = vecDotType(t);
    const auto* a = static_cast<const uint8_t*>(act);
    if (at == GgmlType::Q8_0 || at == GgmlType::Q8_1) {  // the kernels' layout: a copy with the extras
        thread_local std::vector<uint8_t> ext;
        uint8_t* e = scratch(ext, kernelRowBytes(at, n));
        std::memcpy(e, act, rowBytes(at, n));
        addExtras(at, e, n);
        a = e;
    }
    float y = 0.0f;
    isa().dot[slot(t)](n, static_cast<const uint8_t*>(row), 0, 1, a, 0, 1, &y, 1);
    return y;
}

float vecDotFloat(GgmlType t, int64_t n, const void* row, const float* x)
{
    if (!hasKernel(t))
        (void)vecDotType(t);  // throws
    (void)rowBytes(t, n);
    const auto* xb = reinterpret_cast<const uint8_t*>(x);
    float y = 0.0f;
    if (isFloatType(t)) {
        isa().dotF32[slot(t)](n, static_cast<const uint8_t*>(row), 0, 1, xb, 0, 1, &y, 1);
        return y;
    }
    thread_local std::vector<float> buf;
    float* w = scratch(buf, size_t(n));
    blockFormat(t)->dequantizeRows(row, 1, n, 0, 1, w);
    isa().dotF32[int(GgmlType::F32)](n, reinterpret_cast<const uint8_t*>(w), 0, 1, xb, 0, 1, &y, 1);
    return y;
}

void validate(const QMatrix& W, const char* what)
{
    const std::string name = what;
    if (W.rows <= 0 || W.cols <= 0)
        throw Error(ErrorKind::InvalidInput, name + ": empty shape " + std::to_string(W.rows) + " x " + std::to_string(W.cols));
    if (!W.data)
        throw Error(ErrorKind::InvalidInput, name + ": no data");
    if (W.format) {
        if (!W.format->supports(W.rows, W.cols))
            throw Error(ErrorKind::InvalidInput, name + ": " + W.format->name() + " cannot store rows of " +
                                                     std::to_string(W.cols) + " values");
        return;
    }
    if (!hasKernel(W.type))
        throw Error(ErrorKind::InvalidInput, name + ": no dot-product kernel for tensor type " + typeName(W.type));
    const auto& info = ggmlTypeInfo(W.type);
    if (W.cols % info.blockSize != 0)
        throw Error(ErrorKind::InvalidInput, name + ": " + std::string(info.name) + " rows of " + std::to_string(W.cols) +
                                                 " values are not whole " + std::to_string(info.blockSize) + "-value blocks");
    if (W.rowBytes < rowBytes(W.type, W.cols))
        throw Error(ErrorKind::InvalidInput, name + ": row stride " + std::to_string(W.rowBytes) + " bytes is below the " +
                                                 std::to_string(rowBytes(W.type, W.cols)) + "-byte " +
                                                 std::string(info.name) + " row");
    if (W.repacked && (W.type != GgmlType::Q4_0 || W.rowBytes != rowBytes(W.type, W.cols)))
        throw Error(ErrorKind::InvalidInput, name + ": only packed Q4_0 rows have a repacked layout");
}

bool canRepack(const QMatrix& W)
{
    return !W.format && !W.repacked && W.type == GgmlType::Q4_0 && W.data && W.rows >= kGroupRows && W.cols > 0 &&
           W.cols % 32 == 0 && W.rowBytes == rowBytes(GgmlType::Q4_0, W.cols);
}

QMatrix repack(const QMatrix& W, void* dst)
{
    validate(W);
    if (!canRepack(W))
        throw Error(ErrorKind::InvalidInput, "repack: only a plain Q4_0 matrix of packed rows and at least 8 rows can be "
                                             "repacked (got " + typeName(W.type) + ", " + std::to_string(W.rows) + " rows)");
    const auto* src = static_cast<const uint8_t*>(W.data);
    auto* out = static_cast<uint8_t*>(dst);
    const size_t rb = W.rowBytes, groupBytes = kGroupRows * rb;
    const int64_t nb = W.cols / 32, groups = W.rows / kGroupRows;
    parallelFor(groups, std::max<int64_t>(1, int64_t(65536 / groupBytes)), [&](int64_t b, int64_t e) {
        thread_local std::vector<uint8_t> tmp;
        uint8_t* rows = scratch(tmp, groupBytes);
        for (int64_t g = b; g < e; ++g) {
            std::memcpy(rows, src + size_t(g) * groupBytes, groupBytes);  // dst may be src
            uint8_t* o = out + size_t(g) * groupBytes;
            for (int64_t k = 0; k < nb; ++k, o += kGroupBlockBytes)
                for (int64_t r = 0; r < kGroupRows; ++r) {
                    const uint8_t* blk = rows + size_t(r) * rb + size_t(k) * kQ4_0BlockBytes;
                    std::memcpy(o + 2 * r, blk, 2);
                    for (int i = 0; i < 4; ++i)
                        std::memcpy(o + 16 + 32 * i + 4 * r, blk + 2 + 4 * i, 4);
                }
        }
    });
    const size_t done = size_t(groups) * groupBytes, total = size_t(W.rows) * rb;
    if (out != src && total > done)
        std::memcpy(out + done, src + done, total - done);
    QMatrix R = W;
    R.data = dst;
    R.repacked = true;
    return R;
}

namespace {

// plainRow without the checks (r a row of a validated matrix of packed rows).
void copyPlainRow(const QMatrix& W, int64_t r, uint8_t* o)
{
    const auto* src = static_cast<const uint8_t*>(W.data);
    const int64_t groups = W.rows / kGroupRows;
    if (!W.repacked || r >= groups * kGroupRows) {
        std::memcpy(o, src + size_t(r) * W.rowBytes, rowBytes(W.type, W.cols));
        return;
    }
    const uint8_t* g = src + size_t(r / kGroupRows) * kGroupRows * W.rowBytes;
    const int64_t j = r % kGroupRows;
    for (int64_t k = 0; k < W.cols / 32; ++k, g += kGroupBlockBytes, o += kQ4_0BlockBytes) {
        std::memcpy(o, g + 2 * j, 2);
        for (int i = 0; i < 4; ++i)
            std::memcpy(o + 2 + 4 * i, g + 16 + 32 * i + 4 * j, 4);
    }
}

}  // namespace

void plainRow(const QMatrix& W, int64_t r, void* out)
{
    validate(W);
    if (W.format || r < 0 || r >= W.rows)
        throw Error(ErrorKind::InvalidInput, "plainRow: no row " + std::to_string(r) + " in a " + std::to_string(W.rows) +
                                                 "-row matrix of packed rows");
    copyPlainRow(W, r, static_cast<uint8_t*>(out));
}

void Activations::set(GgmlType vecDotType, const float* X, int64_t nTokens, int64_t cols, int64_t ldx)
{
    if (ldx == 0)
        ldx = cols;
    rowBytes_ = kernelRowBytes(vecDotType, cols);
    type_ = vecDotType;
    tokens_ = nTokens;
    cols_ = cols;
    if (buf_.size() < rowBytes_ * size_t(nTokens))
        buf_.resize(rowBytes_ * size_t(nTokens));
    const int64_t grain = std::max<int64_t>(1, 65536 / std::max<int64_t>(1, cols));
    parallelFor(nTokens, grain, [&](int64_t b, int64_t e) {
        for (int64_t t = b; t < e; ++t) {
            quantizeRow(vecDotType, X + t * ldx, buf_.data() + size_t(t) * rowBytes_, cols);
            addExtras(vecDotType, buf_.data() + size_t(t) * rowBytes_, cols);
        }
    });
}

namespace {

// Rows per parallel chunk: enough chunks for every thread several times over (load balance, and
// cancel checks), each chunk big enough to amortise its scheduling.
int64_t rowGrain(int64_t rows, int64_t nTokens)
{
    const int64_t chunks = int64_t(maxThreads()) * 8;
    int64_t g = (rows + chunks - 1) / chunks;
    g = std::clamp<int64_t>(g, nTokens > 1 ? 4 : 16, 256);
    return (g + 3) / 4 * 4;
}

constexpr int64_t kTokenTile = 16;  // activation rows kept hot while a row chunk streams past

// One kernel over nr rows (w: the first) x all tokens, token tiles outermost; y: the first row's
// output of token 0.
void runTiles(detail::TileFn fn, int64_t n, const uint8_t* w, size_t ws, int64_t nr, const uint8_t* a, size_t as,
              int64_t nTokens, float* y, int64_t ldy)
{
    for (int64_t t0 = 0; t0 < nTokens; t0 += kTokenTile) {
        const int64_t nt = std::min(kTokenTile, nTokens - t0);
        fn(n, w, ws, nr, a + t0 * as, as, nt, y + t0 * ldy, size_t(ldy));
    }
}

// Float activations against rows decoded on the fly (quantized GGUF rows in Float mode, the
// INT/NF4 family): decode a few rows, run them against all tokens, next rows.
void matmulDecoded(const QMatrix& W, const float* X, int64_t nTokens, float* Y, int64_t ldx, int64_t ldy)
{
    const BlockFormat* bf = W.format ? nullptr : blockFormat(W.type);
    const int64_t cols = W.cols;
    // A batch decodes at least the kernels' 4-row step, whatever the row length; a long one about
    // 256 KiB of rows, so that each tile of tokens is read once per many rows (with a few rows at
    // a time, all the tokens stream past again for every few rows).
    int64_t tileRows = std::clamp<int64_t>(16384 / cols, 1, 16);
    if (nTokens >= kTokenTile)
        tileRows = std::clamp<int64_t>(65536 / cols, 4, 64) / 4 * 4;
    else if (nTokens > 1)
        tileRows = std::max<int64_t>(4, tileRows / 4 * 4);
    const detail::TileFn fn = isa().dotF32[int(GgmlType::F32)];
    parallelFor(W.rows, rowGrain(W.rows, nTokens), [&](int64_t b, int64_t e) {
        thread_local std::vector<float> buf;
        float* w = scratch(buf, size_t(tileRows * cols));
        for (int64_t r0 = b; r0 < e; r0 += tileRows) {
            const int64_t r1 = std::min(e, r0 + tileRows);
            if (bf && W.repacked) {
                thread_local std::vector<uint8_t> row;
                uint8_t* p = scratch(row, W.rowBytes);
                for (int64_t r = r0; r < r1; ++r) {
                    copyPlainRow(W, r, p);
                    bf->dequantizeRows(p, 1, cols, 0, 1, w + (r - r0) * cols);
                }
            } else if (bf) {
                for (int64_t r = r0; r < r1; ++r)
                    bf->dequantizeRows(static_cast<const uint8_t*>(W.data) + size_t(r) * W.rowBytes, 1, cols, 0, 1, w + (r - r0) * cols);
            } else {
                W.format->dequantizeRows(W.data, W.rows, cols, r0, r1, w);
            }
            runTiles(fn, cols, reinterpret_cast<const uint8_t*>(w), size_t(cols) * 4, r1 - r0,
                     reinterpret_cast<const uint8_t*>(X), size_t(ldx) * 4, nTokens, Y + r0, ldy);
        }
    });
}

// Float rows x F32 activations; one token against a matrix bigger than a core's L2 cache (so read
// from memory, or at best the shared L3) takes the prefetching variant where the table has one.
detail::TileFn floatRows(const QMatrix& W, int64_t nTokens)
{
    constexpr size_t kStreamBytes = size_t(2) << 20;
    const IsaKernels& k = isa();
    if (nTokens == 1 && size_t(W.rows) * W.rowBytes >= kStreamBytes && k.dotF32Stream[slot(W.type)])
        return k.dotF32Stream[slot(W.type)];
    return k.dotF32[slot(W.type)];
}

void matmulDirect(detail::TileFn fn, const QMatrix& W, const uint8_t* a, size_t as, int64_t nTokens, float* Y, int64_t ldy)
{
    const auto* w = static_cast<const uint8_t*>(W.data);
    parallelFor(W.rows, rowGrain(W.rows, nTokens), [&](int64_t b, int64_t e) {
        runTiles(fn, W.cols, w + size_t(b) * W.rowBytes, W.rowBytes, e - b, a, as, nTokens, Y + b, ldy);
    });
}

// Q4_0x8: groups of 8 rows by the repacked kernel, the rows after the last group by the plain one.
void matmulRepacked(const QMatrix& W, const uint8_t* a, size_t as, int64_t nTokens, float* Y, int64_t ldy)
{
    const detail::TileFn grouped = q4_0x8(), plain = isa().dot[slot(GgmlType::Q4_0)];
    const auto* w = static_cast<const uint8_t*>(W.data);
    const size_t groupBytes = kGroupRows * W.rowBytes;
    const int64_t groups = W.rows / kGroupRows, tail = W.rows % kGroupRows;
    const int64_t grain = std::max<int64_t>(1, rowGrain(W.rows, nTokens) / kGroupRows);
    parallelFor(groups + (tail ? 1 : 0), grain, [&](int64_t b, int64_t e) {
        const int64_t ge = std::min(e, groups);
        if (b < ge)
            runTiles(grouped, W.cols, w + size_t(b) * groupBytes, W.rowBytes, (ge - b) * kGroupRows, a, as, nTokens,
                     Y + b * kGroupRows, ldy);
        if (e > groups)
            runTiles(plain, W.cols, w + size_t(groups) * groupBytes, W.rowBytes, tail, a, as, nTokens,
                     Y + groups * kGroupRows, ldy);
    });
}

}  // namespace

void matmul(const QMatrix& W, const float* X, int64_t nTokens, float* Y, ActMode mode, int64_t ldx, int64_t ldy)
{
    validate(W);
    if (nTokens <= 0)
        return;
    if (ldx == 0)
        ldx = W.cols;
    if (ldy == 0)
        ldy = W.rows;
    const auto* xb = reinterpret_cast<const uint8_t*>(X);
    if (W.format || (mode == ActMode::Float && !isFloatType(W.type))) {
        matmulDecoded(W, X, nTokens, Y, ldx, ldy);
        return;
    }
    if (W.type == GgmlType::F32 || mode == ActMode::Float) {  // float rows x float activations
        matmulDirect(floatRows(W, nTokens), W, xb, size_t(ldx) * 4, nTokens, Y, ldy);
        return;
    }
    if (W.type == GgmlType::F16 || W.type == GgmlType::BF16) {
        // Llama mode: activations rounded to the row type, held as floats (exact), so the float
        // kernels see exactly the operands of llama.cpp's F16/BF16 dot.
        thread_local std::vector<float> rounded;
        float* r = scratch(rounded, size_t(nTokens * W.cols));
        const bool f16 = W.type == GgmlType::F16;
        parallelFor(nTokens, std::max<int64_t>(1, 16384 / W.cols), [&](int64_t b, int64_t e) {
            for (int64_t t = b; t < e; ++t)
                for (int64_t j = 0; j < W.cols; ++j) {
                    const float v = X[t * ldx + j];
                    r[t * W.cols + j] = f16 ? fp16Round(v) : bf16ToFp32(fp32ToBf16(v));
                }
        });
        matmulDirect(floatRows(W, nTokens), W, reinterpret_cast<const uint8_t*>(r), size_t(W.cols) * 4, nTokens, Y, ldy);
        return;
    }
    thread_local Activations acts;
    acts.set(vecDotType(W.type), X, nTokens, W.cols, ldx);
    matmul(W, acts, Y, ldy);
}

void matmul(const QMatrix& W, const Activations& A, float* Y, int64_t ldy)
{
    validate(W);
    if (W.format)
        throw Error(ErrorKind::InvalidInput, W.format->name() + " has no llama.cpp activation type; use float activations");
    if (A.cols() != W.cols)
        throw Error(ErrorKind::InvalidInput, "activations of " + std::to_string(A.cols()) + " values for rows of " +
                                                 std::to_string(W.cols));
    const bool floatActs = A.type() == GgmlType::F32 && isFloatType(W.type);
    if (A.type() != vecDotType(W.type) && !floatActs)
        throw Error(ErrorKind::InvalidInput, typeName(W.type) + " rows need " + typeName(vecDotType(W.type)) +
                                                 " activations, got " + typeName(A.type()));
    if (A.tokens() <= 0)
        return;
    if (ldy == 0)
        ldy = W.rows;
    if (W.repacked) {
        matmulRepacked(W, A.row(0), A.rowBytes(), A.tokens(), Y, ldy);
        return;
    }
    const detail::TileFn fn = floatActs ? isa().dotF32[slot(W.type)] : isa().dot[slot(W.type)];
    matmulDirect(fn, W, A.row(0), A.rowBytes(), A.tokens(), Y, ldy);
}

}  // namespace qs::kernels
