#pragma once
// Analysis ▸ Plan for Size…: a size target (bits per weight or MB) and the formats to choose from;
// computes a mixed-precision plan in a worker (engine::runPlanForSize, the same plan as
// `quantscope-cli plan-for-size`) and hands it over for the model browser's plan column.
#include "ui/eval_engine.h"

#include <QDialog>
#include <QFutureWatcher>

#include <map>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace qs {
class Model;
}

namespace qs::ui {

class SizeTargetDialog : public QDialog {
    Q_OBJECT
public:
    explicit SizeTargetDialog(std::shared_ptr<const qs::Model> model, QWidget* parent = nullptr);
    ~SizeTargetDialog() override;

    void setTarget(double value, bool megabytes);
    void setCandidates(const QStringList& formats);
    QStringList candidates() const;
    void setSampleTokens(int n);
    void setTokenFile(const QString& path);
    // The activation mode of the evaluation (the main window's Analysis > Activations).
    void setActivations(qs::ActMode mode) { activations_ = mode; }
    // How the candidates round the tensors (as the export will): with an importance matrix, by
    // error feedback; both calibrated on the calibration stream of `calibration` (its calib* fields:
    // the main window's Analysis > Calibration Tokens / Calibrate on Text File), never the evaluation's.
    void setRounding(bool imatrix, bool errorFeedback, const qs::EvalStreamOptions& calibration = {});
    engine::SizePlanRequest request() const;

    // Computes in a worker; on success emits planReady and accepts the dialog.
    void start();
    bool isRunning() const;
    const std::optional<engine::SizePlanOutcome>& outcome() const { return outcome_; }
    QString statusText() const;

    // Cancel: stops a running computation first; a second Cancel closes.
    void reject() override;

signals:
    void planReady(const qs::ui::engine::SizePlanOutcome& outcome);
    void computed(bool ok);

private:
    void onFinished();
    void updateInfo();
    void setRunning(bool running);
    void updateRoundingTips();

    std::shared_ptr<const qs::Model> model_;
    std::optional<engine::SizePlanOutcome> outcome_;
    QFutureWatcher<engine::SizePlanOutcome> watch_;
    QDoubleSpinBox* target_ = nullptr;
    QComboBox* unit_ = nullptr;
    QLabel* info_ = nullptr;
    std::map<QString, QCheckBox*> formats_;
    QSpinBox* tokens_ = nullptr;
    QLineEdit* tokenFile_ = nullptr;
    QCheckBox* imatrix_ = nullptr;
    QCheckBox* errorFeedback_ = nullptr;
    qs::EvalStreamOptions calibration_;  // its calib* fields only
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QDialogButtonBox* buttons_ = nullptr;
    QPushButton* computeButton_ = nullptr;
    qs::ActMode activations_ = qs::ActMode::Llama;
};

}  // namespace qs::ui
