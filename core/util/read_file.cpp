#include "core/util/read_file.h"

#include "core/util/error.h"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qs {

namespace {

std::string sizeText(uint64_t bytes)
{
    if (bytes % (1024 * 1024) == 0)
        return std::to_string(bytes / (1024 * 1024)) + " MiB";
    return std::to_string(bytes) + " bytes";
}

[[noreturn]] void notRegular(const std::string& path, const char* what, mode_t mode)
{
    invalidInput(path, std::string(what) + (S_ISDIR(mode) ? " is a folder, not a file"
                                                          : " is not a regular file (a FIFO, device or socket)"));
}

}  // namespace

void requireRegularFile(const std::string& path, const char* what)
{
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0)
        invalidInput(path, std::string("cannot open ") + what + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        notRegular(path, what, st.st_mode);
}

QByteArray readRegularFile(const std::string& path, uint64_t maxBytes, const char* what)
{
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        invalidInput(path, std::string("cannot open ") + what + ": " + std::strerror(errno));
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        invalidInput(path, std::string("cannot stat ") + what + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode))
        notRegular(path, what, st.st_mode);
    if (uint64_t(st.st_size) > maxBytes)
        invalidInput(path, std::string(what) + " of " + std::to_string(uint64_t(st.st_size)) +
                               " bytes is larger than the " + sizeText(maxBytes) + " limit");
    // Regular files never block; clear O_NONBLOCK anyway so a short read means end of file.
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    QByteArray out;
    out.resize(qsizetype(st.st_size));
    uint64_t have = 0;
    for (;;) {
        if (have == uint64_t(out.size())) {
            if (have > maxBytes)
                invalidInput(path, std::string(what) + " grew past the " + sizeText(maxBytes) + " limit while being read");
            out.resize(qsizetype(std::min<uint64_t>(maxBytes + 1, have + 65536)));
        }
        const ssize_t r = ::read(fd, out.data() + have, size_t(uint64_t(out.size()) - have));
        if (r < 0) {
            if (errno == EINTR)
                continue;
            invalidInput(path, std::string("cannot read ") + what + ": " + std::strerror(errno));
        }
        if (r == 0)
            break;
        have += uint64_t(r);
    }
    if (have > maxBytes)
        invalidInput(path, std::string(what) + " grew past the " + sizeText(maxBytes) + " limit while being read");
    out.resize(qsizetype(have));
    return out;
}

}  // namespace qs
