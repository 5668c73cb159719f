#include "ui/size_target_dialog.h"

#include "core/model/model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <cmath>

namespace qs::ui {

SizeTargetDialog::SizeTargetDialog(std::shared_ptr<const Model> model, QWidget* parent)
    : QDialog(parent), model_(std::move(model))
{
    setObjectName(QStringLiteral("sizeTargetDialog"));
    setWindowTitle(tr("Plan for Size"));
    auto* layout = new QVBoxLayout(this);
    // The dialog grows with its texts (the progress bar and status while computing): nothing is clipped.
    layout->setSizeConstraint(QLayout::SetMinimumSize);

    auto* intro = new QLabel(tr("Choose a format for every weight matrix so the model fits the target with the least "
                                "KL divergence from the original: each tensor's KL is measured at every candidate "
                                "format, then the upgrades that buy the most accuracy per byte are taken greedily."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto* form = new QFormLayout;
    auto* targetRow = new QHBoxLayout;
    target_ = new QDoubleSpinBox(this);
    target_->setObjectName(QStringLiteral("sizeTarget"));
    target_->setDecimals(3);
    target_->setRange(0.001, 1e7);
    target_->setValue(4.5);
    unit_ = new QComboBox(this);
    unit_->setObjectName(QStringLiteral("sizeUnit"));
    unit_->addItem(tr("bits per weight"));
    unit_->addItem(tr("MB"));
    targetRow->addWidget(target_, 1);
    targetRow->addWidget(unit_);
    form->addRow(tr("Target size:"), targetRow);
    info_ = new QLabel(this);
    info_->setWordWrap(true);
    form->addRow(QString(), info_);
    auto* streamRow = new QHBoxLayout;
    tokens_ = new QSpinBox(this);
    tokens_->setRange(2, 1 << 20);
    tokens_->setValue(model_ ? engine::defaultSampleTokens(*model_) : kDefaultEvalSample);
    tokens_->setToolTip(tr("Length of the evaluation stream sampled from the model (seed 1)"));
    tokenFile_ = new QLineEdit(this);
    tokenFile_->setClearButtonEnabled(true);
    tokenFile_->setPlaceholderText(tr("or a token file ({\"tokens\": [...]})"));
    streamRow->addWidget(tokens_);
    streamRow->addWidget(tokenFile_, 1);
    form->addRow(tr("Sampled tokens:"), streamRow);
    auto* roundingRow = new QHBoxLayout;
    imatrix_ = new QCheckBox(tr("Importance matrix"), this);
    imatrix_->setObjectName(QStringLiteral("sizeImatrix"));
    errorFeedback_ = new QCheckBox(tr("Error feedback"), this);
    errorFeedback_->setObjectName(QStringLiteral("sizeErrorFeedback"));
    updateRoundingTips();
    roundingRow->addWidget(imatrix_);
    roundingRow->addWidget(errorFeedback_);
    roundingRow->addStretch(1);
    form->addRow(tr("Rounding:"), roundingRow);
    layout->addLayout(form);

    auto* box = new QGroupBox(tr("Candidate formats"), this);
    auto* grid = new QGridLayout(box);
    const QStringList defaults = engine::defaultSizeCandidateNames();
    int k = 0;
    for (const QString& f : engine::sizeCandidateChoices()) {
        auto* c = new QCheckBox(f, box);
        c->setChecked(defaults.contains(f));
        formats_[f] = c;
        connect(c, &QCheckBox::toggled, this, &SizeTargetDialog::updateInfo);
        grid->addWidget(c, k / 5, k % 5);
        ++k;
    }
    layout->addWidget(box);

    progress_ = new QProgressBar(this);
    progress_->setRange(0, 1000);
    progress_->hide();
    layout->addWidget(progress_);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("sizeStatus"));
    status_->setWordWrap(true);
    layout->addWidget(status_);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    computeButton_ = buttons_->addButton(tr("Compute and Apply to Plan"), QDialogButtonBox::AcceptRole);
    computeButton_->setDefault(true);
    layout->addWidget(buttons_);
    connect(computeButton_, &QPushButton::clicked, this, &SizeTargetDialog::start);
    connect(buttons_, &QDialogButtonBox::rejected, this, &SizeTargetDialog::reject);
    connect(&watch_, &QFutureWatcherBase::finished, this, &SizeTargetDialog::onFinished);
    connect(&watch_, &QFutureWatcherBase::progressValueChanged, progress_, &QProgressBar::setValue);
    // The stage in words (the last one, a whole evaluation of the plan, moves no bar).
    connect(&watch_, &QFutureWatcherBase::progressTextChanged, status_, &QLabel::setText);
    connect(target_, &QDoubleSpinBox::valueChanged, this, &SizeTargetDialog::updateInfo);
    connect(unit_, &QComboBox::currentIndexChanged, this, [this] {
        // Keep the same size when switching units.
        if (model_ && model_->nParams() > 0) {
            const double params = double(engine::sizeBounds(*model_, {}).params);
            const QSignalBlocker b(target_);
            target_->setValue(unit_->currentIndex() == 1 ? target_->value() * params / 8.0 / 1e6
                                                         : target_->value() * 1e6 * 8.0 / params);
        }
        updateInfo();
    });
    // A default target the chosen formats can reach: 4.5 bits/weight, or a bit above the smallest plan.
    if (model_) {
        const double smallest = engine::sizeBounds(*model_, candidates()).smallestBitsPerWeight();
        if (smallest > 4.5) {
            const QSignalBlocker b(target_);
            target_->setValue(std::ceil(smallest * 2.0) / 2.0 + 1.0);
        }
    }
    updateInfo();
    if (!model_ || !engine::canEvaluate(*model_)) {
        computeButton_->setEnabled(false);
        status_->setText(tr("Planning for a size needs a llama-family model (its forward pass measures the KL)."));
    }
}

SizeTargetDialog::~SizeTargetDialog()
{
    watch_.cancel();
    watch_.waitForFinished();
}

void SizeTargetDialog::updateInfo()
{
    if (!model_)
        return;
    uint64_t now = 0;
    for (const auto& t : model_->tensors)
        now += t.nbytes;
    const engine::SizeBounds b = engine::sizeBounds(*model_, candidates());
    const double params = double(b.params);
    const double bytes = unit_->currentIndex() == 1 ? target_->value() * 1e6 : target_->value() * params / 8.0;
    const QLocale loc;
    QString text = tr("%1 parameters, now %2 (%3 bits/weight); target about %4")
                       .arg(loc.toString(b.params), engine::bytesText(double(now)),
                            loc.toString(params > 0 ? 8.0 * double(now) / params : 0.0, 'f', 2),
                            engine::bytesText(bytes));
    if (b.params > 0)
        text += QLatin1Char('\n') + tr("Smallest plan with these formats: %1 bits/weight (%2)")
                                        .arg(loc.toString(b.smallestBitsPerWeight(), 'f', 3),
                                             engine::bytesText(double(b.smallestBytes)));
    info_->setText(text);
}

void SizeTargetDialog::setTarget(double value, bool megabytes)
{
    const QSignalBlocker b(unit_);
    unit_->setCurrentIndex(megabytes ? 1 : 0);
    target_->setValue(value);
    updateInfo();
}

void SizeTargetDialog::setCandidates(const QStringList& formats)
{
    for (auto& [name, box] : formats_)
        box->setChecked(formats.contains(name));
}

QStringList SizeTargetDialog::candidates() const
{
    QStringList out;
    for (const QString& f : engine::sizeCandidateChoices())
        if (formats_.at(f)->isChecked())
            out << f;
    return out;
}

void SizeTargetDialog::setSampleTokens(int n) { tokens_->setValue(n); }
void SizeTargetDialog::setRounding(bool imatrix, bool errorFeedback, const qs::EvalStreamOptions& calibration)
{
    imatrix_->setChecked(imatrix);
    errorFeedback_->setChecked(errorFeedback);
    calibration_.calibTokensFile = calibration.calibTokensFile;
    calibration_.calibTextFile = calibration.calibTextFile;
    calibration_.calibSample = calibration.calibSample;
    calibration_.calibSeed = calibration.calibSeed;
    updateRoundingTips();
}

void SizeTargetDialog::updateRoundingTips()
{
    const QString calib =
        !calibration_.calibTextFile.empty()
            ? tr("Calibrated on the text file %1, another stream than the evaluation's.")
                  .arg(QString::fromStdString(calibration_.calibTextFile))
        : !calibration_.calibTokensFile.empty()
            ? tr("Calibrated on the token file %1, another stream than the evaluation's.")
                  .arg(QString::fromStdString(calibration_.calibTokensFile))
            : tr("Calibrated on %1 tokens sampled with seed %2, another stream than the evaluation's.")
                  .arg(QLocale().toString(calibration_.calibSample))
                  .arg(calibration_.calibSeed);
    imatrix_->setToolTip(tr("Each candidate format minimises the importance-weighted error of every tensor.") +
                         QLatin1Char(' ') + calib);
    errorFeedback_->setToolTip(tr("Each candidate format rounds every tensor by error feedback: the rounding error "
                                  "of each column is spread over the columns not yet rounded, so the layer's "
                                  "output changes least. Slower, and its memory grows with the square of each matrix's width: "
                                  "meant for small models.") +
                               QLatin1Char(' ') + calib);
}
void SizeTargetDialog::setTokenFile(const QString& path) { tokenFile_->setText(path); }

engine::SizePlanRequest SizeTargetDialog::request() const
{
    engine::SizePlanRequest r;
    r.target = target_->value();
    r.megabytes = unit_->currentIndex() == 1;
    r.candidates = candidates();
    r.stream.tokensFile = tokenFile_->text().trimmed().toStdString();
    r.stream.sample = tokens_->value();
    r.stream.activations = activations_;
    r.stream.imatrix = imatrix_->isChecked();
    r.stream.errorFeedback = errorFeedback_->isChecked();
    r.stream.calibTokensFile = calibration_.calibTokensFile;
    r.stream.calibTextFile = calibration_.calibTextFile;
    r.stream.calibSample = calibration_.calibSample;
    r.stream.calibSeed = calibration_.calibSeed;
    return r;
}

void SizeTargetDialog::setRunning(bool running)
{
    progress_->setVisible(running);
    computeButton_->setEnabled(!running);
    target_->setEnabled(!running);
    unit_->setEnabled(!running);
    tokens_->setEnabled(!running);
    tokenFile_->setEnabled(!running);
    imatrix_->setEnabled(!running);
    errorFeedback_->setEnabled(!running);
    for (auto& [name, box] : formats_)
        box->setEnabled(!running);
}

void SizeTargetDialog::start()
{
    if (!model_ || watch_.isRunning())
        return;
    engine::SizePlanRequest r = request();
    if (r.candidates.isEmpty()) {
        status_->setText(tr("Choose at least one candidate format."));
        emit computed(false);
        return;
    }
    outcome_.reset();
    progress_->setValue(0);
    status_->setText(tr("Measuring the KL of every tensor at every candidate format…"));
    setRunning(true);
    watch_.setFuture(QtConcurrent::run(&engine::runPlanForSize, model_, r));
}

bool SizeTargetDialog::isRunning() const { return watch_.isRunning(); }
QString SizeTargetDialog::statusText() const { return status_->text(); }

void SizeTargetDialog::reject()
{
    // Cancel stops a running computation first; a second Cancel closes.
    if (watch_.isRunning()) {
        watch_.cancel();
        status_->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}

void SizeTargetDialog::onFinished()
{
    setRunning(false);
    const QFuture<engine::SizePlanOutcome> f = watch_.future();
    if (f.isCanceled() || f.resultCount() == 0) {
        status_->setText(tr("Cancelled; the plan is unchanged."));
        emit computed(false);
        return;
    }
    outcome_ = f.result();
    if (!outcome_->error.isEmpty()) {
        status_->setText(tr("Cannot plan for this size: %1").arg(outcome_->error));
        emit computed(false);
        return;
    }
    const auto& o = *outcome_;
    const QLocale loc;
    status_->setText(tr("%1 (%2 bits/weight; target %3): KL %4, top-1 agreement %5 %")
                         .arg(engine::bytesText(double(o.bytes)), loc.toString(o.bitsPerWeight, 'f', 3),
                              engine::bytesText(double(o.targetBytes)), loc.toString(o.metrics.kldMean, 'g', 4),
                              loc.toString(100.0 * o.metrics.top1Agreement, 'f', 2)));
    emit planReady(o);
    emit computed(true);
    accept();
}

}  // namespace qs::ui
