#pragma once
// The window's model-accuracy tools, owned by one controller: Analysis -> Tensor Sensitivity (a
// dock with the ranked KL bar chart) and Analysis -> Plan for Size... (also beside the browser's
// preset combo). A finished plan is handed to the window (planReady), which puts it into the
// browser's plan and the trade-off table.
#include "ui/eval_engine.h"

#include <QObject>

#include <memory>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QStatusBar;

namespace qs {
class Model;
}

namespace qs::ui {

class ModelBrowser;
class SensitivityView;
class SizeTargetDialog;

class SensitivityController : public QObject {
    Q_OBJECT
public:
    // Adds the sensitivity dock to `window` (floating, hidden), its toggle and Plan for Size to
    // analysisMenu, Plan for Size beside the browser's preset combo.
    SensitivityController(QMainWindow* window, ModelBrowser* browser, QMenu* analysisMenu, QStatusBar* status);

    void setModel(std::shared_ptr<const qs::Model> model);
    // The evaluation's activation mode (Analysis > Activations), for the ranking and the plans.
    void setActivations(qs::ActMode mode);
    // Opens the Plan for Size dialog on the open model (null without one), its rounding switches
    // preset to these.
    SizeTargetDialog* planForSize(bool imatrix, bool errorFeedback, const qs::EvalStreamOptions& calibration);
    void retranslate();

    SensitivityView* view() const { return view_; }
    QDockWidget* dock() const { return dock_; }
    QAction* planForSizeAction() const { return planForSizeAct_; }

signals:
    // A plan computed for the model still open.
    void planReady(const qs::ui::engine::SizePlanOutcome& outcome);

private:
    QMainWindow* window_ = nullptr;
    std::shared_ptr<const qs::Model> model_;
    qs::ActMode activations_ = qs::ActMode::Llama;
    SensitivityView* view_ = nullptr;
    QDockWidget* dock_ = nullptr;
    QAction* sensitivityAct_ = nullptr;
    QAction* planForSizeAct_ = nullptr;
};

}  // namespace qs::ui
