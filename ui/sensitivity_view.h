#pragma once
// Analysis ▸ Tensor Sensitivity: for one precision, the KL divergence from the original model
// when only one tensor (or one layer) is quantized, ranked highest first as horizontal bars.
// Computed in a worker (engine::runSensitivity, the same numbers as
// `quantscope-cli compare --eval --sensitivity`); llama-family models only.
#include "ui/eval_engine.h"

#include <QFutureWatcher>
#include <QWidget>

#include <memory>
#include <optional>
#include <string>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSpinBox;
class QToolButton;

namespace qs {
class Model;
}

namespace qs::ui {

class SensitivityView : public QWidget {
    Q_OBJECT
public:
    explicit SensitivityView(QWidget* parent = nullptr);
    ~SensitivityView() override;

    void setModel(std::shared_ptr<const qs::Model> model);

    // The settings of the next computation.
    void setType(const QString& type);
    QString type() const;
    void setByLayer(bool byLayer);
    bool byLayer() const;
    void setSampleTokens(int n);
    int sampleTokens() const;
    void setTokenFile(const QString& path);  // empty: a sampled stream
    QString tokenFile() const;
    // Quantize with an importance matrix calibrated on another sampled stream (as --imatrix).
    void setImportance(bool on);
    bool importance() const;
    // The activation mode of the evaluation (the main window's Analysis > Activations); a change
    // stops a computation and clears a result made with the other mode.
    void setActivations(qs::ActMode mode);
    qs::ActMode activations() const { return activations_; }
    engine::SensitivityRequest request() const;

    void compute();
    void cancel();
    bool isRunning() const;

    // The last result shown (nullopt before the first or after a model change).
    const std::optional<engine::SensitivityOutcome>& result() const { return result_; }
    QCustomPlot* plot() const { return plot_; }
    // The tooltip of the bar at a rank (0: the most sensitive), as hovering shows it.
    QString toolTipForRank(int rank) const;
    // Rank of the bar under a point of the plot widget, or -1.
    int rankAt(const QPoint& pos) const;

signals:
    void finished(bool ok);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslateUi();
    void onFinished();
    void draw();
    void stylePlot();
    void updateState();
    QString label(const std::string& name) const;  // key-axis label of a bar

    std::shared_ptr<const qs::Model> model_;
    std::optional<engine::SensitivityOutcome> result_;
    QFutureWatcher<engine::SensitivityOutcome> watch_;
    std::shared_ptr<const qs::Model> computedFor_;  // the model of the running computation
    qs::ActMode activations_ = qs::ActMode::Llama;

    QLabel* typeLabel_ = nullptr;
    QComboBox* type_ = nullptr;
    QComboBox* grouping_ = nullptr;
    QLabel* tokensLabel_ = nullptr;
    QSpinBox* tokens_ = nullptr;
    QLineEdit* tokenFile_ = nullptr;
    QToolButton* browse_ = nullptr;
    QCheckBox* imatrix_ = nullptr;
    QPushButton* compute_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* note_ = nullptr;
    QScrollArea* scroll_ = nullptr;
    QCustomPlot* plot_ = nullptr;
};

}  // namespace qs::ui
