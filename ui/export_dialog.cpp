#include "ui/export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace qs::ui {

ExportDialog::ExportDialog(const QString& suggestedPath, bool havePlan, const QString& defaultType, QWidget* parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export Quantized Model"));
    auto* form = new QFormLayout(this);
    type_ = new QComboBox(this);
    if (havePlan)
        type_->addItem(tr("Current plan (model browser)"), QString());
    for (const auto& g : engine::precisionChoices())
        for (const auto& c : g.choices)
            type_->addItem(c.name, c.name);
    const int i = type_->findData(defaultType);
    if (!havePlan && i >= 0)
        type_->setCurrentIndex(i);
    form->addRow(tr("Precision:"), type_);

    auto* targets = new QHBoxLayout;
    gguf_ = new QRadioButton(tr("GGUF (llama.cpp)"), this);
    safetensors_ = new QRadioButton(tr("Fake-quant safetensors"), this);
    gguf_->setToolTip(tr("Real quantized tensors that llama.cpp loads"));
    safetensors_->setToolTip(tr("Dequantized values in the source dtype (how the INT/NF4 family exports)"));
    gguf_->setChecked(!suggestedPath.endsWith(QLatin1String(".safetensors"), Qt::CaseInsensitive));
    safetensors_->setChecked(!gguf_->isChecked());
    targets->addWidget(gguf_);
    targets->addWidget(safetensors_);
    form->addRow(tr("Format:"), targets);

    auto* pathRow = new QHBoxLayout;
    path_ = new QLineEdit(suggestedPath, this);
    path_->setMinimumWidth(420);
    auto* browse = new QPushButton(tr("Browse…"), this);
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("File:"), pathRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(gguf_, &QRadioButton::toggled, this, &ExportDialog::syncSuffix);
    connect(browse, &QPushButton::clicked, this, [this] {
        const bool g = gguf_->isChecked();
        const QString p = QFileDialog::getSaveFileName(this, tr("Export To"), path_->text(),
                                                       g ? tr("GGUF (*.gguf)") : tr("Safetensors (*.safetensors)"));
        if (!p.isEmpty())
            path_->setText(p);
        syncSuffix();
    });
}

void ExportDialog::syncSuffix()
{
    QString p = path_->text();
    const QString want = gguf_->isChecked() ? QStringLiteral("gguf") : QStringLiteral("safetensors");
    const QFileInfo fi(p);
    if (p.isEmpty() || fi.suffix().compare(want, Qt::CaseInsensitive) == 0)
        return;
    if (fi.suffix().compare(QLatin1String("gguf"), Qt::CaseInsensitive) == 0 ||
        fi.suffix().compare(QLatin1String("safetensors"), Qt::CaseInsensitive) == 0)
        p.chop(fi.suffix().size() + 1);
    path_->setText(p + QLatin1Char('.') + want);
}

engine::ExportRequest ExportDialog::request() const
{
    engine::ExportRequest r;
    r.path = path_->text();
    r.type = type_->currentData().toString();
    return r;
}

}  // namespace qs::ui
