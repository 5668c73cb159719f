#pragma once
// A read-only memory map of a whole file. Opening maps; nothing is read until touched.
//
// A file that shrinks while it is mapped (truncated, or replaced in place by another program)
// would kill the process with SIGBUS on the next read of a page past its new end. MappedFile
// installs one SIGBUS handler for the process: a fault inside a mapping it made replaces the rest
// of that mapping with zero pages and marks the file damaged, so the read goes on (seeing zeros)
// and the code that consumes the bytes checks damaged()/checkIntact() and throws an error naming
// the file. Faults anywhere else go to the handler that was there before (default: the signal).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

namespace qs {

class MappedFile {
public:
    MappedFile() = default;
    // Opens without blocking (a FIFO or device is refused, not waited on) and maps a regular
    // file; throws qs::Error(InvalidInput) naming the file otherwise.
    explicit MappedFile(const std::string& path);
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

    // True once a read hit a page the file no longer has (it shrank while mapped): that read and
    // every later one past the fault see zeros, so whatever was computed from the file is void.
    bool damaged() const;
    // Throws qs::Error(InvalidInput) "FILE: the file shrank while it was being read ..." if damaged().
    void checkIntact() const;

private:
    void release();
    std::string path_;
    const std::byte* data_ = nullptr;
    uint64_t size_ = 0;
    int slot_ = -1;  // in the SIGBUS handler's table of mappings, -1 if not registered
};

// Throws (as MappedFile::checkIntact) for the first damaged mapping of the process, if any: a
// last check before results computed from mapped files are printed or committed.
void checkMappedFilesIntact();

}  // namespace qs
