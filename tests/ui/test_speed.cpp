// Speed and the activation mode in the window (headless, the built-in stories260K model):
// Analysis > Measure Speed fills the trade-off table's tokens/s and speed × columns for a source
// row and every precision (empty without it), the CSV export carries them under bench-model's
// names, the trade-off plot can put decode speed on its x axis, Cancel during the speed phase
// ends the Run without results; Analysis > Activations re-computes the KL in the other mode and
// persists. No timings are asserted: only that speeds were measured and how they relate.
#include "core/eval/eval_setup.h"
#include "core/eval/evaluation.h"
#include "core/model/model.h"
#include "core/util/parallel.h"
#include "tests/support/fixtures.h"
#include "ui/engine.h"
#include "ui/evaluation_controller.h"
#include "ui/main_window.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/sensitivity_view.h"
#include "ui/tradeoff_table_model.h"

#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QProgressBar>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

const QStringList kTypes{QStringLiteral("Q8_0"), QStringLiteral("Q4_0")};

// The (x, y) of the single-point graphs of the trade-off plot (one per precision).
QList<QPointF> tradeoffPoints(QCustomPlot* p, QStringList* names = nullptr)
{
    QList<QPointF> out;
    for (int i = 0; i < p->graphCount(); ++i) {
        QCPGraph* g = p->graph(i);
        if (g->dataCount() != 1 || g->name() == QStringLiteral("Pareto front"))
            continue;
        out << QPointF(g->data()->constBegin()->key, g->data()->constBegin()->value);
        if (names)
            *names << g->name();
    }
    return out;
}

// Equal to 8 significant digits (as the CSV writes numbers).
bool near8(double a, double b) { return std::abs(a - b) <= 1e-7 * std::abs(b); }

int column(const QStringList& header, const char* name)
{
    const int c = int(header.indexOf(QString::fromLatin1(name)));
    if (c < 0)
        qWarning("no column %s in %s", name, qPrintable(header.join(QLatin1Char(','))));
    return c;
}

}  // namespace

class TestSpeed : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        test::useEmptySettings(QStringLiteral("test_ui_speed"));
    }

    void measureSpeedFillsColumns()
    {
        MainWindow w;
        w.show();
        QVERIFY(!w.evaluation()->measureSpeedAction()->isEnabled());  // no model yet
        w.openBuiltin();
        QVERIFY(w.model() != nullptr);
        QVERIFY(w.evaluation()->measureSpeedAction()->isEnabled());
        QVERIFY(w.evaluation()->measureSpeedAction()->isCheckable() && !w.evaluation()->measureSpeedAction()->isChecked());
        QVERIFY(!w.evaluation()->speedRequest().enabled);
        w.precisionBar()->setChecked(kTypes);
        QSignalSpy done(&w, &MainWindow::runFinished);
        QTemporaryDir dir;

        // Without speed: no source row, empty (and hidden) speed columns, empty CSV fields.
        w.run();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        TradeoffTableModel* t = w.tableModel();
        QCOMPARE(t->rowCount(), 2);
        for (int r = 0; r < 2; ++r) {
            QVERIFY(!t->rows()[size_t(r)].source && !t->rows()[size_t(r)].speedMeasured);
            for (int c : {TradeoffTableModel::TgSpeed, TradeoffTableModel::SpeedUp, TradeoffTableModel::PpSpeed}) {
                QCOMPARE(t->index(r, c).data().toString(), QStringLiteral("—"));
                QVERIFY(t->cellText(r, c).isEmpty());
                QVERIFY(w.tableView()->isColumnHidden(c));
            }
        }
        {
            const QString csv = dir.filePath(QStringLiteral("off.csv"));
            QVERIFY(w.exportTable(csv));
            QFile f(csv);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 3);
            const QStringList header = lines[0].split(QLatin1Char(','));
            const int tg = column(header, "tg_tokens_per_s");
            QVERIFY(tg > 0);
            QVERIFY(lines[1].split(QLatin1Char(','))[tg].isEmpty());
        }
        // The speed axis of the trade-off plot has nothing to draw yet.
        w.plots()->setTradeoffX(PlotsWidget::XSpeed);
        QCOMPARE(tradeoffPoints(w.plots()->plot(PlotsWidget::TradeoffTab)).size(), 0);
        w.plots()->setTradeoffX(PlotsWidget::XBits);

        // Checking the action re-runs with speed: a source row first, then the precisions.
        w.evaluation()->measureSpeedAction()->setChecked(true);
        QVERIFY(w.evaluation()->speedRequest().enabled);
        QCOMPARE(w.evaluation()->speedRequest().decodeTokens, 128);  // tg128
        QCOMPARE(w.evaluation()->speedRequest().batchTokens, 512);   // pp512
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 60000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        QVERIFY(w.lastRun()->speedMeasured);
        const std::vector<PrecisionRow> rows = t->rows();
        QCOMPARE(rows.size(), size_t(3));
        const PrecisionRow& src = rows[0];
        QVERIFY(src.source && src.speedMeasured && !src.weightMeasured && !src.evaluated);
        // Its type is the model's stored dtype, as bench-model names the source row.
        const LlamaWeights lw = LlamaWeights::fromModel(*w.model());
        QCOMPARE(src.precision, QString::fromStdString(storedType(lw)));
        QCOMPARE(TradeoffTableModel::precisionText(src), src.precision + QStringLiteral(" (source)"));
        QCOMPARE(src.speedup, 1.0);
        QCOMPARE(src.compressionVsSource, 1.0);
        QVERIFY(src.bytes > rows[1].bytes && rows[1].bytes > rows[2].bytes);
        QCOMPARE(rows[1].precision, kTypes[0]);
        QCOMPARE(rows[2].precision, kTypes[1]);
        for (const PrecisionRow& r : rows) {
            QVERIFY(r.speedMeasured);
            QVERIFY2(r.tgTokensPerS > 0 && std::isfinite(r.tgTokensPerS), qPrintable(r.precision));
            QVERIFY2(r.ppTokensPerS > 0 && std::isfinite(r.ppTokensPerS), qPrintable(r.precision));
            QCOMPARE(r.speedup, r.tgTokensPerS / src.tgTokensPerS);
            // tg128 after a 16-token prompt and pp512, within the model's context.
            const int ctx = lw.config.contextLength;
            QCOMPARE(r.speedPromptTokens, std::min(16, ctx - 1));
            QCOMPARE(r.speedDecodeTokens, std::min(128, ctx - r.speedPromptTokens));
            QCOMPARE(r.speedBatchTokens, std::min(512, ctx));
            QVERIFY(r.speedThreads >= 1);
            QVERIFY(!r.speedFloatActivations);  // the default mode: llama
        }
        // The weight columns of the precisions are as before; the source has none.
        QVERIFY(rows[1].weightMeasured && rows[1].sqnr > rows[2].sqnr);
        QCOMPARE(t->index(0, TradeoffTableModel::Rmse).data().toString(), QStringLiteral("—"));
        for (int c : {TradeoffTableModel::TgSpeed, TradeoffTableModel::SpeedUp, TradeoffTableModel::PpSpeed}) {
            QVERIFY(!w.tableView()->isColumnHidden(c));
            for (int r = 0; r < 3; ++r)
                QVERIFY(t->index(r, c).data().toString() != QStringLiteral("—"));
        }
        QVERIFY(t->index(0, TradeoffTableModel::SpeedUp).data().toString().endsWith(QStringLiteral("×")));
        // Shown after Size (size, speed, accuracy), though last in the model (and the CSV).
        QHeaderView* hh = w.tableView()->horizontalHeader();
        QCOMPARE(hh->visualIndex(TradeoffTableModel::TgSpeed), hh->visualIndex(TradeoffTableModel::Size) + 1);
        QCOMPARE(hh->visualIndex(TradeoffTableModel::SpeedUp), hh->visualIndex(TradeoffTableModel::Size) + 2);
        QCOMPARE(t->headerData(TradeoffTableModel::TgSpeed, Qt::Horizontal).toString(), QStringLiteral("tokens/s"));
        QCOMPARE(t->headerData(TradeoffTableModel::SpeedUp, Qt::Horizontal).toString(), QStringLiteral("speed ×"));
        // The header's tooltip says what was measured, with how many threads.
        const QString tip = t->headerData(TradeoffTableModel::TgSpeed, Qt::Horizontal, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("tg%1").arg(rows[0].speedDecodeTokens)), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("%1-token prompt").arg(rows[0].speedPromptTokens)), qPrintable(tip));
        QVERIFY2(tip.contains(QStringLiteral("%1 thread").arg(rows[0].speedThreads)), qPrintable(tip));

        // CSV: bench-model's names; the source row has speedup 1.
        {
            const QString csv = dir.filePath(QStringLiteral("on.csv"));
            QVERIFY(w.exportTable(csv));
            QFile f(csv);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QCOMPARE(lines.size(), 4);
            const QStringList header = lines[0].split(QLatin1Char(','));
            QCOMPARE(header.size(), int(TradeoffTableModel::ColumnCount));
            // The older columns keep their places; the speed columns come last.
            QVERIFY(lines[0].startsWith(QStringLiteral("type,bits_per_weight,size_bytes,kld_mean,")));
            QVERIFY(lines[0].endsWith(QStringLiteral(",tg_tokens_per_s,speedup_vs_source,pp_tokens_per_s")));
            const int tg = column(header, "tg_tokens_per_s"), pp = column(header, "pp_tokens_per_s"),
                      up = column(header, "speedup_vs_source"), type = column(header, "type");
            QVERIFY(tg >= 0 && pp >= 0 && up >= 0 && type >= 0);
            for (int r = 0; r < 3; ++r) {
                const QStringList f = lines[r + 1].split(QLatin1Char(','));
                QCOMPARE(f[type], rows[size_t(r)].precision);
                QVERIFY(f[tg].toDouble() > 0);
                QVERIFY(f[pp].toDouble() > 0);
                QVERIFY(near8(f[tg].toDouble(), rows[size_t(r)].tgTokensPerS));  // 8 significant digits
                QVERIFY(near8(f[pp].toDouble(), rows[size_t(r)].ppTokensPerS));
                QVERIFY(near8(f[up].toDouble(), rows[size_t(r)].speedup));
            }
            QCOMPARE(lines[1].split(QLatin1Char(','))[up], QStringLiteral("1"));
        }

        // The trade-off plot with speed on x: the precisions at their speed × (the source is the
        // dotted line at 1, its error is none), labels readable (no two overlap).
        QCustomPlot* trade = w.plots()->plot(PlotsWidget::TradeoffTab);
        w.plots()->setTradeoffX(PlotsWidget::XSpeed);
        QCOMPARE(w.plots()->tabs()->currentIndex(), int(PlotsWidget::TradeoffTab));
        QStringList names;
        const QList<QPointF> pts = tradeoffPoints(trade, &names);
        QCOMPARE(names, kTypes);
        QCOMPARE(pts.size(), 2);
        QCOMPARE(pts[0], QPointF(rows[1].speedup, rows[1].sqnr));
        QCOMPARE(pts[1], QPointF(rows[2].speedup, rows[2].sqnr));
        QVERIFY(trade->xAxis->range().contains(1.0));
        QVERIFY(trade->xAxis->label().contains(QStringLiteral("speed")));
        QVERIFY(trade->xAxis->label().contains(src.precision));
        trade->replot();
        QTRY_COMPARE(int(w.plots()->tradeoffLabels().size()), 2);
        const auto labels = w.plots()->tradeoffLabels();
        QVERIFY(!labels[0].box.intersects(labels[1].box));
        for (const auto& l : labels)
            QVERIFY(trade->axisRect()->rect().contains(l.box.toRect()));
        // The size axis again: bits per weight.
        w.plots()->setTradeoffX(PlotsWidget::XBits);
        QCOMPARE(tradeoffPoints(trade)[0].x(), rows[1].bitsPerWeight);

        // Measure Speed persists.
        w.close();
        MainWindow w2;
        QVERIFY(w2.evaluation()->measureSpeedAction()->isChecked());
        w2.evaluation()->measureSpeedAction()->setChecked(false);
        w2.close();
    }

    void cancelDuringSpeed()
    {
        MainWindow w;
        w.show();
        w.openBuiltin();
        QVERIFY(w.model() != nullptr);
        engine::SpeedRequest sr;
        sr.repetitions = 1000000;  // far longer than the test waits: it must be cancelled
        w.evaluation()->setSpeedSettings(sr);
        w.evaluation()->measureSpeedAction()->setChecked(true);
        w.precisionBar()->setChecked({QStringLiteral("Q4_0")});
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        auto* progress = w.findChild<QProgressBar*>(QStringLiteral("progressBar"));
        QVERIFY(progress);
        // Past the weight comparison (half of the bar without evaluation), measuring speed.
        QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible() && progress->value() > 500 &&
                                     progress->format().contains(QStringLiteral("speed")),
                                 30000);
        QVERIFY(w.isRunning());
        w.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.last().at(0).toBool(), false);
        QCOMPARE(w.tableModel()->rowCount(), 0);
        QVERIFY(!w.lastRun().has_value());
        QVERIFY(w.lastError().isEmpty());  // a cancel is no error
    }

    void activationsSwitchRecomputesKl()
    {
        const QString tokens = test::stories(QStringLiteral("eval-tokens.json"));
        double llamaKl = 0;
        {
            MainWindow w;
            w.show();
            w.openBuiltin();
            QVERIFY(w.model() != nullptr);
            QCOMPARE(w.evaluation()->activationMode(), ActMode::Llama);  // the default
            QCOMPARE(w.evaluation()->activationsCombo()->currentIndex(), 0);
            QVERIFY(w.findChild<QAction*>(QStringLiteral("actionActivationsLlama"))->isChecked());
            QVERIFY(!w.evaluation()->activationsCombo()->toolTip().isEmpty());
            EvalStreamOptions so;
            so.tokensFile = tokens.toStdString();
            w.evaluation()->setEvaluationStream(so);
            w.precisionBar()->setChecked({QStringLiteral("Q4_0")});
            QSignalSpy done(&w, &MainWindow::runFinished);
            w.evaluation()->evaluateAction()->setChecked(true);
            w.run();
            QTRY_VERIFY_WITH_TIMEOUT(done.size() >= 1 && !w.isBusy(), 30000);
            QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
            QCOMPARE(w.tableModel()->rowCount(), 1);
            llamaKl = w.tableModel()->rows()[0].kldMean;
            QVERIFY(w.tableModel()->rows()[0].evaluated && llamaKl > 0);
            const int runs = int(done.size());

            // Switching (on the tool bar) clears the KL at once and re-runs in float mode.
            w.evaluation()->activationsCombo()->setCurrentIndex(1);
            QCOMPARE(w.evaluation()->activationMode(), ActMode::Float);
            QVERIFY(w.findChild<QAction*>(QStringLiteral("actionActivationsFloat"))->isChecked());
            QCOMPARE(w.evaluation()->evaluationRequest().stream.activations, ActMode::Float);
            QCOMPARE(w.evaluation()->speedRequest().mode, ActMode::Float);
            QCOMPARE(w.sensitivityView()->activations(), ActMode::Float);
            QCOMPARE(w.sensitivityView()->request().stream.activations, ActMode::Float);
            QCOMPARE(w.tableModel()->rowCount(), 1);
            QVERIFY(!w.tableModel()->rows()[0].evaluated);
            QCOMPARE(w.tableModel()->index(0, TradeoffTableModel::KlMean).data().toString(), QStringLiteral("—"));
            QVERIFY(w.isRunning());
            QTRY_VERIFY_WITH_TIMEOUT(int(done.size()) == runs + 1 && !w.isBusy(), 30000);
            QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
            const PrecisionRow row = w.tableModel()->rows()[0];
            QVERIFY(row.evaluated);
            QVERIFY2(row.kldMean != llamaKl, qPrintable(QStringLiteral("%1 %2").arg(row.kldMean).arg(llamaKl)));
            QCOMPARE(w.lastRun()->activations, ActMode::Float);
            // Core's float-mode (weights-only) evaluation on the same stream.
            so.activations = ActMode::Float;
            const auto setup = prepareEvaluation(*w.model(), so);
            QCOMPARE(row.kldMean, evaluateType(*w.model(), *setup, PlanSpec("Q4_0")).plain.kldMean);
            w.close();  // writes the settings
        }
        {
            MainWindow w;
            QCOMPARE(w.evaluation()->activationMode(), ActMode::Float);
            QCOMPARE(w.evaluation()->activationsCombo()->currentIndex(), 1);
            QCOMPARE(w.sensitivityView()->activations(), ActMode::Float);
            // And back (the menu's action): llama mode's KL again.
            QSignalSpy done(&w, &MainWindow::runFinished);
            w.openBuiltin();
            EvalStreamOptions so;
            so.tokensFile = tokens.toStdString();
            w.evaluation()->setEvaluationStream(so);
            w.precisionBar()->setChecked({QStringLiteral("Q4_0")});
            w.run();
            QTRY_VERIFY_WITH_TIMEOUT(done.size() == 1 && !w.isBusy(), 30000);
            QVERIFY(w.tableModel()->rows()[0].kldMean != llamaKl);
            w.findChild<QAction*>(QStringLiteral("actionActivationsLlama"))->trigger();
            QCOMPARE(w.evaluation()->activationMode(), ActMode::Llama);
            QCOMPARE(w.evaluation()->activationsCombo()->currentIndex(), 0);
            QTRY_VERIFY_WITH_TIMEOUT(done.size() == 2 && !w.isBusy(), 30000);
            QCOMPARE(w.tableModel()->rows()[0].kldMean, llamaKl);
            w.close();
        }
        QCOMPARE(QSettings().value(QStringLiteral("accuracy/activations")).toString(), QStringLiteral("llama"));
    }

    // Analysis > Threads: sets the engine's thread count, is remembered, and names it in the speed
    // action's tooltip; "All Cores" gives the default back.
    void threadsSetting()
    {
        const int cores = std::max(1, QThread::idealThreadCount());
        {
            MainWindow w;
            QCOMPARE(w.evaluation()->threads(), 0);
            QCOMPARE(qs::maxThreads(), cores);
            QCOMPARE(w.evaluation()->threadsMenu()->actions().size(), cores + 2);  // all cores, a separator, 1..cores
            w.findChild<QAction*>(QStringLiteral("actionThreads1"))->trigger();
            QCOMPARE(w.evaluation()->threads(), 1);
            QCOMPARE(qs::maxThreads(), 1);
            QVERIFY2(w.evaluation()->measureSpeedAction()->toolTip().contains(QStringLiteral("1 thread")),
                     qPrintable(w.evaluation()->measureSpeedAction()->toolTip()));
            w.close();
        }
        QCOMPARE(QSettings().value(QStringLiteral("engine/threads")).toInt(), 1);
        qs::setMaxThreads(0);
        {
            MainWindow w;  // reads the setting
            QCOMPARE(w.evaluation()->threads(), 1);
            QCOMPARE(qs::maxThreads(), 1);
            QVERIFY(w.findChild<QAction*>(QStringLiteral("actionThreads1"))->isChecked());
            w.findChild<QAction*>(QStringLiteral("actionThreads0"))->trigger();
            QCOMPARE(qs::maxThreads(), cores);
            w.close();
        }
        QCOMPARE(QSettings().value(QStringLiteral("engine/threads")).toInt(), 0);
    }
};

QTEST_MAIN(TestSpeed)
#include "test_speed.moc"
