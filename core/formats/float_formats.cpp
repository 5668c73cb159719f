// F32, F16 and BF16 as storage formats (bit-exact with ggml's conversions).
#include "core/formats/format.h"
#include "core/util/half.h"
#include "core/util/parallel.h"

#include <cstring>

namespace qs {
namespace {

class FloatFormat : public Format {
public:
    FloatFormat(GgmlType t, uint32_t fileType, const char* desc) : type_(t), fileType_(fileType), desc_(desc) {}
    std::string name() const override { return std::string(ggmlTypeInfo(type_).name); }
    std::string description() const override { return desc_; }
    FormatFamily family() const override { return FormatFamily::Float; }
    std::optional<GgmlType> ggmlType() const override { return type_; }
    uint32_t ggufFileType() const override { return fileType_; }
    uint64_t storageBytes(int64_t rows, int64_t cols) const override
    {
        return uint64_t(rows) * uint64_t(cols) * ggmlTypeInfo(type_).typeSize;
    }
    void quantize(const float* src, int64_t rows, int64_t cols, void* dst, const float*) const override
    {
        parallelFor(rows * cols, 1 << 16, [&](int64_t b, int64_t e) { encode(src, dst, b, e); });
    }
    void quantizeReference(const float* src, int64_t rows, int64_t cols, void* dst, const float*) const override
    {
        encode(src, dst, 0, rows * cols);
    }
    void dequantize(const void* src, int64_t rows, int64_t cols, float* dst) const override
    {
        parallelFor(rows * cols, 1 << 16, [&](int64_t b, int64_t e) { decode(src, dst, b, e); });
    }
    void dequantizeRows(const void* src, int64_t, int64_t cols, int64_t r0, int64_t r1, float* dst) const override
    {
        decode(src, dst - r0 * cols, r0 * cols, r1 * cols);
    }

private:
    void encode(const float* src, void* dst, int64_t b, int64_t e) const
    {
        if (type_ == GgmlType::F32) {
            std::memcpy(static_cast<float*>(dst) + b, src + b, size_t(e - b) * sizeof(float));
            return;
        }
        auto* out = static_cast<uint16_t*>(dst);
        for (int64_t i = b; i < e; ++i)
            out[i] = type_ == GgmlType::F16 ? fp32ToFp16(src[i]) : fp32ToBf16(src[i]);
    }
    void decode(const void* src, float* dst, int64_t b, int64_t e) const
    {
        if (type_ == GgmlType::F32) {
            std::memcpy(dst + b, static_cast<const float*>(src) + b, size_t(e - b) * sizeof(float));
            return;
        }
        const auto* in = static_cast<const uint16_t*>(src);
        for (int64_t i = b; i < e; ++i)
            dst[i] = type_ == GgmlType::F16 ? fp16ToFp32(in[i]) : bf16ToFp32(in[i]);
    }
    GgmlType type_;
    uint32_t fileType_;  // LLAMA_FTYPE_*
    const char* desc_;
};

}  // namespace

const Format& formatF32()
{
    static const FloatFormat f(GgmlType::F32, 0 /* ALL_F32 */, QT_TRANSLATE_NOOP("qs::formats", "32-bit IEEE float: the unquantized reference"));
    return f;
}
const Format& formatF16()
{
    static const FloatFormat f(GgmlType::F16, 1 /* MOSTLY_F16 */, QT_TRANSLATE_NOOP("qs::formats", "16-bit IEEE half float"));
    return f;
}
const Format& formatBF16()
{
    static const FloatFormat f(GgmlType::BF16, 32 /* MOSTLY_BF16 */, QT_TRANSLATE_NOOP("qs::formats", "bfloat16: float32's range with an 8-bit mantissa"));
    return f;
}

}  // namespace qs
