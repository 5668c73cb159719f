#pragma once
// Writes a file atomically: data goes to a temporary file beside the target, which replaces
// the target (fsync + rename) only on commit(). Destroying an uncommitted AtomicFile (an
// error, a cancellation) removes the temporary file, so a failed write leaves nothing behind.
//
// The temporary file is named "qs-tmp-PID-XXXXXX" (short, so any legal output name works; the
// writer's process id, so a temporary left by a killed process is recognisable). Creating an
// AtomicFile removes such files of processes that no longer exist from the target's folder.
#include <cstddef>
#include <cstdint>
#include <string>

namespace qs {

class AtomicFile {
public:
    // Creates the temporary file; throws qs::Error naming the target if that is impossible.
    explicit AtomicFile(const std::string& target);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::string& target() const { return target_; }
    const std::string& tempPath() const { return temp_; }

    // Writes all n bytes at offset (thread-safe: positioned writes). Throws qs::Error(Failure)
    // naming the target on any error (disk full, file size limit, I/O error).
    void writeAt(const void* data, size_t n, uint64_t offset);
    // Sets the final size (holes read as zeros).
    void resize(uint64_t size);
    // fsync, close, rename over the target, fsync the directory.
    void commit();
    // Removes the temporary file now (also done by the destructor if not committed).
    void discard();

private:
    std::string target_;
    std::string temp_;
    int fd_ = -1;
    bool committed_ = false;
};

// The stale temporaries in `dir`: "qs-tmp-PID-XXXXXX" regular files of ours whose process is
// gone. Removes them and returns how many were removed (done by the AtomicFile constructor).
int removeStaleTemporaries(const std::string& dir);

// Throws qs::Error(InvalidInput) naming `target` if it cannot be an output file: empty, a
// folder, or a name longer than its folder allows (what the AtomicFile constructor checks first;
// callers check it before long work).
void checkOutputPath(const std::string& target);

// True if both paths name the same existing file (same device and inode).
bool sameFile(const std::string& a, const std::string& b);

}  // namespace qs
