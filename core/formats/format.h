#pragma once
// A quantization format: how a 2-D float tensor (rows x cols, row-major) is stored and how it
// is reconstructed. The format object is the single source of truth about a format: its name and
// description, block geometry, GGUF tensor type and file type, the fallback for row lengths its
// block does not divide, the INT family's parameters and the block inspector's decoding. Every
// layer (CLI, plan, export, evaluation, GUI) asks the format; none keeps its own table of formats.
//
// Adding a format
// ---------------
//   1. One file, core/formats/<name>.cpp, with the format and a function returning its instance
//      (`const Format& formatXyz()`). Pick the base that fits:
//      - a llama.cpp 32-weight block format: a Kernel for legacy::LegacyFormat (legacy_kernels.h:
//        its Block layout, kType, kFileType, the scale search, decode; q4_0.cpp is the model),
//        and the file's last line QS_LEGACY_FORMAT(formatXyz, Kernel, description);
//      - a llama.cpp K-quant (256-weight super-blocks): an Impl for kq::KQuantFormat
//        (kquant_common.h: Block, kType, kFileType, kFallback, encode, decode, unpack; q4_k.cpp
//        is the model), and QS_KQUANT_FORMAT(formatXyz, Impl, description);
//      - another GGUF block format: a BlockFormat subclass with its row kernels, and
//        QS_BLOCK_FORMAT (block_format.h);
//      - anything else: a Format subclass (nf4.cpp, int_uniform.cpp) overriding what applies,
//        and its function written out.
//      A GGUF format names its GgmlType; its Block's size and weight count are checked against
//      the one type-traits table (ggml_types.h) at compile time. A file registered with one of
//      the QS_*_FORMAT macros is also compiled for AVX2 (core/CMakeLists.txt) and runs those
//      kernels where the CPU has AVX2 (core/util/isa.h).
//   2. One registration, in registry.cpp: the function's declaration and its line in allFormats()
//      (where it goes in the list is where it shows in menus and `quantscope-cli formats`).
//   3. Translations: the description is marked QT_TRANSLATE_NOOP("qs::formats", ...) in its file;
//      `cmake --build build --target update_translations` (lupdate) adds it to translations/*.ts.
// Nothing else changes: the CLI (`formats`, `--type`), plans (file type, fallbacks), export, the
// GUI's menus and the block inspector, and the tests that iterate allFormats() pick it up.
#include "core/formats/ggml_types.h"

#include <QtGlobal>  // QT_TRANSLATE_NOOP: descriptions are marked for the GUI's translations

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qs {

struct BlockInspection;  // core/formats/inspect.h

enum class FormatFamily {
    Float,  // F32, F16, BF16
    Gguf,   // llama.cpp block formats, byte-compatible with ggml
    Int,    // uniform INTn (sym/asym; tensor/channel/group) and NF4: explore + fake-quant export
};

// The parameters of a uniform integer format (FormatFamily::Int, INTn_*).
struct IntParams {
    enum class Granularity { Tensor, Channel, Group };
    int bits = 0;           // 8, 4, 2
    bool symmetric = true;  // SYM (codes -qmax..qmax) or ASYM (0..2^bits-1 with a zero point)
    Granularity granularity = Granularity::Group;
    int group = 0;          // weights per scale (Group only)
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
    // The instruction set the fast path was compiled for and runs with: "avx2" or "base"
    // (chosen at start-up, core/util/isa.h).
    virtual const char* isa() const;
    // Scalar reference path, single-threaded; the fast path must produce identical bytes.
    virtual void quantizeReference(const float* src, int64_t rows, int64_t cols, void* dst,
                                   const float* importance = nullptr) const = 0;
    virtual void dequantize(const void* src, int64_t rows, int64_t cols, float* dst) const = 0;
    // Rows [r0, r1) of a rows x cols tensor stored by this format into dst ((r1 - r0) * cols
    // floats): the values dequantize() gives, on the calling thread only (the kernels decode row
    // tiles on the fly inside their own parallel loops). The default decodes the whole tensor.
    virtual void dequantizeRows(const void* src, int64_t rows, int64_t cols, int64_t r0, int64_t r1, float* dst) const;

    // Convenience: quantize then dequantize (what "the model at this precision" means).
    std::vector<float> roundTrip(const float* src, int64_t rows, int64_t cols,
                                 const float* importance = nullptr) const;

    // llama.cpp's general.file_type (LLAMA_FTYPE_*) of a model stored mostly in this format;
    // 0 (all F32) when llama.cpp has none for it.
    virtual uint32_t ggufFileType() const { return 0; }
    // Where a tensor goes whose row length blockSize() does not divide (llama.cpp's rule for its
    // K-quants); nullptr: F16.
    virtual const Format* fallback() const { return nullptr; }
    // The INT family's parameters; nullopt for every other format.
    virtual std::optional<IntParams> intParams() const { return std::nullopt; }

    // ---- Pieces: a format stored in sections (the INT family), seen block by block ----
    // Error feedback (core/eval/error_feedback.h) chooses the scale(s) of a row's weights a unit at a
    // time and needs each unit stored on its own, as the GGUF block formats store their blocks. A
    // piece is the weights of a row that share their scale: a group, or the whole row (one scale
    // per row or per tensor), pieceLength(cols) weights, stored as quantize() stores a 1 x length
    // tensor (pieceBytes = storageBytes(1, length)). 0: the format has no pieces (block formats:
    // their blocks already are; floats).
    virtual int64_t pieceLength(int64_t /*cols*/) const { return 0; }
    // Each of the n rows of x (pieceLength weights each) as one piece into pieces (n * pieceBytes):
    // its scale from its own weights, or, for one scale per tensor, from `tensor` (all tensorSize
    // weights of the tensor the pieces belong to), as quantize() would choose it.
    virtual void quantizePieces(const float* x, int64_t n, int64_t length, const float* tensor, int64_t tensorSize,
                                void* pieces) const;
    // The rows x cols tensor as quantize() lays it out (storageBytes(rows, cols) bytes) from its
    // pieces, row by row, each row's pieces in column order; pieces of one scale per tensor must
    // all carry the same scale.
    virtual void assemblePieces(const void* pieces, int64_t rows, int64_t cols, void* dst) const;

    // ---- Block inspector (core/formats/inspect.h) ----
    // Weights in one inspected block: the unit with one grid of levels (0: not inspectable).
    virtual int inspectLength() const { return 0; }
    // True when the inspector must quantize the whole tensor (one scale per tensor), not one row.
    virtual bool inspectsWholeTensor() const { return false; }
    // Decodes inspected block `block` of row `row` from `bytes` (what quantize() wrote for the
    // inspected rows: the row alone, or the whole tensor when inspectsWholeTensor()): fills the
    // codes, their range, the levels (bit for bit what dequantize() gives), the scale and the
    // kind-specific fields of r. r.col0 and r.length are set; row is 0 unless the whole tensor
    // was quantized. Formats that are not inspectable never get called.
    virtual void inspectDecode(const unsigned char* bytes, int64_t rows, int64_t cols, int64_t row, int64_t block,
                               BlockInspection& r) const;
};

// All formats, in a stable display order (floats, GGUF formats from most to fewest bits, INT family):
// the registry (registry.cpp).
const std::vector<const Format*>& allFormats();
// Case-insensitive lookup by name; nullptr if unknown.
const Format* findFormat(std::string_view name);
// The format that stores/decodes a GGUF tensor type, or nullptr if the engine cannot decode it.
const Format* formatForGgml(GgmlType t);

}  // namespace qs
