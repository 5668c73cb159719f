#pragma once
// The layout of a GGUF v3 file being written: metadata, tensor infos and where each tensor's
// data goes. Sizes are known up front, so the header is written once and tensor data can be
// written out of order (in parallel) at fixed offsets.
#include "core/formats/ggml_types.h"
#include "core/model/model.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace qs {

class GgufLayout {
public:
    // Sets (or replaces, keeping its position) a metadata key.
    void setMeta(const std::string& key, const MetaValue& value);
    const MetaValue* meta(const std::string& key) const;
    const std::vector<MetaEntry>& metadata() const { return meta_; }

    // Adds a tensor; shape is row-major (outermost first), stored as ggml dims (reversed).
    // Returns its index.
    size_t addTensor(const std::string& name, const std::vector<int64_t>& shape, GgmlType type);
    size_t tensorCount() const { return tensors_.size(); }

    // general.alignment (default 32). Set before header().
    uint32_t alignment() const;

    // Header, metadata and tensor infos, zero-padded up to the aligned start of the data.
    std::vector<std::byte> header() const;
    uint64_t dataStart() const;                 // absolute offset of the data section
    uint64_t tensorOffset(size_t i) const;      // absolute offset of tensor i's data
    uint64_t tensorBytes(size_t i) const;
    uint64_t fileSize() const;

private:
    struct Tensor {
        std::string name;
        std::vector<int64_t> shape;
        GgmlType type;
        uint64_t bytes = 0;
        uint64_t offset = 0;  // relative to the data section
    };
    void layout() const;
    std::vector<MetaEntry> meta_;
    std::unordered_map<std::string, size_t> metaIndex_;  // key -> position in meta_
    mutable std::vector<Tensor> tensors_;  // offsets filled in by header()
    mutable bool dirty_ = true;
    mutable uint64_t dataStart_ = 0;
    mutable uint64_t dataSize_ = 0;
};

// Serialises one metadata value (type id not included) in GGUF encoding; for tests and tools.
void appendGgufValue(std::vector<std::byte>& out, const MetaValue& v);

}  // namespace qs
