#pragma once
// A worker on a thread pool whose future exists before the work starts: the window's
// continuations are attached to future() first (so they always come back through the event loop,
// never inside the call that started the work), then start() runs work(promise) on the pool; an
// exception it throws ends the future failed (the continuations' .onFailed, or takeResult(),
// sees it). Used by MainWindow and the block inspector.
//
// Read a worker's result with result(), never takeResult(). In Qt 6.4, takeResult() resets the
// future's state to "not started"; the worker's QPromise, still being released on the pool thread,
// then takes the future for unfinished, cancels it and runs its continuation a second time, whose
// moved-from promise crashes (20000 workers superseding each other crashed 3 runs in 3 that way;
// tests/ui/test_worker.cpp runs the same pattern reading with result()). A large result is
// therefore handed over as a shared_ptr, cheap to copy.
#include <QFuture>
#include <QPromise>
#include <QThreadPool>

#include <exception>
#include <memory>
#include <utility>

namespace qs::ui {

template <typename T> class Worker {
public:
    QFuture<T> future() const { return promise_->future(); }
    template <typename Work> void start(Work work, QThreadPool* pool = QThreadPool::globalInstance())
    {
        promise_->start();
        pool->start([promise = promise_, work = std::move(work)]() mutable {
            try {
                work(*promise);
            } catch (...) {
                promise->setException(std::current_exception());
            }
            promise->finish();
        });
    }

private:
    std::shared_ptr<QPromise<T>> promise_ = std::make_shared<QPromise<T>>();
};

}  // namespace qs::ui
