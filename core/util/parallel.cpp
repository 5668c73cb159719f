#include "core/util/parallel.h"

#include "core/util/error.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>

namespace qs {

namespace {
std::atomic<int> g_maxThreads{0};
thread_local const CancelScope* t_scope = nullptr;  // the innermost scope of this thread

// Runs a pool thread's share of a job under the scope of the thread that started the job.
struct ScopeOf {
    const CancelScope* saved = t_scope;
    explicit ScopeOf(const CancelScope* s) { t_scope = s; }
    ~ScopeOf() { t_scope = saved; }
};

struct Job {
    int64_t n = 0;
    int64_t grain = 1;
    std::function<void(int64_t, int64_t)> fn;
    const CancelScope* scope = nullptr;  // alive while chunks are handed out (the caller waits)
    std::atomic<int64_t> next{0};
    std::mutex m;
    std::condition_variable cv;
    std::atomic<int> active{0};  // helpers inside work()
    int wanted = 0;               // helpers asked for
    std::atomic<int> claims{0};   // helpers that took the job (at most `wanted` run it)
    std::exception_ptr error;

    // Takes chunks until none are left.
    void work()
    {
        for (;;) {
            int64_t b = next.fetch_add(grain);
            if (b >= n)
                return;
            try {
                const ScopeOf inScope(scope);
                throwIfCancelled();
                fn(b, std::min(n, b + grain));
            } catch (...) {
                std::lock_guard lk(m);
                if (!error)
                    error = std::current_exception();
                next.store(n);  // stop handing out chunks
                return;
            }
        }
    }
};

// The engine's pool: helpers for parallelFor (the calling thread works too, so maxThreads() - 1
// of them at most per loop; nested loops find the pool busy and run on their caller).
QThreadPool& enginePool()
{
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;  // lives as long as the process: threads may outlive main's locals
        p->setMaxThreadCount(std::max(1, QThread::idealThreadCount() - 1));
        p->setExpiryTimeout(30000);
        return p;
    }();
    return *pool;
}
// A helper that has run its share of a job stays awake a little while (kLinger), watching for the
// next job: a forward pass starts hundreds of short loops a second (each matrix product of a
// decoded token is one), and waking a sleeping pool thread for each cost ~13 µs of a loop's
// ~100 µs. The newest job is offered in a box; helpers claim it up to its `wanted`.
constexpr auto kLinger = std::chrono::microseconds(300);
struct Box {
    std::mutex m;
    std::shared_ptr<Job> job;
    std::atomic<uint64_t> seq{0};   // jobs offered so far
    std::atomic<int> lingering{0};  // helpers watching the box
};
Box& box()
{
    static Box* b = new Box;  // lives as long as the pool's threads (past main's return)
    return *b;
}

bool claim(Job& job) { return job.claims.fetch_add(1) < job.wanted; }

void runShare(Job& job)
{
    job.active.fetch_add(1);
    job.work();
    {
        std::lock_guard lk(job.m);
        job.active.fetch_sub(1);
    }
    job.cv.notify_all();
}

inline void cpuPause()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#else
    std::this_thread::yield();
#endif
}

// A pool thread's task: its share of `job`, then of every job it finds in the box while lingering.
void helperLoop(std::shared_ptr<Job> job)
{
    while (job) {
        if (claim(*job))
            runShare(*job);
        job.reset();
        Box& b = box();
        b.lingering.fetch_add(1);
        const auto until = std::chrono::steady_clock::now() + kLinger;
        uint64_t seen = b.seq.load() - 1;  // look into the box at once
        for (int spin = 0;; ++spin) {
            const uint64_t s = b.seq.load();
            if (s != seen) {
                seen = s;
                std::lock_guard lk(b.m);
                if (b.job && b.job->next.load() < b.job->n && b.job->claims.load() < b.job->wanted)
                    job = b.job;
            }
            if (job || ((spin & 63) == 0 && std::chrono::steady_clock::now() >= until))
                break;
            cpuPause();
        }
        b.lingering.fetch_sub(1);
    }
}
}  // namespace

int maxThreads()
{
    int n = g_maxThreads.load();
    // The cores this process may use, asked once (each ask is a system call, and every parallelFor
    // asks: 1% of an error-feedback export's time).
    static const int cores = std::max(1, QThread::idealThreadCount());
    return n > 0 ? n : cores;
}

void setMaxThreads(int n)
{
    g_maxThreads.store(std::max(0, n));
    enginePool().setMaxThreadCount(std::max(1, maxThreads() - 1));
}

void parallelFor(int64_t n, int64_t grain, const std::function<void(int64_t, int64_t)>& fn)
{
    if (n <= 0)
        return;
    grain = std::max<int64_t>(1, grain);
    const int64_t chunks = (n + grain - 1) / grain;
    const int helpers = static_cast<int>(std::min<int64_t>(maxThreads() - 1, chunks - 1));
    if (helpers <= 0) {
        for (int64_t b = 0; b < n; b += grain) {
            throwIfCancelled();
            fn(b, std::min(n, b + grain));
        }
        return;
    }
    auto job = std::make_shared<Job>();
    job->n = n;
    job->grain = grain;
    job->fn = fn;
    job->scope = t_scope;
    job->wanted = helpers;
    Box& b = box();
    {
        std::lock_guard lk(b.m);
        b.job = job;
    }
    b.seq.fetch_add(1);
    // Lingering helpers take it first; pool threads are started for the rest (one that finds the
    // job claimed or done returns at once, or lingers for the next).
    for (int i = b.lingering.load(); i < helpers; ++i)
        enginePool().start([job] { helperLoop(job); });
    job->work();
    // Helpers that have not started yet will find no chunks left; only wait for running ones:
    // watching for a while (their last chunks end about when ours did), then asleep.
    const auto until = std::chrono::steady_clock::now() + kLinger;
    for (int spin = 0; job->active.load() != 0; ++spin) {
        if ((spin & 63) == 0 && std::chrono::steady_clock::now() >= until) {
            std::unique_lock lk(job->m);
            job->cv.wait(lk, [&] { return job->active.load() == 0; });
            break;
        }
        cpuPause();
    }
    {
        std::lock_guard lk(b.m);  // (its captures are the caller's: not kept past its return)
        if (b.job == job)
            b.job.reset();
    }
    if (job->error)
        std::rethrow_exception(job->error);
}

CancelScope::CancelScope(std::function<bool()> requested) : requested_(std::move(requested)), outer_(t_scope)
{
    t_scope = this;
}

CancelScope::CancelScope(const std::atomic<bool>* flag)
    : CancelScope(flag ? std::function<bool()>([flag] { return flag->load(); }) : std::function<bool()>())
{
}

CancelScope::~CancelScope() { t_scope = outer_; }

bool CancelScope::requested() const
{
    for (const CancelScope* s = this; s; s = s->outer_)
        if (s->requested_ && s->requested_())
            return true;
    return false;
}

void throwIfCancelled()
{
    if (t_scope && t_scope->requested())
        throw Error(ErrorKind::Cancelled, "cancelled");
}

}  // namespace qs
