#include "ui/block_inspector.h"

#include "core/eval/llama_forward.h"
#include "core/model/architecture.h"
#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/model/model.h"
#include "ui/language.h"
#include "ui/worker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFuture>
#include <QPromise>
#include <QThreadPool>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cstring>
#include <cmath>

namespace qs::ui {

namespace {

constexpr int kHeatMaxRows = 256;  // the heat map shows at most this many rows

QString num(double v, int prec = 4) { return QLocale().toString(v, 'g', prec); }

// Core writes its formulas with C-locale numbers ("d = 0.0169"): show them in the language's
// number format like every other number here (a decimal comma in German).
QString localNumbers(const std::string& formula)
{
    QString s = QString::fromStdString(formula);
    const QString point = QLocale().decimalPoint();
    if (point == QLatin1String("."))
        return s;
    static const QRegularExpression number(QStringLiteral("(\\d)\\.(\\d)"));
    return s.replace(number, QStringLiteral("\\1") + point + QStringLiteral("\\2"));
}
QString formulaHtml(const std::string& formula) { return localNumbers(formula).toHtmlEscaped(); }

const QColor kOriginal(0x1f, 0x77, 0xb4);
const QColor kRecon(0xd6, 0x27, 0x28);
const QColor kLevel(110, 110, 110, 170);

// Integer ticks about `count` apart at most.
QSharedPointer<QCPAxisTickerFixed> integerTicker(double span, int count)
{
    auto t = QSharedPointer<QCPAxisTickerFixed>::create();
    double step = 1;
    while (span / step > count)
        step *= 2;
    t->setTickStep(step);
    t->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    return t;
}

}  // namespace

BlockInspector::BlockInspector(QWidget* parent) : QWidget(parent)
{
    pool_ = new QThreadPool(this);
    auto* top = new QHBoxLayout;
    tensorLabel_ = new QLabel(this);
    tensorBox_ = new QComboBox(this);
    tensorBox_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    precisionLabel_ = new QLabel(this);
    precisionBox_ = new QComboBox(this);
    for (const Format* f : allFormats())
        if (inspectSupported(*f))
            precisionBox_->addItem(QString::fromStdString(f->name()));
    precisionBox_->setCurrentText(QStringLiteral("Q4_0"));
    rowLabel_ = new QLabel(this);
    rowBox_ = new QSpinBox(this);
    blockLabel_ = new QLabel(this);
    blockBox_ = new QSpinBox(this);
    outlierButton_ = new QPushButton(this);
    outlierButton_->setCheckable(true);
    efBox_ = new QCheckBox(this);
    efBox_->setObjectName(QStringLiteral("inspectorErrorFeedback"));
    efBox_->setEnabled(false);
    tensorLabel_->setBuddy(tensorBox_);
    precisionLabel_->setBuddy(precisionBox_);
    rowLabel_->setBuddy(rowBox_);
    blockLabel_->setBuddy(blockBox_);
    for (QWidget* w : std::initializer_list<QWidget*>{tensorLabel_, tensorBox_, precisionLabel_, precisionBox_, rowLabel_,
                                                      rowBox_, blockLabel_, blockBox_, outlierButton_, efBox_})
        top->addWidget(w);
    top->addStretch(1);

    // Heat map of the per-block RMSE (rows x blocks).
    heat_ = new QCustomPlot(this);
    heat_->setMinimumWidth(220);
    heatMap_ = new QCPColorMap(heat_->xAxis, heat_->yAxis);
    auto* scale = new QCPColorScale(heat_);
    heat_->plotLayout()->addElement(0, 1, scale);
    scale->setType(QCPAxis::atRight);
    heatMap_->setColorScale(scale);
    heatMap_->setGradient(QCPColorGradient::gpThermal);
    heatMap_->setInterpolate(false);
    heat_->yAxis->setRangeReversed(true);
    auto* marginGroup = new QCPMarginGroup(heat_);
    heat_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, marginGroup);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, marginGroup);
    connect(heat_, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        if (!insp_)
            return;
        const double bx = heat_->xAxis->pixelToCoord(e->position().x());
        const double ry = heat_->yAxis->pixelToCoord(e->position().y());
        const int64_t b = int64_t(std::floor(bx + 0.5)), r = int64_t(std::floor(ry + 0.5));
        if (r >= 0 && r < heatRows_ && b >= 0 && b <= blockBox_->maximum())
            selectBlock(r, b);
    });

    stem_ = new QCustomPlot(this);
    stem_->setMinimumSize(380, 260);
    // The legend goes below the plot: inside it would cover the block's weights.
    stem_->legend->setVisible(false);
    stem_->legend->setFont(font());
    stem_->axisRect()->insetLayout()->take(stem_->legend);
    stem_->plotLayout()->addElement(1, 0, stem_->legend);
    stem_->plotLayout()->setRowStretchFactor(1, 0.001);
    stem_->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    stem_->legend->setWrap(2);
    stem_->legend->setMargins(QMargins(4, 2, 4, 2));
    connect(stem_, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        if (!insp_)
            return;
        const int j = int(std::lround(stem_->xAxis->pixelToCoord(e->position().x())));
        if (j >= 0 && j < insp_->length)
            selectWeight(j);
    });

    errPlot_ = new QCustomPlot(this);
    errPlot_->setMinimumHeight(120);
    errPlot_->setMaximumHeight(170);

    info_ = new QLabel(this);
    info_->setWordWrap(true);
    info_->setTextFormat(Qt::RichText);
    info_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    info_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    info_->setMinimumWidth(300);

    table_ = new QTableWidget(this);
    table_->setColumnCount(5);
    table_->verticalHeader()->setVisible(false);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(table_, &QTableWidget::currentCellChanged, this, [this](int r) {
        if (!updating_ && r >= 0)
            selectWeight(r);
    });

    auto* plots = new QWidget(this);
    auto* pl = new QVBoxLayout(plots);
    pl->setContentsMargins(0, 0, 0, 0);
    pl->addWidget(stem_, 3);
    pl->addWidget(errPlot_, 1);

    auto* side = new QWidget(this);
    auto* sl = new QVBoxLayout(side);
    sl->setContentsMargins(0, 0, 0, 0);
    sl->addWidget(info_);
    sl->addWidget(table_, 1);

    auto* heatBox = new QWidget(this);
    auto* hl = new QVBoxLayout(heatBox);
    hl->setContentsMargins(0, 0, 0, 0);
    heatTitle_ = new QLabel(this);
    heatTitle_->setWordWrap(true);
    hl->addWidget(heatTitle_);
    hl->addWidget(heat_, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(heatBox);
    split->addWidget(plots);
    split->addWidget(side);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 2);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    connect(tensorBox_, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (!updating_)
            loadTensor(i);
    });
    connect(precisionBox_, &QComboBox::currentTextChanged, this, [this] {
        if (updating_)
            return;
        updateHeatMap();
        inspect();
    });
    connect(rowBox_, &QSpinBox::valueChanged, this, [this] {
        if (!updating_)
            inspect();
    });
    connect(blockBox_, &QSpinBox::valueChanged, this, [this] {
        if (!updating_) {
            outlierIndex_ = -1;
            outlierButton_->setChecked(false);
            inspect();
        }
    });
    connect(outlierButton_, &QPushButton::toggled, this, [this](bool on) {
        if (!updating_)
            setOutlier(on);
    });
    connect(efBox_, &QCheckBox::toggled, this, [this] {
        if (!updating_)
            inspect();
    });

    retranslateUi();
}

BlockInspector::~BlockInspector()
{
    // The workers' continuations name this inspector: none may still be deciding where to go
    // when it is gone. Their work cannot be cancelled; it is short next to the rest of closing.
    pool_->waitForDone();
}

void BlockInspector::retranslateUi()
{
    tensorLabel_->setText(tr("&Tensor:"));
    precisionLabel_->setText(tr("&Precision:"));
    rowLabel_->setText(tr("&Row:"));
    blockLabel_->setText(tr("&Block:"));
    efBox_->setText(tr("&Error feedback"));
    updateErrorFeedbackSwitch();
    outlierButton_->setText(tr("Add an &outlier (×10)"));
    outlierButton_->setToolTip(tr("Multiplies the selected weight by 10: one large weight stretches its block's "
                                  "scale, and every other weight of the block loses resolution."));
    precisionBox_->setToolTip(tr("The format the block is stored in. Switch it to watch the grid coarsen "
                                 "under the same weights."));
    for (int i = 0; i < precisionBox_->count(); ++i)
        precisionBox_->setItemData(i, Language::formatDescription(precisionBox_->itemText(i)), Qt::ToolTipRole);
    // Tick labels in the language's number format (a decimal comma in German).
    QLocale plotLocale;
    plotLocale.setNumberOptions(QLocale::OmitGroupSeparator);
    for (QCustomPlot* p : {heat_, stem_, errPlot_})
        p->setLocale(plotLocale);
    updateHeatTitle();
    heat_->xAxis->setLabel(tr("block"));
    heat_->yAxis->setLabel(tr("row"));
    stem_->xAxis->setLabel(tr("weight in block"));
    stem_->yAxis->setLabel(tr("value"));
    errPlot_->xAxis->setLabel(tr("weight in block"));
    errPlot_->yAxis->setLabel(tr("error"));
    table_->setHorizontalHeaderLabels({tr("#"), tr("weight"), tr("code"), tr("level x̂"), tr("error")});
    if (insp_) {
        draw();
        fillTable();
        updateInfo();
    } else {
        info_->setText(tr("Open a model to inspect its blocks."));
    }
    heat_->replot();
}

void BlockInspector::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(e);
}

void BlockInspector::setCalibration(std::shared_ptr<const qs::ActivationStats> calibration)
{
    calibration_ = std::move(calibration);
    updateErrorFeedbackSwitch();
    if (insp_)
        inspect();
}

bool BlockInspector::errorFeedbackAvailable() const
{
    const Format* f = format();
    if (!calibration_ || !f || weights_.empty() || f->inspectsWholeTensor() || !errorFeedbackSupported(*f))
        return false;
    const auto mom = calibration_->moments(model_ ? ggufName(*model_, name_.toStdString()) : name_.toStdString());
    return mom && mom->n == cols_;
}

bool BlockInspector::errorFeedback() const { return efBox_->isChecked() && errorFeedbackAvailable(); }

void BlockInspector::setErrorFeedback(bool on) { efBox_->setChecked(on); }

void BlockInspector::updateErrorFeedbackSwitch()
{
    const bool available = errorFeedbackAvailable();
    efBox_->setEnabled(available);
    efBox_->setToolTip(available
                           ? tr("Show the codes error-feedback rounding stores for this row (GPTQ-style, with the input "
                                "moments of the last Run's calibration stream) instead of the format's own rounding.")
                           : tr("Run with Analysis ▸ Use Error-Feedback Rounding and Evaluate Model Accuracy first: error "
                                "feedback needs the input moments of a calibration stream (block formats only)."));
}

void BlockInspector::setModel(std::shared_ptr<const qs::Model> model)
{
    ++loadGeneration_;  // a load still running was for the previous model
    loading_ = false;
    dropErrorFeedback();
    model_ = std::move(model);
    updating_ = true;
    tensorBox_->clear();
    tensorIndex_.clear();
    int best = -1;
    int64_t bestN = 0;
    if (model_) {
        for (size_t i = 0; i < model_->tensors.size(); ++i) {
            const TensorInfo& t = model_->tensors[i];
            if (t.shape.size() < 2 || t.cols() < 32)
                continue;
            tensorIndex_.push_back(int(i));
            tensorBox_->addItem(QString::fromStdString(t.name));
            if (t.numel() > bestN) {
                bestN = t.numel();
                best = tensorBox_->count() - 1;
            }
        }
    }
    updating_ = false;
    if (best >= 0) {
        tensorBox_->setCurrentIndex(best);
        loadTensor(best);
    } else {
        weights_.clear();
        rows_ = cols_ = 0;
        insp_.reset();
        retranslateUi();
    }
}

void BlockInspector::setWeights(const QString& name, std::vector<float> weights, int64_t rows, int64_t cols)
{
    ++loadGeneration_;
    loading_ = false;
    dropErrorFeedback();
    model_.reset();
    updating_ = true;
    tensorBox_->clear();
    tensorIndex_.clear();
    tensorBox_->addItem(name);
    updating_ = false;
    name_ = name;
    weights_ = std::move(weights);
    rows_ = rows;
    cols_ = cols;
    updating_ = true;
    rowBox_->setValue(0);
    blockBox_->setValue(0);
    updating_ = false;
    updateHeatMap();
    inspect();
}

bool BlockInspector::selectTensor(const QString& name)
{
    const int i = tensorBox_->findText(name);
    if (i < 0)
        return false;
    tensorBox_->setCurrentIndex(i);
    if (name_ != name)
        loadTensor(i);
    return true;
}

void BlockInspector::loadTensor(int index)
{
    if (!model_ || index < 0 || index >= int(tensorIndex_.size()))
        return;
    const int tensor = tensorIndex_[size_t(index)];
    const TensorInfo& t = model_->tensors[size_t(tensor)];
    name_ = QString::fromStdString(t.name);
    const int generation = ++loadGeneration_;
    dropErrorFeedback();
    if (t.numel() <= kForegroundValues) {
        std::vector<float> w;
        try {
            w = model_->toFloat(t);
        } catch (const std::exception& e) {
            failLoad(QString::fromUtf8(e.what()));
            return;
        }
        loading_ = false;
        applyTensor(tensor, std::move(w));
        return;
    }
    // Tens of millions of weights take a while to decode: on a worker, the window stays live.
    // Errors travel in the future; a result for a superseded choice is dropped.
    loading_ = true;
    weights_.clear();
    rows_ = cols_ = 0;
    updateHeatMap();
    showNothing(tr("Reading %1…").arg(name_));
    // The continuation is attached before the work starts, so it always comes back through the
    // event loop (never inside this call, which would happen with QtConcurrent::run when the
    // worker wins the race): the inspector is "loading" until then.
    // The weights come back behind a shared_ptr: read with result() (see worker.h), not copied.
    using Weights = std::shared_ptr<std::vector<float>>;
    Worker<Weights> worker;
    worker.future().then(this, [this, generation, tensor](QFuture<Weights> f) {
            if (generation != loadGeneration_)
                return;
            try {
                std::vector<float> w = std::move(*f.result());
                loading_ = false;
                applyTensor(tensor, std::move(w));
            } catch (const std::exception& e) {
                failLoad(QString::fromUtf8(e.what()));
            }
        });
    worker.start([model = model_, tensor](QPromise<Weights>& p) {
        p.addResult(std::make_shared<std::vector<float>>(model->toFloat(model->tensors[size_t(tensor)])));
    },
                 pool_);
}

void BlockInspector::failLoad(const QString& error)
{
    loading_ = false;
    weights_.clear();
    rows_ = cols_ = 0;
    updateHeatMap();
    showNothing(error);
    emit tensorLoaded();
}

void BlockInspector::applyTensor(int tensor, std::vector<float> weights)
{
    const TensorInfo& t = model_->tensors[size_t(tensor)];
    weights_ = std::move(weights);
    rows_ = t.rows();
    cols_ = t.cols();
    updating_ = true;
    rowBox_->setValue(0);
    blockBox_->setValue(0);
    updating_ = false;
    outlierIndex_ = -1;
    outlierButton_->setChecked(false);
    updateHeatMap();
    inspect();
    emit tensorLoaded();
}

const qs::Format* BlockInspector::format() const { return findFormat(precisionBox_->currentText().toStdString()); }

bool BlockInspector::setPrecision(const QString& name)
{
    const int i = precisionBox_->findText(name, Qt::MatchFixedString);
    if (i < 0)
        return false;
    precisionBox_->setCurrentIndex(i);
    return true;
}

void BlockInspector::selectBlock(int64_t row, int64_t block)
{
    updating_ = true;
    rowBox_->setValue(int(row));
    blockBox_->setValue(int(block));
    updating_ = false;
    outlierIndex_ = -1;
    outlierButton_->setChecked(false);
    inspect();
}

void BlockInspector::selectWeightValue(double value)
{
    const Format* f = format();
    if (!f || weights_.empty())
        return;
    const int len = inspectBlockLength(*f, cols_);
    if (len == 0)
        return;
    size_t best = 0;
    for (size_t i = 1; i < weights_.size(); ++i)
        if (std::fabs(weights_[i] - value) < std::fabs(weights_[best] - value))
            best = i;
    const int64_t r = int64_t(best) / cols_, c = int64_t(best) % cols_;
    selectBlock(r, c / len);
    selectWeight(int(c % len));
}

void BlockInspector::selectWeight(int index)
{
    if (!insp_ || index < 0 || index >= insp_->length)
        return;
    selected_ = index;
    draw();
    updating_ = true;
    table_->selectRow(index);
    updating_ = false;
    updateInfo();
}

void BlockInspector::setOutlier(bool on)
{
    updating_ = true;
    outlierButton_->setChecked(on);
    updating_ = false;
    outlierIndex_ = on && insp_ ? selected_ : -1;
    inspect();
}

QString BlockInspector::tensorName() const { return name_; }
QString BlockInspector::precision() const { return precisionBox_->currentText(); }
int64_t BlockInspector::row() const { return rowBox_->value(); }
int64_t BlockInspector::block() const { return blockBox_->value(); }
bool BlockInspector::outlier() const { return outlierIndex_ >= 0; }
QString BlockInspector::infoText() const { return info_->text(); }

void BlockInspector::updateHeatTitle()
{
    heatTitle_->setText(heatComputing_                ? tr("RMSE per block: computing…")
                        : heatExact_ && heatRows_ > 0 ? tr("RMSE per block: every block shown is stored exactly (error 0)")
                                                      : tr("RMSE per block (click a block)"));
}

bool BlockInspector::heatMapExact() const { return heatExact_ && heatRows_ > 0; }
QCPRange BlockInspector::heatMapDataRange() const { return heatMap_->dataRange(); }

void BlockInspector::updateHeatMap()
{
    const Format* f = format();
    const int generation = ++heatGeneration_;  // a heat map still computing is superseded
    heatComputing_ = false;
    heatRows_ = 0;
    if (!f || weights_.empty() || inspectBlockLength(*f, cols_) == 0) {
        heatMap_->data()->clear();
        heatExact_ = false;
        updateHeatTitle();
        heat_->replot();
        return;
    }
    const int len = inspectBlockLength(*f, cols_);
    const int rows = int(std::min<int64_t>(rows_, kHeatMaxRows));
    if (int64_t(rows) * cols_ <= kHeatForegroundValues) {
        applyHeatMap(blockRmse(*f, weights_.data(), rows, cols_, len), rows, cols_ / len);
        return;
    }
    // The shown rows of a wide tensor take a while to round: on a worker, the window stays live.
    // As loadTensor: the continuation is attached before the work starts (it never runs inside
    // this call); a result for a superseded choice is dropped. Meanwhile the map is empty and its
    // title says it is being computed.
    heatComputing_ = true;
    heatMap_->data()->clear();
    heatExact_ = false;
    updateHeatTitle();
    heat_->clearItems();
    heat_->replot();
    Worker<std::vector<double>> worker;
    worker.future().then(this, [this, generation, rows, nb = cols_ / len](QFuture<std::vector<double>> done) {
        if (generation != heatGeneration_)
            return;
        heatComputing_ = false;
        try {
            applyHeatMap(done.result(), rows, nb);  // result(), not takeResult(): see worker.h
        } catch (const std::exception& e) {
            heatMap_->data()->clear();
            updateHeatTitle();
            heatTitle_->setText(QString::fromUtf8(e.what()));
            heat_->replot();
        }
    });
    worker.start(
        [format = f, len, rows, cols = cols_,
         shown = std::vector<float>(weights_.begin(), weights_.begin() + int64_t(rows) * cols_)](
            QPromise<std::vector<double>>& p) { p.addResult(blockRmse(*format, shown.data(), rows, cols, len)); },
        pool_);
}

std::vector<double> BlockInspector::blockRmse(const qs::Format& f, const float* w, int rows, int64_t cols, int len)
{
    const int64_t nb = cols / len;
    const auto deq = f.roundTrip(w, rows, cols);
    std::vector<double> cells(size_t(rows * nb));
    for (int r = 0; r < rows; ++r)
        for (int64_t b = 0; b < nb; ++b) {
            double s = 0;
            for (int j = 0; j < len; ++j) {
                const size_t i = size_t(r * cols + b * len + j);
                const double e = double(deq[i]) - double(w[i]);
                s += e * e;
            }
            cells[size_t(r * nb + b)] = std::sqrt(s / len);
        }
    return cells;
}

void BlockInspector::applyHeatMap(const std::vector<double>& cells, int rows, int64_t nb)
{
    heatRows_ = rows;
    heatMap_->data()->setSize(int(nb), heatRows_);
    heatMap_->data()->setRange(QCPRange(0, double(nb - 1)), QCPRange(0, double(heatRows_ - 1)));
    for (int r = 0; r < heatRows_; ++r)
        for (int64_t b = 0; b < nb; ++b)
            heatMap_->data()->setCell(int(b), r, cells[size_t(r * nb + b)]);
    // The colour scale from the data, but never a degenerate one: QCustomPlot widens an empty range
    // to an arbitrary 0-6 or so, which for blocks stored exactly (a Q4_0 model shown at Q4_0) would
    // read as large errors. All zero: a 0-1 scale with every cell at its bottom colour, and the title
    // says the blocks are exact; all equal: 0 to that value.
    const QCPRange bounds = heatMap_->data()->dataBounds();
    heatExact_ = bounds.upper <= 0;
    heatMap_->setDataRange(heatExact_ ? QCPRange(0, 1)
                           : bounds.upper > bounds.lower ? bounds
                                                         : QCPRange(0, bounds.upper));
    updateHeatTitle();
    heat_->rescaleAxes();
    heat_->xAxis->setTicker(integerTicker(double(nb), 3));
    heat_->xAxis->setRange(-0.5, double(nb) - 0.5);
    heat_->yAxis->setRange(-0.5, double(heatRows_) - 0.5);
    markBlock();
}

void BlockInspector::markBlock()
{
    heat_->clearItems();
    const int64_t r = rowBox_->value(), b = blockBox_->value();
    if (insp_ && heatRows_ > 0 && r < heatRows_) {
        auto* rect = new QCPItemRect(heat_);
        rect->topLeft->setCoords(double(b) - 0.5, double(r) - 0.5);
        rect->bottomRight->setCoords(double(b) + 0.5, double(r) + 0.5);
        rect->setPen(QPen(QColor(0, 200, 255), 2));
    }
    heat_->replot();
}

void BlockInspector::inspect()
{
    const Format* f = format();
    if (!f || weights_.empty() || inspectBlockLength(*f, cols_) == 0) {
        QString why = tr("Open a model to inspect its blocks.");
        if (!weights_.empty()) {
            why = tr("%1 cannot store rows of %2 weights.").arg(precision(), QLocale().toString(qlonglong(cols_)));
            if (f && f->blockSize() > 1)
                why += QLatin1Char(' ') + tr("Its blocks hold %n weight(s), and %1 is not a multiple of that.", nullptr,
                                             int(f->blockSize()))
                                              .arg(QLocale().toString(qlonglong(cols_)));
        }
        dropErrorFeedback();
        showNothing(why);
        return;
    }
    const int64_t nb = inspectBlocksPerRow(*f, cols_);
    updating_ = true;
    rowBox_->setRange(0, int(rows_ - 1));
    blockBox_->setRange(0, int(nb - 1));
    updating_ = false;
    const int64_t r = rowBox_->value(), b = blockBox_->value();
    const int len = inspectBlockLength(*f, cols_);
    updateErrorFeedbackSwitch();
    // With the switch on: the row as error feedback rounds it with the calibration's moments.
    RowQuantizer ef;
    QString efKey;
    if (errorFeedback()) {
        // Error feedback rounds the whole row at once (a Cholesky factor of the row's width): on a
        // worker, once per row, format, outlier and calibration, not again for every block clicked.
        const bool outlier = outlierIndex_ >= 0 && outlierIndex_ < len;
        efKey = QStringLiteral("%1|%2|%3|%4|%5|%6")
                    .arg(precision(), name_)
                    .arg(loadGeneration_)
                    .arg(r)
                    .arg(outlier ? b * len + outlierIndex_ : -1)
                    .arg(quintptr(calibration_.get()));
        if (efRowKey_ != efKey) {
            if (efPendingKey_ != efKey) {
                std::vector<float> row(weights_.begin() + r * cols_, weights_.begin() + (r + 1) * cols_);
                if (outlier)
                    row[size_t(b * len + outlierIndex_)] *= 10.0f;
                startErrorFeedback(efKey, *f, std::move(row));
            }
            showNothing(tr("Computing the error-feedback rounding of row %1…").arg(QLocale().toString(qlonglong(r))));
            return;
        }
        if (!efRowError_.isEmpty()) {
            dropErrorFeedback();
            showNothing(efRowError_);
            return;
        }
        ef = [this](const float*, int64_t, void* dst) { std::memcpy(dst, efRow_.data(), efRow_.size()); };
    }
    if (efPendingKey_ != efKey)
        dropErrorFeedback();  // the row being rounded is no longer wanted
    try {
        if (outlierIndex_ >= 0 && outlierIndex_ < len) {
            // Only this one row changes: copy it (or the whole tensor for per-tensor scales) —
            // not a tensor of tens of millions of weights on every click.
            if (f->inspectsWholeTensor()) {
                std::vector<float> w = weights_;
                w[size_t(r * cols_ + b * len + outlierIndex_)] *= 10.0f;
                insp_ = inspectBlock(*f, w.data(), rows_, cols_, r, b);
            } else {
                std::vector<float> w(weights_.begin() + r * cols_, weights_.begin() + (r + 1) * cols_);
                w[size_t(b * len + outlierIndex_)] *= 10.0f;
                insp_ = inspectBlock(*f, w.data(), 1, cols_, 0, b, nullptr, ef);
                insp_->row = r;
            }
        } else {
            insp_ = inspectBlock(*f, weights_.data(), rows_, cols_, r, b, nullptr, ef);
        }
    } catch (const qs::Error& e) {
        showNothing(QString::fromUtf8(e.what()));
        return;
    }
    if (selected_ >= insp_->length || outlierIndex_ < 0) {
        // the largest weight: its formula is the most telling
        int jm = 0;
        for (int j = 1; j < insp_->length; ++j)
            if (std::fabs(insp_->original[size_t(j)]) > std::fabs(insp_->original[size_t(jm)]))
                jm = j;
        if (selected_ >= insp_->length || outlierIndex_ < 0)
            selected_ = outlierIndex_ >= 0 ? outlierIndex_ : jm;
    }
    draw();
    fillTable();
    updateInfo();
    markBlock();  // on the heat map
    emit inspected();
}

void BlockInspector::startErrorFeedback(const QString& key, const qs::Format& f, std::vector<float> row)
{
    const int generation = ++efGeneration_;
    efPendingKey_ = key;
    const auto mom = calibration_->moments(model_ ? ggufName(*model_, name_.toStdString()) : name_.toStdString());
    // As loadTensor: the continuation is attached before the work starts, so the bytes always come
    // back through the event loop, never inside inspect(). Errors travel in the future; a result
    // for a superseded row is dropped.
    Worker<std::vector<unsigned char>> worker;
    worker.future().then(this, [this, generation, key](QFuture<std::vector<unsigned char>> done) {
        if (generation != efGeneration_ || key != efPendingKey_)
            return;
        efPendingKey_.clear();
        efRowKey_ = key;
        try {
            efRow_ = done.result();  // one row's bytes; result(), not takeResult(): see worker.h
            efRowError_.clear();
        } catch (const std::exception& e) {
            efRow_.clear();
            efRowError_ = QString::fromUtf8(e.what());
        }
        inspect();
    });
    worker.start(
        [format = &f, mom, row = std::move(row)](QPromise<std::vector<unsigned char>>& p) {
            const int64_t n = int64_t(row.size());
            std::vector<unsigned char> bytes(size_t(format->storageBytes(1, n)));
            errorFeedbackQuantize(*format, row.data(), 1, n, mom->xtx, bytes.data());
            p.addResult(std::move(bytes));
        },
        pool_);
}

void BlockInspector::dropErrorFeedback()
{
    if (efPendingKey_.isEmpty())
        return;
    ++efGeneration_;
    efPendingKey_.clear();
}

void BlockInspector::showNothing(const QString& why)
{
    // Nothing of the previous block may stay: codes, errors and the plot belong to another format.
    insp_.reset();
    stem_->clearPlottables();
    stem_->clearItems();
    stem_->legend->setVisible(false);
    auto* t = new QCPItemText(stem_);
    t->position->setType(QCPItemPosition::ptAxisRectRatio);
    t->position->setCoords(0.5, 0.5);
    t->setText(why);
    t->setColor(palette().color(QPalette::WindowText));
    stem_->replot();
    errPlot_->clearPlottables();
    errPlot_->replot();
    updating_ = true;
    table_->setRowCount(0);
    updating_ = false;
    heat_->clearItems();
    heat_->replot();
    info_->setText(why.toHtmlEscaped());
    emit inspected();
}

void BlockInspector::draw()
{
    stem_->clearPlottables();
    stem_->clearItems();
    errPlot_->clearPlottables();
    if (!insp_)
        return;
    const auto& in = *insp_;
    const int n = in.length;
    QVector<double> xs(n), orig(n), rec(n), err(n);
    double lo = 0, hi = 0;
    for (int j = 0; j < n; ++j) {
        xs[j] = j;
        orig[j] = in.original[size_t(j)];
        rec[j] = in.reconstructed[size_t(j)];
        err[j] = in.error[size_t(j)];
        lo = std::min({lo, orig[j], rec[j]});
        hi = std::max({hi, orig[j], rec[j]});
    }
    const double pad = std::max(1e-6, (hi - lo) * 0.08);
    lo -= pad;
    hi += pad;

    // Grid levels: horizontal lines (only those in view; a dense grid is shaded instead).
    int shownLevels = 0;
    for (float l : in.levels)
        shownLevels += (l >= lo && l <= hi) ? 1 : 0;
    QCPGraph* levelLegend = nullptr;
    for (int c = in.codeMin; c <= in.codeMax; ++c) {
        const float l = in.levels[size_t(c - in.codeMin)];
        if (l < lo || l > hi)
            continue;
        if (shownLevels <= 16) {  // few levels: name each by its code
            auto* t = new QCPItemText(stem_);
            t->position->setType(QCPItemPosition::ptPlotCoords);
            t->position->setCoords(-0.5, double(l));
            t->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
            t->setText(QStringLiteral("q=%1").arg(QLocale().toString(c)));
            t->setColor(QColor(90, 90, 90));
            t->setClipToAxisRect(true);
        }
        auto* g = stem_->addGraph();
        g->setData(QVector<double>{-0.5, double(n) - 0.5}, QVector<double>{double(l), double(l)});
        g->setPen(QPen(kLevel, shownLevels > 80 ? 0.5 : 1.0));
        if (!levelLegend) {
            levelLegend = g;
            g->setName(tr("grid levels (%1 in view of %2)").arg(shownLevels).arg(in.levels.size()));
        } else {
            g->removeFromLegend();
        }
    }
    auto* zero = stem_->addGraph();
    zero->setData(QVector<double>{-0.5, double(n) - 0.5}, QVector<double>{0, 0});
    zero->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
    zero->removeFromLegend();

    auto* go = stem_->addGraph();
    go->setName(tr("original weight"));
    go->setData(xs, orig);
    go->setLineStyle(QCPGraph::lsImpulse);
    go->setPen(QPen(kOriginal, 1.5));
    go->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kOriginal, Qt::white, 6));

    auto* gr = stem_->addGraph();
    gr->setName(tr("reconstruction (the level it rounds to)"));
    gr->setData(xs, rec);
    gr->setLineStyle(QCPGraph::lsNone);
    gr->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, kRecon, kRecon, 7));

    // Rounding: a short arrow from each weight to its level.
    for (int j = 0; j < n; ++j) {
        if (std::fabs(rec[j] - orig[j]) < (hi - lo) * 0.01)
            continue;
        auto* a = new QCPItemLine(stem_);
        a->start->setCoords(j, orig[j]);
        a->end->setCoords(j, rec[j]);
        a->setPen(QPen(kRecon, 1));
        a->setHead(QCPLineEnding(QCPLineEnding::esSpikeArrow, 6, 6));
    }
    // The selected weight.
    if (selected_ >= 0 && selected_ < n) {
        auto* mark = new QCPItemEllipse(stem_);
        const double rx = 0.45, ry = (hi - lo) * 0.025;
        mark->topLeft->setCoords(selected_ - rx, orig[selected_] + ry);
        mark->bottomRight->setCoords(selected_ + rx, orig[selected_] - ry);
        mark->setPen(QPen(QColor(255, 160, 0), 2));
    }
    if (outlierIndex_ >= 0 && outlierIndex_ < n) {
        auto* t = new QCPItemText(stem_);
        t->position->setCoords(outlierIndex_, orig[outlierIndex_]);
        t->setPositionAlignment(orig[outlierIndex_] >= 0 ? (Qt::AlignBottom | Qt::AlignHCenter)
                                                         : (Qt::AlignTop | Qt::AlignHCenter));
        t->setText(tr("outlier ×10"));
        t->setColor(QColor(200, 100, 0));
    }
    stem_->legend->setVisible(true);
    stem_->xAxis->setTicker(integerTicker(n, 16));
    stem_->xAxis->setRange(-0.5, double(n) - 0.5);
    stem_->yAxis->setRange(lo, hi);
    stem_->replot();

    auto* bars = new QCPBars(errPlot_->xAxis, errPlot_->yAxis);
    bars->setData(xs, err);
    bars->setWidth(0.7);
    bars->setPen(Qt::NoPen);
    bars->setBrush(kRecon);
    errPlot_->xAxis->setTicker(integerTicker(n, 16));
    errPlot_->xAxis->setRange(-0.5, double(n) - 0.5);
    double m = 0;
    for (double e : err)
        m = std::max(m, std::fabs(e));
    if (!(m > 0))  // an exact block: half a grid step (the largest rounding error), not QCustomPlot's ±3 for an empty range
        m = insp_->scale != 0 ? 0.5 * std::fabs(double(insp_->scale)) : 1.0;
    errPlot_->yAxis->setRange(-m * 1.1, m * 1.1);
    errPlot_->replot();
}

void BlockInspector::fillTable()
{
    if (!insp_)
        return;
    updating_ = true;
    const auto& in = *insp_;
    table_->setRowCount(in.length);
    for (int j = 0; j < in.length; ++j) {
        const QString cells[5] = {QLocale().toString(int(in.col0) + j), num(in.original[size_t(j)], 5),
                                  QLocale().toString(in.codes[size_t(j)]), num(in.reconstructed[size_t(j)], 5),
                                  num(in.error[size_t(j)], 3)};
        for (int c = 0; c < 5; ++c) {
            auto* it = table_->item(j, c);
            if (!it) {
                it = new QTableWidgetItem;
                it->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                table_->setItem(j, c, it);
            }
            it->setText(cells[c]);
        }
    }
    table_->selectRow(selected_);
    updating_ = false;
}

void BlockInspector::updateInfo()
{
    if (!insp_)
        return;
    const auto& in = *insp_;
    const Format* f = format();
    double s2 = 0, emax = 0;
    for (float e : in.error) {
        s2 += double(e) * e;
        emax = std::max(emax, double(std::fabs(e)));
    }
    QString t;
    t += QStringLiteral("<b>%1</b> — %2<br>").arg(precision().toHtmlEscaped(), Language::formatDescription(*f).toHtmlEscaped());
    const QLocale loc;
    t += tr("Block %1 of row %2: weights %3–%4.")
             .arg(loc.toString(qlonglong(in.block)), loc.toString(qlonglong(in.row)), loc.toString(qlonglong(in.col0)),
                  loc.toString(qlonglong(in.col0 + in.length - 1))) +
         QStringLiteral("<br>");
    if (errorFeedback())
        t += QStringLiteral("<i>") +
             tr("Codes by error-feedback rounding: each weight's rounding error is passed on to the row's later "
                "weights through the calibration's input moments, so a weight may not sit on its nearest level; "
                "the layer's output moves less.") +
             QStringLiteral("</i><br>");
    t += tr("Reconstruction: %1").arg(QStringLiteral("<code>%1</code>").arg(formulaHtml(in.formulaGeneral))) + QStringLiteral("<br>");
    t += tr("Stored scale: %1").arg(QStringLiteral("<code>%1</code>").arg(formulaHtml(in.scaleFormula))) + QStringLiteral("<br>");
    if (in.scale < 0)
        t += QStringLiteral("<i>") +
             tr("The scale is negative: as in llama.cpp, it is the block's weight of largest magnitude divided by the "
                "code at one end of the range, and that weight is negative here. Codes and scale change sign "
                "together, so d·q gives the same values.") +
             QStringLiteral("</i><br>");
    if (in.kquant) {
        QStringList sc;
        for (int i = 0; i < int(in.subScales.size()); ++i) {
            QString s = QLocale().toString(in.subScales[size_t(i)]);
            if (!in.subMins.empty())
                s += QLatin1Char('/') + QLocale().toString(in.subMins[size_t(i)]);
            sc << (i == in.subBlock ? QStringLiteral("<b><u>%1</u></b>").arg(s) : s);
        }
        t += tr("Super-block %1 (256 weights): d = %2").arg(in.superBlock).arg(num(in.superD, 6));
        if (in.superDmin)
            t += tr(", dmin = %1").arg(num(*in.superDmin, 6));
        t += QStringLiteral("<br>");
        t += (in.subMins.empty() ? tr("Its %1 sub-block scales (%2-bit integers; this sub-block underlined): %3")
                                 : tr("Its %1 sub-block scales/mins (%2-bit integers; this sub-block underlined): %3"))
                 .arg(in.subBlocks)
                 .arg(in.subScaleBits)
                 .arg(sc.join(QStringLiteral(" ")));
        t += QStringLiteral("<br>");
    }
    if (!in.lattice.empty()) {
        // A codebook: each group of weights is one stored grid point (its magnitudes) plus signs.
        const int g = int(in.lattice.front().magnitudes.size());
        if (in.latticeSigns)
            t += tr("Codebook: each group of %1 weights is one of the grid's %2 points (its index stored, not the "
                    "weights' levels one by one), times the sub-block scale %3, with a sign per weight:")
                     .arg(g)
                     .arg(QLocale().toString(in.latticePoints))
                     .arg(num(in.scale, 6));
        else
            t += tr("Codebook: each group of %1 weights is one of the grid's %2 points of values −1, 0 and 1 (its "
                    "index stored), shifted by ±1/8, times the sub-block scale %3:")
                     .arg(g)
                     .arg(QLocale().toString(in.latticePoints))
                     .arg(num(in.scale, 6));
        t += QStringLiteral("<br>");
        for (size_t k = 0; k < in.lattice.size(); ++k) {
            const auto& grp = in.lattice[k];
            QStringList mags, signs;
            for (int j = 0; j < g; ++j) {
                const int m = grp.magnitudes[size_t(j)];
                mags << (m < 0 ? QStringLiteral("−%1").arg(-m) : QString::number(m));
                const bool minus = (grp.negatives >> j) & 1;
                QString sign = minus ? QStringLiteral("−") : QStringLiteral("+");
                if (in.paritySigns && (int(k) * g + j) % 8 == 7)
                    sign = QStringLiteral("<i>%1</i>").arg(sign);  // implied by the other seven
                signs << sign;
            }
            const QString first = QLocale().toString(qlonglong(in.col0 + int64_t(k) * g)),
                          last = QLocale().toString(qlonglong(in.col0 + int64_t(k + 1) * g - 1));
            if (in.latticeSigns)
                t += tr("Weights %1–%2: point %3 = (%4), signs %5")
                         .arg(first, last, QLocale().toString(grp.point), mags.join(QStringLiteral(" ")),
                              signs.join(QString()));
            else
                t += tr("Weights %1–%2: point %3 = (%4), shifted by %5")
                         .arg(first, last, QLocale().toString(grp.point), mags.join(QStringLiteral(" ")),
                              grp.shift < 0 ? QStringLiteral("−1/8") : QStringLiteral("+1/8"));
            t += QStringLiteral("<br>");
        }
        if (in.paritySigns)
            t += QStringLiteral("<i>") +
                 tr("Signs in italics are not stored: every 8 weights have an even number of minus signs, so 7 bits "
                    "hold the 8 signs.") +
                 QStringLiteral("</i><br>");
    }
    if (in.zeroPoint)
        t += tr("Zero point: %1").arg(QLocale().toString(*in.zeroPoint)) + QStringLiteral("<br>");
    {
        std::vector<int> used(in.codes.begin(), in.codes.end());
        std::sort(used.begin(), used.end());
        used.erase(std::unique(used.begin(), used.end()), used.end());
        t += tr("Codes %1 … %2: %3 of %4 levels used by this block.")
                 .arg(QLocale().toString(in.codeMin), QLocale().toString(in.codeMax), QLocale().toString(int(used.size())),
                      QLocale().toString(qlonglong(in.levels.size()))) +
             QStringLiteral("<br>");
    }
    if (selected_ >= 0 && selected_ < in.length)
        t += tr("Weight %1: %2")
                 .arg(QLocale().toString(qlonglong(in.col0 + selected_)),
                      QStringLiteral("<br><code>%1</code>").arg(formulaHtml(in.formulaFor(selected_)))) +
             QStringLiteral("<br>");
    t += tr("Block RMSE %1, largest |error| %2.").arg(num(std::sqrt(s2 / in.length), 3), num(emax, 3));
    if (outlierIndex_ >= 0)
        t += QStringLiteral("<br><i>") +
             tr("With the outlier the scale is %1: the other weights share fewer levels.").arg(num(in.scale, 4)) +
             QStringLiteral("</i>");
    info_->setText(t);
}

}  // namespace qs::ui
