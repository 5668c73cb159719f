#pragma once
// Keeping freed heap memory for reuse while a long computation allocates and frees big buffers.
namespace qs {

// While at least one HeapReuse lives (on any thread), the C library's allocator keeps freed memory
// for the next allocation instead of returning it to the system, and serves large blocks from its
// heap instead of from fresh mappings. A pass that allocates and frees hundreds of buffers of tens
// to hundreds of MB (error feedback's per-matrix moments, factors and copies) otherwise has every
// page of each new buffer zeroed by the kernel and faulted in again: on a 2-core VM this cost the
// 1B demo's error-feedback export 30 s of system time in 156 s. When the last one ends, the freed
// memory is returned (malloc_trim). Without glibc this does nothing.
class HeapReuse {
public:
    HeapReuse();
    ~HeapReuse();
    HeapReuse(const HeapReuse&) = delete;
    HeapReuse& operator=(const HeapReuse&) = delete;
};

}  // namespace qs
