#include "ui/sensitivity_controller.h"

#include "ui/model_browser.h"
#include "ui/sensitivity_view.h"
#include "ui/size_target_dialog.h"

#include "core/model/model.h"

#include <QAction>
#include <QDockWidget>
#include <QLocale>
#include <QMainWindow>
#include <QMenu>
#include <QStatusBar>

namespace qs::ui {

SensitivityController::SensitivityController(QMainWindow* window, ModelBrowser* browser, QMenu* analysisMenu,
                                             QStatusBar* status)
    : QObject(window), window_(window)
{
    view_ = new SensitivityView(window);
    dock_ = new QDockWidget(window);
    dock_->setObjectName(QStringLiteral("sensitivityDock"));
    dock_->setWidget(view_);
    window->addDockWidget(Qt::RightDockWidgetArea, dock_);
    // Floating by default (like the block inspector): a long ranking wants height, and docked
    // beside the plots it would widen the window; it can be docked by dragging.
    dock_->setFloating(true);
    dock_->resize(760, 860);
    dock_->hide();
    view_->setActivations(activations_);
    connect(view_, &SensitivityView::finished, this, [this, status](bool ok) {
        const auto& r = view_->result();
        if (ok && r && !r->rows.empty())
            status->showMessage(tr("Most sensitive at %1: %2 (KL %3)")
                                    .arg(r->request.type, QString::fromStdString(r->rows.front().name),
                                         QLocale().toString(r->rows.front().kldMean, 'g', 4)),
                                8000);
    });

    sensitivityAct_ = dock_->toggleViewAction();
    sensitivityAct_->setObjectName(QStringLiteral("actionSensitivity"));
    sensitivityAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    planForSizeAct_ = new QAction(this);
    planForSizeAct_->setObjectName(QStringLiteral("actionPlanForSize"));
    planForSizeAct_->setEnabled(false);
    analysisMenu->addSeparator();
    analysisMenu->addAction(sensitivityAct_);
    analysisMenu->addAction(planForSizeAct_);
    browser->addPlanAction(planForSizeAct_);
    retranslate();
}

void SensitivityController::setModel(std::shared_ptr<const qs::Model> model)
{
    model_ = std::move(model);
    view_->setModel(model_);
    planForSizeAct_->setEnabled(model_ != nullptr);
}

void SensitivityController::setActivations(qs::ActMode mode)
{
    activations_ = mode;
    view_->setActivations(mode);
}

SizeTargetDialog* SensitivityController::planForSize(bool imatrix, bool errorFeedback,
                                                     const qs::EvalStreamOptions& calibration)
{
    if (!model_)
        return nullptr;
    auto* d = new SizeTargetDialog(model_, window_);
    d->setAttribute(Qt::WA_DeleteOnClose);
    d->setActivations(activations_);
    d->setRounding(imatrix, errorFeedback, calibration);
    connect(d, &SizeTargetDialog::planReady, this, [this, m = model_](const engine::SizePlanOutcome& o) {
        if (m == model_)  // the model did not change while the plan was computed
            emit planReady(o);
    });
    d->open();
    return d;
}

void SensitivityController::retranslate()
{
    dock_->setWindowTitle(tr("Sensitivity"));
    sensitivityAct_->setText(tr("Tensor &Sensitivity"));
    sensitivityAct_->setStatusTip(tr("KL divergence when only one tensor (or layer) is quantized, ranked"));
    planForSizeAct_->setText(tr("Plan for Si&ze…"));
    planForSizeAct_->setToolTip(tr("Mixed precision for a size target: the per-tensor plan with the least KL"));
    planForSizeAct_->setStatusTip(planForSizeAct_->toolTip());
}

}  // namespace qs::ui
