#pragma once
// The four plot tabs (QCustomPlot): weight histogram with reconstruction levels, error
// distributions, per-layer error, size/error trade-off. They only draw what they are given.
#include "ui/analysis.h"

#include <QColor>
#include <QRectF>
#include <QWidget>

#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QTabWidget;
class QCPGraph;
class QCPItemLine;
class QCPItemText;

namespace qs::ui {

class PlotsWidget : public QWidget {
    Q_OBJECT
public:
    enum Tab { HistogramTab, ErrorTab, LayerTab, TradeoffTab, TabCount };
    // The trade-off plot's error axis: weight SQNR (higher is better), weight RMSE, or the model's
    // mean KL divergence (lower is better; whole model, when the Run evaluated accuracy).
    enum TradeoffError { ErrorSqnr, ErrorRmse, ErrorKl };
    // Its x axis: bits per weight, size, or the decode speed over the source's (whole model, when
    // the Run measured speed; higher is better, so the Pareto front runs the other way).
    enum TradeoffX { XBits, XSize, XSpeed };

    explicit PlotsWidget(QWidget* parent = nullptr);

    static QColor colorFor(int i);

    // Histogram + error tabs for one tensor; trade-off for that tensor.
    void showTensor(const TensorAnalysis& a);
    // Histogram tab for the whole model.
    void showModelHistogram(const QString& title, const ModelHistogram& h);
    // Per-layer tab; and, when whole-model is true, error and trade-off tabs from the Run.
    void showRun(const RunResult& r, bool wholeModel);
    void clearTensorPlots(const QString& message);
    void clearRunPlots(const QString& message);

    void setLogScale(bool on);
    void resetView();
    // Saves the current tab (or `tab`) as PNG or PDF by the file's suffix; false on failure.
    bool exportPlot(const QString& path, int tab = -1);

    QTabWidget* tabs() const { return tabs_; }
    QCustomPlot* plot(Tab t) const { return plots_[t]; }
    // The levels currently drawn over the histogram (tests, status).
    int levelCount() const { return levelCount_; }
    void setTradeoffError(TradeoffError e);
    // The trade-off labels as drawn (text, box in pixels, the point they name in pixels, and
    // whether a leader line joins them), for tests.
    struct LabelPlacement {
        QString text;
        QRectF box;
        QPointF point;
        bool leader = false;
    };
    std::vector<LabelPlacement> tradeoffLabels() const;
    TradeoffError tradeoffError() const;
    QComboBox* tradeoffErrorCombo() const { return tradeoffY_; }
    void setTradeoffX(TradeoffX x);
    TradeoffX tradeoffX() const;
    QComboBox* tradeoffXCombo() const { return tradeoffX_; }
    // Shows the levels of the block under histogram x (as the mouse does).
    void hoverHistogramAt(double x);

signals:
    void message(const QString& text);

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslateUi();  // controls, tab titles, tick locale, and what is drawn, in the current language
    void styleAll();
    void stylePlot(QCustomPlot* p);
    void drawHistogramTab();
    void drawLayerTab();
    void drawTradeoffTab();
    void layoutTradeoffLabels();
    void updateControls();  // the current tab's controls only
    void drawLevels(int bin);
    void applyLog(QCustomPlot* p);
    void setPlaceholder(QCustomPlot* p, const QString& text);

    QTabWidget* tabs_ = nullptr;
    QCustomPlot* plots_[TabCount] = {};
    QCheckBox* logBox_ = nullptr;
    QComboBox* levelsCombo_ = nullptr;
    QComboBox* layerMetric_ = nullptr;
    QComboBox* tradeoffX_ = nullptr;
    QComboBox* tradeoffY_ = nullptr;
    QLabel* hint_ = nullptr;
    bool log_ = false;
    int levelCount_ = 0;

    // What is shown (kept to redraw on option changes).
    bool haveTensor_ = false;
    TensorAnalysis tensor_;
    bool haveModelHist_ = false;
    QString modelHistTitle_;
    ModelHistogram modelHist_;
    bool haveRun_ = false;
    bool runWholeModel_ = false;
    RunResult run_;
    QCPGraph* levelsGraph_ = nullptr;
    // Trade-off labels (owned by the plot): the point they name, in plot coordinates.
    struct TradeLabel {
        QCPItemText* label;
        QCPItemLine* leader;
        double x, y;
    };
    std::vector<TradeLabel> tradeLabels_;
    int lastBin_ = -1;
    // Texts re-set by retranslateUi().
    QLabel* levelsLabel_ = nullptr;
    QLabel* layerLabel_ = nullptr;
    QLabel* tradeoffLabel_ = nullptr;
    QWidget* resetButton_ = nullptr;
    const char* placeholderSource_[TabCount] = {};  // untranslated text of a placeholder we can retranslate
    QString placeholderText_[TabCount];             // the placeholder as shown
};

}  // namespace qs::ui
