#include "ui/main_window.h"

#include "core/eval/evaluation.h"
#include "core/model/model.h"
#include "ui/evaluation_controller.h"
#include "ui/export_dialog.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/run_controller.h"
#include "ui/teaching_controller.h"
#include "ui/tradeoff_table_model.h"
#include "ui/worker.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSaveFile>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QStyle>
#include <QTableView>
#include <QStandardPaths>
#include <QTabWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace qs::ui {

namespace {

// Cancels a worker that is still going (a finished one keeps its outcome: cancelling it would
// also mark the continuation running its outcome cancelled).
template <typename T> void cancelIfRunning(QFuture<T>& f)
{
    if (!f.isFinished())
        f.cancel();
}

}  // namespace

namespace {
constexpr int kBins = 201;
constexpr int kMaxRecent = 8;
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("QuantScope"));
    setAcceptDrops(true);
    systemPalette_ = QApplication::palette();

    // Centre: plots above, the trade-off table below.
    plots_ = new PlotsWidget(this);
    table_ = new TradeoffTableModel(this);
    tableProxy_ = new QSortFilterProxyModel(this);
    tableProxy_->setSourceModel(table_);
    tableProxy_->setSortRole(Qt::UserRole);
    tableView_ = new QTableView(this);
    tableView_->setObjectName(QStringLiteral("tradeoffTable"));
    tableView_->setModel(tableProxy_);
    tableView_->setSortingEnabled(true);
    // Rows in run order ("<type> + imatrix" after its type) until a header is clicked.
    tableView_->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    tableView_->setSelectionBehavior(QAbstractItemView::SelectRows);
    tableView_->setAlternatingRowColors(true);
    tableView_->verticalHeader()->setVisible(false);
    tableView_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    tableView_->horizontalHeader()->setStretchLastSection(true);
    // Size, speed, accuracy: the speed columns (last in the model) shown after Size.
    for (int c : {TradeoffTableModel::TgSpeed, TradeoffTableModel::SpeedUp, TradeoffTableModel::PpSpeed})
        tableView_->horizontalHeader()->moveSection(tableView_->horizontalHeader()->visualIndex(c),
                                                    tableView_->horizontalHeader()->visualIndex(TradeoffTableModel::Size) +
                                                        1 + (c - TradeoffTableModel::TgSpeed));
    // Above the table: what it shows (the whole model), and a note for the random-like demo.
    tableCaption_ = new QLabel(this);
    tableCaption_->setObjectName(QStringLiteral("tableCaption"));
    tableCaption_->setWordWrap(true);
    tableCaption_->setContentsMargins(6, 2, 6, 0);
    auto* tableBox = new QWidget(this);
    auto* tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->setSpacing(2);
    tableLayout->addWidget(tableCaption_);
    tableLayout->addWidget(tableView_, 1);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("centralSplitter"));
    split->addWidget(plots_);
    split->addWidget(tableBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    // Room for about eight rows of the table below the plots.
    tableView_->setMinimumHeight(tableView_->verticalHeader()->defaultSectionSize() * 5 +
                                 tableView_->horizontalHeader()->sizeHint().height());
    split->setSizes({560, 300});
    setCentralWidget(split);

    browser_ = new ModelBrowser(this);
    auto* dock = modelDock_ = new QDockWidget(tr("Model"), this);
    dock->setObjectName(QStringLiteral("modelDock"));
    dock->setWidget(browser_);
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    // Never so narrow that names and the filter become unreadable (a saved narrow state too).
    browser_->setMinimumWidth(300);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {440}, Qt::Horizontal);

    bar_ = new PrecisionBar(this);
    addToolBar(Qt::TopToolBarArea, bar_);

    createRunController();
    createActions();
    createMenus();
    createStatusBar();
    createEvaluationUi();
    createTeachingUi();
    createSensitivityUi();

    connect(bar_, &PrecisionBar::runRequested, this, &MainWindow::run);
    connect(bar_, &PrecisionBar::cancelRequested, this, &MainWindow::cancel);
    connect(bar_, &PrecisionBar::checkedChanged, this, [this] {
        if (browser_->selectedTensor() >= 0)
            showSelection();
    });
    connect(browser_, &ModelBrowser::tensorSelected, this, [this] { showSelection(); });
    connect(plots_, &PlotsWidget::message, this, [this](const QString& m) { statusBar()->showMessage(m, 5000); });

    for (QFutureWatcherBase* w : std::initializer_list<QFutureWatcherBase*>{&openProgress_, &histProgress_, &analysisProgress_}) {
        connect(w, &QFutureWatcherBase::progressValueChanged, this, &MainWindow::updateProgress);
        connect(w, &QFutureWatcherBase::progressRangeChanged, this, &MainWindow::updateProgress);
        connect(w, &QFutureWatcherBase::started, this, &MainWindow::updateProgress);
    }

    readSettings();
}

// The first start's size: 1400 x 900, or less on a smaller screen (a 1280 x 800 laptop), centred
// on the screen; a size restored from the settings is shrunk to the screen it opens on too.
void MainWindow::fitToScreen(bool centre)
{
    const QScreen* sc = screen() ? screen() : QGuiApplication::primaryScreen();
    if (!sc || (windowState() & (Qt::WindowMaximized | Qt::WindowFullScreen)))
        return;
    const QRect avail = sc->availableGeometry();
    // Room for the window manager's frame (title bar and borders), which frameGeometry() only
    // knows once the window is shown.
    const QSize room(avail.width() - 16, avail.height() - 48);
    const QSize want = (centre ? QSize(1400, 900) : size()).boundedTo(room).expandedTo(minimumSizeHint());
    resize(want);
    if (centre || !avail.contains(geometry()))
        move(avail.left() + std::max(0, (avail.width() - want.width()) / 2),
             avail.top() + std::max(0, (avail.height() - want.height()) / 3));
}

MainWindow::~MainWindow()
{
    cancelAll();
    runs_->cancelAndWait();
    waitAll();
    // A worker done just before may have its continuation still queued on this window. Deliver it
    // now, while the window is whole, as a stale outcome (dropped): left in the queue it would be
    // destroyed with the window's posted events, and destroying a continuation not run cancels
    // its promise, which runs the chain's onCanceled handler on a window half torn down.
    ++openSeq_;
    ++generation_;
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void MainWindow::createEvaluationUi()
{
    evaluation_ = new EvaluationController(this, analysisMenu_, viewMenu_);
    // Columns appear (or go) with the next Run; redo the last one right away (a Run going is
    // replaced, so a toggle made during it is not lost).
    connect(evaluation_, &EvaluationController::rerunRequested, this, [this] {
        if (model_ && (lastRun_ || runs_->isRunning()))
            run();
    });
    connect(evaluation_, &EvaluationController::activationModeChanged, this, &MainWindow::onActivationModeChanged);
}

void MainWindow::createActions()
{
    openAct_ = new QAction(QIcon::fromTheme(QStringLiteral("document-open")), tr("&Open…"), this);
    openAct_->setShortcut(QKeySequence::Open);
    openAct_->setStatusTip(tr("Open a GGUF file, a .safetensors file or a llama2.c checkpoint"));
    connect(openAct_, &QAction::triggered, this, [this] {
        const QString p = QFileDialog::getOpenFileName(
            this, tr("Open Model"), QString(),
            tr("Models (*.gguf *.safetensors *.bin *.json);;All files (*)"));
        if (!p.isEmpty())
            openFile(p);
    });

    exportModelAct_ = new QAction(tr("&Export Quantized Model…"), this);
    exportModelAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportModelAct_->setObjectName(QStringLiteral("actionExportModel"));
    exportModelAct_->setEnabled(false);
    exportModelAct_->setStatusTip(tr("Write the model at a precision or the current plan as GGUF or fake-quant safetensors"));
    connect(exportModelAct_, &QAction::triggered, this, &MainWindow::exportModelInteractive);
    builtinAct_ = new QAction(tr("Open &Built-in Model"), this);
    builtinAct_->setObjectName(QStringLiteral("actionOpenBuiltin"));
    connect(builtinAct_, &QAction::triggered, this, &MainWindow::openBuiltin);
    demoAct_ = new QAction(tr("Open &Demo Model"), this);
    demoAct_->setObjectName(QStringLiteral("actionOpenDemo"));
    connect(demoAct_, &QAction::triggered, this, &MainWindow::openDemo);

    exportTableAct_ = new QAction(tr("Export &Table…"), this);
    exportTableAct_->setObjectName(QStringLiteral("actionExportTable"));
    connect(exportTableAct_, &QAction::triggered, this, [this] {
        const QString p = savePath(tr("Export Table"), tr("CSV (*.csv);;Markdown (*.md)"), QStringLiteral("csv"));
        if (!p.isEmpty())
            exportTable(p);
    });
    exportPlotAct_ = new QAction(tr("Export &Plot…"), this);
    exportPlotAct_->setObjectName(QStringLiteral("actionExportPlot"));
    connect(exportPlotAct_, &QAction::triggered, this, [this] {
        const QString p = savePath(tr("Export Plot"), tr("PNG image (*.png);;PDF document (*.pdf)"), QStringLiteral("png"));
        if (!p.isEmpty())
            exportPlot(p);
    });
    quitAct_ = new QAction(QIcon::fromTheme(QStringLiteral("application-exit")), tr("&Quit"), this);
    quitAct_->setShortcut(QKeySequence::Quit);
    connect(quitAct_, &QAction::triggered, this, &QWidget::close);

    copyAct_ = new QAction(tr("&Copy Table Rows"), this);
    copyAct_->setShortcut(QKeySequence::Copy);
    copyAct_->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    tableView_->addAction(copyAct_);
    connect(copyAct_, &QAction::triggered, this, &MainWindow::copyTable);

    logAct_ = new QAction(tr("Log &Scale"), this);
    logAct_->setCheckable(true);
    logAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(logAct_, &QAction::toggled, plots_, &PlotsWidget::setLogScale);
    themeAct_ = new QAction(tr("&Theme Follows the System"), this);
    themeAct_->setCheckable(true);
    themeAct_->setChecked(true);
    connect(themeAct_, &QAction::toggled, this, &MainWindow::applyTheme);

    aboutAct_ = new QAction(tr("&About QuantScope"), this);
    connect(aboutAct_, &QAction::triggered, this, &MainWindow::about);
}

void MainWindow::createMenus()
{
    QMenu* file = fileMenu_ = menuBar()->addMenu(tr("&File"));
    file->addAction(openAct_);
    recentMenu_ = file->addMenu(tr("Open &Recent"));
    file->addAction(builtinAct_);
    file->addAction(demoAct_);
    file->addSeparator();
    file->addAction(exportModelAct_);
    file->addAction(exportTableAct_);
    file->addAction(exportPlotAct_);
    file->addSeparator();
    file->addAction(quitAct_);

    QMenu* edit = editMenu_ = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(copyAct_);

    QMenu* analysis = analysisMenu_ = menuBar()->addMenu(tr("&Analysis"));
    analysis->addAction(bar_->runAction());
    analysis->addAction(bar_->cancelAction());

    QMenu* view = viewMenu_ = menuBar()->addMenu(tr("&View"));
    view->addAction(logAct_);
    view->addAction(themeAct_);
    view->addSeparator();
    for (QDockWidget* d : findChildren<QDockWidget*>())
        view->addAction(d->toggleViewAction());
    view->addAction(bar_->toggleViewAction());

    QMenu* help = helpMenu_ = menuBar()->addMenu(tr("&Help"));
    help->addAction(aboutAct_);
    aboutQtAct_ = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
}

void MainWindow::createStatusBar()
{
    status_ = new QLabel(this);
    // A long message (or a long translation) is cut, never widens the window.
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    status_->setMinimumWidth(0);
    setStatus([] { return tr("Ready"); });
    status_->setObjectName(QStringLiteral("statusLabel"));
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("progressBar"));
    progress_->setMinimumWidth(220);
    progress_->setMaximumWidth(380);
    progress_->setTextVisible(true);
    progress_->hide();
    statusBar()->addWidget(status_, 1);
    statusBar()->addPermanentWidget(progress_);
}

QString MainWindow::statusText() const { return status_->text(); }

void MainWindow::setStatus(std::function<QString()> text)
{
    statusFn_ = std::move(text);
    status_->setText(statusFn_());
    status_->setToolTip(status_->text());
}

// ---- Settings, recent files ----

void MainWindow::readSettings()
{
    QSettings s;
    const QByteArray geo = s.value(QStringLiteral("window/geometry")).toByteArray();
    fitToScreen(geo.isEmpty() || !restoreGeometry(geo));  // centred at the default size, or the restored one kept on screen
    const QByteArray state = s.value(QStringLiteral("window/state")).toByteArray();
    if (!state.isEmpty())
        restoreState(state);
    if (s.contains(QStringLiteral("precisions")))
        bar_->setChecked(s.value(QStringLiteral("precisions")).toStringList());
    logAct_->setChecked(s.value(QStringLiteral("view/log"), false).toBool());
    themeAct_->setChecked(s.value(QStringLiteral("view/followSystemTheme"), true).toBool());
    evaluation_->readSettings();
    updateRecentMenu();
    // A saved state may hold a dock squeezed by a small window: give the browser its width back.
    if (modelDock_->width() < 400)
        resizeDocks({modelDock_}, {440}, Qt::Horizontal);
}

void MainWindow::writeSettings()
{
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), saveGeometry());
    s.setValue(QStringLiteral("window/state"), saveState());
    s.setValue(QStringLiteral("precisions"), bar_->checked());
    s.setValue(QStringLiteral("view/log"), logAct_->isChecked());
    s.setValue(QStringLiteral("view/followSystemTheme"), themeAct_->isChecked());
    evaluation_->writeSettings();
}

void MainWindow::rememberModel(const QString& what)
{
    QSettings().setValue(QStringLiteral("lastModel"), what);
}

void MainWindow::addRecent(const QString& path)
{
    if (path.isEmpty())
        return;
    QSettings s;
    QStringList r = s.value(QStringLiteral("recentFiles")).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    r.removeAll(abs);
    r.prepend(abs);
    while (r.size() > kMaxRecent)
        r.removeLast();
    s.setValue(QStringLiteral("recentFiles"), r);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    recentMenu_->clear();
    const QStringList r = QSettings().value(QStringLiteral("recentFiles")).toStringList();
    for (int i = 0; i < r.size(); ++i) {
        QAction* a = recentMenu_->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(r[i]));
        connect(a, &QAction::triggered, this, [this, p = r[i]] { openFile(p); });
    }
    recentMenu_->setEnabled(!r.isEmpty());
    if (!r.isEmpty()) {
        recentMenu_->addSeparator();
        recentMenu_->addAction(tr("&Clear"), this, [this] {
            QSettings().remove(QStringLiteral("recentFiles"));
            updateRecentMenu();
        });
    }
}

// ---- Models ----

void MainWindow::openFile(const QString& path)
{
    cancelAll();
    setStatus([=] { return tr("Opening %1…").arg(QDir::toNativeSeparators(path)); });
    const int seq = ++openSeq_;
    Worker<engine::Opened> worker;
    openFuture_ = worker.future();
    openChain_[0] = openFuture_.then(this, [this, seq](const engine::Opened& o) {
        updateProgress();
        if (seq != openSeq_)
            return;
        addRecent(QString::fromStdString(o.model->path));
        rememberModel(QString::fromStdString(o.model->path));
        setModel(o.model, o.label);
    });
    openChain_[1] = openChain_[0].onCanceled(this, [this] { updateProgress(); });
    openChain_[2] = openChain_[1].onFailed(this, [this, seq](const std::exception& e) {
        updateProgress();
        if (seq != openSeq_)
            return;
        setStatus([=] { return tr("Could not open the model"); });
        showError(tr("Cannot open model"), QString::fromUtf8(e.what()));
    });
    track(openFuture_);
    openProgress_.setFuture(QFuture<void>(openFuture_));
    worker.start([path](QPromise<engine::Opened>& promise) {
        engine::Opened o = engine::openModel(path);
        if (!o.error.isEmpty())
            throw engine::WorkerError(o.error);
        promise.addResult(std::move(o));
    });
    updateProgress();
}

void MainWindow::openDemo()
{
    cancelAll();
    setStatus([=] { return tr("Building the synthetic demo model…"); });
    const engine::Opened o = engine::demoModel();  // lazy: tensors are generated when first read
    if (!o.error.isEmpty()) {
        showError(tr("Cannot build the demo model"), o.error);
        return;
    }
    rememberModel(QStringLiteral(":demo"));
    setModel(o.model, o.label);
}

void MainWindow::openBuiltin()
{
    cancelAll();
    const engine::Opened o = engine::builtinModel();  // 1 MB, read from the resource
    if (!o.error.isEmpty()) {
        showError(tr("Cannot open the built-in model"), o.error);
        return;
    }
    rememberModel(engine::builtinModelPath());
    setModel(o.model, o.label);
}

void MainWindow::openStartupModel()
{
    QSettings s;
    const QString last = s.value(QStringLiteral("lastModel")).toString();
    if (last == QLatin1String(":demo")) {
        openDemo();
        return;
    }
    if (!last.isEmpty() && last != engine::builtinModelPath() && QFileInfo::exists(last)) {
        openFile(last);
        return;
    }
    // A first start: the built-in model, its accuracy measured, the comparison already run.
    const bool first = EvaluationController::firstStart();
    if (first)
        evaluation_->evaluateAction()->setChecked(true);
    openBuiltin();
    if (first && model_)
        run();
}

void MainWindow::setModel(std::shared_ptr<const qs::Model> model, const QString& label)
{
    cancelAll();
    ++generation_;
    model_ = std::move(model);
    label_ = label;
    tensorCache_.clear();
    modelHist_.reset();
    lastRun_.reset();
    planRows_.clear();
    table_->clear();
    updateTableColumns();
    plots_->clearRunPlots(tr("Press Run to compare the checked precisions over the whole model"));
    plots_->clearTensorPlots(tr("Computing…"));
    browser_->setModel(model_, label_);
    setWindowTitle(tr("%1 — QuantScope").arg(label_));
    const int tensors = model_ ? int(model_->tensors.size()) : -1;
    setStatus([=, shown = label_] { return tensors >= 0 ? tr("%1: %n tensor(s)", nullptr, tensors).arg(shown) : tr("Ready"); });
    exportModelAct_->setEnabled(model_ != nullptr);
    evaluation_->setModel(model_);
    emit modelChanged();
}

void MainWindow::updateTableColumns()
{
    bool evaluated = false, speed = false;
    for (const auto& r : table_->rows()) {
        evaluated |= r.evaluated;
        speed |= r.speedMeasured;
    }
    // Accuracy and speed columns only when measured: else RMSE and SQNR would start off-screen behind "—".
    for (int c = 0; c < TradeoffTableModel::ColumnCount; ++c)
        if (TradeoffTableModel::isAccuracyColumn(c))
            tableView_->setColumnHidden(c, !evaluated);
        else if (TradeoffTableModel::isSpeedColumn(c))
            tableView_->setColumnHidden(c, !speed);
    QString caption;
    if (!model_) {
        caption = tr("Open a model to compare precisions.");
    } else if (table_->rowCount() == 0) {
        caption = tr("Whole model: press Run (F5) to quantize every tensor at the checked precisions; one row per "
                     "precision.");
    } else {
        caption = tr("Whole model: each row quantizes every eligible tensor at one precision (hover a row for its "
                     "formats and fallbacks).");
        if (!evaluated && evaluation_ && evaluation_->evaluateAction()->isEnabled())
            caption += QLatin1Char(' ') + tr("Turn on Analysis > Evaluate Model Accuracy for KL and perplexity.");
        if (!speed && evaluation_ && evaluation_->measureSpeedAction()->isEnabled())
            caption += QLatin1Char(' ') + tr("Turn on Analysis > Measure Speed for tokens/s.");
    }
    if (model_ && model_->format == "memory")
        caption += QLatin1Char(' ') + tr("This synthetic demo has random-like weights: its perplexity (in the "
                                         "thousands) and Δ perplexity mean little; the built-in stories260K model "
                                         "(File > Open Built-in Model) is a real one.");
    tableCaption_->setText(caption);
}

void MainWindow::showResults()
{
    if (!lastRun_ && planRows_.empty()) {
        table_->clear();
        updateTableColumns();
        return;
    }
    RunResult shown = lastRun_ ? *lastRun_ : RunResult{};
    shown.evaluated |= !planRows_.empty();  // plans carry model accuracy
    for (const PrecisionRow& p : planRows_) {
        shown.rows.push_back(p);
        shown.perLayer.emplace_back();
        shown.errorHists.emplace_back();
    }
    table_->setRows(shown.rows);
    updateTableColumns();
    plots_->showRun(shown, browser_->selectedTensor() < 0);
}

void MainWindow::onActivationModeChanged()
{
    // A Run going with the other mode, or the last one's results: redo it in this mode.
    const bool going = runs_->isRunning() &&
                       (evaluation_->evaluationRequest().enabled || evaluation_->speedRequest().enabled);
    const bool had = lastRun_ && (lastRun_->evaluated || lastRun_->speedMeasured);
    clearModeResults();
    if (model_ && (going || had))
        run();
}

void MainWindow::clearModeResults()
{
    if (lastRun_) {
        // The source, "+ imatrix" and "+ error feedback" rows hold nothing else: they go; the others keep their weight errors.
        RunResult& r = *lastRun_;
        for (size_t i = r.rows.size(); i-- > 0;) {
            PrecisionRow& row = r.rows[i];
            if (row.source || row.imatrix || row.errorFeedback) {
                r.rows.erase(r.rows.begin() + std::ptrdiff_t(i));
                r.perLayer.erase(r.perLayer.begin() + std::ptrdiff_t(i));
                r.errorHists.erase(r.errorHists.begin() + std::ptrdiff_t(i));
                continue;
            }
            row.evaluated = false;
            row.speedMeasured = false;
        }
        r.evaluated = r.imatrix = r.speedMeasured = false;
    }
    for (PrecisionRow& p : planRows_)
        p.evaluated = false;  // its size stays; its KL was measured in the other mode
    showResults();
}

const TensorAnalysis* MainWindow::tensorAnalysis(int tensor) const
{
    auto it = tensorCache_.find(tensor);
    return it == tensorCache_.end() ? nullptr : &it->second;
}

void MainWindow::showSelection()
{
    if (!model_)
        return;
    const int t = browser_->selectedTensor();
    if (t < 0) {
        cancelIfRunning(analysisFuture_);
        requestModelHistogram();
        if (lastRun_)
            plots_->showRun(*lastRun_, true);
        return;
    }
    requestTensor(t);
}

void MainWindow::requestModelHistogram()
{
    if (modelHist_) {
        plots_->showModelHistogram(tr("Weights: whole model (%1)").arg(label_), *modelHist_);
        emit analysisShown(-1);
        return;
    }
    if (!histFuture_.isFinished() && histGeneration_ == generation_)
        return;
    cancelIfRunning(histFuture_);
    plots_->clearTensorPlots(tr("Computing the whole model's histogram…"));
    const int generation = histGeneration_ = generation_;
    Worker<ModelHistogram> worker;
    histFuture_ = worker.future();
    histChain_[0] = histFuture_.then(this, [this, generation](const ModelHistogram& h) {
        updateProgress();
        if (generation != generation_)
            return;
        modelHist_ = h;
        if (browser_->selectedTensor() < 0)
            plots_->showModelHistogram(tr("Weights: whole model (%1)").arg(label_), *modelHist_);
    });
    histChain_[1] = histChain_[0].onCanceled(this, [this] { updateProgress(); });
    histChain_[2] = histChain_[1].onFailed(this, [this, generation](const std::exception& e) {
        updateProgress();
        if (generation == generation_ && browser_->selectedTensor() < 0)
            plots_->clearTensorPlots(QString::fromUtf8(e.what()));
    });
    track(histFuture_);
    histProgress_.setFuture(QFuture<void>(histFuture_));
    worker.start([model = model_](QPromise<ModelHistogram>& promise) { engine::modelHistogram(promise, model, kBins); });
}

void MainWindow::requestTensor(int tensor)
{
    const QStringList wanted = bar_->checked();
    QStringList missing = wanted;
    auto it = tensorCache_.find(tensor);
    if (it != tensorCache_.end())
        for (const auto& p : it->second.precisions)
            missing.removeAll(p.key);
    if (it != tensorCache_.end()) {
        // Show what is cached, in the order of the precision bar.
        TensorAnalysis shown = it->second;
        shown.precisions.clear();
        for (const QString& w : wanted)
            for (const auto& p : it->second.precisions)
                if (p.key == w)
                    shown.precisions.push_back(p);
        plots_->showTensor(shown);
        if (missing.isEmpty()) {
            if (lastRun_)
                plots_->showRun(*lastRun_, false);
            emit analysisShown(tensor);
            return;
        }
    } else {
        plots_->clearTensorPlots(tr("Computing %1…").arg(QString::fromStdString(model_->tensors[size_t(tensor)].name)));
    }
    if (!analysisFuture_.isFinished() && analysisTensor_ == tensor && analysisGeneration_ == generation_ &&
        analysisPrecisions_ == missing)
        return;
    cancelIfRunning(analysisFuture_);
    analysisTensor_ = tensor;
    analysisPrecisions_ = missing;
    const int generation = analysisGeneration_ = generation_;
    Worker<TensorAnalysis> worker;
    analysisFuture_ = worker.future();
    analysisChain_[0] = analysisFuture_.then(this, [this, generation](const TensorAnalysis& done) {
        updateProgress();
        if (generation != generation_)
            return;
        TensorAnalysis a = done;
        auto it = tensorCache_.find(a.tensor);
        if (it == tensorCache_.end()) {
            tensorCache_.emplace(a.tensor, std::move(a));
        } else {
            for (auto& p : a.precisions)
                it->second.precisions.push_back(std::move(p));
        }
        showSelection();
    });
    analysisChain_[1] = analysisChain_[0].onCanceled(this, [this] { updateProgress(); });
    analysisChain_[2] = analysisChain_[1].onFailed(this, [this, generation, tensor](const std::exception& e) {
        updateProgress();
        if (generation == generation_ && browser_->selectedTensor() == tensor)
            plots_->clearTensorPlots(QString::fromUtf8(e.what()));
    });
    track(analysisFuture_);
    analysisProgress_.setFuture(QFuture<void>(analysisFuture_));
    worker.start([model = model_, tensor, missing](QPromise<TensorAnalysis>& promise) {
        engine::analyseTensor(promise, model, tensor, missing, kBins);
    });
}

// ---- Run ----

void MainWindow::run()
{
    if (!model_) {
        showError(tr("Nothing to run"), tr("Open a model first."));
        return;
    }
    const QStringList precisions = bar_->checked();
    if (precisions.isEmpty()) {
        setStatus([=] { return tr("Check at least one precision to run."); });
        return;
    }
    setStatus([=, shown = label_] { return tr("Running %1 over %2…").arg(precisions.join(QStringLiteral(", ")), shown); });
    runClock_.start();
    runGeneration_ = generation_;
    // Before the worker starts: an outcome already there when its continuation is attached is
    // handled at once, inside runs_->run().
    bar_->setRunning(true);
    // A second Run replaces the first.
    runs_->run(model_, precisions, kBins, evaluation_->evaluationRequest(), evaluation_->speedRequest());
    updateProgress();
}

void MainWindow::cancel()
{
    if (runs_->isExporting()) {
        runs_->cancelExport();
        setStatus([=] { return tr("Cancelling the export…"); });
    }
    if (runs_->isRunning()) {
        runs_->cancelRun();
        setStatus([=] { return tr("Cancelling…"); });
    }
    cancelIfRunning(analysisFuture_);
    cancelIfRunning(histFuture_);
}

bool MainWindow::isRunning() const { return runs_->isRunning(); }

bool MainWindow::isBusy() const
{
    if (runs_->isBusy())
        return true;
    // A continuation not run yet (the worker done, its outcome still queued) counts as busy too.
    for (const QFuture<void>* chain : {openChain_, histChain_, analysisChain_})
        if (!chain[2].isFinished())
            return true;
    for (const auto& f : pending_)
        if (!f.isFinished())
            return true;
    return false;
}

void MainWindow::createRunController()
{
    runs_ = new RunController(this);
    connect(runs_, &RunController::progressChanged, this, &MainWindow::updateProgress);
    connect(runs_, &RunController::runCancelled, this, [this] {
        runEnded();
        setStatus([=] { return tr("Run cancelled"); });
        emit runFinished(false);
    });
    connect(runs_, &RunController::runFailed, this, [this](const QString& error) {
        runEnded();
        if (runGeneration_ != generation_)
            return;  // a Run of a model no longer open
        setStatus([=] { return tr("Run failed"); });
        showError(tr("Run failed"), error);
        emit runFinished(false);
    });
    connect(runs_, &RunController::runSucceeded, this, &MainWindow::showRunResult);
    connect(runs_, &RunController::exportCancelled, this, [this](bool nothingWritten) {
        exportEnded();
        if (nothingWritten)
            setStatus([=] { return tr("Export cancelled; nothing was written"); });
        else
            setStatus([=] { return tr("Export cancelled"); });
        emit exportFinished(false);
    });
    connect(runs_, &RunController::exportFailed, this, [this](const QString& error) {
        exportEnded();
        setStatus([=] { return tr("Export failed"); });
        showError(tr("Export failed"), error);
        emit exportFinished(false);
    });
    connect(runs_, &RunController::exportSucceeded, this, [this](const engine::ExportOutcome& o) {
        exportEnded();
        setStatus([=] { return tr("Wrote %1 (%2) in %3 s")
                             .arg(QDir::toNativeSeparators(o.path), engine::bytesText(double(o.bytes)))
                             .arg(o.seconds, 0, 'f', 2); });
        emit exportFinished(true);
    });
}

void MainWindow::runEnded()
{
    updateProgress();
    bar_->setRunning(runs_->isExporting());
}

void MainWindow::exportEnded()
{
    updateProgress();
    bar_->setRunning(runs_->isRunning());
}

void MainWindow::showRunResult(const RunResult& result)
{
    runEnded();
    if (runGeneration_ != generation_)
        return;  // a Run of a model no longer open
    lastRun_ = result;
    teaching_->setCalibration(result.calibration);
    showResults();
    // The time the user waited (comparison and evaluation), not the sum of the per-type timings.
    const double secs = double(runClock_.elapsed()) / 1000.0;
    int compared = 0;
    for (const auto& r : result.rows)
        compared += r.weightMeasured ? 1 : 0;
    const bool evaluated = result.evaluated;
    const int positions = int(result.evalPositions);
    const double pplReference = result.pplReference;
    setStatus([=] {
        QString text = tr("Compared %n precision(s) in %1 s", nullptr, compared).arg(QLocale().toString(secs, 'f', 2));
        if (evaluated)
            text += QStringLiteral("; ") + tr("accuracy on %n position(s), reference perplexity %1", nullptr, positions)
                                               .arg(QLocale().toString(pplReference, 'f', 3));
        return text;
    });
    emit runFinished(true);
}

// ---- Export ----

void MainWindow::exportModelInteractive()
{
    if (!model_)
        return;
    engine::ExportRequest req;
    if (!nextExportPath_.isEmpty()) {
        req.path = nextExportPath_;
        req.type = nextExportType_;
        nextExportPath_.clear();
        nextExportType_.clear();
        req.plan = browser_->plan();
        exportModel(req);
        return;
    }
    // The last folder and precision exported (else the documents folder, the first checked
    // precision or the plan); the file name follows the precision chosen in the dialog.
    QSettings s;
    const QFileInfo src(QString::fromStdString(model_->path));
    const QString base = model_->format == "memory" ? QStringLiteral("demo") : src.completeBaseName();
    QString folder = s.value(QStringLiteral("export/folder")).toString();
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    if (folder.isEmpty() || !QFileInfo(folder).isDir())
        folder = QDir::homePath();
    const bool havePlan = !browser_->plan().empty();
    QString type = s.value(QStringLiteral("export/type"), bar_->checked().value(0, QStringLiteral("Q8_0"))).toString();
    if (havePlan && !s.contains(QStringLiteral("export/type")))
        type.clear();
    auto* d = new ExportDialog(folder, base, havePlan, type,
                               [m = model_, plan = browser_->plan()](const QString& t) { return engine::ggufProblem(*m, t, plan); },
                               this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    // Error feedback calibrates as the accuracy Run does (Analysis > Calibrate on Text File, else
    // the sampled calibration stream), so the file holds the “+ error feedback” rows' weights.
    const CalibrationChoice calibration = calibrationChoice(evaluation_->evaluationStream());
    d->setErrorFeedbackOffer(engine::canEvaluate(*model_),
                             !calibration.textFile.empty()
                                 ? tr("the text file %1").arg(QDir::toNativeSeparators(QString::fromStdString(calibration.textFile)))
                             : !calibration.tokensFile.empty()
                                 ? tr("the token file %1").arg(QDir::toNativeSeparators(QString::fromStdString(calibration.tokensFile)))
                                 : tr("%1 tokens sampled with seed %2").arg(calibration.sample).arg(calibration.seed));
    d->setErrorFeedback(s.value(QStringLiteral("export/errorFeedback"), false).toBool());
    connect(d, &QDialog::accepted, this, [this, d, m = model_, calibration] {
        if (m != model_)
            return;  // another model was opened meanwhile
        engine::ExportRequest req = d->request();
        QSettings s;
        s.setValue(QStringLiteral("export/folder"), QFileInfo(req.path).absolutePath());
        s.setValue(QStringLiteral("export/type"), req.type);
        if (d->errorFeedbackUsable())
            s.setValue(QStringLiteral("export/errorFeedback"), req.errorFeedback);
        req.plan = browser_->plan();
        req.calibration = calibration;
        exportModel(req);
    });
    d->open();
}

void MainWindow::exportModel(const engine::ExportRequest& request)
{
    if (!model_)
        return;
    const QString problem = engine::checkExport(*model_, request);
    if (!problem.isEmpty()) {
        showError(tr("Cannot export"), problem);
        emit exportFinished(false);
        return;
    }
    setStatus([=] { return tr("Exporting %1…").arg(QDir::toNativeSeparators(request.path)); });
    bar_->cancelAction()->setEnabled(true);  // before: a quick outcome is handled inside exportModel()
    runs_->exportModel(model_, request);     // replaces an export going
    updateProgress();
}

// ---- Workers ----

template <typename T> void MainWindow::track(const QFuture<T>& f)
{
    pending_.erase(std::remove_if(pending_.begin(), pending_.end(), [](const QFuture<void>& p) { return p.isFinished(); }),
                   pending_.end());
    pending_.append(QFuture<void>(f));
}

void MainWindow::cancelAll()
{
    cancelIfRunning(openFuture_);
    cancelIfRunning(histFuture_);
    cancelIfRunning(analysisFuture_);
    runs_->cancelRun();
}

void MainWindow::waitAll()
{
    // Every worker was cancelled when replaced, the current ones by cancelAll(): wait only (a
    // replaced worker's chain is no longer held, and cancel() would walk it).
    for (auto& f : pending_) {
        try {
            f.waitForFinished();
        } catch (...) {
            // a worker's error: nobody is waiting for its outcome any more
        }
    }
    pending_.clear();
}

void MainWindow::updateProgress()
{
    // The export, else the Run, else the model being opened, the histogram, the tensor.
    std::optional<RunController::Progress> active = runs_ ? runs_->progress() : std::nullopt;
    for (const QFuture<void>& f : {QFuture<void>(openFuture_), QFuture<void>(histFuture_), QFuture<void>(analysisFuture_)})
        if (!active && f.isRunning() && !f.isCanceled())
            active = RunController::Progress{f.progressMinimum(), f.progressMaximum(), f.progressValue(),
                                             f.progressText()};
    if (!active) {
        progress_->hide();
        return;
    }
    progress_->setRange(active->minimum, active->maximum);
    progress_->setValue(active->value);
    // What is being done, then how far: "Evaluating Q4_0… 62 %".
    const QString stage = active->text;
    progress_->setFormat(stage.isEmpty() ? QStringLiteral("%p %") : stage + QStringLiteral("  %p %"));
    progress_->show();
}

// ---- Export, copy ----

QString MainWindow::savePath(const QString& caption, const QString& filter, const QString& suffix)
{
    if (!nextSavePath_.isEmpty()) {
        QString p;
        std::swap(p, nextSavePath_);
        return p;
    }
    QFileDialog d(this, caption, QString(), filter);
    d.setAcceptMode(QFileDialog::AcceptSave);
    d.setDefaultSuffix(suffix);
    return d.exec() == QDialog::Accepted && !d.selectedFiles().isEmpty() ? d.selectedFiles().first() : QString();
}

bool MainWindow::exportTable(const QString& path)
{
    const bool md = path.endsWith(QLatin1String(".md"), Qt::CaseInsensitive) ||
                    path.endsWith(QLatin1String(".markdown"), Qt::CaseInsensitive);
    const QByteArray text = (md ? table_->toMarkdown() : table_->toCsv()).toUtf8();
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit()) {
        showError(tr("Export failed"), tr("%1: %2").arg(QDir::toNativeSeparators(path), f.errorString()));
        return false;
    }
    setStatus([=] { return tr("Table written to %1").arg(QDir::toNativeSeparators(path)); });
    return true;
}

bool MainWindow::exportPlot(const QString& path)
{
    if (!plots_->exportPlot(path)) {
        showError(tr("Export failed"), tr("%1: cannot write the plot").arg(QDir::toNativeSeparators(path)));
        return false;
    }
    setStatus([=] { return tr("Plot written to %1").arg(QDir::toNativeSeparators(path)); });
    return true;
}

void MainWindow::copyTable()
{
    std::vector<int> rows, cols;
    const QModelIndexList sel = tableView_->selectionModel()->selectedRows();
    for (int r = 0; r < tableProxy_->rowCount(); ++r) {
        const QModelIndex i = tableProxy_->index(r, 0);
        if (sel.isEmpty() || tableView_->selectionModel()->isRowSelected(r, {}))
            rows.push_back(tableProxy_->mapToSource(i).row());
    }
    for (int c = 0; c < TradeoffTableModel::ColumnCount; ++c)
        cols.push_back(c);
    QApplication::clipboard()->setText(table_->toTsv(rows, cols));
    setStatus([=] { return tr("Copied %n row(s)", nullptr, int(rows.size())); });
}

void MainWindow::showError(const QString& title, const QString& text)
{
    lastError_ = text;
    auto* box = new QMessageBox(QMessageBox::Critical, title, text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();  // window-modal, does not block the event loop
}

void MainWindow::applyTheme(bool followSystem)
{
    if (followSystem) {
        QApplication::setPalette(systemPalette_);
    } else {
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

void MainWindow::about()
{
    QMessageBox::about(this, tr("About QuantScope"),
                       tr("<h3>QuantScope %1</h3>"
                          "<p>See what quantization does to a language model's weights.</p>"
                          "<p>Qt %2 (built with %3)<br>QCustomPlot %4<br>Eigen %5</p>"
                          "<p>Built-in model: stories260K by Andrej Karpathy (llama2.c, MIT licence).</p>")
                           .arg(QStringLiteral(QS_VERSION), QString::fromLatin1(qVersion()),
                                QStringLiteral(QT_VERSION_STR), QStringLiteral(QCUSTOMPLOT_VERSION_STR),
                                QStringLiteral(QS_EIGEN_VERSION)));
}

// ---- Window events ----

void MainWindow::closeEvent(QCloseEvent* e)
{
    writeSettings();
    cancelAll();
    runs_->cancelAndWait();
    waitAll();
    e->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* e)
{
    if (e->mimeData()->hasUrls() && !e->mimeData()->urls().isEmpty() && e->mimeData()->urls().first().isLocalFile())
        e->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* e)
{
    const auto urls = e->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile()) {
        e->acceptProposedAction();
        openFile(urls.first().toLocalFile());
    }
}

}  // namespace qs::ui
