#pragma once
// A bounds-checked little-endian cursor over a byte range. Every read past the end throws
// qs::Error(InvalidInput) naming the file, with what was being read.
#include "core/util/error.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>

namespace qs {

class ByteCursor {
public:
    ByteCursor(const std::string& path, std::span<const std::byte> bytes) : path_(path), bytes_(bytes) {}

    uint64_t pos() const { return pos_; }
    uint64_t size() const { return bytes_.size(); }
    uint64_t left() const { return bytes_.size() - pos_; }
    const std::string& path() const { return path_; }

    [[noreturn]] void fail(const std::string& what) const { invalidInput(path_, what); }

    void need(uint64_t n, const char* what) const
    {
        if (n > left())
            fail(std::string("truncated: ") + what + " at byte " + std::to_string(pos_) + " needs " +
                 std::to_string(n) + " bytes, " + std::to_string(left()) + " left");
    }

    template <typename T>
    T read(const char* what)
    {
        need(sizeof(T), what);
        T v;
        std::memcpy(&v, bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return v;
    }

    std::string_view readBytes(uint64_t n, const char* what)
    {
        need(n, what);
        std::string_view s(reinterpret_cast<const char*>(bytes_.data() + pos_), size_t(n));
        pos_ += n;
        return s;
    }

    void skip(uint64_t n, const char* what)
    {
        need(n, what);
        pos_ += n;
    }

private:
    std::string path_;
    std::span<const std::byte> bytes_;
    uint64_t pos_ = 0;
};

}  // namespace qs
