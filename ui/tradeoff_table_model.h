#pragma once
// The trade-off table: one row per compared precision (model-level figures of a Run).
#include <QAbstractTableModel>
#include <QString>
#include <QStringList>

#include <vector>

namespace qs::ui {

// The tensors of a row stored in one format (a row's plan may mix formats: fallbacks, presets).
struct FormatShare {
    QString format;
    int tensors = 0;
    int64_t weights = 0;
    double bytes = 0;
};

struct PrecisionRow {
    QString precision;
    // What the precision's plan gave the tensors compare measured, largest share first; and how
    // many of them fell back to another type (row length vs block size), to which types.
    std::vector<FormatShare> mix;
    int fellBack = 0;
    QStringList fallbackTypes;
    bool plan = false;              // a mixed-precision plan (Plan for Size), not a type
    bool demo = false;              // a model with random-like weights (its perplexity means little)
    double bitsPerWeight = 0;
    double bytes = 0;               // storage of the quantized model
    double compressionVsSource = 0; // source bytes / quantized bytes
    double compressionVsF32 = 0;    // F32 bytes / quantized bytes
    double rmse = 0;
    double sqnr = 0;                // dB
    double maxError = 0;
    double p99 = 0;                 // 99th percentile of |error|
    double cosine = 0;
    double seconds = 0;             // quantize + dequantize + measure time for this precision
    int tensors = 0;                // tensors quantized
    int fallbacks = 0;              // of which with a fallback type
    // Weight-error columns measured (false for the "+ imatrix" rows, which only have accuracy).
    bool weightMeasured = true;
    bool imatrix = false;           // quantized with the importance matrix
    bool errorFeedback = false;     // quantized with error-feedback rounding ("+ error feedback" rows)
    // Model accuracy (core/eval_setup.h, as quantscope-cli compare --eval reports it); shown as
    // "—" unless evaluated.
    bool evaluated = false;
    double kldMean = 0;             // mean KL(reference || quantized), nats
    double kldP99 = 0;
    double top1 = 0;                // top-1 agreement, fraction
    double ppl = 0;                 // perplexity of the quantized model
    double pplReference = 0;
    int64_t evalPositions = 0;
    // Speed (core/eval/speed.h through ui/speed_engine.h, as quantscope-cli bench-model measures
    // it); shown as "—" unless measured. The source row is the opened model in its stored dtype,
    // the reference of "speed ×" (its precision is that dtype, e.g. "F32").
    bool source = false;
    bool speedMeasured = false;
    double tgTokensPerS = 0;        // decode tokens/s (tg: one token at a time after a short prompt)
    double ppTokensPerS = 0;        // prompt tokens/s (pp: one batch)
    double speedup = 0;             // decode tokens/s over the source row's
    int speedThreads = 0;           // as measured
    int speedPromptTokens = 0;
    int speedDecodeTokens = 0;
    int speedBatchTokens = 0;
    bool speedFloatActivations = false;  // weights-only activations (else llama.cpp's vec-dot types)
};

class TradeoffTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        Precision, Bits, Size,
        KlMean, KlP99, Top1, Ppl, PplDelta,  // model accuracy
        VsSource, VsF32, Rmse, Sqnr, MaxErr, P99, Cosine, Time,
        TgSpeed, SpeedUp, PpSpeed,           // speed (last, so exports keep their older columns' places;
                                             // the window shows them after Size)
        ColumnCount
    };
    static bool isAccuracyColumn(int c) { return c >= KlMean && c <= PplDelta; }
    static bool isSpeedColumn(int c) { return c >= TgSpeed && c <= PpSpeed; }

    explicit TradeoffTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation o, int role = Qt::DisplayRole) const override;
    // The primer section explaining a column (its header's What's This links there).
    static QString primerSection(int column);

    void setRows(std::vector<PrecisionRow> rows);
    void clear() { setRows({}); }
    const std::vector<PrecisionRow>& rows() const { return rows_; }

    // The value of a numeric cell; NaN when the row has none (not evaluated, not measured).
    static double value(const PrecisionRow& r, int column);
    // What the Precision cell shows: the type, with the fallback marked ("Q2_K (fallback 31/35)").
    static QString precisionText(const PrecisionRow& r);
    // The row's fallback in words ("Q2_K: 31 of 35 tensors fell back to Q4_0"); empty if none.
    static QString fallbackText(const PrecisionRow& r);
    // Bits per weight explained: the formats of the row's plan and what each costs.
    static QString mixText(const PrecisionRow& r);
    // Text of one cell as exported (full precision, no units; empty when the row has no value).
    QString cellText(int row, int column) const;
    QString toCsv() const;
    QString toMarkdown() const;
    // Tab-separated rows (header first) for the clipboard; rows in the given order.
    QString toTsv(const std::vector<int>& rowOrder, const std::vector<int>& columns) const;

private:
    QVariant columnHeaderData(int section, Qt::Orientation o, int role) const;
    QString speedTip() const;  // what the speed columns measured (the first measured row's settings)

    std::vector<PrecisionRow> rows_;
};

}  // namespace qs::ui
