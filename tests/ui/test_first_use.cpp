// The window as a new user meets it (issue 15), offscreen: the built-in model and the first
// screen, readable tensor names, an inspector without stale data, labels and legends that stay
// with their data, a window that keeps its width in every language, export names that follow
// the precision, fallbacks and plans as rows, errors in the file format's terms, units and
// numbers, and what is remembered on restart.
#include "core/export/demo_model.h"
#include "core/export/export.h"
#include "core/formats/format.h"
#include "core/plan/plan.h"
#include "core/model/model.h"
#include "tests/support/fixtures.h"
#include "ui/block_inspector.h"
#include "ui/eval_engine.h"
#include "ui/export_dialog.h"
#include "ui/language.h"
#include "ui/evaluation_controller.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plot_style.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/tradeoff_table_model.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>
#include <set>

using namespace qs;
using namespace qs::ui;
using qs::test::gaussian;

namespace {

const QString kStories = QStringLiteral("stories260K-f32.gguf");

void openStories(MainWindow& w)
{
    w.openFile(test::stories(kStories));
    QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
}

bool runAndWait(MainWindow& w, int timeoutMs = 60000)
{
    QSignalSpy done(&w, &MainWindow::runFinished);
    w.run();
    if (!done.wait(timeoutMs) && done.isEmpty())
        return false;
    return done.last().at(0).toBool();
}

int tensorIndex(const Model& m, const char* name)
{
    for (int i = 0; i < int(m.tensors.size()); ++i)
        if (m.tensors[size_t(i)].name == name)
            return i;
    return -1;
}

// The tensor rows of the browser's view (all groups expanded), with the text each one shows.
struct ShownName {
    QString full, shown, drawn;
};
std::vector<ShownName> shownNames(ModelBrowser* b)
{
    QTreeView* v = b->view();
    v->expandAll();
    QApplication::processEvents();
    std::vector<ShownName> out;
    const QAbstractItemModel* m = v->model();
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int r = 0; r < m->rowCount(parent); ++r) {
            const QModelIndex i = m->index(r, ModelBrowser::Name, parent);
            if (i.data(ModelBrowser::TensorIndexRole).toInt() >= 0) {
                const QRect rect = v->visualRect(i);
                const QString text = i.data().toString();
                // What the delegate draws: the text elided (in the middle) to the cell's width
                // less the item margins.
                const int margin = v->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, v) + 1;
                out.push_back({i.data(ModelBrowser::FullNameRole).toString(), text,
                               v->fontMetrics().elidedText(text, Qt::ElideMiddle, rect.width() - 2 * margin)});
            }
            walk(m->index(r, 0, parent));
        }
    };
    walk({});
    return out;
}


}  // namespace

class TestFirstUse : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        test::useEmptySettings(QStringLiteral("test_ui_first_use"));
    }
    void init() { QVERIFY(Language::instance().setLanguage(QStringLiteral("en"))); }
    void cleanup() { Language::instance().setLanguage(QStringLiteral("en")); }

    // Item 12: the built-in model is stories260K itself, read from the embedded resource.
    void builtinModelIsStories260K()
    {
        const engine::Opened o = engine::builtinModel();
        QVERIFY2(o.error.isEmpty(), qPrintable(o.error));
        const auto ref = openModel(test::stories(kStories).toStdString());
        QCOMPARE(o.model->tensors.size(), ref->tensors.size());
        QCOMPARE(o.model->nParams(), ref->nParams());
        QVERIFY(o.label.contains(QStringLiteral("stories260K")));
        for (size_t i = 0; i < ref->tensors.size(); ++i)
            QVERIFY(o.model->toFloat(o.model->tensors[i]) == ref->toFloat(ref->tensors[i]));
        QVERIFY(engine::canEvaluate(*o.model));
        // The demo stays, and says it is random-like.
        const engine::Opened demo = engine::demoModel(200'000);
        QVERIFY(demo.label.contains(QStringLiteral("random-like")));
    }

    // Item 12 (and 17): a first start opens the built-in model with accuracy on and runs; the
    // table then shows real KL and perplexity. The model and the toggles are remembered.
    void firstStartShowsAccuracyAndIsRemembered()
    {
        QSettings().clear();
        {
            MainWindow w;
            w.resize(1280, 800);
            w.show();
            QSignalSpy done(&w, &MainWindow::runFinished);
            w.openStartupModel();
            QVERIFY(w.model());
            QCOMPARE(QString::fromStdString(w.model()->path), engine::builtinModelPath());
            QVERIFY(w.evaluation()->evaluateAction()->isChecked());
            QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 60000);
            QVERIFY(done.last().at(0).toBool());
            const auto& rows = w.tableModel()->rows();
            QVERIFY(rows.size() >= 3);
            for (const auto& r : rows) {
                QVERIFY(r.evaluated);
                QVERIFY(r.ppl > 1 && r.ppl < 1000);  // a real model: not the demo's thousands
            }
            QVERIFY(!w.tableView()->isColumnHidden(TradeoffTableModel::KlMean));
            auto* caption = w.findChild<QLabel*>(QStringLiteral("tableCaption"));
            QVERIFY(caption && caption->text().contains(QStringLiteral("Whole model")));
            // The first tab says what to do.
            auto* hint = w.plots()->findChild<QLabel*>(QStringLiteral("plotHint"));
            QTRY_VERIFY(hint && hint->text().contains(QStringLiteral("Run")));
            w.evaluation()->imatrixAction()->setChecked(true);
            QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
            w.openFile(test::stories(kStories));
            QTRY_VERIFY_WITH_TIMEOUT(w.model() && w.model()->path != engine::builtinModelPath().toStdString(), 20000);
            QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
            w.close();  // writes the settings
        }
        MainWindow again;
        QVERIFY(again.evaluation()->evaluateAction()->isChecked());
        QVERIFY(again.evaluation()->imatrixAction()->isChecked());
        again.openStartupModel();
        QTRY_VERIFY_WITH_TIMEOUT(again.model() != nullptr, 20000);
        QCOMPARE(QFileInfo(QString::fromStdString(again.model()->path)).fileName(), kStories);
        QTRY_VERIFY_WITH_TIMEOUT(!again.isBusy(), 60000);
        QVERIFY(again.tableModel()->rowCount() == 0);  // a returning user's own model is not run unasked
        QSettings().clear();
    }

    // Item 1 is in test_translations (fonts); item 3: tensor names stay readable and distinct.
    void browserNamesAreShortDistinctAndNotCut_data()
    {
        QTest::addColumn<QString>("lang");
        for (const char* l : {"en", "de", "zh_CN", "hi"})
            QTest::newRow(l) << QString::fromLatin1(l);
    }
    void browserNamesAreShortDistinctAndNotCut()
    {
        QFETCH(QString, lang);
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        openStories(w);
        QVERIFY(Language::instance().setLanguage(lang));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        QVERIFY(Language::instance().setLanguage(lang));
        QApplication::processEvents();
        const auto names = shownNames(w.browser());
        QCOMPARE(int(names.size()), w.browser()->tensorRowCount());
        std::map<QString, QString> byParent;  // what is drawn within one layer must differ
        std::set<QString> drawn;
        for (const auto& n : names) {
            QVERIFY2(n.drawn == n.shown, qPrintable(lang + QStringLiteral(": '") + n.shown + QStringLiteral("' drawn as '") +
                                                    n.drawn + QLatin1Char('\'')));
            const QString layer = n.full.section(QLatin1Char('.'), 0, 1);
            QVERIFY2(drawn.insert(layer + QLatin1Char('/') + n.drawn).second, qPrintable(n.full));
        }
        // Short roles, full names in the tooltip and for the filter.
        const int q = tensorIndex(*w.model(), "blk.0.attn_q.weight");
        QVERIFY(q >= 0);
        bool found = false;
        for (const auto& n : names)
            if (n.full == QStringLiteral("blk.0.attn_q.weight")) {
                QCOMPARE(n.shown, QStringLiteral("attn_q"));
                found = true;
            }
        QVERIFY(found);
        w.browser()->setFilter(QStringLiteral("blk.1.ffn"));
        QCOMPARE(int(shownNames(w.browser()).size()), 4);  // down, gate, up, norm
        w.browser()->setFilter(QString());
        // The filter box keeps its width beside the plan controls.
        auto* filter = w.browser()->findChild<QWidget*>(QStringLiteral("browserFilter"));
        QVERIFY(filter && filter->width() >= 200);
    }

    // Item 4: an impossible format leaves nothing of the previous one on screen.
    void inspectorClearsOnImpossibleFormat()
    {
        BlockInspector w;
        w.resize(1200, 700);
        w.show();
        w.setWeights(QStringLiteral("w384"), gaussian(4 * 384, 3), 4, 384);
        QVERIFY(w.setPrecision(QStringLiteral("Q4_0")));
        QVERIFY(w.inspection());
        auto* table = w.findChild<QTableWidget*>();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 32);
        QVERIFY(w.stemPlot()->graphCount() > 0);
        QVERIFY(w.stemPlot()->legend->visible());
        QVERIFY(w.setPrecision(QStringLiteral("Q2_K")));  // 256-weight super-blocks: 384 is no multiple
        QVERIFY(!w.inspection());
        QCOMPARE(table->rowCount(), 0);
        QCOMPARE(w.stemPlot()->plottableCount(), 0);
        QVERIFY(!w.stemPlot()->legend->visible());  // no empty legend box
        for (QCustomPlot* p : w.findChildren<QCustomPlot*>())
            if (p != w.heatMap())
                QCOMPARE(p->plottableCount(), 0);  // the error bars too
        QVERIFY2(w.infoText().contains(QStringLiteral("cannot store rows of 384")), qPrintable(w.infoText()));
        QVERIFY(w.infoText().contains(QStringLiteral("256")));
        // And back.
        QVERIFY(w.setPrecision(QStringLiteral("Q8_0")));
        QVERIFY(w.inspection());
        QCOMPARE(table->rowCount(), 32);
    }

    // Item 16: levels used out of those the block has; the sign of llama.cpp's scale explained.
    void inspectorCountsUsedLevelsAndExplainsNegativeScale()
    {
        BlockInspector w;
        w.setWeights(QStringLiteral("w"), gaussian(8 * 256, 4), 8, 256);
        QVERIFY(w.setPrecision(QStringLiteral("Q4_0")));
        QVERIFY2(w.infoText().contains(QRegularExpression(QStringLiteral("\\d+ of 16 levels used"))), qPrintable(w.infoText()));
        // llama.cpp's sign convention: some blocks get a negative scale; those (only) say why.
        int negative = 0, positive = 0;
        for (int r = 0; r < 8; ++r)
            for (int b = 0; b < 8; ++b) {
                w.selectBlock(r, b);
                QVERIFY(w.inspection());
                const bool note = w.infoText().contains(QStringLiteral("scale is negative"));
                QCOMPARE(note, w.inspection()->scale < 0);
                (w.inspection()->scale < 0 ? negative : positive) += 1;
            }
        QVERIFY(negative > 0 && positive > 0);
    }

    // Item 15: one number format per language, KiB for powers of 1024.
    void unitsAndNumbersFollowTheLanguage()
    {
        QCOMPARE(engine::bytesText(1024), QStringLiteral("1.00 KiB"));
        QCOMPARE(engine::bytesText(3 * 1024 * 1024), QStringLiteral("3.00 MiB"));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        BlockInspector insp;
        insp.setWeights(QStringLiteral("w"), gaussian(4 * 256, 5), 4, 256);
        for (const char* p : {"Q8_0", "Q4_0", "Q4_K", "INT4_ASYM_G32"}) {
            QVERIFY(insp.setPrecision(QString::fromLatin1(p)));
            QString text = insp.infoText();
            text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
            text.remove(QRegularExpression(QStringLiteral("llama\\.cpp|\\d+\\.\\d+-Bit")));  // names, not numbers
            QVERIFY2(!text.contains(QRegularExpression(QStringLiteral("\\d\\.\\d"))), qPrintable(QString::fromLatin1(p) + QLatin1Char(' ') + text));
            QVERIFY(text.contains(QRegularExpression(QStringLiteral("\\d,\\d"))));
        }
        // Hindi: the lakh grouping everywhere the browser and its footer show a count.
        QVERIFY(Language::instance().setLanguage(QStringLiteral("hi")));
        MainWindow w;
        openStories(w);
        QVERIFY(w.browser()->footerText().contains(QStringLiteral("2,60,032")));
        QVERIFY(!w.browser()->footerText().contains(QStringLiteral("260,032")));
    }

    // The first start fits the screen (a 1280 x 800 laptop showed a 1400 x 900 window cut off at
    // the right and bottom); so does a saved size from a bigger screen.
    void firstStartFitsTheScreen()
    {
        QSettings().clear();
        const auto fits = [](const MainWindow& w) {
            const QRect avail = w.screen()->availableGeometry();
            const QSize least = w.minimumSizeHint();
            return w.width() <= std::max(avail.width(), least.width()) && w.height() <= std::max(avail.height(), least.height())
                && w.x() >= avail.left() && w.y() >= avail.top();
        };
        {
            MainWindow w;
            const QRect avail = w.screen()->availableGeometry();
            qInfo("screen %dx%d, window %dx%d, minimum %dx%d", avail.width(), avail.height(), w.width(), w.height(),
                  w.minimumSizeHint().width(), w.minimumSizeHint().height());
            QVERIFY(avail.width() < 1400);  // the offscreen screen is small, so this tests the fitting
            QVERIFY(fits(w));
            w.resize(avail.width() * 3, avail.height() * 3);
            QSettings().setValue(QStringLiteral("window/geometry"), w.saveGeometry());
        }
        MainWindow again;
        QVERIFY(fits(again));
        QSettings().clear();
    }

    // Item 7: a language switch does not change the window's width; at 1280 px nothing is cut.
    void windowWidthUnchangedByLanguage()
    {
        MainWindow w;
        w.resize(1280, 800);
        w.show();
        openStories(w);
        w.precisionBar()->setChecked({QStringLiteral("Q8_0"), QStringLiteral("Q6_K"), QStringLiteral("Q5_K_M"),
                                      QStringLiteral("Q4_K_M"), QStringLiteral("Q4_0"), QStringLiteral("Q3_K_S"),
                                      QStringLiteral("Q2_K"), QStringLiteral("NF4"), QStringLiteral("INT4_SYM_G32")});
        QApplication::processEvents();
        QCOMPARE(w.width(), 1280);
        for (const char* lang : {"de", "hi", "zh_CN", "de", "en"}) {
            QVERIFY(Language::instance().setLanguage(QString::fromLatin1(lang)));
            for (int t = 0; t < PlotsWidget::TabCount; ++t) {
                w.plots()->tabs()->setCurrentIndex(t);
                QApplication::processEvents();
                if (w.width() != 1280 || w.minimumSizeHint().width() > 1280) {
                    // Name the widgets that want the width.
                    QStringList wide;
                    for (QWidget* c : w.findChildren<QWidget*>())
                        if (c->isVisible() && c->minimumSizeHint().width() > 500)
                            wide << QStringLiteral("%1(%2) %3").arg(QString::fromLatin1(c->metaObject()->className()), c->objectName()).arg(c->minimumSizeHint().width());
                    QFAIL(qPrintable(QStringLiteral("%1, tab %2: %3 px wide, minimum %4: %5")
                                         .arg(QString::fromLatin1(lang)).arg(t).arg(w.width()).arg(w.minimumSizeHint().width())
                                         .arg(wide.join(QStringLiteral(", ")))));
                }
                QVERIFY2(w.minimumSizeHint().width() <= 1280,
                         qPrintable(QStringLiteral("%1: minimum %2 px").arg(QString::fromLatin1(lang)).arg(w.minimumSizeHint().width())));
                // The plot bar's combos show their whole text.
                for (QComboBox* c : w.plots()->findChildren<QComboBox*>())
                    if (c->isVisible())
                        QVERIFY2(c->width() >= c->sizeHint().width(),
                                 qPrintable(QStringLiteral("%1: combo %2 cut").arg(QString::fromLatin1(lang), c->currentText())));
            }
        }
        QCOMPARE(w.width(), 1280);
    }

    // Items 5, 6, 9, 11: after a whole-model run, labels name their own points, legends cover no
    // data, fallbacks are marked, INT/NF4 get no "+ imatrix" rows.
    void runResultsAreHonestAndReadable_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1280x800") << QSize(1280, 800);
        QTest::newRow("1920x1080") << QSize(1920, 1080);
    }
    void runResultsAreHonestAndReadable()
    {
        QFETCH(QSize, size);
        QSettings().clear();
        MainWindow w;
        w.resize(size);
        w.show();
        openStories(w);
        w.precisionBar()->setChecked({QStringLiteral("Q8_0"), QStringLiteral("Q4_0"), QStringLiteral("Q2_K"),
                                      QStringLiteral("INT4_SYM_G32"), QStringLiteral("NF4")});
        w.evaluation()->evaluateAction()->setChecked(true);
        w.evaluation()->imatrixAction()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
        if (w.tableModel()->rowCount() == 0)
            QVERIFY(runAndWait(w));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
        // No "+ imatrix" row for the types that ignore the matrix.
        QStringList names;
        for (const auto& r : w.tableModel()->rows())
            names << r.precision;
        QCOMPARE(names, (QStringList{QStringLiteral("Q8_0"), QStringLiteral("Q8_0 + imatrix"), QStringLiteral("Q4_0"),
                                     QStringLiteral("Q4_0 + imatrix"), QStringLiteral("Q2_K"), QStringLiteral("Q2_K + imatrix"),
                                     QStringLiteral("INT4_SYM_G32"), QStringLiteral("NF4")}));
        // Q2_K falls back on stories260K's short rows: the row says so, its bits/weight explained.
        const PrecisionRow& q2 = w.tableModel()->rows()[4];
        QVERIFY(q2.fellBack > 0 && q2.fellBack <= q2.tensors);
        QVERIFY(q2.fallbackTypes.contains(QStringLiteral("Q4_0")));
        const QModelIndex q2Cell = w.tableModel()->index(4, TradeoffTableModel::Precision);
        QVERIFY2(q2Cell.data().toString().contains(QStringLiteral("fallback")), qPrintable(q2Cell.data().toString()));
        QVERIFY(q2Cell.data(Qt::ToolTipRole).toString().contains(QStringLiteral("fell back to Q4_0")));
        const QString bits = w.tableModel()->index(0, TradeoffTableModel::Bits).data(Qt::ToolTipRole).toString();
        QVERIFY2(bits.contains(QStringLiteral("Q8_0")) && bits.contains(QStringLiteral("F16")), qPrintable(bits));
        QVERIFY(!w.tableView()->isColumnHidden(TradeoffTableModel::KlMean));
        // The Q2_K series equals Q4_0's: drawn dashed, and named so.
        QCustomPlot* layer = w.plots()->plot(PlotsWidget::LayerTab);
        bool dashed = false;
        for (int g = 0; g < layer->graphCount(); ++g)
            if (layer->graph(g)->name().startsWith(QStringLiteral("Q2_K")))
                dashed = layer->graph(g)->pen().style() == Qt::DashLine && layer->graph(g)->name().contains(QStringLiteral("Q4_0"));
        QVERIFY(dashed);

        // Trade-off labels: beside their own point, or joined to it by a leader line; coinciding
        // points share one label.
        for (int axis : {int(PlotsWidget::ErrorSqnr), int(PlotsWidget::ErrorKl)}) {
            w.plots()->setTradeoffError(PlotsWidget::TradeoffError(axis));
            w.plots()->tabs()->setCurrentIndex(PlotsWidget::TradeoffTab);
            QApplication::processEvents();
            w.plots()->plot(PlotsWidget::TradeoffTab)->replot();
            QApplication::processEvents();
            const auto labels = w.plots()->tradeoffLabels();
            QVERIFY(labels.size() >= 4);
            bool merged = false;
            for (const auto& l : labels) {
                merged |= l.text == QStringLiteral("Q4_0 = Q2_K") || l.text == QStringLiteral("Q4_0 + imatrix = Q2_K + imatrix");
                const QRectF near = l.box.adjusted(-12, -12, 12, 12);
                QVERIFY2(near.contains(l.point) || l.leader, qPrintable(l.text));
                const QRect area = w.plots()->plot(PlotsWidget::TradeoffTab)->axisRect()->rect();
                QVERIFY2(QRectF(area).adjusted(-1, -1, 1, 1).contains(l.box),
                         qPrintable(QStringLiteral("%1: box %2,%3 %4x%5 outside %6,%7 %8x%9")
                                        .arg(l.text).arg(l.box.x()).arg(l.box.y()).arg(l.box.width()).arg(l.box.height())
                                        .arg(area.x()).arg(area.y()).arg(area.width()).arg(area.height())));
                // No other point is closer to the label than its own (unless a leader says whose it is).
                if (!l.leader)
                    for (const auto& o : labels)
                        if (&o != &l)
                            QVERIFY2(!l.box.adjusted(-3, -3, 3, 3).contains(o.point), qPrintable(l.text + QStringLiteral(" covers ") + o.text));
                for (const auto& o : labels)
                    if (&o != &l)
                        QVERIFY2(!l.box.intersects(o.box), qPrintable(l.text + QStringLiteral(" / ") + o.text));
            }
            QVERIFY(merged);
        }

        // Legends cover no data; the highest value has room above it.
        const int t = tensorIndex(*w.model(), "blk.2.ffn_down.weight");
        QSignalSpy shown(&w, &MainWindow::analysisShown);
        w.browser()->selectTensor(t);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == t, 30000);
        for (int tab : {int(PlotsWidget::HistogramTab), int(PlotsWidget::ErrorTab), int(PlotsWidget::LayerTab)}) {
            w.plots()->tabs()->setCurrentIndex(tab);
            QCustomPlot* p = w.plots()->plot(PlotsWidget::Tab(tab));
            p->replot();
            QApplication::processEvents();
            QVERIFY(p->legend->visible());
            const QRectF legend = p->legend->outerRect();
            QVERIFY2(dataPointsIn(p, legend) == 0, qPrintable(QStringLiteral("tab %1: %2 points under the legend").arg(tab).arg(dataPointsIn(p, legend))));
            double top = std::numeric_limits<double>::infinity();
            for (int g = 0; g < p->graphCount(); ++g)
                if (p->graph(g)->valueAxis() == p->yAxis)
                    for (auto it = p->graph(g)->data()->constBegin(); it != p->graph(g)->data()->constEnd(); ++it)
                        if (std::isfinite(it->value))
                            top = std::min(top, p->yAxis->coordToPixel(it->value));
            QVERIFY2(top > p->axisRect()->rect().top() + 10, qPrintable(QStringLiteral("tab %1: a peak touches the top").arg(tab)));
        }
        // Item 16: "n of m levels used" in the histogram's hint (Q8_0 is the levels precision; on
        // attn_q's 64-weight rows it is Q8_0 itself, not a fallback).
        const int q = tensorIndex(*w.model(), "blk.2.attn_q.weight");
        w.browser()->selectTensor(q);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == q, 30000);
        auto* hint = w.plots()->findChild<QLabel*>(QStringLiteral("plotHint"));
        w.plots()->tabs()->setCurrentIndex(PlotsWidget::HistogramTab);
        QVERIFY2(hint->text().contains(QRegularExpression(QStringLiteral("\\d+ of \\d+ levels? used"))), qPrintable(hint->text()));
    }

    // Item 10: the plan for a size becomes a row and a point beside the presets.
    void sizePlanBecomesARow()
    {
        MainWindow w;
        w.show();
        openStories(w);
        engine::SizePlanOutcome o;
        o.plan.tensors["blk.0.attn_q.weight"] = findFormat("Q8_0");
        o.bytes = 200000;
        o.bitsPerWeight = 6.04;
        o.metrics.kldMean = 0.05;
        o.metrics.top1Agreement = 0.9;
        o.metrics.ppl = 11.0;
        o.metrics.pplReference = 10.5;
        o.metrics.positions = 500;
        w.applySizePlan(o);
        QCOMPARE(w.tableModel()->rowCount(), 1);
        QCOMPARE(w.tableModel()->rows()[0].precision, QStringLiteral("Plan 6.0 bpw"));
        QVERIFY(!w.tableView()->isColumnHidden(TradeoffTableModel::KlMean));
        QCOMPARE(w.plots()->tradeoffError(), PlotsWidget::ErrorKl);
        QCOMPARE(w.plots()->tabs()->currentIndex(), int(PlotsWidget::TradeoffTab));
        bool point = false;
        for (const auto& l : w.plots()->tradeoffLabels())
            point |= l.text == QStringLiteral("Plan 6.0 bpw");
        QVERIFY(point);
        // A Run keeps the plan's row after its own.
        w.precisionBar()->setChecked({QStringLiteral("Q4_0")});
        QVERIFY(runAndWait(w));
        QCOMPARE(w.tableModel()->rowCount(), 2);
        QCOMPARE(w.tableModel()->rows()[1].precision, QStringLiteral("Plan 6.0 bpw"));
    }

    // Item 13: the status line gives the time the user waited.
    void statusGivesTheWallTime()
    {
        MainWindow w;
        openStories(w);
        w.evaluation()->evaluateAction()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
        w.precisionBar()->setChecked({QStringLiteral("Q4_0"), QStringLiteral("Q8_0")});
        QElapsedTimer t;
        t.start();
        QVERIFY(runAndWait(w));
        const double waited = double(t.elapsed()) / 1000.0;
        const auto m = QRegularExpression(QStringLiteral("in ([0-9.]+) s")).match(w.statusText());
        QVERIFY2(m.hasMatch(), qPrintable(w.statusText()));
        const double said = m.captured(1).toDouble();
        double perType = 0;
        for (const auto& r : w.tableModel()->rows())
            perType += r.seconds;
        QVERIFY2(said <= waited + 0.05 && said >= perType, qPrintable(QStringLiteral("%1 s said, %2 s waited").arg(said).arg(waited)));
    }

    // A preset llama.cpp refuses without an importance matrix exports with a calibrated one; a
    // plan naming a format this build lacks is refused before any work.
    void exportPresetNeedingImportance()
    {
        QTemporaryDir dir;
        const QString demo = dir.filePath(QStringLiteral("demo.gguf"));
        writeDemoModel(3'000'000, GgmlType::F32, 1, demo.toStdString(), {});
        MainWindow w;
        w.openFile(demo);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        PlanSpec spec(std::string("IQ2_XXS"));
        QVERIFY(buildPlan(*w.model(), spec).importanceCalibrated);
        engine::ExportRequest req;
        req.path = dir.filePath(QStringLiteral("iq2.gguf"));
        req.type = QStringLiteral("IQ2_XXS");
        QVERIFY(engine::checkExport(*w.model(), req).isEmpty());
        QSignalSpy exported(&w, &MainWindow::exportFinished);
        w.exportModel(req);
        QVERIFY(exported.wait(60000));
        QCOMPARE(exported.first().first().toBool(), true);
        QCOMPARE(openModel(req.path.toStdString())->find("blk.1.ffn_up.weight")->dtype, std::string("IQ2_XXS"));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
        req.type = QStringLiteral("IQ1_S");
        req.path = dir.filePath(QStringLiteral("iq1.gguf"));
        const QString problem = engine::checkExport(*w.model(), req);
        if (findFormat("IQ1_S"))
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(QStringLiteral("IQ1_S (tensor blk.0.attn_q.weight) is not available in this build")),
                     qPrintable(problem));
    }

    // Item 2: the export dialog's name follows the precision; GGUF is off (and why) for NF4.
    void exportNameFollowsThePrecision()
    {
        QTemporaryDir dir;
        auto problem = [](const QString& t) { return t == QStringLiteral("NF4") ? QStringLiteral("no GGUF type") : QString(); };
        ExportDialog d(dir.path(), QStringLiteral("stories260K-f32"), true, QString(), problem);
        QCOMPARE(d.path(), QDir(dir.path()).filePath(QStringLiteral("stories260K-f32-plan.gguf")));
        d.setType(QStringLiteral("Q4_K_M"));
        QCOMPARE(QFileInfo(d.path()).fileName(), QStringLiteral("stories260K-f32-Q4_K_M.gguf"));
        QVERIFY(d.ggufAllowed());
        d.setType(QStringLiteral("NF4"));
        QCOMPARE(QFileInfo(d.path()).fileName(), QStringLiteral("stories260K-f32-NF4.safetensors"));
        QVERIFY(!d.ggufAllowed());
        QCOMPARE(d.note(), QStringLiteral("no GGUF type"));
        d.setType(QStringLiteral("Q8_0"));
        QCOMPARE(QFileInfo(d.path()).fileName(), QStringLiteral("stories260K-f32-Q8_0.gguf"));
        QVERIFY(d.ggufAllowed());
        // A name the user typed stays.
        d.setPath(dir.filePath(QStringLiteral("mine.gguf")));
        d.setType(QStringLiteral("Q4_0"));
        QCOMPARE(QFileInfo(d.path()).fileName(), QStringLiteral("mine.gguf"));
        QCOMPARE(d.request().type, QStringLiteral("Q4_0"));

        // The window: the real reason for NF4, the folder and precision remembered.
        const engine::Opened o = engine::builtinModel();
        QVERIFY(engine::ggufProblem(*o.model, QStringLiteral("NF4"), {}).contains(QStringLiteral("NF4")));
        QVERIFY(engine::ggufProblem(*o.model, QStringLiteral("Q4_K_M"), {}).isEmpty());
        QSettings().remove(QStringLiteral("export"));
        MainWindow w;
        w.show();
        openStories(w);
        QAction* act = w.findChild<QAction*>(QStringLiteral("actionExportModel"));
        QVERIFY(act);
        act->trigger();
        ExportDialog* dlg = w.findChild<ExportDialog*>();
        QVERIFY(dlg && dlg->isVisible());
        QVERIFY(!dlg->path().startsWith(test::modelsDir()));  // not the models folder
        dlg->setType(QStringLiteral("Q4_0"));
        dlg->setPath(dir.filePath(QStringLiteral("stories260K-f32-Q4_0.gguf")));
        QSignalSpy exported(&w, &MainWindow::exportFinished);
        dlg->accept();
        QTRY_VERIFY_WITH_TIMEOUT(!exported.isEmpty(), 30000);
        QVERIFY(exported.last().at(0).toBool());
        QTRY_VERIFY(!w.findChild<ExportDialog*>());
        act->trigger();
        dlg = w.findChild<ExportDialog*>();
        QVERIFY(dlg);
        QCOMPARE(dlg->path(), dir.filePath(QStringLiteral("stories260K-f32-Q4_0.gguf")));
        dlg->reject();
    }

    // The export dialog offers error-feedback rounding for a llama-shaped model (GGUF, or fake-quant
    // safetensors for a type GGUF cannot store); the
    // window's export with it writes the file quantscope-cli quantize --error-feedback writes on the
    // same calibration stream (byte for byte), which a plain export does not.
    void exportWithErrorFeedback()
    {
        QTemporaryDir dir;
        ExportDialog d(dir.path(), QStringLiteral("stories260K-f32"), false, QStringLiteral("Q4_0"),
                       [](const QString& t) { return t == QStringLiteral("NF4") ? QStringLiteral("no GGUF type") : QString(); });
        QVERIFY(!d.errorFeedbackUsable());  // not offered until the window says the model can
        d.setErrorFeedback(true);
        QVERIFY(!d.errorFeedback() && !d.request().errorFeedback);
        d.setErrorFeedbackOffer(true, QStringLiteral("256 tokens"));
        QVERIFY(d.errorFeedbackUsable() && d.request().errorFeedback);
        d.setType(QStringLiteral("NF4"));  // safetensors only: its fake-quant values, with error feedback too
        QVERIFY(d.errorFeedbackUsable() && d.request().errorFeedback);
        QVERIFY(d.request().path.endsWith(QStringLiteral(".safetensors")));
        d.setType(QStringLiteral("Q4_0"));
        QVERIFY(d.request().errorFeedback);
        d.setErrorFeedbackOffer(false, QString());
        QVERIFY(!d.request().errorFeedback);

        MainWindow w;
        openStories(w);
        const QString cli = dir.filePath(QStringLiteral("cli.gguf")), gui = dir.filePath(QStringLiteral("gui.gguf")),
                      plain = dir.filePath(QStringLiteral("plain.gguf"));
        QByteArray out, err;
        // quantize --error-feedback on the calibration stream the window's exports below use.
        auto cliExport = [&](const QString& type, const QString& path) {
            return test::runCli({QStringLiteral("quantize"), test::stories(kStories), QStringLiteral("--type"), type,
                                 QStringLiteral("--error-feedback"), QStringLiteral("--calib-sample"), QStringLiteral("256"),
                                 QStringLiteral("--calib-seed"), QStringLiteral("5"), QStringLiteral("--output"), path},
                                &out, &err);
        };
        QVERIFY2(cliExport(QStringLiteral("Q4_0"), cli) == 0, err.constData());
        auto exportTo = [&](const QString& path, bool ef, const QString& type = QStringLiteral("Q4_0")) {
            engine::ExportRequest req;
            req.path = path;
            req.type = type;
            req.errorFeedback = ef;
            req.calibration.sample = 256;
            req.calibration.seed = 5;
            QVERIFY(engine::checkExport(*w.model(), req).isEmpty());
            QSignalSpy exported(&w, &MainWindow::exportFinished);
            w.exportModel(req);
            QVERIFY(exported.wait(60000));
            QVERIFY(exported.first().first().toBool());
            QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
        };
        exportTo(gui, true);
        exportTo(plain, false);
        auto bytes = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        };
        QVERIFY(!bytes(cli).isEmpty());
        QVERIFY(bytes(gui) == bytes(cli));
        QVERIFY(bytes(plain).size() == bytes(cli).size() && bytes(plain) != bytes(cli));
        // The INT family as fake-quant safetensors: the window's file is the CLI's too.
        const QString cliSt = dir.filePath(QStringLiteral("cli.safetensors")), guiSt = dir.filePath(QStringLiteral("gui.safetensors"));
        QVERIFY2(cliExport(QStringLiteral("NF4"), cliSt) == 0, err.constData());
        exportTo(guiSt, true, QStringLiteral("NF4"));
        QVERIFY(!bytes(cliSt).isEmpty());
        QVERIFY(bytes(guiSt) == bytes(cliSt));
    }

    // Item 14: a damaged file is described in its format's terms.
    void errorsSpeakTheFormat()
    {
        QTemporaryDir dir;
        QFile src(test::stories(kStories));
        QVERIFY(src.open(QIODevice::ReadOnly));
        const QString cut = dir.filePath(QStringLiteral("cut.gguf"));
        QFile c(cut);
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write(src.read(200));
        c.close();
        const engine::Opened a = engine::openModel(cut);
        QVERIFY2(a.error.contains(QStringLiteral("truncated or corrupt GGUF file")), qPrintable(a.error));
        QVERIFY(a.error.startsWith(cut));
        const QString noise = dir.filePath(QStringLiteral("noise.safetensors"));
        QFile n(noise);
        QVERIFY(n.open(QIODevice::WriteOnly));
        for (int i = 0; i < 4096; ++i)
            n.putChar(char((i * 131 + 7) % 256));
        n.close();
        const engine::Opened b = engine::openModel(noise);
        QVERIFY2(b.error.contains(QStringLiteral("not a safetensors file")), qPrintable(b.error));
        QVERIFY(!b.error.contains(QStringLiteral("hidden_dim")));
    }
};

QTEST_MAIN(TestFirstUse)
#include "test_first_use.moc"
