#include "ui/run_controller.h"

#include "core/model/model.h"

#include <QCoreApplication>
#include <QEvent>
#include <QTimer>
#include <QtConcurrent>

#include <algorithm>

namespace qs::ui {

RunController::RunController(QObject* parent) : QObject(parent)
{
    tick_ = new QTimer(this);
    tick_->setInterval(250);
    connect(tick_, &QTimer::timeout, this, [this] {
        if (!runFuture_.isRunning())
            tick_->stop();
        emit progressChanged();
    });
    for (QFutureWatcherBase* w : std::initializer_list<QFutureWatcherBase*>{&runProgress_, &exportProgress_}) {
        connect(w, &QFutureWatcherBase::progressValueChanged, this, &RunController::progressChanged);
        connect(w, &QFutureWatcherBase::progressRangeChanged, this, &RunController::progressChanged);
        connect(w, &QFutureWatcherBase::started, this, &RunController::progressChanged);
    }
}

RunController::~RunController() { cancelAndWait(); }

template <typename T> void RunController::track(const QFuture<T>& f)
{
    workers_.erase(std::remove_if(workers_.begin(), workers_.end(), [](const QFuture<void>& w) { return w.isFinished(); }),
                   workers_.end());
    workers_.append(QFuture<void>(f));
}

void RunController::run(std::shared_ptr<const qs::Model> model, const QStringList& precisions, int bins,
                        const engine::EvalRequest& eval, const engine::SpeedRequest& speed)
{
    runFuture_.cancel();  // a second Run replaces the first
    const int seq = ++runSeq_;
    runFuture_ = QtConcurrent::run(&engine::runCompare, std::move(model), precisions, bins, eval, speed);
    track(runFuture_);
    runProgress_.setFuture(QFuture<void>(runFuture_));
    tick_->start();
    runChain_[0] = runFuture_.then(this, [this, seq](const engine::RunOutcome& o) {
        if (seq == runSeq_)
            emit runSucceeded(o.result);
    });
    runChain_[1] = runChain_[0].onCanceled(this, [this, seq] {
        if (seq == runSeq_)
            emit runCancelled();
    });
    runChain_[2] = runChain_[1].onFailed(this, [this, seq](const std::exception& e) {
        if (seq == runSeq_)
            emit runFailed(QString::fromUtf8(e.what()));
    });
}

void RunController::exportModel(std::shared_ptr<const qs::Model> model, const engine::ExportRequest& request)
{
    exportFuture_.cancel();
    const int seq = ++exportSeq_;
    exportFuture_ = QtConcurrent::run(&engine::exportModel, std::move(model), request);
    track(exportFuture_);
    exportProgress_.setFuture(QFuture<void>(exportFuture_));
    exportChain_[0] = exportFuture_.then(this, [this, seq](const engine::ExportOutcome& o) {
        if (seq != exportSeq_)
            return;
        if (o.cancelled)
            emit exportCancelled(true);
        else
            emit exportSucceeded(o);
    });
    exportChain_[1] = exportChain_[0].onCanceled(this, [this, seq] {
        if (seq == exportSeq_)
            emit exportCancelled(false);
    });
    exportChain_[2] = exportChain_[1].onFailed(this, [this, seq](const std::exception& e) {
        if (seq == exportSeq_)
            emit exportFailed(QString::fromUtf8(e.what()));
    });
}

void RunController::cancelRun() { runFuture_.cancel(); }

void RunController::cancelExport() { exportFuture_.cancel(); }

void RunController::cancelAndWait()
{
    runFuture_.cancel();
    exportFuture_.cancel();
    // The workers only (the replaced ones were cancelled when replaced): the continuations run
    // on this (the GUI) thread and would wait for it.
    for (QFuture<void>& f : workers_) {
        try {
            f.waitForFinished();
        } catch (...) {
            // a worker's error: nobody is waiting for its outcome any more
        }
    }
    workers_.clear();
    // A continuation a worker queued just before is delivered now, as a stale outcome (dropped):
    // left in the queue, it would be destroyed with this object's posted events, which cancels
    // its promise and runs the chain's onCanceled handler while the window is torn down.
    ++runSeq_;
    ++exportSeq_;
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

bool RunController::isBusy() const
{
    if (!runChain_[2].isFinished() || !exportChain_[2].isFinished())
        return true;
    return std::any_of(workers_.begin(), workers_.end(), [](const QFuture<void>& f) { return !f.isFinished(); });
}

std::optional<RunController::Progress> RunController::progress() const
{
    const auto of = [](const auto& f) -> std::optional<Progress> {
        if (!f.isRunning() || f.isCanceled())
            return std::nullopt;
        return Progress{f.progressMinimum(), f.progressMaximum(), f.progressValue(), f.progressText()};
    };
    if (auto p = of(exportFuture_))
        return p;
    return of(runFuture_);
}

}  // namespace qs::ui
