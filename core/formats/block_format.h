#pragma once
// Base for llama.cpp block formats: rows are independent, each row is cols/blockSize blocks
// of typeSize bytes. A format supplies three row kernels; this class does the rest
// (storage size, threading over rows, the reference loop).
#include "core/formats/format.h"
#include "core/util/parallel.h"

#include <algorithm>

namespace qs {

class BlockFormat : public Format {
public:
    // t: the GGUF tensor type (its name and block geometry come from ggml_types.h); fileType:
    // LLAMA_FTYPE_* of a model mostly in this type; fallback: where rows the block does not
    // divide go (nullopt: F16); description: QT_TRANSLATE_NOOP("qs::formats", ...).
    BlockFormat(GgmlType t, uint32_t fileType, std::optional<GgmlType> fallback, const char* description)
        : type_(t), fileType_(fileType), fallback_(fallback), desc_(description)
    {
    }

    std::string name() const override { return std::string(ggmlTypeInfo(type_).name); }
    std::string description() const override { return desc_; }
    FormatFamily family() const override { return FormatFamily::Gguf; }
    std::optional<GgmlType> ggmlType() const override { return type_; }
    int64_t blockSize() const override { return ggmlTypeInfo(type_).blockSize; }
    uint32_t ggufFileType() const override { return fileType_; }
    const Format* fallback() const override { return fallback_ ? formatForGgml(*fallback_) : nullptr; }
    uint64_t rowBytes(int64_t cols) const { return uint64_t(cols / blockSize()) * ggmlTypeInfo(type_).typeSize; }
    uint64_t storageBytes(int64_t rows, int64_t cols) const override { return uint64_t(rows) * rowBytes(cols); }

    void quantize(const float* src, int64_t rows, int64_t cols, void* dst, const float* importance) const override
    {
        auto* out = static_cast<unsigned char*>(dst);
        const int64_t grain = std::max<int64_t>(1, 16384 / std::max<int64_t>(1, cols));
        parallelFor(rows, grain, [&](int64_t b, int64_t e) {
            for (int64_t r = b; r < e; ++r)
                quantizeRow(src + r * cols, out + r * rowBytes(cols), cols, importance);
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
                dequantizeRow(in + r * rowBytes(cols), dst + r * cols, cols);
        });
    }

    // Row kernels: n is a multiple of blockSize(); importance has n values or is null.
    virtual void quantizeRow(const float* x, void* dst, int64_t n, const float* importance) const = 0;
    virtual void quantizeRowReference(const float* x, void* dst, int64_t n, const float* importance) const = 0;
    virtual void dequantizeRow(const void* src, float* y, int64_t n) const = 0;

private:
    GgmlType type_;
    uint32_t fileType_;
    std::optional<GgmlType> fallback_;
    const char* desc_;
};

}  // namespace qs
