#pragma once
// The one CSV writer (RFC 4180): the CLI's `compare --csv` and the window's table export both
// write through it, with the same column names (core/analysis/compare.h, kCompareCsvColumns).
#include <QString>
#include <QStringList>

namespace qs {

// A field quoted when it holds a comma, a quote or a line break (quotes doubled).
QString csvField(const QString& s);
// The fields as one line, comma-separated, ending in '\n'.
QString csvLine(const QStringList& fields);

}  // namespace qs
