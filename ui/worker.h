#pragma once
// A worker on a thread pool whose future exists before the work starts: the window's
// continuations are attached to future() first (so they always come back through the event loop,
// never inside the call that started the work), then start() runs work(promise) on the pool; an
// exception it throws ends the future failed (the continuations' .onFailed, or takeResult(),
// sees it). Used by MainWindow and the block inspector.
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
