#pragma once
// Block inspector: one block of one tensor under one precision, explained. A heat map of the
// per-block error picks the block (or the row/block spin boxes, or a value clicked in the weight
// histogram); the stem plot shows the block's original weights, every level of its grid as a
// horizontal line and each weight's rounding to its level; beside it the stored codes, the
// scale (zero point / min, K-quant super-block and sub-block scales) and the formula with the
// actual numbers. Switching the precision updates it live; "Add an outlier" multiplies one
// weight by 10 to show what one large weight does to its block's scale.
#include "core/formats/inspect.h"

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QCPRange;
class QCustomPlot;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QThreadPool;

namespace qs {
class ActivationStats;
class Model;
}

namespace qs::ui {

class BlockInspector : public QWidget {
    Q_OBJECT
public:
    explicit BlockInspector(QWidget* parent = nullptr);
    ~BlockInspector() override;

    // Offers the model's 2-D tensors; selects the largest one.
    void setModel(std::shared_ptr<const qs::Model> model);
    // Inspects weights given directly (rows x cols, row-major), e.g. for demos and tests.
    void setWeights(const QString& name, std::vector<float> weights, int64_t rows, int64_t cols);
    bool selectTensor(const QString& name);
    bool setPrecision(const QString& format);
    void selectBlock(int64_t row, int64_t block);
    // Selects the first block holding the weight closest to value (a click in the histogram).
    void selectWeightValue(double value);
    void selectWeight(int index);  // within the block
    void setOutlier(bool on);
    // Input moments of a calibration stream (the last Run with error feedback; null: none): the
    // "Error feedback" switch then shows the codes error-feedback rounding stores for the row, for
    // tensors that have moments of their width and formats error feedback writes.
    void setCalibration(std::shared_ptr<const qs::ActivationStats> calibration);
    bool errorFeedbackAvailable() const;
    void setErrorFeedback(bool on);
    bool errorFeedback() const;

    QString tensorName() const;
    QString precision() const;
    int64_t row() const;
    int64_t block() const;
    int selectedWeight() const { return selected_; }
    bool outlier() const;
    const std::optional<qs::BlockInspection>& inspection() const { return insp_; }
    // A large tensor (over kForegroundValues weights) is decoded on a worker thread; meanwhile the
    // inspector shows that it is reading, and tensorLoaded() follows (also after an error).
    static constexpr int64_t kForegroundValues = int64_t(1) << 20;
    bool isLoading() const { return loading_; }
    // Error feedback rounds a row on a worker (it factors a matrix of the row's width), once per
    // row, format, outlier and calibration; meanwhile the inspector shows that it is computing,
    // and inspected() follows with the block (or the error as its text).
    bool isComputing() const { return !efPendingKey_.isEmpty(); }
    // The heat map's rows of more than kHeatForegroundValues weights are rounded on a worker; until
    // then the map is empty and says it is computing.
    static constexpr int64_t kHeatForegroundValues = int64_t(1) << 16;
    bool isHeatMapComputing() const { return heatComputing_; }
    QCustomPlot* stemPlot() const { return stem_; }
    QCustomPlot* heatMap() const { return heat_; }
    QCustomPlot* errorPlot() const { return errPlot_; }
    // The heat map's colour-scale range, and whether every block it shows is stored exactly.
    QCPRange heatMapDataRange() const;
    bool heatMapExact() const;
    QString infoText() const;

signals:
    void inspected();
    void tensorLoaded();

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslateUi();
    void loadTensor(int index);
    void applyTensor(int tensor, std::vector<float> weights);
    void failLoad(const QString& error);
    void updateHeatMap();
    // Each shown block's RMSE under f (rows x blocks, row-major): GUI thread or worker.
    static std::vector<double> blockRmse(const qs::Format& f, const float* w, int rows, int64_t cols, int len);
    void applyHeatMap(const std::vector<double>& cells, int rows, int64_t nb);
    void markBlock();  // the inspected block on the heat map
    void updateHeatTitle();
    void inspect();
    void draw();
    void fillTable();
    void updateInfo();
    // Clears the block (plot, codes table, errors, marks) and says why there is none.
    void showNothing(const QString& why);
    const qs::Format* format() const;
    void updateErrorFeedbackSwitch();
    // Rounds the row (outlier applied) by error feedback on a worker; inspect() follows with it.
    void startErrorFeedback(const QString& key, const qs::Format& f, std::vector<float> row);
    void dropErrorFeedback();  // a rounding still running is no longer wanted

    std::shared_ptr<const qs::Model> model_;
    std::vector<int> tensorIndex_;  // combo entry -> model tensor
    QString name_;
    std::vector<float> weights_;    // current tensor as loaded
    int64_t rows_ = 0, cols_ = 0;
    std::optional<qs::BlockInspection> insp_;
    int selected_ = 0;
    int outlierIndex_ = -1;  // weight multiplied by 10 (within the block)
    bool updating_ = false;
    bool loading_ = false;
    int loadGeneration_ = 0;  // a tensor chosen later supersedes a load still running
    QThreadPool* pool_ = nullptr;  // the workers (reading, rounding), waited for when the inspector goes

    QLabel* tensorLabel_ = nullptr;
    QComboBox* tensorBox_ = nullptr;
    QLabel* precisionLabel_ = nullptr;
    QComboBox* precisionBox_ = nullptr;
    QLabel* rowLabel_ = nullptr;
    QSpinBox* rowBox_ = nullptr;
    QLabel* blockLabel_ = nullptr;
    QSpinBox* blockBox_ = nullptr;
    QPushButton* outlierButton_ = nullptr;
    QCheckBox* efBox_ = nullptr;
    std::shared_ptr<const qs::ActivationStats> calibration_;
    QString efRowKey_;                 // the row error feedback last rounded (see inspect())
    std::vector<unsigned char> efRow_;  // and its bytes
    QString efRowError_;               // or why it could not
    QString efPendingKey_;             // the row being rounded on a worker (empty: none)
    int efGeneration_ = 0;             // a row chosen later supersedes a rounding still running
    QCustomPlot* heat_ = nullptr;
    QCPColorMap* heatMap_ = nullptr;
    QCustomPlot* stem_ = nullptr;
    QCustomPlot* errPlot_ = nullptr;
    QLabel* info_ = nullptr;
    QTableWidget* table_ = nullptr;
    QLabel* heatTitle_ = nullptr;
    int heatRows_ = 0;
    bool heatExact_ = false;
    bool heatComputing_ = false;
    int heatGeneration_ = 0;  // a precision or tensor chosen later supersedes a heat map computing
};

}  // namespace qs::ui
