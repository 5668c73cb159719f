#pragma once
// The window's whole-model workers, owned by one controller: Run (engine::runCompare: every
// checked precision over the whole model, with model accuracy and speed when the evaluation
// controller asks for them) and Export (engine::exportModel). Each is a QtConcurrent task; its
// outcome comes back on the GUI thread through continuations on this object (.then, .onCanceled,
// .onFailed): a result, a cancellation, or an error the worker threw (engine::WorkerError, carried
// in the future). A second Run (or Export) replaces the one going: the replaced one's outcome is
// dropped. MainWindow shows what the signals bring (status line, table, message box). A worker
// done before its continuations are attached has them run at once: the outcome's signal may come
// from inside run() or exportModel().
#include "ui/engine.h"

#include <QFuture>
#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTimer;

namespace qs {
class Model;
}

namespace qs::ui {

class RunController : public QObject {
    Q_OBJECT
public:
    explicit RunController(QObject* parent = nullptr);
    ~RunController() override;  // cancels the workers and waits for them

    // Starts a Run (a going one is cancelled and its outcome dropped).
    void run(std::shared_ptr<const qs::Model> model, const QStringList& precisions, int bins,
             const engine::EvalRequest& eval, const engine::SpeedRequest& speed);
    // Starts an export (a going one is cancelled and its outcome dropped). The request is
    // assumed checked (engine::checkExport).
    void exportModel(std::shared_ptr<const qs::Model> model, const engine::ExportRequest& request);
    void cancelRun();
    void cancelExport();
    // Cancels both and waits for every worker (closing the window); outcomes not yet delivered
    // are dropped.
    void cancelAndWait();

    bool isRunning() const { return runFuture_.isRunning(); }
    bool isExporting() const { return exportFuture_.isRunning(); }
    // A worker, or the handling of its outcome, not finished yet.
    bool isBusy() const;

    // What the progress bar shows: the export going, else the Run going (none when cancelled).
    struct Progress {
        int minimum = 0, maximum = 0, value = 0;
        QString text;
    };
    std::optional<Progress> progress() const;

signals:
    void runSucceeded(const qs::ui::RunResult& result);
    void runCancelled();
    void runFailed(const QString& error);
    void exportSucceeded(const qs::ui::engine::ExportOutcome& outcome);
    // nothingWritten: the engine stopped the export itself and removed what it had begun.
    void exportCancelled(bool nothingWritten);
    void exportFailed(const QString& error);
    // The progress of a worker moved (or a Run is going: refreshed every 250 ms too, since the
    // future throttles its reports and an evaluation stage reports only at its end).
    void progressChanged();

private:
    template <typename T> void track(const QFuture<T>& f);

    QFuture<engine::RunOutcome> runFuture_;
    QFuture<engine::ExportOutcome> exportFuture_;
    // The continuations (then, onCanceled, onFailed), every link held: Qt 6.4's QFuture::cancel()
    // walks the chain through raw pointers, which dangle once a link's last QFuture is gone.
    // Each worker is cancelled (if at all) while its chain is still held here.
    QFuture<void> runChain_[3], exportChain_[3];
    int runSeq_ = 0, exportSeq_ = 0;      // only the newest Run's (export's) outcome is shown
    QList<QFuture<void>> workers_;        // every worker started and not known finished
    QFutureWatcher<void> runProgress_, exportProgress_;  // progress signals only
    QTimer* tick_ = nullptr;
};

}  // namespace qs::ui
