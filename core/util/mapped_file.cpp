#include "core/util/mapped_file.h"

#include "core/util/error.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <map>
#include <mutex>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace qs {

namespace {

// The mappings the SIGBUS handler may repair. The handler reads only these atomics (no locks,
// no allocation); the paths, for messages, live in a mutex-protected map beside them.
constexpr int kSlots = 16384;
struct Slot {
    std::atomic<int> used{0};
    std::atomic<uintptr_t> begin{0};  // 0: not active
    std::atomic<uintptr_t> end{0};    // page-rounded
    std::atomic<uint64_t> size{0};    // the file's size when mapped
    std::atomic<bool> damaged{false};
};
Slot g_slots[kSlots];
std::atomic<int> g_top{0};  // slots [0, g_top) may be in use
uintptr_t g_pageSize = 4096;
struct sigaction g_previous {};
std::once_flag g_installOnce;

std::mutex g_pathsMutex;
std::map<int, std::string>& paths()
{
    static std::map<int, std::string> m;
    return m;
}

extern "C" void onSigbus(int sig, siginfo_t* info, void* context)
{
    const auto addr = reinterpret_cast<uintptr_t>(info ? info->si_addr : nullptr);
    const int top = g_top.load(std::memory_order_acquire);
    for (int i = 0; i < top; ++i) {
        const uintptr_t b = g_slots[i].begin.load(std::memory_order_acquire);
        const uintptr_t e = g_slots[i].end.load(std::memory_order_acquire);
        if (b == 0 || addr < b || addr >= e)
            continue;
        // The file lost the page at addr: zero pages from there to the end of the mapping, so
        // the faulting read (and any later one) completes; the consumer checks damaged().
        const uintptr_t page = addr & ~(g_pageSize - 1);
        void* p = ::mmap(reinterpret_cast<void*>(page), e - page, PROT_READ,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p != MAP_FAILED) {
            g_slots[i].damaged.store(true, std::memory_order_release);
            return;
        }
        break;
    }
    // Not a mapping of ours: what would have happened without this handler.
    if ((g_previous.sa_flags & SA_SIGINFO) && g_previous.sa_sigaction) {
        g_previous.sa_sigaction(sig, info, context);
        return;
    }
    if (g_previous.sa_handler != SIG_DFL && g_previous.sa_handler != SIG_IGN && g_previous.sa_handler) {
        g_previous.sa_handler(sig);
        return;
    }
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    ::sigaction(SIGBUS, &dfl, nullptr);  // the faulting instruction runs again and gets the default
}

void installHandler()
{
    std::call_once(g_installOnce, [] {
        const long ps = ::sysconf(_SC_PAGESIZE);
        if (ps > 0)
            g_pageSize = uintptr_t(ps);
        struct sigaction sa {};
        sa.sa_sigaction = onSigbus;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_SIGINFO | SA_RESTART;
        ::sigaction(SIGBUS, &sa, &g_previous);
    });
}

// Registers [data, data + size) with the handler; -1 if the table is full (then a shrinking file
// still kills the process, as without the handler).
int registerMapping(const std::byte* data, uint64_t size, const std::string& path)
{
    installHandler();
    for (int i = 0; i < kSlots; ++i) {
        int expected = 0;
        if (!g_slots[i].used.compare_exchange_strong(expected, 1))
            continue;
        {
            std::lock_guard lk(g_pathsMutex);
            paths()[i] = path;
        }
        const auto b = reinterpret_cast<uintptr_t>(data);
        g_slots[i].damaged.store(false);
        g_slots[i].size.store(size);
        g_slots[i].end.store(b + (size + g_pageSize - 1) / g_pageSize * g_pageSize);
        g_slots[i].begin.store(b, std::memory_order_release);
        int top = g_top.load();
        while (top < i + 1 && !g_top.compare_exchange_weak(top, i + 1)) {
        }
        return i;
    }
    return -1;
}

void unregisterMapping(int slot)
{
    if (slot < 0)
        return;
    g_slots[slot].begin.store(0, std::memory_order_release);
    g_slots[slot].end.store(0);
    {
        std::lock_guard lk(g_pathsMutex);
        paths().erase(slot);
    }
    g_slots[slot].damaged.store(false);
    g_slots[slot].used.store(0, std::memory_order_release);
}

[[noreturn]] void throwShrank(const std::string& path, uint64_t openedSize)
{
    struct stat st {};
    const std::string now = ::stat(path.c_str(), &st) == 0 ? std::to_string(uint64_t(st.st_size)) + " bytes now"
                                                            : std::string("gone now");
    invalidInput(path, "the file shrank or was replaced while it was being read (" + std::to_string(openedSize) +
                           " bytes when opened, " + now + "); nothing computed from it is used");
}

}  // namespace

MappedFile::MappedFile(const std::string& path) : path_(path)
{
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below like a device.
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        invalidInput(path, std::string("cannot open: ") + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        int e = errno;
        ::close(fd);
        invalidInput(path, std::string("cannot stat: ") + std::strerror(e));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        invalidInput(path, S_ISDIR(st.st_mode) ? "is a folder, not a file" : "not a regular file (a FIFO, device or socket)");
    }
    size_ = static_cast<uint64_t>(st.st_size);
    if (size_ > 0) {
        void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            int e = errno;
            ::close(fd);
            invalidInput(path, std::string("cannot map: ") + std::strerror(e));
        }
        data_ = static_cast<const std::byte*>(p);
        slot_ = registerMapping(data_, size_, path_);
    }
    ::close(fd);
}

MappedFile::~MappedFile() { release(); }

MappedFile::MappedFile(MappedFile&& o) noexcept
    : path_(std::move(o.path_)), data_(o.data_), size_(o.size_), slot_(o.slot_)
{
    o.data_ = nullptr;
    o.size_ = 0;
    o.slot_ = -1;
}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept
{
    if (this != &o) {
        release();
        path_ = std::move(o.path_);
        data_ = o.data_;
        size_ = o.size_;
        slot_ = o.slot_;
        o.data_ = nullptr;
        o.size_ = 0;
        o.slot_ = -1;
    }
    return *this;
}

void MappedFile::release()
{
    unregisterMapping(slot_);
    slot_ = -1;
    if (data_)
        ::munmap(const_cast<std::byte*>(data_), size_);
    data_ = nullptr;
    size_ = 0;
}

bool MappedFile::damaged() const
{
    return slot_ >= 0 && g_slots[slot_].damaged.load(std::memory_order_acquire);
}

void MappedFile::checkIntact() const
{
    if (damaged())
        throwShrank(path_, size_);
}

void checkMappedFilesIntact()
{
    const int top = g_top.load(std::memory_order_acquire);
    for (int i = 0; i < top; ++i) {
        if (!g_slots[i].begin.load(std::memory_order_acquire) || !g_slots[i].damaged.load(std::memory_order_acquire))
            continue;
        std::string path;
        {
            std::lock_guard lk(g_pathsMutex);
            auto it = paths().find(i);
            if (it == paths().end())
                continue;
            path = it->second;
        }
        throwShrank(path, g_slots[i].size.load());
    }
}

std::span<const std::byte> MappedFile::slice(uint64_t offset, uint64_t n) const
{
    if (offset > size_ || n > size_ - offset)
        invalidInput(path_, "data range [" + std::to_string(offset) + ", +" + std::to_string(n) +
                                ") lies past the end of the file (" + std::to_string(size_) + " bytes)");
    return {data_ + offset, static_cast<size_t>(n)};
}

}  // namespace qs
