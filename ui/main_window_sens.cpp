// The main window's model-accuracy tools (the sensitivity dock and Plan for Size…:
// ui/sensitivity_controller.h) and what a finished plan does here: it replaces the browser's plan,
// so File ▸ Export writes it, and becomes a row of the trade-off table.
#include "ui/main_window.h"
#include "ui/evaluation_controller.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/sensitivity_controller.h"

#include "core/model/model.h"

#include <QAction>
#include <QLocale>
#include <QStatusBar>

namespace qs::ui {

void MainWindow::createSensitivityUi()
{
    sensitivityTools_ = new SensitivityController(this, browser_, analysisMenu_, statusBar());
    sensitivityTools_->setActivations(evaluation_->activationMode());
    connect(evaluation_, &EvaluationController::activationModeChanged, sensitivityTools_,
            &SensitivityController::setActivations);
    connect(this, &MainWindow::modelChanged, sensitivityTools_, [this] { sensitivityTools_->setModel(model_); });
    connect(sensitivityTools_, &SensitivityController::planReady, this, &MainWindow::applySizePlan);
}

SensitivityView* MainWindow::sensitivityView() const { return sensitivityTools_->view(); }
QDockWidget* MainWindow::sensitivityDock() const { return sensitivityTools_->dock(); }

SizeTargetDialog* MainWindow::planForSize()
{
    return sensitivityTools_->planForSize(evaluation_->imatrixAction()->isChecked(),
                                         evaluation_->errorFeedbackAction()->isChecked(),
                                         evaluation_->evaluationStream());
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
    setStatus([=] { return tr("Plan for size: %1 tensors planned, %2 (%3 bits/weight), KL %4")
                         .arg(loc.toString(qlonglong(o.plan.tensors.size())), engine::bytesText(double(o.bytes)),
                              loc.toString(o.bitsPerWeight, 'f', 3), loc.toString(o.metrics.kldMean, 'g', 4)); });
}

}  // namespace qs::ui
