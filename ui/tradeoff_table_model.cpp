#include "ui/tradeoff_table_model.h"

#include <QLocale>

#include <cmath>

namespace qs::ui {

TradeoffTableModel::TradeoffTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int TradeoffTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(rows_.size());
}

int TradeoffTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static double numeric(const PrecisionRow& r, int column)
{
    switch (column) {
    case TradeoffTableModel::Bits: return r.bitsPerWeight;
    case TradeoffTableModel::Size: return r.bytes;
    case TradeoffTableModel::VsSource: return r.compressionVsSource;
    case TradeoffTableModel::VsF32: return r.compressionVsF32;
    case TradeoffTableModel::Rmse: return r.rmse;
    case TradeoffTableModel::Sqnr: return r.sqnr;
    case TradeoffTableModel::MaxErr: return r.maxError;
    case TradeoffTableModel::P99: return r.p99;
    case TradeoffTableModel::Cosine: return r.cosine;
    case TradeoffTableModel::Time: return r.seconds;
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
            return r.precision;
        const double v = numeric(r, c);
        switch (c) {
        case Bits: return QString::number(v, 'f', 3);
        case Size: return QLocale().formattedDataSize(qint64(v), 2, QLocale::DataSizeTraditionalFormat);
        case VsSource: case VsF32: return QStringLiteral("%1×").arg(v, 0, 'f', 2);
        case Rmse: case MaxErr: case P99: return QString::number(v, 'g', 4);
        case Sqnr: return std::isfinite(v) ? QString::number(v, 'f', 2) : QStringLiteral("∞");
        case Cosine: return QString::number(v, 'f', 6);
        case Time: return QString::number(v, 'f', 2);
        }
    }
    if (role == Qt::ToolTipRole)
        return tr("%1: %n tensor(s) quantized", nullptr, r.tensors).arg(r.precision) +
               (r.fallbacks ? tr(", %n with a fallback type (row length vs block size)", nullptr, r.fallbacks) : QString());
    if (role == Qt::UserRole)  // sort key
        return c == Precision ? QVariant(r.precision) : QVariant(numeric(r, c));
    if (role == Qt::TextAlignmentRole)
        return int(c == Precision ? Qt::AlignLeft | Qt::AlignVCenter : Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant TradeoffTableModel::headerData(int section, Qt::Orientation o, int role) const
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

QString TradeoffTableModel::cellText(int row, int column) const
{
    const PrecisionRow& r = rows_[size_t(row)];
    if (column == Precision)
        return r.precision;
    const double v = numeric(r, column);
    if (column == Size)
        return QString::number(qint64(v));
    return QString::number(v, 'g', 8);
}

static QString csvField(QString s)
{
    if (s.contains(QLatin1Char(',')) || s.contains(QLatin1Char('"')) || s.contains(QLatin1Char('\n')))
        return QLatin1Char('"') + s.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return s;
}

static QString exportHeader(int c)
{
    static const char* names[] = {"precision", "bits_per_weight", "size_bytes", "compression_vs_source",
                                  "compression_vs_f32", "rmse", "sqnr_db", "max_error", "p99_abs_error",
                                  "cosine", "time_s"};
    return QString::fromLatin1(names[c]);
}

QString TradeoffTableModel::toCsv() const
{
    QStringList lines;
    QStringList h;
    for (int c = 0; c < ColumnCount; ++c)
        h << exportHeader(c);
    lines << h.join(QLatin1Char(','));
    for (int r = 0; r < int(rows_.size()); ++r) {
        QStringList f;
        for (int c = 0; c < ColumnCount; ++c)
            f << csvField(cellText(r, c));
        lines << f.join(QLatin1Char(','));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
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
