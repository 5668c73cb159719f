#pragma once
// Data parallelism for the engine, on the engine's own thread pool (not Qt's global one, which
// the window's own workers use).
//
// parallelFor splits [0, n) into chunks of `grain` and runs fn(begin, end) on up to
// maxThreads() threads. The calling thread takes chunks too, so nested calls (tensors in
// parallel, rows in parallel inside each) never deadlock waiting for pool threads. A pool thread
// that ran a share of a loop watches for the next loop for 300 µs before it sleeps, and the caller
// watches for its helpers' last chunks as long before it sleeps: the many short loops of a forward
// pass (one per matrix product of each decoded token) start and end without waking a thread
// (1B demo decode +10% F16, +17% Q4_0 tokens/s).
#include <atomic>
#include <cstdint>
#include <functional>

namespace qs {

// Threads the engine may use at once, the calling thread included (default:
// QThread::idealThreadCount()).
int maxThreads();
// Set by every CLI command's `--threads N` (app/cli/cli.cpp, parseArgs); 0 restores the
// default. Affects later calls.
void setMaxThreads(int n);

void parallelFor(int64_t n, int64_t grain, const std::function<void(int64_t begin, int64_t end)>& fn);

// Cancellation, the engine's one mechanism: its long operations (compare, export, evaluation,
// sensitivity, speed, quantizing) take no cancel flag; they ask the CancelScope of the thread
// that called them. The CLI opens one on its SIGINT flag, the window's workers on their future.
//
// Cooperative cancellation inside long loops. While a CancelScope lives on a thread, every
// parallelFor started there (and every parallelFor nested in its chunks, on any thread) asks the
// scope before each chunk and, once cancellation is requested, hands out no further chunks and
// throws qs::Error(Cancelled) on the calling thread. Scopes nest: an inner scope also honours the
// outer ones. Results of loops that are not cancelled are unchanged.
class CancelScope {
public:
    explicit CancelScope(std::function<bool()> requested);
    explicit CancelScope(const std::atomic<bool>* flag);  // null: never cancelled (outer scopes still apply)
    ~CancelScope();
    CancelScope(const CancelScope&) = delete;
    CancelScope& operator=(const CancelScope&) = delete;

    bool requested() const;  // this scope or an outer one

private:
    std::function<bool()> requested_;
    const CancelScope* outer_;
};

// Throws qs::Error(Cancelled) when the current thread's scope (see CancelScope) is cancelled.
void throwIfCancelled();

}  // namespace qs
