#pragma once
// File ▸ Export Quantized Model…: a precision (format or preset) or the current mixed plan,
// GGUF or fake-quant safetensors, and the output path. The file name follows the precision
// ("<model>-Q4_K_M.gguf", "<model>-plan.gguf") until the user edits it; GGUF is disabled, with the
// reason shown, for precisions it cannot store (the INT/NF4 family).
#include "ui/engine.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace qs::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    // folder: where the file goes; base: the model's name; defaultType: the precision chosen at
    // first (empty: the plan, when there is one). ggufProblem(type) says why GGUF cannot store a
    // precision (empty type: the plan), or returns an empty string.
    ExportDialog(const QString& folder, const QString& base, bool havePlan, const QString& defaultType,
                 std::function<QString(const QString&)> ggufProblem, QWidget* parent = nullptr);
    // path + type (empty type: the current plan).
    engine::ExportRequest request() const;
    void setType(const QString& type);  // a precision, or an empty string for the plan
    QString path() const;
    void setPath(const QString& path);
    bool ggufAllowed() const;
    QString note() const;  // why GGUF is off, or empty
    // The “Error-feedback rounding” box: offered for llama-shaped models (else off, with the
    // reason as its tooltip), usable with GGUF only; `calibration` says what it calibrates on.
    void setErrorFeedbackOffer(bool possible, const QString& calibration);
    void setErrorFeedback(bool on);
    bool errorFeedback() const;  // checked and usable
    bool errorFeedbackUsable() const;

private:
    void typeChanged();
    void syncSuffix();
    QString autoName() const;

    QString base_;
    QString lastAuto_;  // the file name last chosen for the user; replaced while not edited
    std::function<QString(const QString&)> ggufProblem_;
    QComboBox* type_ = nullptr;
    QRadioButton* gguf_ = nullptr;
    QRadioButton* safetensors_ = nullptr;
    QLineEdit* path_ = nullptr;
    QLabel* note_ = nullptr;
    QCheckBox* ef_ = nullptr;
    bool efPossible_ = false;
    QString efCalibration_;
    void updateErrorFeedback();
};

}  // namespace qs::ui
