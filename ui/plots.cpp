#include "ui/plots.h"

#include "core/model/tensor_names.h"
#include "ui/plot_style.h"
#include "ui/primer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace qs::ui {

namespace {

QCPTextElement* titleOf(QCustomPlot* p)
{
    if (p->plotLayout()->rowCount() > 1)
        return qobject_cast<QCPTextElement*>(p->plotLayout()->element(0, 0));
    return nullptr;
}

void setTitle(QCustomPlot* p, const QString& text)
{
    if (auto* t = titleOf(p))
        t->setText(text);
}

// Count of a bin for display: NaN where a log axis cannot show it.
double shown(double c, bool log) { return (log && c <= 0) ? qQNaN() : c; }

QString fmt(double v, int prec = 3)
{
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
    return QLocale().toString(v, 'g', prec);
}

// Short label for the per-layer axis: "L3" for blk.3.* / model.layers.3.*, else the name's stem.
QString layerLabel(const QString& name, int* layer)
{
    *layer = qs::layerNumber(name.toStdString());
    if (*layer >= 0)
        return QStringLiteral("L%1").arg(*layer);
    QString s = name;
    s.remove(QStringLiteral(".weight"));
    return s;
}

}  // namespace

QColor PlotsWidget::colorFor(int i)
{
    static const QColor colors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28), QColor(0x2c, 0xa0, 0x2c),
                                    QColor(0xff, 0x7f, 0x0e), QColor(0x94, 0x67, 0xbd), QColor(0x8c, 0x56, 0x4b),
                                    QColor(0xe3, 0x77, 0xc2), QColor(0x17, 0xbe, 0xcf), QColor(0xbc, 0xbd, 0x22),
                                    QColor(0x7f, 0x7f, 0x7f)};
    return colors[((i % 10) + 10) % 10];
}

PlotsWidget::PlotsWidget(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    logBox_ = new QCheckBox(this);
    logBox_->setObjectName(QStringLiteral("logScaleBox"));
    bar->addWidget(logBox_);
    bar->addSpacing(12);
    levelsLabel_ = new QLabel(this);
    bar->addWidget(levelsLabel_);
    levelsCombo_ = new QComboBox(this);
    levelsCombo_->setObjectName(QStringLiteral("levelsCombo"));
    levelsCombo_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    bar->addWidget(levelsCombo_);
    bar->addSpacing(12);
    layerLabel_ = new QLabel(this);
    bar->addWidget(layerLabel_);
    layerMetric_ = new QComboBox(this);
    layerMetric_->addItem(QString());
    layerMetric_->addItem(QString());
    bar->addWidget(layerMetric_);
    bar->addSpacing(12);
    tradeoffLabel_ = new QLabel(this);
    bar->addWidget(tradeoffLabel_);
    tradeoffX_ = new QComboBox(this);
    tradeoffX_->setObjectName(QStringLiteral("tradeoffXCombo"));
    tradeoffX_->addItem(QString());
    tradeoffX_->addItem(QString());
    tradeoffX_->addItem(QString());
    bar->addWidget(tradeoffX_);
    auto* errorLabel = new QLabel(this);
    errorLabel->setObjectName(QStringLiteral("tradeoffErrorLabel"));
    bar->addWidget(errorLabel);
    tradeoffY_ = new QComboBox(this);
    tradeoffY_->setObjectName(QStringLiteral("tradeoffErrorCombo"));
    tradeoffY_->addItem(tr("Weight SQNR (dB)"));
    tradeoffY_->addItem(tr("Weight RMSE"));
    tradeoffY_->addItem(tr("Mean KL (model)"));
    tradeoffY_->setToolTip(tr("Error axis of the trade-off plot; mean KL needs a Run with Analysis > Evaluate "
                              "Model Accuracy"));
    bar->addWidget(tradeoffY_);
    bar->addStretch(1);
    auto* reset = new QPushButton(this);
    resetButton_ = reset;
    bar->addWidget(reset);
    layout->addLayout(bar);

    hint_ = new QLabel(this);
    hint_->setObjectName(QStringLiteral("plotHint"));
    hint_->setContentsMargins(8, 0, 8, 0);
    hint_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    hint_->setWordWrap(true);  // a long hint (or translation) wraps instead of widening the window

    tabs_ = new QTabWidget(this);
    tabs_->setObjectName(QStringLiteral("plotTabs"));
    for (int i = 0; i < TabCount; ++i) {
        auto* p = new QCustomPlot(tabs_);
        p->setObjectName(QStringLiteral("plot%1").arg(i));
        p->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
        p->plotLayout()->insertRow(0);
        p->plotLayout()->addElement(0, 0, new QCPTextElement(p, QString(), QFont(font().family(), 11, QFont::Bold)));
        p->legend->setVisible(false);
        p->legend->setFont(QFont(font().family(), 8));
        p->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
        connect(p, &QCustomPlot::mouseDoubleClick, this, [this] { resetView(); });
        if (i == ErrorTab || i == LayerTab || i == TradeoffTab) {
            // Below the plot, where they cover nothing: the error legend's entries are long (one
            // line of figures per precision), the per-layer series run across the whole width
            // (no corner stays free in a small window), and the trade-off's points and their labels
            // fill the corners (the Pareto front's legend covered Q8_0's point).
            p->axisRect()->insetLayout()->take(p->legend);
            p->plotLayout()->addElement(2, 0, p->legend);
            p->plotLayout()->setRowStretchFactor(2, 0.001);
            p->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
            p->legend->setWrap(i == ErrorTab ? 2 : 6);
        }
        plots_[i] = p;
        tabs_->addTab(p, QString());
    }
    layout->addWidget(tabs_, 1);
    layout->addWidget(hint_);

    connect(logBox_, &QCheckBox::toggled, this, &PlotsWidget::setLogScale);
    connect(levelsCombo_, &QComboBox::currentIndexChanged, this, [this] {
        if (haveTensor_)
            drawHistogramTab();
    });
    connect(layerMetric_, &QComboBox::currentIndexChanged, this, [this] { drawLayerTab(); });
    connect(tradeoffX_, &QComboBox::currentIndexChanged, this, [this] { drawTradeoffTab(); });
    connect(tradeoffY_, &QComboBox::currentIndexChanged, this, [this] {
        if (tabs_->currentIndex() != TradeoffTab)
            tabs_->setCurrentIndex(TradeoffTab);
        drawTradeoffTab();
    });
    connect(reset, &QPushButton::clicked, this, &PlotsWidget::resetView);
    // Trade-off labels are placed in pixels, once the plot knows its geometry; legends go where
    // they cover no data (again after every zoom or resize).
    connect(plots_[TradeoffTab], &QCustomPlot::afterLayout, this, &PlotsWidget::layoutTradeoffLabels);
    for (int i = 0; i < TabCount; ++i)
        connect(plots_[i], &QCustomPlot::afterLayout, this, [p = plots_[i]] { placeLegendAwayFromData(p); });
    // Only the current tab's controls are shown: the bar stays narrow (and readable) in a small window.
    connect(tabs_, &QTabWidget::currentChanged, this, &PlotsWidget::updateControls);
    connect(plots_[HistogramTab], &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        hoverHistogramAt(plots_[HistogramTab]->xAxis->pixelToCoord(e->position().x()));
    });

    styleAll();
    retranslateUi();
    updateControls();
    clearTensorPlots(tr("Select a tensor or open a model"));
    clearRunPlots(tr("Press Run to compare the checked precisions over the whole model"));
}

// Placeholders of ours (or the main window's, same source text) that a language switch retranslates.
static const char* const kPlaceholders[] = {
    QT_TRANSLATE_NOOP("qs::ui::PlotsWidget", "Select a tensor or open a model"),
    QT_TRANSLATE_NOOP("qs::ui::PlotsWidget", "Press Run to compare the checked precisions over the whole model"),
    QT_TRANSLATE_NOOP("qs::ui::PlotsWidget", "Press Run for the whole model's error distribution, or select a tensor"),
};

void PlotsWidget::retranslateUi()
{
    logBox_->setText(tr("Log scale"));
    logBox_->setToolTip(tr("Logarithmic count axis for the histograms"));
    levelsLabel_->setText(tr("Levels of:"));
    levelsCombo_->setToolTip(tr("Precision whose reconstruction levels and dequantized histogram are drawn "
                                "over the weight histogram"));
    layerLabel_->setText(tr("Per layer:"));
    layerMetric_->setItemText(0, tr("SQNR (dB)"));
    layerMetric_->setItemText(1, tr("RMSE"));
    tradeoffLabel_->setText(tr("Trade-off x:"));
    tradeoffX_->setItemText(0, tr("Bits per weight"));
    tradeoffX_->setItemText(1, tr("Size (MB)"));
    tradeoffX_->setItemText(2, tr("Decode speed ×"));
    tradeoffX_->setToolTip(tr("Size axis of the trade-off plot, or the decode speed over the opened model's "
                              "(needs a Run with Analysis > Measure Speed): size, speed and error, the three-way "
                              "trade-off"));
    if (auto* l = findChild<QLabel*>(QStringLiteral("tradeoffErrorLabel")))
        l->setText(tr("error:"));
    tradeoffY_->setItemText(0, tr("Weight SQNR (dB)"));
    tradeoffY_->setItemText(1, tr("Weight RMSE"));
    tradeoffY_->setItemText(2, tr("Mean KL (model)"));
    tradeoffY_->setToolTip(tr("Error axis of the trade-off plot; mean KL needs a Run with Analysis > Evaluate "
                              "Model Accuracy"));
    static_cast<QPushButton*>(resetButton_)->setText(tr("Reset view"));
    resetButton_->setToolTip(tr("Fit the axes to the data (also: double-click the plot)"));
    const QString names[TabCount] = {tr("Weight histogram"), tr("Error distribution"), tr("Per-layer error"),
                                     tr("Trade-off")};
    // Tick labels in the language's number format (a decimal comma in German).
    QLocale plotLocale;
    plotLocale.setNumberOptions(QLocale::OmitGroupSeparator);
    const QString tips[TabCount] = {
        tr("How the weights are distributed, with the levels a precision can represent"),
        tr("Distribution of the rounding error per precision"), tr("The error of every tensor along the model"),
        tr("Storage against error for each precision, with the Pareto front")};
    const char* const sections[TabCount] = {"scale", "video", "granularity", "bits"};
    for (int i = 0; i < TabCount; ++i) {
        tabs_->setTabText(i, names[i]);
        tabs_->setTabToolTip(i, Primer::withHint(tips[i]));
        tabs_->setTabWhatsThis(i, Primer::whatsThis(tips[i], QString::fromLatin1(sections[i])));
        plots_[i]->setWhatsThis(Primer::whatsThis(tips[i], QString::fromLatin1(sections[i])));
        plots_[i]->setLocale(plotLocale);
    }
}

void PlotsWidget::updateControls()
{
    const int tab = tabs_->currentIndex();
    logBox_->setVisible(tab == HistogramTab || tab == ErrorTab);
    levelsLabel_->setVisible(tab == HistogramTab);
    levelsCombo_->setVisible(tab == HistogramTab);
    layerLabel_->setVisible(tab == LayerTab);
    layerMetric_->setVisible(tab == LayerTab);
    for (QWidget* w : std::initializer_list<QWidget*>{tradeoffLabel_, tradeoffX_, tradeoffY_,
                                                      findChild<QLabel*>(QStringLiteral("tradeoffErrorLabel"))})
        if (w)
            w->setVisible(tab == TradeoffTab);
}

void PlotsWidget::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange) {
        retranslateUi();
        // Redraw what is shown (titles, axis labels, legends), as a log-scale switch does.
        const bool run = haveRun_, whole = runWholeModel_;
        if (haveTensor_)
            showTensor(TensorAnalysis(tensor_));
        else if (haveModelHist_)
            showModelHistogram(modelHistTitle_, modelHist_);
        if (run)
            showRun(RunResult(run_), whole);
        for (int i = 0; i < TabCount; ++i) {
            const QCPTextElement* t = titleOf(plots_[i]);
            if (placeholderSource_[i] && plots_[i]->plottableCount() == 0 && t && t->text() == placeholderText_[i])
                setPlaceholder(plots_[i], tr(placeholderSource_[i]));
        }
        for (auto* p : plots_)
            p->replot();
    }
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::StyleChange) {
        styleAll();
        for (auto* p : plots_)
            p->replot();
    }
    QWidget::changeEvent(e);
}

void PlotsWidget::styleAll()
{
    for (auto* p : plots_)
        stylePlot(p);
}

void PlotsWidget::stylePlot(QCustomPlot* p)
{
    const QPalette pal = palette();
    styleAxes(p, pal);
    const QColor fg = pal.color(QPalette::WindowText);
    QColor grid = fg;
    grid.setAlpha(40);
    p->legend->setBrush(pal.brush(QPalette::Base));
    p->legend->setTextColor(fg);
    p->legend->setBorderPen(QPen(grid));
    if (auto* t = titleOf(p))
        t->setTextColor(fg);
}

void PlotsWidget::setPlaceholder(QCustomPlot* p, const QString& text)
{
    const int tab = int(std::find(std::begin(plots_), std::end(plots_), p) - std::begin(plots_));
    if (tab < TabCount) {
        placeholderSource_[tab] = nullptr;
        for (const char* k : kPlaceholders)
            if (text == tr(k) || text == QCoreApplication::translate("qs::ui::MainWindow", k))
                placeholderSource_[tab] = k;
        placeholderText_[tab] = text;
    }
    if (p == plots_[TradeoffTab])
        tradeLabels_.clear();  // their items go with clearItems()
    p->clearGraphs();
    p->clearItems();
    p->clearPlottables();
    p->legend->setVisible(false);
    setTitle(p, text);
    p->replot();
}

void PlotsWidget::clearTensorPlots(const QString& message)
{
    haveTensor_ = false;
    haveModelHist_ = false;
    levelsGraph_ = nullptr;
    levelCount_ = 0;
    setPlaceholder(plots_[HistogramTab], message);
    if (!(haveRun_ && runWholeModel_))
        setPlaceholder(plots_[ErrorTab], message);
    hint_->clear();
}

void PlotsWidget::clearRunPlots(const QString& message)
{
    haveRun_ = false;
    setPlaceholder(plots_[LayerTab], message);
    if (!haveTensor_) {
        setPlaceholder(plots_[TradeoffTab], message);
        if (!haveModelHist_)
            setPlaceholder(plots_[ErrorTab], message);
    }
}

void PlotsWidget::applyLog(QCustomPlot* p)
{
    setLogAxis(p->yAxis, log_);
}

void PlotsWidget::setLogScale(bool on)
{
    if (logBox_->isChecked() != on) {
        logBox_->setChecked(on);  // re-enters through toggled
        return;
    }
    log_ = on;
    if (haveTensor_)
        showTensor(TensorAnalysis(tensor_));
    else if (haveModelHist_)
        showModelHistogram(modelHistTitle_, modelHist_);
    if (haveRun_ && runWholeModel_)
        showRun(RunResult(run_), true);
}

void PlotsWidget::showTensor(const TensorAnalysis& a)
{
    tensor_ = a;
    haveTensor_ = true;
    haveModelHist_ = false;
    const QString keep = levelsCombo_->currentText();
    {
        const QSignalBlocker b(levelsCombo_);
        levelsCombo_->clear();
        for (const auto& p : a.precisions)
            if (p.error.isEmpty())
                levelsCombo_->addItem(p.precision);
        const int i = levelsCombo_->findText(keep);
        levelsCombo_->setCurrentIndex(i >= 0 ? i : 0);
    }
    drawHistogramTab();

    // Error distributions: densities so that different bin widths overlay correctly.
    QCustomPlot* p = plots_[ErrorTab];
    p->clearPlottables();
    p->clearItems();
    applyLog(p);
    int k = 0;
    for (const auto& pa : a.precisions) {
        const QColor c = colorFor(k++);
        if (!pa.error.isEmpty())
            continue;
        const qs::Histogram& h = pa.result.errorHist;
        const double n = double(pa.result.weights);
        if (h.counts.empty() || n <= 0)
            continue;
        QVector<double> x, y;
        for (int i = 0; i < h.bins(); ++i) {
            x << h.binCenter(i);
            y << shown(double(h.counts[size_t(i)]) / (n * h.binWidth()), log_);
        }
        QCPGraph* g = p->addGraph();
        g->setData(x, y, true);
        g->setLineStyle(QCPGraph::lsStepCenter);
        g->setPen(QPen(c, 1.6));
        QColor fill = c;
        fill.setAlpha(35);
        g->setBrush(log_ ? QBrush() : QBrush(fill));
        const auto& s = pa.result.stats;
        g->setName(tr("%1 — RMSE %2 · SQNR %3 dB · max %4")
                       .arg(pa.precision, fmt(s.rmse()), fmt(s.sqnrDb(), 4), fmt(s.maxAbsErr)));
    }
    setTitle(p, tr("Error (dequantized − original): %1").arg(a.name));
    p->xAxis->setLabel(tr("error"));
    p->yAxis->setLabel(tr("density"));
    p->legend->setVisible(p->plottableCount() > 0);
    p->rescaleAxes();
    addHeadroom(p->yAxis);
    p->replot();

    // Trade-off for this tensor.
    drawTradeoffTab();
}

void PlotsWidget::showModelHistogram(const QString& title, const ModelHistogram& h)
{
    haveTensor_ = false;
    haveModelHist_ = true;
    modelHistTitle_ = title;
    modelHist_ = h;
    levelsGraph_ = nullptr;
    levelCount_ = 0;
    QCustomPlot* p = plots_[HistogramTab];
    p->clearPlottables();
    p->clearItems();
    applyLog(p);
    QVector<double> x, y;
    for (int i = 0; i < h.weightHist.bins(); ++i) {
        x << h.weightHist.binCenter(i);
        y << shown(double(h.weightHist.counts[size_t(i)]), log_);
    }
    QCPGraph* g = p->addGraph();
    g->setData(x, y, true);
    g->setLineStyle(QCPGraph::lsStepCenter);
    g->setPen(QPen(colorFor(0), 1.4));
    QColor fill = colorFor(0);
    fill.setAlpha(60);
    g->setBrush(log_ ? QBrush() : QBrush(fill));
    g->setName(tr("original weights (%1)").arg(QLocale().toString(qlonglong(h.weights))));
    setTitle(p, title);
    p->xAxis->setLabel(tr("weight value"));
    p->yAxis->setLabel(tr("count"));
    p->legend->setVisible(true);
    p->rescaleAxes();
    addHeadroom(p->yAxis);
    p->replot();
    hint_->setText(tr("The whole model's weights. Select a tensor in the Model list to see the levels a precision "
                      "gives its blocks, or press Run (F5) to compare the checked precisions."));
    if (!(haveRun_ && runWholeModel_))
        setPlaceholder(plots_[ErrorTab], tr("Press Run for the whole model's error distribution, or select a tensor"));
}

void PlotsWidget::drawHistogramTab()
{
    QCustomPlot* p = plots_[HistogramTab];
    p->clearPlottables();
    p->clearItems();
    levelsGraph_ = nullptr;
    levelCount_ = 0;
    lastBin_ = -1;
    applyLog(p);
    const qs::Histogram& h = tensor_.weightHist;
    QVector<double> x, y;
    for (int i = 0; i < h.bins(); ++i) {
        x << h.binCenter(i);
        y << shown(double(h.counts[size_t(i)]), log_);
    }
    QCPGraph* g = p->addGraph();
    g->setData(x, y, true);
    g->setLineStyle(QCPGraph::lsStepCenter);
    g->setPen(QPen(colorFor(0), 1.4));
    QColor fill = colorFor(0);
    fill.setAlpha(60);
    g->setBrush(log_ ? QBrush() : QBrush(fill));
    g->setName(tr("original (%1 weights)").arg(QLocale().toString(qlonglong(tensor_.weights))));

    const PrecisionAnalysis* pa = nullptr;
    for (const auto& c : tensor_.precisions)
        if (c.precision == levelsCombo_->currentText() && c.error.isEmpty())
            pa = &c;
    if (pa && pa->dequantHist.bins() == h.bins()) {
        QVector<double> dy;
        for (int i = 0; i < h.bins(); ++i)
            dy << shown(double(pa->dequantHist.counts[size_t(i)]), log_);
        QCPGraph* d = p->addGraph();
        d->setData(x, dy, true);
        d->setLineStyle(QCPGraph::lsStepCenter);
        d->setPen(QPen(colorFor(1), 1.2));
        d->setName(tr("dequantized %1").arg(pa->precision));
    }
    // Levels: impulses on the hidden right axis (0..1), independent of the count scale.
    p->yAxis2->setRange(0, 1);
    levelsGraph_ = p->addGraph(p->xAxis, p->yAxis2);
    levelsGraph_->setLineStyle(QCPGraph::lsImpulse);
    QColor lc = palette().color(QPalette::WindowText);
    lc.setAlpha(150);
    levelsGraph_->setPen(QPen(lc, 1, Qt::DashLine));
    levelsGraph_->setName(pa ? tr("levels of one %1 block").arg(pa->precision) : tr("levels"));
    if (!pa)
        levelsGraph_->removeFromLegend();

    setTitle(p, tr("Weights: %1").arg(tensor_.name));
    p->xAxis->setLabel(tr("weight value"));
    p->yAxis->setLabel(tr("count"));
    p->legend->setVisible(true);
    g->rescaleAxes();
    if (p->graphCount() > 2)
        p->graph(1)->rescaleValueAxis(true);
    addHeadroom(p->yAxis);
    p->yAxis2->setRange(0, 1);
    // Start with the block of the most populated bin.
    int peak = 0;
    for (int i = 1; i < h.bins(); ++i)
        if (h.counts[size_t(i)] > h.counts[size_t(peak)])
            peak = i;
    drawLevels(h.bins() ? peak : -1);
}

void PlotsWidget::hoverHistogramAt(double x)
{
    if (!haveTensor_ || !levelsGraph_)
        return;
    const qs::Histogram& h = tensor_.weightHist;
    if (h.bins() == 0 || h.binWidth() <= 0)
        return;
    int bin = int(std::floor((x - h.lo) / h.binWidth()));
    bin = std::clamp(bin, 0, h.bins() - 1);
    // Nearest populated bin, so the cursor always picks a real block.
    for (int d = 0; d < h.bins(); ++d) {
        if (bin - d >= 0 && h.counts[size_t(bin - d)]) {
            bin -= d;
            break;
        }
        if (bin + d < h.bins() && h.counts[size_t(bin + d)]) {
            bin += d;
            break;
        }
    }
    if (bin != lastBin_)
        drawLevels(bin);
}

void PlotsWidget::drawLevels(int bin)
{
    lastBin_ = bin;
    levelCount_ = 0;
    if (!levelsGraph_)
        return;
    const PrecisionAnalysis* pa = nullptr;
    for (const auto& c : tensor_.precisions)
        if (c.precision == levelsCombo_->currentText() && c.error.isEmpty())
            pa = &c;
    QVector<double> x, y;
    QString where;
    if (pa && bin >= 0 && bin < int(pa->levelsPerBin.size())) {
        for (float v : pa->levelsPerBin[size_t(bin)]) {
            x << double(v);
            y << 1.0;
        }
        if (bin < int(pa->blockPerBin.size()))
            where = pa->blockPerBin[size_t(bin)];
    }
    levelsGraph_->setData(x, y);
    levelCount_ = int(x.size());
    if (pa && pa->levelsPossible > 0)
        hint_->setText(tr("%1: %2 of %n level(s) used in %3 (move the mouse over the histogram to pick another "
                          "block)", nullptr, pa->levelsPossible)
                           .arg(pa->precision, QLocale().toString(levelCount_), where));
    else if (pa)
        hint_->setText(tr("%1: %n reconstruction level(s) in %2 (move the mouse over the histogram to pick "
                          "another block)", nullptr, levelCount_)
                           .arg(pa->precision, where));
    plots_[HistogramTab]->replot(QCustomPlot::rpQueuedReplot);
}

void PlotsWidget::showRun(const RunResult& r, bool wholeModel)
{
    run_ = r;
    haveRun_ = true;
    runWholeModel_ = wholeModel;
    drawLayerTab();
    if (!wholeModel)
        return;
    haveTensor_ = false;
    QCustomPlot* p = plots_[ErrorTab];
    p->clearPlottables();
    p->clearItems();
    applyLog(p);
    std::vector<std::pair<QVector<double>, size_t>> shownY;
    for (size_t k = 0; k < r.rows.size() && k < r.errorHists.size(); ++k) {
        const qs::Histogram& h = r.errorHists[k];
        const double n = double(h.total());
        if (h.counts.empty() || n <= 0 || h.binWidth() <= 0)
            continue;
        QVector<double> x, y;
        for (int i = 0; i < h.bins(); ++i) {
            x << h.binCenter(i);
            y << shown(double(h.counts[size_t(i)]) / (n * h.binWidth()), log_);
        }
        const QColor c = colorFor(int(k));
        QCPGraph* g = p->addGraph();
        g->setData(x, y, true);
        g->setLineStyle(QCPGraph::lsStepCenter);
        g->setPen(QPen(c, 1.6));
        QColor fill = c;
        fill.setAlpha(35);
        g->setBrush(log_ ? QBrush() : QBrush(fill));
        const auto& row = r.rows[k];
        g->setName(tr("%1 — RMSE %2 · SQNR %3 dB · max %4")
                       .arg(row.precision, fmt(row.rmse), fmt(row.sqnr, 4), fmt(row.maxError)));
        for (const auto& [sy, j] : shownY)
            if (sy == y) {  // the same distribution as an earlier row (a fallback): keep both visible
                g->setPen(QPen(c, 1.6, Qt::DashLine));
                g->setBrush(QBrush());
                g->setName(tr("%1 (same as %2)").arg(row.precision, r.rows[j].precision));
                break;
            }
        shownY.push_back({y, k});
    }
    setTitle(p, tr("Error (dequantized − original): whole model"));
    p->xAxis->setLabel(tr("error"));
    p->yAxis->setLabel(tr("density"));
    p->legend->setVisible(p->plottableCount() > 0);
    p->rescaleAxes();
    addHeadroom(p->yAxis);
    p->replot();
    drawTradeoffTab();
}

void PlotsWidget::drawLayerTab()
{
    if (!haveRun_)
        return;
    QCustomPlot* p = plots_[LayerTab];
    p->clearPlottables();
    p->clearItems();
    const bool rmse = layerMetric_->currentIndex() == 1;
    p->yAxis->setScaleType(rmse ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (rmse)
        p->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        p->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    auto ticker = QSharedPointer<QCPAxisTickerText>(new QCPAxisTickerText);
    bool ticks = false;
    std::vector<std::pair<QVector<double>, size_t>> shownY;
    for (size_t k = 0; k < run_.perLayer.size() && k < run_.rows.size(); ++k) {
        const auto& pts = run_.perLayer[k];
        if (pts.empty())
            continue;  // "+ imatrix" rows: accuracy only
        QVector<double> x, y;
        int lastLayer = -2;
        for (size_t i = 0; i < pts.size(); ++i) {
            const double v = rmse ? pts[i].rmse : pts[i].sqnr;
            x << double(i);
            y << ((std::isfinite(v) && (!rmse || v > 0)) ? v : qQNaN());
            if (!ticks) {
                int layer = -1;
                const QString label = layerLabel(pts[i].name, &layer);
                if (layer < 0 || layer != lastLayer)
                    ticker->addTick(double(i), label);
                lastLayer = layer;
            }
        }
        ticks = true;
        QCPGraph* g = p->addGraph();
        g->setData(x, y, true);
        g->setPen(QPen(colorFor(int(k)), 1.5));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        g->setName(run_.rows[k].precision);
        // A series equal to an earlier one (a type that fell back to it on every tensor) would
        // hide it: dashed, hollow marks, and the legend says so.
        for (size_t j = 0; j < shownY.size(); ++j)
            if (shownY[j].first == y) {
                g->setPen(QPen(colorFor(int(k)), 1.5, Qt::DashLine));
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 8));
                g->setName(tr("%1 (same as %2)").arg(run_.rows[k].precision, run_.rows[shownY[j].second].precision));
                break;
            }
        shownY.push_back({y, k});
    }
    p->xAxis->setTicker(ticker);
    p->xAxis->setTickLabelRotation(60);
    p->xAxis->setLabel(tr("tensor (in model order; ticks at the first tensor of each layer)"));
    p->yAxis->setLabel(rmse ? tr("RMSE") : tr("SQNR (dB)"));
    setTitle(p, tr("Per-tensor error along the model"));
    p->legend->setVisible(p->plottableCount() > 0);
    p->rescaleAxes();
    p->xAxis->setRange(p->xAxis->range().lower - 0.5, p->xAxis->range().upper + 0.5);
    addHeadroom(p->yAxis, rmse ? 0.5 : 0.25);
    p->replot();
}

PlotsWidget::TradeoffError PlotsWidget::tradeoffError() const { return TradeoffError(tradeoffY_->currentIndex()); }

void PlotsWidget::setTradeoffError(TradeoffError e) { tradeoffY_->setCurrentIndex(int(e)); }

PlotsWidget::TradeoffX PlotsWidget::tradeoffX() const { return TradeoffX(tradeoffX_->currentIndex()); }

void PlotsWidget::setTradeoffX(TradeoffX x)
{
    if (tabs_->currentIndex() != TradeoffTab)
        tabs_->setCurrentIndex(TradeoffTab);
    tradeoffX_->setCurrentIndex(int(x));
}

void PlotsWidget::drawTradeoffTab()
{
    struct Pt {
        QString name;
        double bpw, mb, err;
        int color;
        double speed = qQNaN();  // decode speed over the source's
    };
    const TradeoffError axis = tradeoffError();
    const bool higherBetter = axis == ErrorSqnr;
    const bool speedX = tradeoffX() == XSpeed;
    auto speedOf = [](const PrecisionRow& r) { return r.speedMeasured ? r.speedup : qQNaN(); };
    std::vector<Pt> pts;
    QString title;
    QCustomPlot* p = plots_[TradeoffTab];
    if (speedX && (!haveRun_ || !run_.speedMeasured)) {
        // Speed exists for the whole model only, whatever tensor is selected.
        if (haveRun_ || haveTensor_)
            setPlaceholder(p, tr("Decode speed: turn on Analysis > Measure Speed and press Run"));
        return;
    }
    if (axis == ErrorKl) {
        // Model accuracy exists for the whole model only, whatever tensor is selected.
        if (!haveRun_ || !run_.evaluated) {
            if (haveRun_ || haveTensor_)
                setPlaceholder(p, tr("Mean KL: turn on Analysis > Evaluate Model Accuracy and press Run"));
            return;
        }
        for (size_t k = 0; k < run_.rows.size(); ++k) {
            const auto& r = run_.rows[k];
            if (r.evaluated)
                pts.push_back({r.precision, r.bitsPerWeight, r.bytes / 1e6, r.kldMean, int(k), speedOf(r)});
        }
        title = speedX ? tr("Decode speed vs mean KL divergence: whole model")
                       : tr("Size vs mean KL divergence: whole model");
    } else if (haveTensor_ && !speedX) {
        int k = 0;
        for (const auto& pa : tensor_.precisions) {
            if (pa.error.isEmpty())
                pts.push_back({pa.precision, pa.result.bitsPerWeight, double(pa.result.bytes) / 1e6,
                               axis == ErrorSqnr ? pa.result.stats.sqnrDb() : pa.result.stats.rmse(), k});
            ++k;
        }
        title = tr("Size vs error: %1").arg(tensor_.name);
    } else if (haveRun_ && (runWholeModel_ || speedX)) {
        for (size_t k = 0; k < run_.rows.size(); ++k) {
            const auto& r = run_.rows[k];
            if (r.weightMeasured)
                pts.push_back({r.precision, r.bitsPerWeight, r.bytes / 1e6, axis == ErrorSqnr ? r.sqnr : r.rmse, int(k),
                               speedOf(r)});
        }
        title = speedX ? tr("Decode speed vs error: whole model") : tr("Size vs error: whole model");
    } else {
        return;
    }
    p->clearPlottables();
    p->clearItems();
    tradeLabels_.clear();
    const bool mb = tradeoffX() == XSize;
    const bool logY = !higherBetter;  // RMSE and KL span decades
    setLogAxis(p->yAxis, logY);
    std::vector<std::pair<double, double>> xy;
    for (const Pt& pt : pts) {
        const double x = speedX ? pt.speed : mb ? pt.mb : pt.bpw;
        const double y = pt.err;
        if (!std::isfinite(x) || !std::isfinite(y) || (logY && y <= 0))
            continue;
        QCPGraph* g = p->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, colorFor(pt.color), 9));
        g->setData(QVector<double>{x}, QVector<double>{y});
        g->setName(pt.name);
        g->removeFromLegend();
        // Points that coincide (a type that fell back to another everywhere) share one label.
        auto same = std::find_if(tradeLabels_.begin(), tradeLabels_.end(),
                                 [&](const TradeLabel& l) { return l.x == x && l.y == y; });
        if (same != tradeLabels_.end()) {
            same->label->setText(same->label->text() + QStringLiteral(" = ") + pt.name);
            continue;
        }
        // The label in its point's colour; placed in pixels by layoutTradeoffLabels(), with a
        // leader line when it cannot sit next to its point.
        auto* label = new QCPItemText(p);
        label->position->setType(QCPItemPosition::ptAbsolute);
        label->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        label->setPadding(QMargins(1, 0, 1, 0));
        label->setText(pt.name);
        label->setColor(colorFor(pt.color).darker(130));
        label->setClipToAxisRect(false);
        auto* leader = new QCPItemLine(p);
        leader->start->setType(QCPItemPosition::ptAbsolute);
        leader->end->setType(QCPItemPosition::ptAbsolute);
        QColor lc = colorFor(pt.color);
        lc.setAlpha(170);
        leader->setPen(QPen(lc, 1));
        leader->setVisible(false);
        tradeLabels_.push_back({label, leader, x, y});
        xy.push_back({x, y});
    }
    // Pareto front on the chosen axes: no other point is at most as large (with speed: at least as
    // fast) and at least as accurate.
    auto better = [higherBetter](double a, double b) { return higherBetter ? a > b : a < b; };
    auto cost = [speedX](double x) { return speedX ? -x : x; };
    std::vector<std::pair<double, double>> front;
    for (const auto& a : xy) {
        bool dominated = false;
        for (const auto& b : xy)
            if (cost(b.first) <= cost(a.first) && !better(a.second, b.second) &&
                (cost(b.first) < cost(a.first) || better(b.second, a.second)))
                dominated = true;
        if (!dominated)
            front.push_back(a);
    }
    std::sort(front.begin(), front.end());
    front.erase(std::unique(front.begin(), front.end()), front.end());
    if (front.size() > 1) {
        QVector<double> fx, fy;
        for (const auto& f : front) {
            fx << f.first;
            fy << f.second;
        }
        QCPGraph* g = p->addGraph();
        g->setData(fx, fy, true);
        QColor c = palette().color(QPalette::WindowText);
        c.setAlpha(120);
        g->setPen(QPen(c, 1.2, Qt::DashLine));
        g->setName(tr("Pareto front"));
    }
    QString source;
    for (const auto& r : run_.rows)
        if (r.source)
            source = r.precision;
    p->xAxis->setLabel(speedX ? tr("decode speed × (tokens/s over the source %1's) — higher is faster").arg(source)
                       : mb   ? tr("size (MB)")
                              : tr("bits per weight"));
    p->yAxis->setLabel(axis == ErrorSqnr  ? tr("SQNR (dB) — higher is better")
                       : axis == ErrorRmse ? tr("weight RMSE — lower is better")
                                           : tr("mean KL divergence (nats) — lower is better"));
    setTitle(p, title);
    p->legend->setVisible(front.size() > 1);
    p->rescaleAxes();
    // Margins so the labels and discs are not cut at the edges.
    QCPRange xr = p->xAxis->range();
    const QCPRange yr = p->yAxis->range();
    if (speedX) {
        // The source's speed (×1) in view, marked by a dotted line.
        xr.expand(1.0);
        auto* one = new QCPItemStraightLine(p);
        one->point1->setCoords(1.0, 1.0);  // two points of x = 1 (positive: the y axis may be logarithmic)
        one->point2->setCoords(1.0, 10.0);
        QColor c = palette().color(QPalette::WindowText);
        c.setAlpha(110);
        one->setPen(QPen(c, 1, Qt::DotLine));
    }
    const double dx = std::max(xr.size() * 0.12, 0.25);
    p->xAxis->setRange(xr.lower - dx, xr.upper + dx);
    if (logY) {
        const double lo = yr.lower > 0 ? yr.lower : 1e-6, hi = yr.upper > lo ? yr.upper : lo * 10;
        const double f = std::max(std::pow(hi / lo, 0.12), 1.6);
        p->yAxis->setRange(lo / f, hi * f);
    } else {
        const double dy = std::max(yr.size() * 0.12, 1.0);
        p->yAxis->setRange(yr.lower - dy, yr.upper + dy);
    }
    p->replot();
}

void PlotsWidget::layoutTradeoffLabels()
{
    // Each label next to its point (right, left, above, below: the first place inside the plot
    // that covers no other label and no other point); where none is free, the nearest free
    // place further out, joined to its point by a leader line in the point's colour.
    QCustomPlot* p = plots_[TradeoffTab];
    if (tradeLabels_.empty())
        return;
    const QRectF area = p->axisRect()->rect();
    std::vector<QPointF> points;
    for (const TradeLabel& l : tradeLabels_)
        points.push_back(QPointF(p->xAxis->coordToPixel(l.x), p->yAxis->coordToPixel(l.y)));
    std::vector<QRectF> placed;
    auto freeAt = [&](const QRectF& box, size_t self) {
        if (!area.contains(box))
            return false;
        for (const QRectF& r : placed)
            if (r.intersects(box))
                return false;
        for (size_t k = 0; k < points.size(); ++k)
            if (k != self && box.adjusted(-6, -6, 6, 6).contains(points[k]))
                return false;
        return true;
    };
    for (size_t i = 0; i < tradeLabels_.size(); ++i) {
        TradeLabel& l = tradeLabels_[i];
        const QPointF at = points[i];
        const QFontMetricsF fm(l.label->font());
        const double w = fm.horizontalAdvance(l.label->text()) + 2, h = fm.height();
        const double d = 7;
        const QRectF near[] = {QRectF(at.x() + d, at.y() - h - 2, w, h), QRectF(at.x() - d - w, at.y() - h - 2, w, h),
                               QRectF(at.x() + d, at.y() + 2, w, h),     QRectF(at.x() - d - w, at.y() + 2, w, h),
                               QRectF(at.x() - w / 2, at.y() - d - h, w, h), QRectF(at.x() - w / 2, at.y() + d, w, h)};
        QRectF box;
        bool found = false;
        for (const QRectF& b : near)
            if (freeAt(b, i)) {
                box = b;
                found = true;
                break;
            }
        bool lead = false;
        for (int r = 24; !found && r <= 260; r += 12) {
            for (int a = 0; a < 16 && !found; ++a) {
                const double t = -M_PI / 2 + a * M_PI / 8;  // from above, clockwise
                const QPointF c(at.x() + r * std::cos(t), at.y() + r * std::sin(t));
                const QRectF b(c.x() - w / 2, c.y() - h / 2, w, h);
                if (freeAt(b, i)) {
                    box = b;
                    found = lead = true;
                }
            }
        }
        if (!found) {  // nowhere free: beside the point, overlapping
            box = near[0];
            if (box.right() > area.right())
                box = near[1];
        }
        placed.push_back(box);
        l.label->position->setCoords(box.topLeft());
        l.leader->setVisible(lead);
        if (lead) {
            const QPointF end(std::clamp(at.x(), box.left(), box.right()), std::clamp(at.y(), box.top(), box.bottom()));
            l.leader->start->setCoords(at);
            l.leader->end->setCoords(end);
        }
    }
}

std::vector<PlotsWidget::LabelPlacement> PlotsWidget::tradeoffLabels() const
{
    std::vector<LabelPlacement> out;
    QCustomPlot* p = plots_[TradeoffTab];
    for (const TradeLabel& l : tradeLabels_)
        out.push_back({l.label->text(), QRectF(l.label->topLeft->pixelPosition(), l.label->bottomRight->pixelPosition()),
                       QPointF(p->xAxis->coordToPixel(l.x), p->yAxis->coordToPixel(l.y)), l.leader->visible()});
    return out;
}

void PlotsWidget::resetView()
{
    QCustomPlot* p = plots_[tabs_->currentIndex()];
    switch (tabs_->currentIndex()) {
    case TradeoffTab: drawTradeoffTab(); return;
    case LayerTab: drawLayerTab(); return;
    case HistogramTab:
        if (p->graphCount() > 0) {
            p->graph(0)->rescaleAxes();
            for (int i = 1; i < p->graphCount(); ++i)
                if (p->graph(i)->valueAxis() == p->yAxis)
                    p->graph(i)->rescaleValueAxis(true);
            addHeadroom(p->yAxis);
            p->yAxis2->setRange(0, 1);
        }
        break;
    default:
        p->rescaleAxes();
        addHeadroom(p->yAxis);
        break;
    }
    p->replot();
}

bool PlotsWidget::exportPlot(const QString& path, int tab)
{
    QCustomPlot* p = plots_[tab < 0 ? tabs_->currentIndex() : tab];
    const QString suffix = QFileInfo(path).suffix().toLower();
    const int w = std::max(p->width(), 900), h = std::max(p->height(), 560);
    if (suffix == QLatin1String("pdf"))
        return p->savePdf(path, w, h);
    return p->savePng(path, w, h);
}

}  // namespace qs::ui
