// The main window's model-accuracy parts: Analysis ▸ Tensor Sensitivity (a dock with the ranked
// KL bar chart) and Analysis ▸ Plan for Size… (also beside the browser's preset combo), whose
// plan replaces the browser's plan so File ▸ Export writes it.
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/sensitivity_view.h"
#include "ui/size_target_dialog.h"

#include "core/model/model.h"

#include <QAction>
#include <QDockWidget>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QStatusBar>

namespace qs::ui {

void MainWindow::createSensitivityUi()
{
    sensitivity_ = new SensitivityView(this);
    sensitivityDock_ = new QDockWidget(this);
    sensitivityDock_->setObjectName(QStringLiteral("sensitivityDock"));
    sensitivityDock_->setWidget(sensitivity_);
    addDockWidget(Qt::RightDockWidgetArea, sensitivityDock_);
    // Floating by default (like the block inspector): a long ranking wants height, and docked
    // beside the plots it would widen the window; it can be docked by dragging.
    sensitivityDock_->setFloating(true);
    sensitivityDock_->resize(760, 860);
    sensitivityDock_->hide();
    sensitivity_->setActivations(activations_);
    connect(this, &MainWindow::modelChanged, this, [this] { sensitivity_->setModel(model_); });
    connect(sensitivity_, &SensitivityView::finished, this, [this](bool ok) {
        const auto& r = sensitivity_->result();
        if (ok && r && !r->rows.empty())
            statusBar()->showMessage(tr("Most sensitive at %1: %2 (KL %3)")
                                         .arg(r->request.type, QString::fromStdString(r->rows.front().name),
                                              QLocale().toString(r->rows.front().kldMean, 'g', 4)),
                                     8000);
    });

    sensitivityAct_ = sensitivityDock_->toggleViewAction();
    sensitivityAct_->setObjectName(QStringLiteral("actionSensitivity"));
    sensitivityAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    planForSizeAct_ = new QAction(this);
    planForSizeAct_->setObjectName(QStringLiteral("actionPlanForSize"));
    planForSizeAct_->setEnabled(false);
    connect(planForSizeAct_, &QAction::triggered, this, [this] { planForSize(); });
    connect(this, &MainWindow::modelChanged, this, [this] { planForSizeAct_->setEnabled(model_ != nullptr); });
    analysisMenu_->addSeparator();
    analysisMenu_->addAction(sensitivityAct_);
    analysisMenu_->addAction(planForSizeAct_);
    browser_->addPlanAction(planForSizeAct_);
    retranslateSensitivityUi();
}

void MainWindow::retranslateSensitivityUi()
{
    if (!sensitivityDock_)
        return;
    sensitivityDock_->setWindowTitle(tr("Sensitivity"));
    sensitivityAct_->setText(tr("Tensor &Sensitivity"));
    sensitivityAct_->setStatusTip(tr("KL divergence when only one tensor (or layer) is quantized, ranked"));
    planForSizeAct_->setText(tr("Plan for Si&ze…"));
    planForSizeAct_->setToolTip(tr("Mixed precision for a size target: the per-tensor plan with the least KL"));
    planForSizeAct_->setStatusTip(planForSizeAct_->toolTip());
}

SizeTargetDialog* MainWindow::planForSize()
{
    if (!model_)
        return nullptr;
    auto* d = new SizeTargetDialog(model_, this);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setActivations(activations_);
    d->setRounding(imatrixAct_->isChecked(), efAct_->isChecked());
    connect(d, &SizeTargetDialog::planReady, this, [this, m = model_](const engine::SizePlanOutcome& o) {
        if (m == model_)  // the model did not change while the plan was computed
            applySizePlan(o);
    });
    d->open();
    return d;
}

void MainWindow::applySizePlan(const engine::SizePlanOutcome& o)
{
    if (!model_)
        return;
    browser_->setPlan(o.plan);
    // The plan also becomes a row (and a point on the mean-KL trade-off) beside the presets.
    PrecisionRow row;
    row.precision = o.errorFeedback ? tr("Plan %1 bpw + error feedback").arg(QLocale().toString(o.bitsPerWeight, 'f', 1))
                    : o.imatrix     ? tr("Plan %1 bpw + imatrix").arg(QLocale().toString(o.bitsPerWeight, 'f', 1))
                                    : tr("Plan %1 bpw").arg(QLocale().toString(o.bitsPerWeight, 'f', 1));
    row.plan = true;
    row.imatrix = o.imatrix;
    row.errorFeedback = o.errorFeedback;
    row.bitsPerWeight = o.bitsPerWeight;
    row.bytes = double(o.bytes);
    row.tensors = int(o.plan.tensors.size());
    row.weightMeasured = false;
    row.evaluated = true;
    row.kldMean = o.metrics.kldMean;
    row.kldP99 = o.metrics.kldP99;
    row.top1 = o.metrics.top1Agreement;
    row.ppl = o.metrics.ppl;
    row.pplReference = o.metrics.pplReference;
    row.evalPositions = o.metrics.positions;
    row.demo = model_->format == "memory";
    planRows_.push_back(row);
    showResults();
    plots_->setTradeoffError(PlotsWidget::ErrorKl);
    const QLocale loc;
    setStatus([=, this] { return tr("Plan for size: %1 tensors planned, %2 (%3 bits/weight), KL %4")
                         .arg(loc.toString(qlonglong(o.plan.tensors.size())), engine::bytesText(double(o.bytes)),
                              loc.toString(o.bitsPerWeight, 'f', 3), loc.toString(o.metrics.kldMean, 'g', 4)); });
}

}  // namespace qs::ui
