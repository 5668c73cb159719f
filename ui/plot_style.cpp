#include "ui/plot_style.h"

#include <qcustomplot.h>

#include <QPalette>

namespace qs::ui {

void styleAxes(QCustomPlot* p, const QPalette& pal)
{
    const QColor fg = pal.color(QPalette::WindowText);
    QColor grid = fg;
    grid.setAlpha(40);
    p->setBackground(pal.brush(QPalette::Base));
    for (QCPAxis* a : {p->xAxis, p->yAxis, p->xAxis2, p->yAxis2}) {
        a->setBasePen(QPen(fg));
        a->setTickPen(QPen(fg));
        a->setSubTickPen(QPen(fg));
        a->setTickLabelColor(fg);
        a->setLabelColor(fg);
        a->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
}

void setLogAxis(QCPAxis* a, bool log)
{
    if (log) {
        a->setScaleType(QCPAxis::stLogarithmic);
        a->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        a->setNumberFormat(QStringLiteral("eb"));
        a->setNumberPrecision(0);
    } else {
        a->setScaleType(QCPAxis::stLinear);
        a->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        a->setNumberFormat(QStringLiteral("gb"));
        a->setNumberPrecision(6);
    }
}

}  // namespace qs::ui
