#pragma once
// A quantization format: how a 2-D float tensor (rows x cols, row-major) is stored and how it
// is reconstructed. Every layer (CLI, export, GUI, evaluation) finds formats through the
// registry below, so a new format is one file plus one line in registry.cpp.
#include "core/formats/ggml_types.h"

#include <QtGlobal>  // QT_TRANSLATE_NOOP: descriptions are marked for the GUI's translations

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

enum class FormatFamily {
    Float,  // F32, F16, BF16
    Gguf,   // llama.cpp block formats, byte-compatible with ggml
    Int,    // uniform INTn (sym/asym; tensor/channel/group) and NF4: explore + fake-quant export
};

class Format {
public:
    virtual ~Format() = default;

    virtual std::string name() const = 0;  // "Q4_K", "INT4_ASYM_G64", "NF4", ...
    virtual std::string description() const = 0;  // one line for tooltips and --help
    // The description as a translation source: an English text marked with
    // QT_TRANSLATE_NOOP("qs::formats", ...) in the format's file, with %1, %2, ... standing for
    // args (filled in order). description() is that text with the args filled in; the GUI shows
    // QCoreApplication::translate("qs::formats", source) with the args filled in, the CLI English.
    struct DescriptionText {
        std::string source;
        std::vector<std::string> args;
    };
    virtual DescriptionText descriptionText() const { return {description(), {}}; }
    virtual FormatFamily family() const = 0;
    // The GGUF tensor type when this format can be stored in a GGUF file as is.
    virtual std::optional<GgmlType> ggmlType() const { return std::nullopt; }
    // Row length granularity: cols must be a multiple of this (1: any length).
    virtual int64_t blockSize() const { return 1; }
    bool supports(int64_t /*rows*/, int64_t cols) const { return cols > 0 && cols % blockSize() == 0; }

    // Exact storage in bytes, scales/zero points/mins included.
    virtual uint64_t storageBytes(int64_t rows, int64_t cols) const = 0;
    double bitsPerWeight(int64_t rows, int64_t cols) const
    {
        return rows * cols > 0 ? 8.0 * double(storageBytes(rows, cols)) / double(rows * cols) : 0.0;
    }

    // Fast path (vectorised, multithreaded over rows with qs::parallelFor).
    // importance: optional per-column weights (cols values, >= 0); the quantizer then minimises
    // sum_j importance[j] * (x_ij - q_ij)^2. dst holds storageBytes(rows, cols) bytes.
    virtual void quantize(const float* src, int64_t rows, int64_t cols, void* dst,
                          const float* importance = nullptr) const = 0;
    // Scalar reference path, single-threaded; the fast path must produce identical bytes.
    virtual void quantizeReference(const float* src, int64_t rows, int64_t cols, void* dst,
                                   const float* importance = nullptr) const = 0;
    virtual void dequantize(const void* src, int64_t rows, int64_t cols, float* dst) const = 0;

    // Convenience: quantize then dequantize (what "the model at this precision" means).
    std::vector<float> roundTrip(const float* src, int64_t rows, int64_t cols,
                                 const float* importance = nullptr) const;
};

// All formats, in a stable display order (floats, GGUF formats from most to fewest bits, INT family).
const std::vector<const Format*>& allFormats();
// Case-insensitive lookup by name; nullptr if unknown.
const Format* findFormat(std::string_view name);
// The format that stores/decodes a GGUF tensor type, or nullptr if the engine cannot decode it.
const Format* formatForGgml(GgmlType t);

}  // namespace qs
