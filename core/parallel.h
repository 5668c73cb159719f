#pragma once
// Data parallelism for the engine, on Qt's global thread pool.
//
// parallelFor splits [0, n) into chunks of `grain` and runs fn(begin, end) on up to
// maxThreads() threads. The calling thread takes chunks too, so nested calls (tensors in
// parallel, rows in parallel inside each) never deadlock waiting for pool threads.
#include <cstdint>
#include <functional>

namespace qs {

// Threads the engine may use at once (default: QThread::idealThreadCount()).
int maxThreads();
// Set by `--threads N` and the GUI; 0 restores the default. Affects later calls.
void setMaxThreads(int n);

void parallelFor(int64_t n, int64_t grain, const std::function<void(int64_t begin, int64_t end)>& fn);

}  // namespace qs
