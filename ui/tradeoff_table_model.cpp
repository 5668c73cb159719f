#include "ui/tradeoff_table_model.h"

#include "core/util/csv.h"
#include "ui/language.h"
#include "ui/primer.h"

#include <QLocale>

#include <cmath>
#include <limits>

namespace qs::ui {

TradeoffTableModel::TradeoffTableModel(QObject* parent) : QAbstractTableModel(parent)
{
    // A model gets no LanguageChange event: headers (tr) and cells (QLocale) are asked for again
    // when the language switches.
    connect(&Language::instance(), &Language::languageChanged, this, [this] {
        emit headerDataChanged(Qt::Horizontal, 0, columnCount() - 1);
        if (rowCount() > 0)
            emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
    });
}

int TradeoffTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int TradeoffTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

double TradeoffTableModel::value(const PrecisionRow& r, int column)
{
    const double none = std::numeric_limits<double>::quiet_NaN();
    if (isAccuracyColumn(column) && !r.evaluated)
        return none;
    if (isSpeedColumn(column) && !r.speedMeasured)
        return none;
    if (!r.weightMeasured && column >= Rmse && column <= Cosine)
        return none;
    switch (column) {
    case Bits: return r.bitsPerWeight;
    case Size: return r.bytes;
    case VsSource: return r.compressionVsSource;
    case VsF32: return r.compressionVsF32;
    case Rmse: return r.rmse;
    case Sqnr: return r.sqnr;
    case MaxErr: return r.maxError;
    case P99: return r.p99;
    case Cosine: return r.cosine;
    case KlMean: return r.kldMean;
    case KlP99: return r.kldP99;
    case Top1: return r.top1;
    case Ppl: return r.ppl;
    case PplDelta: return r.ppl - r.pplReference;
    case TgSpeed: return r.tgTokensPerS;
    case SpeedUp: return r.speedup;
    case PpSpeed: return r.ppTokensPerS;
    case Time: return r.weightMeasured ? r.seconds : none;
    default: return 0;
    }
}

QVariant TradeoffTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= int(rows_.size()))
        return {};
    const PrecisionRow& r = rows_[size_t(index.row())];
    const int c = index.column();
    if (role == Qt::DisplayRole) {
        if (c == Precision)
            return precisionText(r);
        const double v = value(r, c);
        if (std::isnan(v))
            return QStringLiteral("—");
        const QLocale loc;  // the chosen language's number format
        switch (c) {
        case Bits: return loc.toString(v, 'f', 3);
        case Size: return loc.formattedDataSize(qint64(v), 2, QLocale::DataSizeIecFormat);
        case VsSource: case VsF32: return loc.toString(v, 'f', 2) + QStringLiteral("×");
        case Rmse: case MaxErr: case P99: return loc.toString(v, 'g', 4);
        case Sqnr: return std::isfinite(v) ? loc.toString(v, 'f', 2) : QStringLiteral("∞");
        case Cosine: return loc.toString(v, 'f', 6);
        case Time: return loc.toString(v, 'f', 2);
        case KlMean: case KlP99: return loc.toString(v, 'g', 4);
        case Top1: return loc.toString(100.0 * v, 'f', 2) + QStringLiteral(" %");
        case Ppl: return loc.toString(v, 'f', 3);
        case PplDelta: return (v >= 0 ? QStringLiteral("+") : QString()) + loc.toString(v, 'f', 3);
        case TgSpeed: case PpSpeed: return loc.toString(v, 'f', v < 100 ? 2 : 1);
        case SpeedUp: return loc.toString(v, 'f', 2) + QStringLiteral("×");
        }
    }
    if (role == Qt::ToolTipRole) {
        if (c == Bits && !r.mix.empty())
            return mixText(r);
        if (r.source) {
            QString tip = tr("%1: the opened model as stored, the reference of “speed ×”").arg(r.precision);
            if (r.speedMeasured)
                tip += QLatin1Char('\n') + speedTip();
            return tip;
        }
        QString tip = r.plan ? tr("%1: a mixed-precision plan for a size target (Analysis > Plan for Size); its "
                                  "bits per weight count every tensor of the forward pass, as plan-for-size does")
                                   .arg(r.precision)
                             : tr("%1: %n tensor(s) quantized", nullptr, r.tensors).arg(r.precision);
        if (!r.plan && r.fellBack)
            tip += QLatin1Char('\n') + fallbackText(r);
        else if (!r.plan && r.fallbacks)
            tip += tr(", %n with a fallback type (row length vs block size)", nullptr, r.fallbacks);
        if (!r.mix.empty())
            tip += QLatin1Char('\n') + mixText(r);
        if (r.demo && r.evaluated)
            tip += QLatin1Char('\n') + tr("The synthetic demo's weights are random-like: its perplexity is in the "
                                          "thousands and a Δ perplexity can even be negative; use KL and top-1.");
        if (r.imatrix)
            tip += QLatin1Char('\n') + tr("Quantized with the importance matrix (calibrated on another token stream "
                                          "than the evaluation); weight errors are not measured for this row");
        if (r.errorFeedback)
            tip += QLatin1Char('\n') + tr("Quantized with error-feedback rounding (GPTQ-style: each matrix's output on "
                                          "another token stream than the evaluation changes least; ordinary llama.cpp "
                                          "blocks); weight errors are not measured for this row");
        if (r.evaluated)
            tip += QLatin1Char('\n') + tr("Evaluated on %n position(s); reference perplexity %1", nullptr,
                                          int(r.evalPositions))
                                           .arg(r.pplReference, 0, 'f', 3);
        if (r.speedMeasured && isSpeedColumn(c))
            tip += QLatin1Char('\n') + speedTip();
        return tip;
    }
    if (role == Qt::WhatsThisRole)
        return headerData(c, Qt::Horizontal, role);
    if (role == Qt::UserRole) {  // sort key (rows without a value first)
        if (c == Precision)
            return r.precision;
        const double v = value(r, c);
        return std::isnan(v) ? -std::numeric_limits<double>::infinity() : v;
    }
    if (role == Qt::TextAlignmentRole)
        return int(c == Precision ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QString TradeoffTableModel::precisionText(const PrecisionRow& r)
{
    if (r.source)
        return tr("%1 (source)").arg(r.precision);
    if (!r.plan && r.fellBack > 0)
        return tr("%1 (fallback %2/%3)").arg(r.precision, QLocale().toString(r.fellBack), QLocale().toString(r.tensors));
    return r.precision;
}

QString TradeoffTableModel::fallbackText(const PrecisionRow& r)
{
    if (r.plan || r.fellBack <= 0)
        return {};
    return tr("%1: %2 of %n tensor(s) fell back to %3 (their rows are not a multiple of its block size), so this row "
              "measures mostly %3",
              nullptr, r.tensors)
        .arg(r.precision, QLocale().toString(r.fellBack), r.fallbackTypes.join(QStringLiteral(", ")));
}

QString TradeoffTableModel::mixText(const PrecisionRow& r)
{
    const QLocale loc;
    int64_t weights = 0;
    for (const FormatShare& f : r.mix)
        weights += f.weights;
    QStringList parts;
    for (const FormatShare& f : r.mix)
        parts << tr("%n tensor(s) %1 at %2 bits/weight", nullptr, f.tensors)
                     .arg(f.format, loc.toString(f.weights > 0 ? 8.0 * f.bytes / double(f.weights) : 0.0, 'f', 2));
    return tr("%1 bits/weight over %2 weights: %3. Every block's scales count, and tensors whose rows a block "
              "does not divide keep a wider type, so a \"4-bit\" row can cost much more.")
        .arg(loc.toString(r.bitsPerWeight, 'f', 2), loc.toString(qlonglong(weights)), parts.join(QStringLiteral("; ")));
}

QString TradeoffTableModel::primerSection(int column)
{
    switch (column) {
    case Bits: case TgSpeed: case SpeedUp: case PpSpeed: return QStringLiteral("bits");
    case Size: case VsSource: case VsF32: return QStringLiteral("what");
    case Precision: return QStringLiteral("blocks");
    default: return QStringLiteral("video");  // the error measures
    }
}

QVariant TradeoffTableModel::headerData(int section, Qt::Orientation o, int role) const
{
    // Tooltips end with the primer hint; What's This (Shift+F1) is the tooltip with a link into the primer.
    if (o == Qt::Horizontal && (role == Qt::ToolTipRole || role == Qt::WhatsThisRole)) {
        QString tip = columnHeaderData(section, o, Qt::ToolTipRole).toString();
        if (tip.isEmpty())
            tip = columnHeaderData(section, o, Qt::DisplayRole).toString();
        return role == Qt::ToolTipRole ? Primer::withHint(tip) : Primer::whatsThis(tip, primerSection(section));
    }
    return columnHeaderData(section, o, role);
}

QVariant TradeoffTableModel::columnHeaderData(int section, Qt::Orientation o, int role) const
{
    if (o != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Precision: return tr("Precision");
        case Bits: return tr("Bits/weight");
        case Size: return tr("Size");
        case VsSource: return tr("vs source");
        case VsF32: return tr("vs F32");
        case Rmse: return tr("RMSE");
        case Sqnr: return tr("SQNR (dB)");
        case MaxErr: return tr("Max error");
        case P99: return tr("p99 |error|");
        case Cosine: return tr("Cosine");
        case Time: return tr("Time (s)");
        case KlMean: return tr("KL mean");
        case KlP99: return tr("KL p99");
        case Top1: return tr("Top-1 agreement");
        case Ppl: return tr("Perplexity");
        case PplDelta: return tr("Δ perplexity");
        case TgSpeed: return tr("tokens/s");
        case SpeedUp: return tr("speed ×");
        case PpSpeed: return tr("prompt tokens/s");
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Size: return tr("Storage of the quantized tensors (as quantscope-cli compare reports it)");
        case Bits: return tr("Bits per weight over the quantized tensors");
        case VsSource: return tr("Compression relative to the opened model's own storage of the same tensors");
        case VsF32: return tr("Compression relative to storing every weight as F32");
        case Sqnr: return tr("Signal-to-quantization-noise ratio: 10·log10(Σx² / Σ(x−q)²)");
        case P99: return tr("99th percentile of the absolute error");
        case Cosine: return tr("Cosine similarity between the original and the dequantized weights");
        case KlMean: return tr("Mean KL divergence of the quantized model's next-token distribution from the "
                               "original's, in nats (Analysis > Evaluate Model Accuracy)");
        case KlP99: return tr("99th percentile of the per-position KL divergence");
        case Top1: return tr("How often the quantized and the original model agree on the most likely next token");
        case Ppl: return tr("Perplexity of the quantized model on the evaluation tokens");
        case PplDelta: return tr("Perplexity of the quantized model minus that of the original");
        case Precision: return tr("The format or preset the model was quantized to");
        case Rmse: return tr("Root mean square of the weight error");
        case MaxErr: return tr("Largest absolute weight error");
        case Time: return tr("Time to quantize, dequantize and measure at this precision");
        case TgSpeed: case SpeedUp: case PpSpeed: return speedTip();
        }
    }
    return {};
}

void TradeoffTableModel::setRows(std::vector<PrecisionRow> rows)
{
    beginResetModel();
    rows_ = std::move(rows);
    endResetModel();
}

QString TradeoffTableModel::speedTip() const
{
    const PrecisionRow* m = nullptr;
    for (const PrecisionRow& r : rows_)
        if (r.speedMeasured) {
            m = &r;
            break;
        }
    if (!m)
        return tr("Decode speed (tokens/s, one token at a time after a 16-token prompt, as llama-bench tg128), "
                  "its ratio to the opened model's own, and prompt speed (one 512-token batch, pp512), measured "
                  "on the quantized weights as quantscope-cli bench-model does (Analysis > Measure Speed)");
    const QLocale loc;
    return tr("Decode: %1 tokens generated one at a time after a %2-token prompt (llama-bench tg%1); prompt: one "
              "batch of %3 tokens (pp%3); %n thread(s), activations %4, on the quantized weights as "
              "quantscope-cli bench-model measures them. “speed ×” is the decode speed over the source row's.",
              nullptr, m->speedThreads)
        .arg(loc.toString(m->speedDecodeTokens), loc.toString(m->speedPromptTokens), loc.toString(m->speedBatchTokens),
             m->speedFloatActivations ? tr("float (weights only)") : tr("llama (quantized as llama.cpp does)"));
}

QString TradeoffTableModel::cellText(int row, int column) const
{
    const PrecisionRow& r = rows_[size_t(row)];
    if (column == Precision)
        return r.precision;
    const double v = value(r, column);
    if (std::isnan(v))
        return {};
    if (column == Size)
        return QString::number(qint64(v));
    return QString::number(v, 'g', 8);
}

static QString exportHeader(int c)
{
    // The CLI's names (`compare --csv`, app/cli/cmd_compare.cpp; `bench-model --json` for the speed
    // columns) for the columns both have.
    static const char* names[] = {"type", "bits_per_weight", "size_bytes", "kld_mean", "kld_p99",
                                  "top1_agreement", "ppl", "ppl_delta", "compression_vs_source",
                                  "compression_vs_f32", "rmse", "sqnr_db", "max_abs_error", "p99_abs_error",
                                  "cosine", "seconds", "tg_tokens_per_s", "speedup_vs_source", "pp_tokens_per_s"};
    static_assert(sizeof names / sizeof names[0] == TradeoffTableModel::ColumnCount);
    return QString::fromLatin1(names[c]);
}

QString TradeoffTableModel::toCsv() const
{
    QStringList h;
    for (int c = 0; c < ColumnCount; ++c)
        h << exportHeader(c);
    QString out = csvLine(h);
    for (int r = 0; r < int(rows_.size()); ++r) {
        QStringList f;
        for (int c = 0; c < ColumnCount; ++c)
            f << cellText(r, c);
        out += csvLine(f);
    }
    return out;
}

QString TradeoffTableModel::toMarkdown() const
{
    QStringList lines;
    QStringList h, sep;
    for (int c = 0; c < ColumnCount; ++c) {
        h << headerData(c, Qt::Horizontal).toString();
        sep << (c == Precision ? QStringLiteral("---") : QStringLiteral("---:"));
    }
    lines << QStringLiteral("| ") + h.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    lines << QStringLiteral("|") + sep.join(QStringLiteral("|")) + QStringLiteral("|");
    for (int r = 0; r < int(rows_.size()); ++r) {
        QStringList f;
        for (int c = 0; c < ColumnCount; ++c)
            f << data(index(r, c)).toString().replace(QLatin1Char('|'), QStringLiteral("\\|"));
        lines << QStringLiteral("| ") + f.join(QStringLiteral(" | ")) + QStringLiteral(" |");
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

QString TradeoffTableModel::toTsv(const std::vector<int>& rowOrder, const std::vector<int>& columns) const
{
    QStringList lines;
    QStringList h;
    for (int c : columns)
        h << headerData(c, Qt::Horizontal).toString();
    lines << h.join(QLatin1Char('\t'));
    for (int r : rowOrder) {
        QStringList f;
        for (int c : columns)
            f << cellText(r, c);
        lines << f.join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

}  // namespace qs::ui
