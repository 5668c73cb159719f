#include "ui/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>

namespace qs::ui {

ExportDialog::ExportDialog(const QString& folder, const QString& base, bool havePlan, const QString& defaultType,
                           std::function<QString(const QString&)> ggufProblem, QWidget* parent)
    : QDialog(parent), base_(base), ggufProblem_(std::move(ggufProblem))
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Quantized Model"));
    auto* form = new QFormLayout(this);
    form->setSizeConstraint(QLayout::SetMinimumSize);
    type_ = new QComboBox(this);
    type_->setObjectName(QStringLiteral("exportType"));
    if (havePlan)
        type_->addItem(tr("Current plan (model browser)"), QString());
    for (const auto& g : engine::precisionChoices())
        for (const auto& c : g.choices)
            type_->addItem(c.name, c.name);
    form->addRow(tr("Precision:"), type_);

    auto* targets = new QHBoxLayout;
    gguf_ = new QRadioButton(tr("GGUF (llama.cpp)"), this);
    safetensors_ = new QRadioButton(tr("Fake-quant safetensors"), this);
    gguf_->setToolTip(tr("Real quantized tensors that llama.cpp loads"));
    safetensors_->setToolTip(tr("Dequantized values in the source dtype (how the INT/NF4 family exports)"));
    gguf_->setChecked(true);
    targets->addWidget(gguf_);
    targets->addWidget(safetensors_);
    form->addRow(tr("Format:"), targets);
    note_ = new QLabel(this);
    note_->setObjectName(QStringLiteral("exportNote"));
    note_->setWordWrap(true);
    note_->hide();
    form->addRow(QString(), note_);

    ef_ = new QCheckBox(tr("Error-feedback rounding"), this);
    ef_->setObjectName(QStringLiteral("exportErrorFeedback"));
    form->addRow(QString(), ef_);
    updateErrorFeedback();

    auto* pathRow = new QHBoxLayout;
    path_ = new QLineEdit(this);
    path_->setObjectName(QStringLiteral("exportPath"));
    path_->setMinimumWidth(460);
    auto* browse = new QPushButton(tr("Browse…"), this);
    pathRow->addWidget(path_, 1);
    pathRow->addWidget(browse);
    form->addRow(tr("File:"), pathRow);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    form->addRow(buttons);

    const int i = type_->findData(defaultType);
    type_->setCurrentIndex(i >= 0 ? i : 0);
    lastAuto_ = autoName();
    path_->setText(QDir(folder).filePath(lastAuto_));
    typeChanged();

    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(type_, &QComboBox::currentIndexChanged, this, &ExportDialog::typeChanged);
    connect(gguf_, &QRadioButton::toggled, this, &ExportDialog::syncSuffix);
    connect(gguf_, &QRadioButton::toggled, this, &ExportDialog::updateErrorFeedback);
    connect(browse, &QPushButton::clicked, this, [this] {
        const bool g = gguf_->isChecked();
        const QString p = QFileDialog::getSaveFileName(this, tr("Export To"), path_->text(),
                                                       g ? tr("GGUF (*.gguf)") : tr("Safetensors (*.safetensors)"));
        if (!p.isEmpty())
            path_->setText(p);
        syncSuffix();
    });
}

QString ExportDialog::autoName() const
{
    const QString type = type_->currentData().toString();
    return base_ + QLatin1Char('-') + (type.isEmpty() ? QStringLiteral("plan") : type) +
           (gguf_->isChecked() ? QStringLiteral(".gguf") : QStringLiteral(".safetensors"));
}

void ExportDialog::typeChanged()
{
    const QString problem = ggufProblem_ ? ggufProblem_(type_->currentData().toString()) : QString();
    {
        const QSignalBlocker b(gguf_);
        if (!problem.isEmpty())
            safetensors_->setChecked(true);
        else if (!gguf_->isEnabled())
            gguf_->setChecked(true);  // GGUF again where it can be
        gguf_->setEnabled(problem.isEmpty());
    }
    if (ef_)
        updateErrorFeedback();  // (gguf_'s signal was blocked)
    note_->setText(problem);
    note_->setVisible(!problem.isEmpty());
    // The file name follows the precision while it is the one we chose.
    const QFileInfo fi(path_->text());
    if (fi.fileName() == lastAuto_ || path_->text().isEmpty()) {
        lastAuto_ = autoName();
        path_->setText(QDir(fi.path()).filePath(lastAuto_));
    }
    syncSuffix();
}

void ExportDialog::syncSuffix()
{
    QString p = path_->text();
    const QString want = gguf_->isChecked() ? QStringLiteral("gguf") : QStringLiteral("safetensors");
    const QFileInfo fi(p);
    if (p.isEmpty() || fi.suffix().compare(want, Qt::CaseInsensitive) == 0)
        return;
    const bool auto_ = fi.fileName() == lastAuto_;
    if (fi.suffix().compare(QLatin1String("gguf"), Qt::CaseInsensitive) == 0 ||
        fi.suffix().compare(QLatin1String("safetensors"), Qt::CaseInsensitive) == 0)
        p.chop(fi.suffix().size() + 1);
    path_->setText(p + QLatin1Char('.') + want);
    if (auto_)
        lastAuto_ = QFileInfo(path_->text()).fileName();
}

void ExportDialog::setType(const QString& type)
{
    const int i = type_->findData(type);
    if (i >= 0)
        type_->setCurrentIndex(i);
}

QString ExportDialog::path() const { return path_->text(); }
void ExportDialog::setPath(const QString& path) { path_->setText(path); }
bool ExportDialog::ggufAllowed() const { return gguf_->isEnabled(); }
QString ExportDialog::note() const { return note_->isVisible() || !note_->text().isEmpty() ? note_->text() : QString(); }

void ExportDialog::setErrorFeedbackOffer(bool possible, const QString& calibration)
{
    efPossible_ = possible;
    efCalibration_ = calibration;
    updateErrorFeedback();
}

void ExportDialog::setErrorFeedback(bool on) { ef_->setChecked(on); }
bool ExportDialog::errorFeedbackUsable() const { return ef_->isEnabled(); }
bool ExportDialog::errorFeedback() const { return ef_->isEnabled() && ef_->isChecked(); }

void ExportDialog::updateErrorFeedback()
{
    ef_->setEnabled(efPossible_);
    ef_->setToolTip(!efPossible_ ? tr("Needs a llama-shaped model: error feedback runs the model on its calibration stream")
                    : !gguf_->isChecked()
                        ? tr("Round each weight matrix so that its output on the calibration stream (%1) changes least "
                             "(GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as "
                             "quantscope-cli quantize --error-feedback writes them), stored as their values (fake-quant). "
                             "Takes several times as long as a plain export.")
                              .arg(efCalibration_)
                        : tr("Round each weight matrix so that its output on the calibration stream (%1) changes least "
                             "(GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as "
                             "quantscope-cli quantize --error-feedback writes them). The bytes are ordinary "
                             "llama.cpp blocks. Takes several times as long as a plain export.")
                              .arg(efCalibration_));
}

engine::ExportRequest ExportDialog::request() const
{
    engine::ExportRequest r;
    r.path = path_->text();
    r.type = type_->currentData().toString();
    r.errorFeedback = errorFeedback();
    return r;
}

}  // namespace qs::ui
