#pragma once
// The three model readers behind qs::openModel. Each reader parses headers from a byte range
// (a memory-mapped file, or a buffer for the fuzzers) and never reads tensor data while opening.
#include "core/model/model.h"

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace qs {

class MappedFile;

// The bytes of one file a model reads from. `owner` keeps them alive (a MappedFile, or
// nothing when the caller owns the buffer, as the fuzzers do).
struct ByteSource {
    std::string path;  // for messages
    std::span<const std::byte> bytes;
    std::shared_ptr<const void> owner;
    const MappedFile* mapped = nullptr;  // set by map(): whether the file shrank while mapped

    static ByteSource map(const std::string& path);  // memory-maps the file
};

// A model whose tensors are slices of one or more byte sources (checked when opened).
class MappedModel : public Model {
public:
    std::vector<ByteSource> files;
    std::span<const std::byte> data(const TensorInfo& t) const override;
    void checkIntact() const override;
    std::shared_ptr<const void> dataOwner(const TensorInfo& t) const override;
};

// A GGUF file, with what a writer or a byte-level tool may want beyond the Model interface.
class GgufModel : public MappedModel {
public:
    uint32_t version = 3;
    uint32_t alignment = 32;  // general.alignment, default 32
    uint64_t dataOffset = 0;  // where the tensor data section starts (TensorInfo::offset is absolute)
};

std::unique_ptr<Model> openGguf(ByteSource src);
std::unique_ptr<Model> openSafetensorsFile(ByteSource src);  // one .safetensors file (no config)
std::unique_ptr<Model> openSafetensorsPath(const std::string& path);  // file, index or folder (+config.json)
std::unique_ptr<Model> openLlama2c(ByteSource src);

// Sniffs the content of one file (GGUF, safetensors, llama2.c; refuses PyTorch pickles).
std::unique_ptr<Model> openModelBytes(ByteSource src);

// What the content looks like, from its first bytes and size.
enum class Sniffed { Gguf, Safetensors, PyTorchZip, Other };
Sniffed sniff(std::span<const std::byte> bytes);

}  // namespace qs
