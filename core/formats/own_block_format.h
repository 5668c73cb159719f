#pragma once
// A GGUF block format that is neither a 32-weight legacy block nor a K-quant (IQ4_XS, MXFP4, the
// ternary and lattice formats): the format's file supplies an Impl, this template the rest. The
// file's last line registers it (and has it compiled a second time for AVX2, block_format.h):
//   QS_BLOCK_FORMAT(formatXyz, Impl::kType, ownRowKernels<Impl>(), OwnBlockFormat<Impl>,
//                   QT_TRANSLATE_NOOP("qs::formats", "..."))
//
// Impl:
//   using Block: the packed block (checked against kType's entry in ggml_types.h);
//   static constexpr GgmlType kType; uint32_t kFileType (LLAMA_FTYPE_*);
//   static constexpr std::optional<GgmlType> kFallback: where rows the block does not divide go;
//   static void quantizeReference(const float* x, unsigned char* out, int64_t blocks, const float* imp):
//     the scalar reference; quantizeFast(...): the same bytes, this compile's fast path (AVX2
//     lanes in the AVX2 compile of the file, see core/util/isa.h);
//   static void decode(const Block&, float* y): one block;
//   static constexpr int kInspectLength (16, 32, 64 or 128: the unit with one grid of levels) and
//   static void inspect(const Block&, int part, BlockInspection&): part = which of the block's
//     kInspectLength-weight parts; fills codes, kind, scale and levels (setLevels).
#include "core/formats/block_format.h"
#include "core/formats/inspect.h"
#include "core/util/isa.h"

#include <cstring>

namespace qs {
inline namespace QS_ISA {  // compiled once per instruction set (core/util/isa.h)

template <class Impl>
void ownQuantizeRowFast(const float* x, void* dst, int64_t n, const float* imp)
{
    Impl::quantizeFast(x, static_cast<unsigned char*>(dst), n / int64_t(ggmlTypeInfo(Impl::kType).blockSize), imp);
}

template <class Impl>
void ownDequantizeRow(const void* src, float* y, int64_t n)
{
    constexpr int64_t bs = ggmlTypeInfo(Impl::kType).blockSize;
    const auto* in = static_cast<const unsigned char*>(src);
    typename Impl::Block b;
    for (int64_t i = 0; i < n / bs; ++i) {
        std::memcpy(&b, in + i * sizeof(b), sizeof(b));
        Impl::decode(b, y + i * bs);
    }
}

// For formats whose search works one block at a time (the ternary ones): encode(x, importance or
// null, Block&) for each of `blocks` consecutive blocks of n weights, written to out.
template <class Block, int64_t N, class Encode>
void encodeBlocks(const float* x, unsigned char* out, int64_t blocks, const float* imp, Encode encode)
{
    for (int64_t i = 0; i < blocks; ++i) {
        Block b;
        encode(x + i * N, imp ? imp + i * N : nullptr, b);
        std::memcpy(out + i * int64_t(sizeof(b)), &b, sizeof(b));
    }
}

// The fast row kernels of this compile.
template <class Impl>
RowKernels ownRowKernels()
{
    return {&ownQuantizeRowFast<Impl>, &ownDequantizeRow<Impl>, QS_ISA_NAME};
}

template <class Impl>
class OwnBlockFormat : public BlockFormat {
    using Block = typename Impl::Block;
    static constexpr int64_t kBlock = ggmlTypeInfo(Impl::kType).blockSize;
    static_assert(sizeof(Block) == ggmlTypeInfo(Impl::kType).typeSize, "Block size differs from ggml_types.h");
    static_assert(kBlock % Impl::kInspectLength == 0, "inspected parts must tile the block");

public:
    explicit OwnBlockFormat(const char* description)
        : BlockFormat(Impl::kType, Impl::kFileType, Impl::kFallback, description,
                      selectRowKernels<Impl::kType>(ownRowKernels<Impl>()))
    {
    }
    void quantizeRowReference(const float* x, void* dst, int64_t n, const float* imp) const override
    {
        Impl::quantizeReference(x, static_cast<unsigned char*>(dst), n / kBlock, imp);
    }

    int inspectLength() const override { return Impl::kInspectLength; }
    void inspectDecode(const unsigned char* bytes, int64_t, int64_t, int64_t, int64_t block,
                       BlockInspection& r) const override
    {
        constexpr int64_t parts = kBlock / Impl::kInspectLength;
        Block b;
        std::memcpy(&b, bytes + (block / parts) * int64_t(sizeof b), sizeof b);
        r.superBlock = block / parts;
        Impl::inspect(b, int(block % parts), r);
    }
};

}  // namespace QS_ISA
}  // namespace qs
