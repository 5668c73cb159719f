#pragma once
// The explorer window: model browser (dock), precision bar, plot tabs, trade-off table.
// Everything slow runs in workers (ui/engine.h on the thread pool); their outcomes come back here
// through QFuture continuations on this window.
#include "ui/analysis.h"
#include "ui/engine.h"
#include "ui/eval_engine.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QMainWindow>
#include <QPalette>
#include <QStringList>

#include <functional>
#include <map>
#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;

namespace qs {
class Model;
}

namespace qs::ui {

class BlockInspector;
class EvaluationController;
class ModelBrowser;
class Primer;
class PlotsWidget;
class PrecisionBar;
class RunController;
class SensitivityController;
class SensitivityView;
class SizeTargetDialog;
class TeachingController;
class TradeoffTableModel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens a model file or folder in a worker; errors are shown in a message box naming it.
    void openFile(const QString& path);
    // The built-in model, stories260K (what a new user sees first; engine::builtinModel()).
    void openBuiltin();
    // The synthetic demo model (File > Open Demo Model: random-like weights, 12 M parameters).
    void openDemo();
    // What the window opens without a file argument: the last model opened, if it still exists,
    // else the built-in one; a first start also measures accuracy and runs the comparison, so the
    // table shows real KL and perplexity at once.
    void openStartupModel();
    // Shows a model already in memory.
    void setModel(std::shared_ptr<const qs::Model> model, const QString& label);
    std::shared_ptr<const qs::Model> model() const { return model_; }
    QString modelLabel() const { return label_; }

    // Run: the checked precisions over the whole model (a second Run cancels the first).
    void run();
    void cancel();
    bool isRunning() const;
    bool isBusy() const;  // any worker still going

    // Export in a worker: a precision (format/preset) or, with an empty type, the current plan.
    void exportModel(const engine::ExportRequest& request);
    bool exportTable(const QString& path);     // .csv or .md
    bool exportPlot(const QString& path);      // .png or .pdf, current tab

    ModelBrowser* browser() const { return browser_; }
    PrecisionBar* precisionBar() const { return bar_; }
    PlotsWidget* plots() const { return plots_; }
    TradeoffTableModel* tableModel() const { return table_; }
    QTableView* tableView() const { return tableView_; }
    QSortFilterProxyModel* tableProxy() const { return tableProxy_; }
    const std::optional<RunResult>& lastRun() const { return lastRun_; }
    QString statusText() const;
    QString lastError() const { return lastError_; }
    // The analysis shown for a tensor (cached), or nullptr.
    const TensorAnalysis* tensorAnalysis(int tensor) const;
    // Teaching (main_window_teach.cpp): the block inspector dock and the primer window.
    BlockInspector* blockInspector() const;
    QDockWidget* blockInspectorDock() const;
    void showPrimer(const QString& section = QString());
    Primer* primer() const;
    // Model accuracy (main_window_sens.cpp): the sensitivity dock, and Plan for Size… (opens the
    // dialog, returns it; its plan lands in the browser's plan column).
    SensitivityView* sensitivityView() const;
    QDockWidget* sensitivityDock() const;
    SizeTargetDialog* planForSize();
    void applySizePlan(const engine::SizePlanOutcome& outcome);

    // Model accuracy and speed (ui/evaluation_controller.h): Analysis > Evaluate Model Accuracy,
    // Use Importance Matrix, Use Error-Feedback Rounding, Evaluate on Text File…, Measure Speed,
    // Activations and Threads, the "Accuracy" tool bar; what a Run evaluates and measures.
    EvaluationController* evaluation() const { return evaluation_; }

    // Hooks for the test and the screenshot driver: the path the next file dialog would ask for.
    void setNextSavePath(const QString& path) { nextSavePath_ = path; }
    // For Export Quantized Model…: skip the dialog once and export this (empty type: the plan).
    void setNextExport(const QString& path, const QString& type)
    {
        nextExportPath_ = path;
        nextExportType_ = type;
    }

signals:
    void modelChanged();
    void runFinished(bool ok);
    void exportFinished(bool ok);
    void analysisShown(int tensor);

protected:
    void closeEvent(QCloseEvent* e) override;
    void changeEvent(QEvent* e) override;
    void dragEnterEvent(QDragEnterEvent* e) override;
    void dropEvent(QDropEvent* e) override;

private:
    void createActions();
    void createMenus();
    void createStatusBar();
    void createTeachingUi();  // main_window_teach.cpp
    void retranslateUi();     // main_window_teach.cpp: every text in the current language
    void createEvaluationUi();
    // The activation mode changed: the accuracy and speed of the last Run and of the plans go,
    // and the last Run that had them (or the one going) is redone in the new mode.
    void onActivationModeChanged();
    void clearModeResults();
    void createSensitivityUi();       // main_window_sens.cpp
    void readSettings();
    void fitToScreen(bool centre);
    void writeSettings();
    void addRecent(const QString& path);
    void updateRecentMenu();
    void showError(const QString& title, const QString& text);
    void showSelection();
    void showResults();          // the last run's rows plus the plans computed since, in table and plots
    void updateTableColumns();   // accuracy columns only when some row has them
    void rememberModel(const QString& what);  // for openStartupModel()
    void requestTensor(int tensor);
    void requestModelHistogram();
    void updateProgress();
    void cancelAll();
    void waitAll();
    template <typename T> void track(const QFuture<T>& f);
    QString savePath(const QString& caption, const QString& filter, const QString& suffix);
    void copyTable();
    void applyTheme(bool followSystem);
    void about();
    void createRunController();
    void showRunResult(const RunResult& result);
    void runEnded();     // a Run's outcome arrived: progress and the precision bar's buttons
    void exportEnded();  // an export's outcome arrived
    void exportModelInteractive();

    std::shared_ptr<const qs::Model> model_;
    QString label_;
    int generation_ = 0;  // bumps with every model; stale results are dropped
    std::map<int, TensorAnalysis> tensorCache_;
    std::optional<ModelHistogram> modelHist_;
    std::optional<RunResult> lastRun_;
    QString lastError_;
    QString nextSavePath_;
    QString nextExportPath_, nextExportType_;

    ModelBrowser* browser_ = nullptr;
    PrecisionBar* bar_ = nullptr;
    PlotsWidget* plots_ = nullptr;
    TradeoffTableModel* table_ = nullptr;
    QSortFilterProxyModel* tableProxy_ = nullptr;
    QTableView* tableView_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* tableCaption_ = nullptr;
    std::vector<PrecisionRow> planRows_;  // Plan for Size results on this model, shown after the run's rows
    QElapsedTimer runClock_;              // wall time of the current run
    int runGeneration_ = 0;               // the model generation the current run is of
    RunController* runs_ = nullptr;       // the Run and Export workers
    bool runAfterOpen_ = false;           // openStartupModel() on a first start
    // The status line's last message, made again in the new language when the language changes.
    void setStatus(std::function<QString()> text);
    std::function<QString()> statusFn_;
    QProgressBar* progress_ = nullptr;

    // The model being opened, the whole model's histogram, the selected tensor's analysis: each a
    // worker whose outcome comes back through continuations on this window (.then, .onCanceled,
    // .onFailed; errors travel in the future). The continuations are attached before the worker
    // starts, so they always run from the event loop, never inside the call that started it.
    // Every link of a chain is held: Qt 6.4's QFuture::cancel() walks the chain through raw
    // pointers, which dangle once a link's last QFuture is gone; a worker is cancelled (if at all)
    // only while its chain is held here.
    QFuture<engine::Opened> openFuture_;
    QFuture<ModelHistogram> histFuture_;
    QFuture<TensorAnalysis> analysisFuture_;
    QFuture<void> openChain_[3], histChain_[3], analysisChain_[3];
    int openSeq_ = 0;                  // only the newest open's outcome is shown
    int histGeneration_ = -1;          // the model generation the histogram is of
    int analysisGeneration_ = -1;      // and the analysis, of tensor analysisTensor_ at these precisions
    int analysisTensor_ = -1;
    QStringList analysisPrecisions_;
    QList<QFuture<void>> pending_;     // every worker started and not known finished
    QFutureWatcher<void> openProgress_, histProgress_, analysisProgress_;  // progress signals only

    QAction* openAct_ = nullptr;
    QAction* demoAct_ = nullptr;
    QAction* builtinAct_ = nullptr;
    QAction* exportModelAct_ = nullptr;
    QAction* exportTableAct_ = nullptr;
    QAction* exportPlotAct_ = nullptr;
    QAction* quitAct_ = nullptr;
    QAction* copyAct_ = nullptr;
    QAction* logAct_ = nullptr;
    QAction* themeAct_ = nullptr;
    QAction* aboutAct_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    QMenu* fileMenu_ = nullptr;
    QMenu* editMenu_ = nullptr;
    QMenu* analysisMenu_ = nullptr;
    QMenu* viewMenu_ = nullptr;
    QMenu* helpMenu_ = nullptr;
    QAction* aboutQtAct_ = nullptr;
    QDockWidget* modelDock_ = nullptr;
    EvaluationController* evaluation_ = nullptr;  // accuracy and speed settings, activations, threads
    TeachingController* teaching_ = nullptr;  // inspector, primer, What's This, language menu
    SensitivityController* sensitivityTools_ = nullptr;  // sensitivity dock, Plan for Size
    QPalette systemPalette_;
};

}  // namespace qs::ui
