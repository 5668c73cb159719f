#pragma once
// Look of every QCustomPlot in the window, shared by the plot tabs and the sensitivity view.
class QCPAxis;
class QCustomPlot;
class QPalette;

namespace qs::ui {

// Background from the palette's base, axes, ticks and labels in its text colour, dotted grid.
void styleAxes(QCustomPlot* p, const QPalette& pal);
// Logarithmic axis with powers-of-ten labels, or a linear one with plain numbers.
void setLogAxis(QCPAxis* a, bool log);

}  // namespace qs::ui
