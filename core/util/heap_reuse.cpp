#include "core/util/heap_reuse.h"

#include <limits>
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace qs {

namespace {
std::mutex g_mutex;
int g_holders = 0;
}  // namespace

HeapReuse::HeapReuse()
{
    std::lock_guard lock(g_mutex);
    if (g_holders++ > 0)
        return;
#if defined(__GLIBC__)
    mallopt(M_MMAP_MAX, 0);                                      // every block from the heap,
    mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());  // its free top kept
#endif
}

HeapReuse::~HeapReuse()
{
    std::lock_guard lock(g_mutex);
    if (--g_holders > 0)
        return;
#if defined(__GLIBC__)
    // Back to the allocator's behaviour after its dynamic thresholds have grown to their limit
    // (blocks of 32 MiB or more mapped on their own, a free top above 64 MiB returned), then the
    // memory the pass freed returned to the system.
    mallopt(M_MMAP_MAX, 65536);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    malloc_trim(0);
#endif
}

}  // namespace qs
