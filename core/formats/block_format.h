#pragma once
// Base for llama.cpp block formats: rows are independent, each row is cols/blockSize blocks
// of typeSize bytes. A format supplies its row kernels (fast, per instruction set, and the
// scalar reference); this class does the rest (storage size, threading over rows).
#include "core/formats/format.h"
#include "core/util/cpu.h"
#include "core/util/parallel.h"

#include <algorithm>

namespace qs {

// The fast row kernels of a block format, compiled for one instruction set: n is a multiple of
// the block size; importance has n values or is null.
struct RowKernels {
    void (*quantize)(const float* x, void* dst, int64_t n, const float* importance) = nullptr;
    void (*dequantize)(const void* src, float* y, int64_t n) = nullptr;
    const char* isa = "";  // QS_ISA_NAME of the compile (core/util/isa.h)
};

namespace avx2 {
// The AVX2 row kernels of block type T, defined by the AVX2 compile of its format's file
// (QS_LEGACY_FORMAT / QS_KQUANT_FORMAT with QS_AVX2_TU, see core/CMakeLists.txt).
template <GgmlType T>
RowKernels rowKernels();
}  // namespace avx2

// The row kernels a block format of type T runs: the AVX2 ones where they were built and the CPU
// has AVX2, else `base` (its own compile's).
template <GgmlType T>
RowKernels selectRowKernels(RowKernels base)
{
#if defined(QS_AVX2_TUS)
    if (cpuHasAvx2())
        return avx2::rowKernels<T>();
#endif
    return base;
}

class BlockFormat : public Format {
public:
    // t: the GGUF tensor type (its name and block geometry come from ggml_types.h); fileType:
    // LLAMA_FTYPE_* of a model mostly in this type; fallback: where rows the block does not
    // divide go (nullopt: F16); description: QT_TRANSLATE_NOOP("qs::formats", ...).
    // rows: the fast row kernels (selectRowKernels).
    BlockFormat(GgmlType t, uint32_t fileType, std::optional<GgmlType> fallback, const char* description,
                RowKernels rows)
        : type_(t), fileType_(fileType), fallback_(fallback), desc_(description), rows_(rows)
    {
    }

    std::string name() const override { return std::string(ggmlTypeInfo(type_).name); }
    std::string description() const override { return desc_; }
    FormatFamily family() const override { return FormatFamily::Gguf; }
    std::optional<GgmlType> ggmlType() const override { return type_; }
    int64_t blockSize() const override { return ggmlTypeInfo(type_).blockSize; }
    uint32_t ggufFileType() const override { return fileType_; }
    const char* isa() const override { return rows_.isa; }
    const Format* fallback() const override { return fallback_ ? formatForGgml(*fallback_) : nullptr; }
    uint64_t rowBytes(int64_t cols) const { return uint64_t(cols / blockSize()) * ggmlTypeInfo(type_).typeSize; }
    uint64_t storageBytes(int64_t rows, int64_t cols) const override { return uint64_t(rows) * rowBytes(cols); }

    void quantize(const float* src, int64_t rows, int64_t cols, void* dst, const float* importance) const override
    {
        auto* out = static_cast<unsigned char*>(dst);
        const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(1, cols));
        parallelFor(rows, grain, [&](int64_t b, int64_t e) {
            for (int64_t r = b; r < e; ++r)
                rows_.quantize(src + r * cols, out + r * rowBytes(cols), cols, importance);
        });
    }
    void quantizeReference(const float* src, int64_t rows, int64_t cols, void* dst, const float* importance) const override
    {
        auto* out = static_cast<unsigned char*>(dst);
        for (int64_t r = 0; r < rows; ++r)
            quantizeRowReference(src + r * cols, out + r * rowBytes(cols), cols, importance);
    }
    void dequantize(const void* src, int64_t rows, int64_t cols, float* dst) const override
    {
        auto* in = static_cast<const unsigned char*>(src);
        const int64_t grain = std::max<int64_t>(1, 65536 / std::max<int64_t>(1, cols));
        parallelFor(rows, grain, [&](int64_t b, int64_t e) {
            for (int64_t r = b; r < e; ++r)
                rows_.dequantize(in + r * rowBytes(cols), dst + r * cols, cols);
        });
    }

    void dequantizeRows(const void* src, int64_t, int64_t cols, int64_t r0, int64_t r1, float* dst) const override
    {
        auto* in = static_cast<const unsigned char*>(src);
        for (int64_t r = r0; r < r1; ++r)
            rows_.dequantize(in + r * rowBytes(cols), dst + (r - r0) * cols, cols);
    }

    // The scalar reference row quantizer (single-threaded; the fast kernels write its bytes).
    virtual void quantizeRowReference(const float* x, void* dst, int64_t n, const float* importance) const = 0;

private:
    GgmlType type_;
    uint32_t fileType_;
    std::optional<GgmlType> fallback_;
    const char* desc_;
    RowKernels rows_;
};

}  // namespace qs

// The last line of a block format's file, in namespace qs (LegacyFormat and KQuantFormat have
// their own shorthands, QS_LEGACY_FORMAT and QS_KQUANT_FORMAT):
//   QS_BLOCK_FORMAT(formatXyz, GgmlType::XYZ, rowKernelsOfThisCompile, XyzFormat, constructor args...)
// In the file's normal compile it defines `const Format& formatXyz()` returning a static
// XyzFormat(constructor args...) (which passes selectRowKernels<GgmlType::XYZ>(...) on to
// BlockFormat). core/CMakeLists.txt compiles every format file using one of these macros a
// second time, with -mavx2 -mfma -mf16c and QS_AVX2_TU: there the macro defines only
// avx2::rowKernels<GgmlType::XYZ>() = rowKernelsOfThisCompile, the AVX2 build of the kernels.
#if defined(QS_AVX2_TU)
#define QS_BLOCK_FORMAT(FUNCTION, TYPE, ROW_KERNELS, FORMAT_CLASS, ...) \
    template <>                                                         \
    RowKernels avx2::rowKernels<TYPE>()                                 \
    {                                                                   \
        return ROW_KERNELS;                                             \
    }
#else
#define QS_BLOCK_FORMAT(FUNCTION, TYPE, ROW_KERNELS, FORMAT_CLASS, ...) \
    const Format& FUNCTION()                                            \
    {                                                                   \
        static const FORMAT_CLASS f(__VA_ARGS__);                       \
        return f;                                                       \
    }
#endif
