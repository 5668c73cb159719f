#pragma once
// A read-only memory map of a whole file. Opening maps; nothing is read until touched.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace qs {

class MappedFile {
public:
    MappedFile() = default;
    explicit MappedFile(const std::string& path);  // throws qs::Error naming the file
    ~MappedFile();
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    const std::string& path() const { return path_; }
    uint64_t size() const { return size_; }
    const std::byte* data() const { return data_; }
    std::span<const std::byte> bytes() const { return {data_, static_cast<size_t>(size_)}; }
    // Bounds-checked sub-span; throws InvalidInput naming the file if [offset, offset+n) is outside.
    std::span<const std::byte> slice(uint64_t offset, uint64_t n) const;

private:
    void release();
    std::string path_;
    const std::byte* data_ = nullptr;
    uint64_t size_ = 0;
};

}  // namespace qs
