#include "core/util/atomic_file.h"

#include "core/util/error.h"

#include <cerrno>
#include <cstring>
#include <vector>

#include <cctype>
#include <climits>
#include <csignal>
#include <cstdint>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qs {

namespace {
std::string errnoText(int e) { return std::strerror(e); }

std::string dirOf(const std::string& path)
{
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

constexpr char kTempPrefix[] = "qs-tmp-";

// "qs-tmp-PID-XXXXXX" -> PID; 0 if the name is not one of our temporaries.
pid_t temporaryOwner(const char* name)
{
    const size_t plen = sizeof kTempPrefix - 1;
    if (std::strncmp(name, kTempPrefix, plen) != 0)
        return 0;
    const char* p = name + plen;
    long long pid = 0;
    int digits = 0;
    while (*p >= '0' && *p <= '9' && digits < 10) {
        pid = pid * 10 + (*p - '0');
        ++p;
        ++digits;
    }
    if (digits == 0 || *p != '-' || std::strlen(p + 1) != 6 || pid <= 0 || pid > INT32_MAX)
        return 0;
    for (const char* q = p + 1; *q; ++q)
        if (!std::isalnum(static_cast<unsigned char>(*q)))
            return 0;
    return pid_t(pid);
}
}  // namespace

int removeStaleTemporaries(const std::string& dir)
{
    DIR* d = ::opendir(dir.c_str());
    if (!d)
        return 0;
    int removed = 0;
    const int dfd = ::dirfd(d);
    while (const dirent* e = ::readdir(d)) {
        const pid_t pid = temporaryOwner(e->d_name);
        if (pid == 0 || pid == ::getpid())
            continue;
        if (::kill(pid, 0) == 0 || errno != ESRCH)
            continue;  // the writer is alive (or not ours to ask): leave it
        struct stat st {};
        if (::fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) || st.st_uid != ::geteuid())
            continue;
        if (::unlinkat(dfd, e->d_name, 0) == 0)
            ++removed;
    }
    ::closedir(d);
    return removed;
}

void checkOutputPath(const std::string& target)
{
    if (target.empty())
        invalidInput(target, "the output file name is empty");
    struct stat st {};
    if (::stat(target.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        invalidInput(target, "is a directory");
    if (target.back() == '/')
        invalidInput(target, "names a folder, not a file");
    const std::string dir = dirOf(target);
    const std::string base = target.substr(target.rfind('/') == std::string::npos ? 0 : target.rfind('/') + 1);
    const long nameMax = ::pathconf(dir.c_str(), _PC_NAME_MAX);
    if (nameMax > 0 && base.size() > size_t(nameMax))
        invalidInput(target, "the file name is longer than the folder allows (" + std::to_string(base.size()) + " of " +
                                 std::to_string(nameMax) + " bytes)");
}

AtomicFile::AtomicFile(const std::string& target) : target_(target)
{
    checkOutputPath(target);
    const std::string dir = dirOf(target);
    removeStaleTemporaries(dir);
    const std::string name = (dir == "/" ? "/" : dir + "/") + kTempPrefix + std::to_string(::getpid()) + "-XXXXXX";
    std::vector<char> tmpl(name.begin(), name.end());
    tmpl.push_back('\0');
    fd_ = ::mkostemp(tmpl.data(), O_CLOEXEC);
    if (fd_ < 0) {
        const int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            invalidInput(target, "cannot write there: " + errnoText(e));
        failure(target, "cannot create a temporary file beside it: " + errnoText(e));
    }
    temp_ = tmpl.data();
    // mkstemp creates 0600; give the output ordinary permissions (umask applies).
    const mode_t mask = ::umask(0);
    ::umask(mask);
    ::fchmod(fd_, 0666 & ~mask);
}

AtomicFile::~AtomicFile()
{
    if (!committed_)
        discard();
}

void AtomicFile::discard()
{
    if (fd_ >= 0) {
        ::close(fd_);
        fd_ = -1;
    }
    if (!temp_.empty() && !committed_) {
        ::unlink(temp_.c_str());
        temp_.clear();
    }
}

void AtomicFile::writeAt(const void* data, size_t n, uint64_t offset)
{
    if (fd_ < 0)
        failure(target_, "write after the file was closed");
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
        const size_t chunk = std::min<size_t>(n, size_t(1) << 30);
        const ssize_t w = ::pwrite(fd_, p, chunk, off_t(offset));
        if (w < 0) {
            if (errno == EINTR)
                continue;
            failure(target_, "write failed: " + errnoText(errno));
        }
        if (w == 0)
            failure(target_, "write failed: no progress");
        p += w;
        n -= size_t(w);
        offset += uint64_t(w);
    }
}

void AtomicFile::resize(uint64_t size)
{
    if (::ftruncate(fd_, off_t(size)) != 0)
        failure(target_, "cannot set the file size: " + errnoText(errno));
}

void AtomicFile::commit()
{
    if (fd_ < 0)
        failure(target_, "commit after the file was closed");
    if (::fsync(fd_) != 0)
        failure(target_, "fsync failed: " + errnoText(errno));
    if (::close(fd_) != 0) {
        fd_ = -1;
        failure(target_, "close failed: " + errnoText(errno));
    }
    fd_ = -1;
    if (::rename(temp_.c_str(), target_.c_str()) != 0)
        failure(target_, "cannot rename the temporary file into place: " + errnoText(errno));
    committed_ = true;
    const int dfd = ::open(dirOf(target_).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

bool sameFile(const std::string& a, const std::string& b)
{
    struct stat sa {}, sb {};
    if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0)
        return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace qs
