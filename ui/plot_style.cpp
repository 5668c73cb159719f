#include "ui/plot_style.h"

#include <qcustomplot.h>

#include <QPalette>

#include <cmath>

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

void addHeadroom(QCPAxis* a, double fraction)
{
    const QCPRange r = a->range();
    if (a->scaleType() == QCPAxis::stLogarithmic) {
        if (r.lower > 0 && r.upper > r.lower)
            a->setRange(r.lower, r.upper * std::pow(r.upper / r.lower, fraction));
    } else if (r.size() > 0) {
        a->setRange(r.lower, r.upper + r.size() * fraction);
    }
}

int dataPointsIn(QCustomPlot* p, const QRectF& rect)
{
    int n = 0;
    for (int i = 0; i < p->graphCount(); ++i) {
        QCPGraph* g = p->graph(i);
        if (!g->visible() || g->valueAxis() != p->yAxis || g->keyAxis() != p->xAxis)
            continue;
        // Filled and step graphs cover the area down to the axis; others their points.
        const bool area = g->brush().style() != Qt::NoBrush || g->lineStyle() == QCPGraph::lsStepCenter ||
                          g->lineStyle() == QCPGraph::lsImpulse;
        const double base = p->axisRect()->rect().bottom();
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            if (!std::isfinite(it->value) || !std::isfinite(it->key))
                continue;
            const double x = p->xAxis->coordToPixel(it->key), y = p->yAxis->coordToPixel(it->value);
            if (x < rect.left() || x > rect.right())
                continue;
            if (area ? (rect.bottom() >= y && rect.top() <= base) : rect.contains(QPointF(x, y)))
                ++n;
        }
    }
    return n;
}

void placeLegendAwayFromData(QCustomPlot* p)
{
    if (!p->legend->visible() || p->legend->layout() != p->axisRect()->insetLayout())
        return;
    QCPLayoutInset* inset = p->axisRect()->insetLayout();
    const QRect area = p->axisRect()->rect();
    const QSize size = p->legend->outerRect().size();
    if (size.isEmpty())
        return;
    const Qt::Alignment corners[] = {Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
                                     Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft,
                                     Qt::AlignTop | Qt::AlignHCenter};
    Qt::Alignment best = inset->insetAlignment(0);
    int bestCount = -1;
    for (Qt::Alignment c : corners) {
        const int x = (c & Qt::AlignLeft)    ? area.left()
                      : (c & Qt::AlignRight) ? area.right() - size.width()
                                             : area.center().x() - size.width() / 2;
        const int y = (c & Qt::AlignTop) ? area.top() : area.bottom() - size.height();
        const int n = dataPointsIn(p, QRectF(x, y, size.width(), size.height()));
        if (bestCount < 0 || n < bestCount) {
            bestCount = n;
            best = c;
        }
    }
    if (best != inset->insetAlignment(0)) {
        inset->setInsetAlignment(0, best);
        inset->update(QCPLayoutElement::upLayout);
    }
}

}  // namespace qs::ui
