// The main window's teaching parts: View -> Block inspector (a dock), View -> Language,
// Help -> Quantization primer (also from the trade-off table's header), and retranslateUi() for
// switching the language at run time.
#include "ui/block_inspector.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/primer.h"
#include "ui/tradeoff_table_model.h"

#include "core/model/model.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>
#include <QWhatsThis>

#include <functional>

#include <qcustomplot.h>

namespace qs::ui {

namespace {

// Opens the primer when a link "primer:ID" in any What's This text is clicked (the click is
// sent as QWhatsThisClickedEvent to the widget the text belongs to: the filter is on the application).
class PrimerLinkFilter : public QObject {
public:
    PrimerLinkFilter(QObject* parent, std::function<void(const QString&)> open)
        : QObject(parent), open_(std::move(open))
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* e) override
    {
        if (e->type() == QEvent::WhatsThisClicked) {
            const QString id = Primer::sectionOfLink(static_cast<QWhatsThisClickedEvent*>(e)->href());
            if (!id.isEmpty()) {
                QWhatsThis::hideText();
                open_(id);
                return true;
            }
        }
        return QObject::eventFilter(watched, e);
    }

private:
    std::function<void(const QString&)> open_;
};

}  // namespace

void MainWindow::createTeachingUi()
{
    inspector_ = new BlockInspector(this);
    inspectorDock_ = new QDockWidget(this);
    inspectorDock_->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock_->setWidget(inspector_);
    addDockWidget(Qt::BottomDockWidgetArea, inspectorDock_);
    inspectorDock_->setFloating(true);
    inspectorDock_->resize(1300, 760);
    inspectorDock_->hide();
    // The inspector loads its tensor only while it is shown (a model's largest tensor can be big).
    auto sync = [this] {
        if (!inspectorDock_->isVisible())
            return;
        if (inspectorModel_ != model_) {
            inspectorModel_ = model_;
            inspector_->setModel(model_);
        }
        const int t = browser_->selectedTensor();
        if (model_ && t >= 0 && t < int(model_->tensors.size()))
            inspector_->selectTensor(QString::fromStdString(model_->tensors[size_t(t)].name));
    };
    connect(inspectorDock_, &QDockWidget::visibilityChanged, this, sync);
    connect(this, &MainWindow::modelChanged, this, sync);
    connect(browser_, &ModelBrowser::tensorSelected, this, sync);

    // A click (not a drag) in the weight histogram inspects the block holding the weight nearest
    // to the clicked value, when the inspector is open.
    if (QCustomPlot* hist = plots_->plot(PlotsWidget::HistogramTab)) {
        connect(hist, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { histPress_ = e->position().toPoint(); });
        connect(hist, &QCustomPlot::mouseRelease, this, [this, hist](QMouseEvent* e) {
            if (!inspectorDock_->isVisible() || (e->position().toPoint() - histPress_).manhattanLength() > 3)
                return;
            inspector_->selectWeightValue(hist->xAxis->pixelToCoord(e->position().x()));
        });
    }

    inspectorAct_ = inspectorDock_->toggleViewAction();
    inspectorAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    viewMenu_->addAction(inspectorAct_);
    viewMenu_->addSeparator();
    viewMenu_->addMenu(Language::instance().createMenu(this));

    primerAct_ = new QAction(this);
    primerAct_->setShortcut(QKeySequence::HelpContents);
    connect(primerAct_, &QAction::triggered, this, [this] { showPrimer(); });
    helpMenu_->insertAction(helpMenu_->actions().value(0), primerAct_);

    // What's This (Shift+F1, then click a control): the explanations link into the primer.
    auto* whatsThisAct = new QAction(this);
    whatsThisAct->setObjectName(QStringLiteral("actionWhatsThis"));
    whatsThisAct->setShortcut(QKeySequence::WhatsThis);
    connect(whatsThisAct, &QAction::triggered, this, [] { QWhatsThis::enterWhatsThisMode(); });
    helpMenu_->insertAction(helpMenu_->actions().value(1), whatsThisAct);
    qApp->installEventFilter(new PrimerLinkFilter(this, [this](const QString& id) { showPrimer(id); }));

    // The trade-off table's header: right-click a column to read about it in the primer.
    QHeaderView* h = tableView_->horizontalHeader();
    h->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(h, &QHeaderView::customContextMenuRequested, this, [this, h](const QPoint& pos) {
        const QString section = TradeoffTableModel::primerSection(h->logicalIndexAt(pos));
        QMenu menu(this);
        menu.addAction(tr("Explain in the quantization primer"), this, [this, section] { showPrimer(section); });
        menu.exec(h->viewport()->mapToGlobal(pos));
    });
    retranslateUi();
}

void MainWindow::showPrimer(const QString& section)
{
    if (!primer_) {
        primer_ = new Primer(this);
        primer_->setWindowFlag(Qt::Window);
    }
    if (primerModel_ != model_ || !primerShown_) {
        primer_->setModel(model_, label_);
        primerModel_ = model_;
        primerShown_ = true;
    }
    primer_->show();
    primer_->raise();
    if (!section.isEmpty())
        primer_->showSection(section);
}

void MainWindow::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(e);
}

void MainWindow::retranslateUi()
{
    if (!fileMenu_)
        return;
    setWindowTitle(model_ ? tr("%1 — QuantScope").arg(label_) : tr("QuantScope"));
    fileMenu_->setTitle(tr("&File"));
    recentMenu_->setTitle(tr("Open &Recent"));
    editMenu_->setTitle(tr("&Edit"));
    analysisMenu_->setTitle(tr("&Analysis"));
    viewMenu_->setTitle(tr("&View"));
    helpMenu_->setTitle(tr("&Help"));
    openAct_->setText(tr("&Open…"));
    openAct_->setStatusTip(tr("Open a GGUF file, a .safetensors file or a llama2.c checkpoint"));
    exportModelAct_->setText(tr("&Export Quantized Model…"));
    exportModelAct_->setStatusTip(tr("Write the model at a precision or the current plan as GGUF or fake-quant safetensors"));
    builtinAct_->setText(tr("Open &Built-in Model"));
    builtinAct_->setStatusTip(tr("stories260K: a real 260K-parameter llama trained on TinyStories (MIT), built "
                                 "into QuantScope"));
    demoAct_->setText(tr("Open &Demo Model"));
    demoAct_->setStatusTip(tr("A synthetic llama-shaped model built in memory (12 M parameters) with random-like "
                              "weights: shapes and sizes are real, its perplexity is meaningless"));
    exportTableAct_->setText(tr("Export &Table…"));
    exportPlotAct_->setText(tr("Export &Plot…"));
    quitAct_->setText(tr("&Quit"));
    copyAct_->setText(tr("&Copy Table Rows"));
    logAct_->setText(tr("Log &Scale"));
    themeAct_->setText(tr("&Theme Follows the System"));
    aboutAct_->setText(tr("&About QuantScope"));
    if (aboutQtAct_)
        aboutQtAct_->setText(tr("About &Qt"));
    if (modelDock_)
        modelDock_->setWindowTitle(tr("Model"));
    inspectorDock_->setWindowTitle(tr("Block inspector"));
    inspectorAct_->setText(tr("&Block Inspector"));
    inspectorAct_->setStatusTip(tr("One block of a tensor: its weights, the grid of levels, codes, scales and formula"));
    primerAct_->setText(tr("Quantization &Primer"));
    primerAct_->setStatusTip(tr("What quantization is, with examples computed from the open model"));
    tableView_->horizontalHeader()->setToolTip(tr("Right-click a column to read about it in the quantization primer"));
    retranslateEvaluationUi();
    retranslateSensitivityUi();
    tableView_->setWhatsThis(
        Primer::whatsThis(tr("Right-click a column to read about it in the quantization primer"), QStringLiteral("what")));
    if (auto* w = findChild<QAction*>(QStringLiteral("actionWhatsThis"))) {
        w->setText(tr("What's &This?"));
        w->setStatusTip(tr("Click a control to read what it shows, with a link into the quantization primer"));
    }
    updateTableColumns();
    // Headers and status come from tr() when asked for: have them asked again.
    emit table_->headerDataChanged(Qt::Horizontal, 0, TradeoffTableModel::ColumnCount - 1);
    // The status line says its last message again, in the new language.
    if (statusFn_)
        status_->setText(statusFn_());
    // The model-wide histogram's title is ours: show it again in the new language.
    if (model_ && modelHist_ && browser_->selectedTensor() < 0)
        plots_->showModelHistogram(tr("Weights: whole model (%1)").arg(label_), *modelHist_);
}

}  // namespace qs::ui
