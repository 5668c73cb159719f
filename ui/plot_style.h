#pragma once
// Look of every QCustomPlot in the window, shared by the plot tabs and the sensitivity view.
#include <QRectF>

class QCPAxis;
class QCustomPlot;
class QPalette;

namespace qs::ui {

// Background from the palette's base, axes, ticks and labels in its text colour, dotted grid.
void styleAxes(QCustomPlot* p, const QPalette& pal);
// Logarithmic axis with powers-of-ten labels, or a linear one with plain numbers.
void setLogAxis(QCPAxis* a, bool log);
// Room above the highest value (a fraction of the range; of the decades on a log axis), so a
// peak does not touch the top edge and a legend can sit above it.
void addHeadroom(QCPAxis* valueAxis, double fraction = 0.15);
// Puts the legend (inside the axis rect) in the corner that covers the fewest data points
// (a filled or step graph covers the area under its line). Call after the layout (afterLayout).
void placeLegendAwayFromData(QCustomPlot* p);
// Data points of the graphs on the plot's main axes inside a pixel rectangle (as
// placeLegendAwayFromData counts them; tests use it).
int dataPointsIn(QCustomPlot* p, const QRectF& rect);

}  // namespace qs::ui
