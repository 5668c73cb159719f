#pragma once
// File ▸ Export Quantized Model…: a precision (format or preset) or the current mixed plan,
// GGUF or fake-quant safetensors, and the output path.
#include "ui/engine.h"

#include <QDialog>

class QComboBox;
class QLineEdit;
class QRadioButton;

namespace qs::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
public:
    ExportDialog(const QString& suggestedPath, bool havePlan, const QString& defaultType, QWidget* parent = nullptr);
    // path + type (empty type: the current plan).
    engine::ExportRequest request() const;

private:
    void syncSuffix();
    QComboBox* type_ = nullptr;
    QRadioButton* gguf_ = nullptr;
    QRadioButton* safetensors_ = nullptr;
    QLineEdit* path_ = nullptr;
};

}  // namespace qs::ui
