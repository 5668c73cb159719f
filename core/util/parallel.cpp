#include "core/util/parallel.h"

#include "core/util/error.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>

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
    int active = 0;
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
}  // namespace

int maxThreads()
{
    int n = g_maxThreads.load();
    return n > 0 ? n : std::max(1, QThread::idealThreadCount());
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
    for (int i = 0; i < helpers; ++i) {
        enginePool().start([job] {
            {
                std::lock_guard lk(job->m);
                ++job->active;
            }
            job->work();
            {
                std::lock_guard lk(job->m);
                --job->active;
            }
            job->cv.notify_all();
        });
    }
    job->work();
    std::unique_lock lk(job->m);
    // Helpers that have not started yet will find no chunks left; only wait for running ones.
    job->cv.wait(lk, [&] { return job->active == 0; });
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
