// The main window's teaching parts (the block inspector, the language menu, the primer and What's
// This: ui/teaching_controller.h) and retranslateUi() for switching the language at run time.
#include "ui/evaluation_controller.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/primer.h"
#include "ui/sensitivity_controller.h"
#include "ui/teaching_controller.h"
#include "ui/tradeoff_table_model.h"

#include "core/model/model.h"

#include <QAction>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QTableView>

namespace qs::ui {

void MainWindow::createTeachingUi()
{
    teaching_ = new TeachingController(this, browser_, plots_, tableView_, viewMenu_, helpMenu_);
    connect(this, &MainWindow::modelChanged, teaching_, [this] { teaching_->setModel(model_, label_); });
    retranslateUi();
}

BlockInspector* MainWindow::blockInspector() const { return teaching_->inspector(); }
QDockWidget* MainWindow::blockInspectorDock() const { return teaching_->inspectorDock(); }
Primer* MainWindow::primer() const { return teaching_->primer(); }
void MainWindow::showPrimer(const QString& section) { teaching_->showPrimer(section); }

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
    if (teaching_)
        teaching_->retranslate();
    if (evaluation_)
        evaluation_->retranslate();
    if (sensitivityTools_)
        sensitivityTools_->retranslate();
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
