#include "ui/sensitivity_view.h"

#include "ui/plot_style.h"

#include "core/model/model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMouseEvent>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtConcurrent>

#include <qcustomplot.h>

namespace qs::ui {

namespace {
constexpr int kRowHeight = 15;  // pixels per bar
}

SensitivityView::SensitivityView(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("sensitivityView"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto* row = new QHBoxLayout;
    typeLabel_ = new QLabel(this);
    type_ = new QComboBox(this);
    type_->setObjectName(QStringLiteral("sensitivityType"));
    for (const auto& g : engine::precisionChoices())
        for (const auto& c : g.choices)
            type_->addItem(c.name, c.name);
    type_->setCurrentIndex(std::max(0, type_->findData(QStringLiteral("Q4_0"))));
    type_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    type_->setMinimumContentsLength(8);
    grouping_ = new QComboBox(this);
    grouping_->setObjectName(QStringLiteral("sensitivityGrouping"));
    grouping_->addItem(QString());
    grouping_->addItem(QString());
    tokensLabel_ = new QLabel(this);
    tokens_ = new QSpinBox(this);
    tokens_->setObjectName(QStringLiteral("sensitivityTokens"));
    tokens_->setRange(2, 1 << 20);
    tokens_->setValue(kDefaultEvalSample);
    tokenFile_ = new QLineEdit(this);
    tokenFile_->setObjectName(QStringLiteral("sensitivityTokenFile"));
    tokenFile_->setClearButtonEnabled(true);
    browse_ = new QToolButton(this);
    browse_->setText(QStringLiteral("…"));
    imatrix_ = new QCheckBox(this);
    imatrix_->setObjectName(QStringLiteral("sensitivityImatrix"));
    compute_ = new QPushButton(this);
    compute_->setObjectName(QStringLiteral("sensitivityCompute"));
    cancel_ = new QPushButton(this);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(160);
    progress_->hide();
    // Two rows, so the dock stays narrow: what to measure and the buttons; then the stream.
    row->addWidget(typeLabel_);
    row->addWidget(type_);
    row->addWidget(grouping_);
    row->addStretch(1);
    row->addWidget(progress_);
    row->addWidget(compute_);
    row->addWidget(cancel_);
    layout->addLayout(row);
    auto* streamRow = new QHBoxLayout;
    streamRow->addWidget(tokensLabel_);
    streamRow->addWidget(tokens_);
    streamRow->addWidget(tokenFile_, 1);
    streamRow->addWidget(browse_);
    streamRow->addWidget(imatrix_);
    layout->addLayout(streamRow);

    note_ = new QLabel(this);
    note_->setObjectName(QStringLiteral("sensitivityNote"));
    note_->setWordWrap(true);
    layout->addWidget(note_);

    plot_ = new QCustomPlot;
    plot_->setObjectName(QStringLiteral("sensitivityPlot"));
    plot_->setMouseTracking(true);
    scroll_ = new QScrollArea(this);
    scroll_->setWidgetResizable(true);
    scroll_->setWidget(plot_);
    layout->addWidget(scroll_, 1);

    connect(compute_, &QPushButton::clicked, this, &SensitivityView::compute);
    connect(cancel_, &QPushButton::clicked, this, &SensitivityView::cancel);
    connect(tokenFile_, &QLineEdit::textChanged, this, [this] { updateState(); });
    connect(browse_, &QToolButton::clicked, this, [this] {
        const QString p = QFileDialog::getOpenFileName(this, tr("Evaluation Tokens"), tokenFile_->text(),
                                                       tr("Token files (*.json);;All files (*)"));
        if (!p.isEmpty())
            tokenFile_->setText(p);
    });
    connect(&watch_, &QFutureWatcherBase::finished, this, &SensitivityView::onFinished);
    connect(&watch_, &QFutureWatcherBase::progressValueChanged, progress_, &QProgressBar::setValue);
    connect(&watch_, &QFutureWatcherBase::progressRangeChanged, progress_, &QProgressBar::setRange);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        const int r = rankAt(e->position().toPoint());
        if (r >= 0)
            QToolTip::showText(e->globalPosition().toPoint(), toolTipForRank(r), plot_);
        else
            QToolTip::hideText();
    });

    retranslateUi();
    stylePlot();
    updateState();
    draw();
}

SensitivityView::~SensitivityView()
{
    watch_.cancel();
    watch_.waitForFinished();
}

void SensitivityView::retranslateUi()
{
    typeLabel_->setText(tr("Precision:"));
    type_->setToolTip(tr("The format (or preset) each tensor is quantized with, one at a time"));
    grouping_->setItemText(0, tr("By tensor"));
    grouping_->setItemText(1, tr("By layer"));
    grouping_->setToolTip(tr("Quantize one tensor at a time, or all matrices of one layer at a time"));
    tokensLabel_->setText(tr("Sampled tokens:"));
    tokens_->setToolTip(tr("Length of the evaluation stream sampled from the model (seed 1); "
                           "longer is more precise and slower"));
    tokenFile_->setPlaceholderText(tr("or a token file ({\"tokens\": [...]})"));
    browse_->setToolTip(tr("Choose a token file"));
    imatrix_->setText(tr("Importance matrix"));
    imatrix_->setToolTip(tr("Quantize with an importance matrix calibrated on %1 other tokens sampled with seed %2 "
                            "(as --imatrix)")
                             .arg(kDefaultCalibSample)
                             .arg(kDefaultCalibSeed));
    compute_->setText(tr("Compute"));
    cancel_->setText(tr("Cancel"));
    updateState();
    draw();
}

void SensitivityView::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslateUi();
    else if (e->type() == QEvent::PaletteChange) {
        stylePlot();
        draw();
    }
    QWidget::changeEvent(e);
}

void SensitivityView::setModel(std::shared_ptr<const Model> model)
{
    cancel();
    model_ = std::move(model);
    result_.reset();
    if (model_)
        tokens_->setValue(engine::defaultSampleTokens(*model_));
    updateState();
    draw();
}

void SensitivityView::setType(const QString& type)
{
    const int i = type_->findData(type);
    if (i >= 0)
        type_->setCurrentIndex(i);
}
QString SensitivityView::type() const { return type_->currentData().toString(); }
void SensitivityView::setByLayer(bool byLayer) { grouping_->setCurrentIndex(byLayer ? 1 : 0); }
bool SensitivityView::byLayer() const { return grouping_->currentIndex() == 1; }
void SensitivityView::setImportance(bool on) { imatrix_->setChecked(on); }
bool SensitivityView::importance() const { return imatrix_->isChecked(); }
void SensitivityView::setSampleTokens(int n) { tokens_->setValue(n); }
int SensitivityView::sampleTokens() const { return tokens_->value(); }
void SensitivityView::setTokenFile(const QString& path) { tokenFile_->setText(path); }
QString SensitivityView::tokenFile() const { return tokenFile_->text().trimmed(); }

engine::SensitivityRequest SensitivityView::request() const
{
    engine::SensitivityRequest r;
    r.type = type();
    r.byLayer = byLayer();
    r.stream.tokensFile = tokenFile().toStdString();
    r.stream.sample = sampleTokens();
    r.stream.imatrix = importance();
    r.stream.activations = activations_;
    return r;
}

void SensitivityView::setActivations(ActMode mode)
{
    if (mode == activations_)
        return;
    activations_ = mode;
    cancel();
    result_.reset();
    updateState();
    draw();
}

void SensitivityView::compute()
{
    if (!model_ || !engine::canEvaluate(*model_))
        return;
    cancel();
    watch_.waitForFinished();
    progress_->setRange(0, 1000);
    progress_->setValue(0);
    engine::SensitivityRequest r = request();
    computedFor_ = model_;
    watch_.setFuture(QtConcurrent::run(&engine::runSensitivity, model_, r));
    updateState();
}

void SensitivityView::cancel()
{
    if (!watch_.isRunning())
        return;
    watch_.cancel();
}

bool SensitivityView::isRunning() const { return watch_.isRunning(); }

void SensitivityView::onFinished()
{
    const QFuture<engine::SensitivityOutcome> f = watch_.future();
    updateState();
    if (f.isCanceled() || f.resultCount() == 0 || computedFor_ != model_) {
        emit finished(false);  // cancelled, or computed for a model no longer shown
        return;
    }
    engine::SensitivityOutcome o = f.result();
    const bool ok = o.error.isEmpty();
    result_ = std::move(o);
    updateState();
    draw();
    emit finished(ok);
}

void SensitivityView::updateState()
{
    const bool running = watch_.isRunning();
    const bool llama = model_ && engine::canEvaluate(*model_);
    compute_->setEnabled(llama && !running);
    cancel_->setEnabled(running);
    progress_->setVisible(running);
    for (QWidget* w : std::initializer_list<QWidget*>{type_, grouping_, tokens_, tokenFile_, browse_, imatrix_})
        w->setEnabled(llama && !running);
    tokens_->setEnabled(llama && !running && tokenFile().isEmpty());
    QString note;
    if (!model_)
        note = tr("Open a model to measure how sensitive its tensors are to quantization.");
    else if (!llama)
        note = tr("Sensitivity needs a llama-family model: this model's forward pass cannot run here.");
    else if (running)
        note = tr("Evaluating: the model runs once per tensor (or layer) over the stream…");
    else {
        const QString stream = tokenFile().isEmpty()
                                   ? tr("%n token(s) sampled from the model (seed 1)", nullptr, sampleTokens())
                                   : tr("the tokens of %1").arg(QFileInfo(tokenFile()).fileName());
        note = tr("KL divergence of the next-token distribution when only that tensor (or layer) is quantized, over %1. "
                  "The same numbers as quantscope-cli compare --eval --sensitivity.")
                   .arg(stream);
        if (model_->nParams() > 2'000'000 && tokenFile().isEmpty())
            note += QLatin1Char(' ') + tr("This model is large for the forward pass: the stream is kept short so the "
                                          "ranking finishes in reasonable time; lengthen it for steadier numbers.");
    }
    note_->setText(note);
}

void SensitivityView::stylePlot()
{
    styleAxes(plot_, palette());
}

void SensitivityView::draw()
{
    plot_->clearPlottables();
    plot_->clearItems();
    const auto* rows = result_ && result_->error.isEmpty() ? &result_->rows : nullptr;
    QString placeholder;
    if (!model_)
        placeholder = tr("No model");
    else if (!engine::canEvaluate(*model_))
        placeholder = tr("Not a llama-family model");
    else if (result_ && !result_->error.isEmpty())
        placeholder = tr("Could not compute the sensitivity: %1").arg(result_->error);
    else if (!rows)
        placeholder = tr("Press Compute to rank the tensors");
    else if (rows->empty())
        placeholder = tr("%1 stores none of this model's tensors").arg(result_->request.type);
    if (!placeholder.isEmpty()) {
        plot_->setMinimumHeight(0);
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        plot_->xAxis->setLabel(QString());
        plot_->yAxis->setLabel(QString());
        auto* text = new QCPItemText(plot_);
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.5, 0.5);
        text->setText(placeholder);
        text->setColor(palette().color(QPalette::WindowText));
        plot_->replot();
        return;
    }
    const int n = int(rows->size());
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys, values;
    double maxKl = 0;
    for (int i = 0; i < n; ++i) {
        const Sensitivity& s = (*rows)[size_t(i)];
        ticker->addTick(i + 1, label(s.name));
        keys << i + 1;
        values << s.kldMean;
        maxKl = std::max(maxKl, s.kldMean);
    }
    auto* bars = new QCPBars(plot_->yAxis, plot_->xAxis);
    bars->setName(result_->request.type);
    bars->setWidth(0.7);
    QColor c(0x2f, 0x7e, 0xd8);
    bars->setPen(QPen(c.darker(130)));
    c.setAlpha(200);
    bars->setBrush(c);
    bars->setData(keys, values, true);
    plot_->yAxis->setTicker(ticker);
    plot_->yAxis->setRangeReversed(true);
    plot_->yAxis->setRange(0.3, n + 0.7);
    plot_->yAxis->grid()->setVisible(false);
    plot_->yAxis->setLabel(result_->request.byLayer ? tr("Layer") : tr("Tensor"));
    plot_->xAxis->setRange(0, maxKl > 0 ? maxKl * 1.08 : 1.0);
    plot_->xAxis->setLabel((result_->request.byLayer ? tr("Mean KL divergence with only this layer at %1 (nats)")
                                                     : tr("Mean KL divergence with only this tensor at %1 (nats)"))
                               .arg(result_->request.type));
    plot_->setMinimumHeight(n * kRowHeight + 70);
    plot_->replot();
}

QString SensitivityView::label(const std::string& name) const
{
    // A tensor the plan stores in another format than the chosen one says which.
    const QString n = QString::fromStdString(name);
    auto it = result_->formats.find(name);
    if (it == result_->formats.end() || QString::fromStdString(it->second) == result_->request.type)
        return n;
    return QStringLiteral("%1 (%2)").arg(n, QString::fromStdString(it->second));
}

int SensitivityView::rankAt(const QPoint& pos) const
{
    if (!result_ || !result_->error.isEmpty() || result_->rows.empty())
        return -1;
    if (!plot_->axisRect()->rect().contains(pos))
        return -1;
    const int r = int(std::lround(plot_->yAxis->pixelToCoord(pos.y()))) - 1;
    return r >= 0 && r < int(result_->rows.size()) ? r : -1;
}

QString SensitivityView::toolTipForRank(int rank) const
{
    if (!result_ || rank < 0 || rank >= int(result_->rows.size()))
        return {};
    const Sensitivity& s = result_->rows[size_t(rank)];
    const QLocale loc;
    auto it = result_->formats.find(s.name);
    const QString format = it != result_->formats.end() ? QString::fromStdString(it->second) : result_->request.type;
    return tr("<b>%1</b> at %2<br>KL divergence: %3 nats<br>Top-1 agreement: %4 %<br>Bytes saved: %5 (rank %6 of %7)")
        .arg(QString::fromStdString(s.name).toHtmlEscaped(), format)
        .arg(loc.toString(s.kldMean, 'g', 4))
        .arg(loc.toString(100.0 * s.top1Agreement, 'f', 2))
        .arg(engine::bytesText(double(s.bytesSaved)))
        .arg(rank + 1)
        .arg(result_->rows.size());
}

}  // namespace qs::ui
