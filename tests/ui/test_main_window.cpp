// The explorer window, driven headless (QT_QPA_PLATFORM=offscreen): opening models, the browser,
// Run / Cancel, the table, the plots, exports and error reporting.
#include "core/formats/format.h"
#include "core/analysis/metrics.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "tests/support/fixtures.h"
#include "ui/engine.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/tradeoff_table_model.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

// Tensors listed in the browser's tree (leaves that carry a tensor index).
int listedTensors(const QAbstractItemModel* m, const QModelIndex& parent = {})
{
    int n = 0;
    for (int r = 0; r < m->rowCount(parent); ++r) {
        const QModelIndex i = m->index(r, 0, parent);
        if (i.data(ModelBrowser::TensorIndexRole).toInt() >= 0)
            ++n;
        n += listedTensors(m, i);
    }
    return n;
}

QAction* findAction(QWidget* w, const QString& objectName)
{
    for (QAction* a : w->findChildren<QAction*>())
        if (a->objectName() == objectName)
            return a;
    return nullptr;
}

QMessageBox* visibleErrorBox(QWidget* w)
{
    for (QMessageBox* b : w->findChildren<QMessageBox*>())
        if (b->isVisible())
            return b;
    return nullptr;
}

// The precisions the tests compare: the classic three when registered, else what there is.
QStringList testPrecisions()
{
    QStringList want = PrecisionBar::defaultPrecisions();
    if (want.size() < 3)
        for (const char* n : {"F16", "BF16"})
            if (want.size() < 3 && findFormat(n))
                want << QString::fromLatin1(n);
    return want;
}

}  // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        test::useEmptySettings(QStringLiteral("test_ui_main_window"));
    }

    void opensGgufAndListsEveryTensor()
    {
        MainWindow w;
        w.show();
        const QString path = test::stories(QStringLiteral("stories260K-f32.gguf"));
        w.openFile(path);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const auto ref = openModel(path.toStdString());
        QCOMPARE(w.browser()->tensorRowCount(), int(ref->tensors.size()));
        QCOMPARE(listedTensors(w.browser()->view()->model()), int(ref->tensors.size()));
        QVERIFY(w.browser()->footerText().contains(QLocale().toString(qlonglong(ref->nParams()))));
        QVERIFY(w.windowTitle().contains(QStringLiteral("stories260K-f32.gguf")));
        // The filter narrows the list to matching tensors.
        w.browser()->setFilter(QStringLiteral("attn_q"));
        QCOMPARE(listedTensors(w.browser()->view()->model()), 5);
        w.browser()->setFilter(QString());
        // Whole-model histogram arrives in a worker and holds every weight.
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
        QCustomPlot* h = w.plots()->plot(PlotsWidget::HistogramTab);
        QVERIFY(h->graphCount() >= 1);
        double total = 0;
        for (auto it = h->graph(0)->data()->constBegin(); it != h->graph(0)->data()->constEnd(); ++it)
            total += std::isnan(it->value) ? 0 : it->value;
        QCOMPARE(qint64(total), qint64(ref->nParams()));
    }

    void opensSafetensorsFolder()
    {
        MainWindow w;
        const QString dir = QFileInfo(test::stories(QStringLiteral("model.safetensors"))).absolutePath();
        w.openFile(dir);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const auto ref = openModel(dir.toStdString());
        QCOMPARE(w.model()->format, std::string("safetensors"));
        QCOMPARE(w.browser()->tensorRowCount(), int(ref->tensors.size()));
        QCOMPARE(listedTensors(w.browser()->view()->model()), int(ref->tensors.size()));
        // Tensors are grouped by layer (model.layers.N): 5 layer groups at the top level.
        int groups = 0;
        const QAbstractItemModel* m = w.browser()->view()->model();
        for (int r = 0; r < m->rowCount(); ++r)
            if (m->index(r, 0).data(ModelBrowser::TensorIndexRole).toInt() < 0)
                ++groups;
        QCOMPARE(groups, 5);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }

    void runFillsTableAndPlots()
    {
        MainWindow w;
        w.show();
        const QString path = test::stories(QStringLiteral("stories260K-f32.gguf"));
        w.openFile(path);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const QStringList precisions = testPrecisions();
        const int n = int(precisions.size());
        QVERIFY(n >= 2);
        w.precisionBar()->setChecked(precisions);
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        QCOMPARE(done.at(0).at(0).toBool(), true);
        QCOMPARE(w.tableModel()->rowCount(), n);

        // Every row equals quantscope-cli compare --json on the same file (one engine function).
        QByteArray json, cliErr;
        QCOMPARE(test::runCli({QStringLiteral("compare"), QStringLiteral("--types"), precisions.join(QLatin1Char(',')),
                               QStringLiteral("--json"), path},
                              &json, &cliErr),
                 0);
        const QJsonArray results = QJsonDocument::fromJson(json).object().value(QStringLiteral("results")).toArray();
        QCOMPARE(results.size(), n);
        const auto m = openModel(path.toStdString());
        for (int r = 0; r < n; ++r) {
            const PrecisionRow& row = w.tableModel()->rows()[size_t(r)];
            const QJsonObject cli = results[r].toObject();
            QCOMPARE(row.precision, cli.value(QStringLiteral("type")).toString());
            QCOMPARE(row.bitsPerWeight, cli.value(QStringLiteral("bits_per_weight")).toDouble());
            QCOMPARE(qint64(row.bytes), cli.value(QStringLiteral("size_bytes")).toInteger());
            QCOMPARE(row.rmse, cli.value(QStringLiteral("rmse")).toDouble());
            QCOMPARE(row.sqnr, cli.value(QStringLiteral("sqnr_db")).toDouble());
            QCOMPARE(row.maxError, cli.value(QStringLiteral("max_abs_error")).toDouble());
            QCOMPARE(row.p99, cli.value(QStringLiteral("p99_abs_error")).toDouble());
            QCOMPARE(row.cosine, cli.value(QStringLiteral("cosine")).toDouble());
            QCOMPARE(row.tensors, cli.value(QStringLiteral("tensors")).toInt());
            QVERIFY(row.compressionVsF32 > 1.0);
            QVERIFY(row.sqnr > 0 && row.sqnr < 100);
        }
        // Q8_0 is far more accurate than Q4_0. (On stories260K's 64-wide rows Q2_K falls back to
        // Q4_0-class types, so no order is asserted for it.)
        QCOMPARE(precisions.mid(0, 2), (QStringList{QStringLiteral("Q8_0"), QStringLiteral("Q4_0")}));
        QVERIFY(w.tableModel()->rows()[0].sqnr > w.tableModel()->rows()[1].sqnr + 10);

        // Per-layer plot: one series per precision, one point per quantized tensor.
        QCustomPlot* layer = w.plots()->plot(PlotsWidget::LayerTab);
        QCOMPARE(layer->graphCount(), n);
        for (int g = 0; g < n; ++g)
            QCOMPARE(layer->graph(g)->dataCount(), w.tableModel()->rows()[size_t(g)].tensors);
        QVERIFY(layer->yAxis->range().lower > 0 && layer->yAxis->range().upper < 200);
        // Trade-off (whole model selected): one point per precision.
        QCustomPlot* trade = w.plots()->plot(PlotsWidget::TradeoffTab);
        QVERIFY(trade->graphCount() >= n);
        QVERIFY(trade->xAxis->range().contains(w.tableModel()->rows()[0].bitsPerWeight));

        // Select a tensor: histogram, dequantized histogram and levels; errors per precision.
        const int t = int(std::find_if(m->tensors.begin(), m->tensors.end(),
                                       [](const TensorInfo& ti) { return ti.name == "blk.0.ffn_up.weight"; }) -
                          m->tensors.begin());
        QSignalSpy shown(&w, &MainWindow::analysisShown);
        w.browser()->selectTensor(t);
        QTRY_VERIFY_WITH_TIMEOUT(!shown.isEmpty() && shown.last().at(0).toInt() == t, 20000);
        QCustomPlot* hist = w.plots()->plot(PlotsWidget::HistogramTab);
        QVERIFY(hist->graphCount() >= 3);
        QCOMPARE(hist->graph(0)->dataCount(), 201);
        QVERIFY(hist->xAxis->range().lower < 0 && hist->xAxis->range().upper > 0);
        QVERIFY(w.plots()->levelCount() > 0);
        w.plots()->hoverHistogramAt(hist->xAxis->range().lower);
        QVERIFY(w.plots()->levelCount() > 0);
        QCustomPlot* err = w.plots()->plot(PlotsWidget::ErrorTab);
        QCOMPARE(err->graphCount(), n);
        for (int g = 0; g < n; ++g) {
            QVERIFY(err->graph(g)->dataCount() > 0);
            QVERIFY(err->graph(g)->name().contains(QStringLiteral("SQNR")));
        }
        const TensorAnalysis* a = w.tensorAnalysis(t);
        QVERIFY(a);
        QCOMPARE(int(a->precisions.size()), n);
        // The tensor's numbers are the engine's for the type the plan gives it.
        const auto x = m->toFloat(m->tensors[size_t(t)]);
        for (int g = 0; g < n; ++g) {
            PlanSpec po;
            po.type = precisions[g].toStdString();
            po.target = PlanTarget::Safetensors;
            const PlanEntry e = buildPlan(*m, po).entries[size_t(t)];
            const TensorResult ref = quantizeAndMeasure(planFormat(e), x.data(), e.rows(), e.cols());
            QCOMPARE(a->precisions[size_t(g)].result.stats.sqnrDb(), ref.stats.sqnrDb());
            QCOMPARE(a->precisions[size_t(g)].result.bytes, ref.bytes);
        }

        // Sorting by SQNR through the proxy; copy puts a header and 3 rows on the clipboard.
        w.tableView()->sortByColumn(TradeoffTableModel::Sqnr, Qt::DescendingOrder);
        const double first = w.tableProxy()->index(0, TradeoffTableModel::Sqnr).data(Qt::UserRole).toDouble();
        const double last = w.tableProxy()->index(n - 1, TradeoffTableModel::Sqnr).data(Qt::UserRole).toDouble();
        QVERIFY(first >= last);
        w.tableView()->clearSelection();
        w.tableView()->setFocus();
        for (QAction* act : w.tableView()->actions())
            if (act->shortcut() == QKeySequence(QKeySequence::Copy))
                act->trigger();
        const QStringList lines = QApplication::clipboard()->text().trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), n + 1);
    }

    void exportsTableAndPlot()
    {
        MainWindow w;
        w.show();
        w.openFile(test::stories(QStringLiteral("stories260K-f32.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const int n = int(testPrecisions().size());
        w.precisionBar()->setChecked(testPrecisions());
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        QTemporaryDir dir;
        QAction* table = findAction(&w, QStringLiteral("actionExportTable"));
        QVERIFY(table);
        const QString csv = dir.filePath(QStringLiteral("t.csv"));
        w.setNextSavePath(csv);
        table->trigger();
        QFile c(csv);
        QVERIFY(c.open(QIODevice::ReadOnly));
        const QStringList rows = QString::fromUtf8(c.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(rows.size(), n + 1);
        // The CLI's column names (compare --csv) for the columns both have.
        QVERIFY(rows[0].startsWith(QStringLiteral("type,bits_per_weight,size_bytes,kld_mean")));
        QVERIFY(rows[0].contains(QStringLiteral(",max_abs_error,p99_abs_error,cosine,seconds")));
        QCOMPARE(rows[1].split(QLatin1Char(',')).size(), int(TradeoffTableModel::ColumnCount));
        const QString md = dir.filePath(QStringLiteral("t.md"));
        QVERIFY(w.exportTable(md));
        QFile mf(md);
        QVERIFY(mf.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(mf.readAll()).count(QLatin1Char('\n')), n + 2);

        QAction* plot = findAction(&w, QStringLiteral("actionExportPlot"));
        QVERIFY(plot);
        for (const char* name : {"p.png", "p.pdf"}) {
            const QString p = dir.filePath(QString::fromLatin1(name));
            w.setNextSavePath(p);
            plot->trigger();
            QVERIFY2(QFileInfo(p).size() > 1000, qPrintable(p));
        }
        QImage img(dir.filePath(QStringLiteral("p.png")));
        QVERIFY(img.width() >= 900 && img.height() >= 560);
        // A path that cannot be written: an error box naming it, and the window stays usable.
        const QString bad = dir.filePath(QStringLiteral("missing/folder/t.csv"));
        QVERIFY(!w.exportTable(bad));
        QTRY_VERIFY(visibleErrorBox(&w));
        QVERIFY(visibleErrorBox(&w)->text().contains(QStringLiteral("t.csv")));
        visibleErrorBox(&w)->close();
    }

    void cancelLeavesConsistentState()
    {
        MainWindow w;
        w.show();
        const engine::Opened demo = engine::demoModel(4'000'000);
        QVERIFY(demo.error.isEmpty());
        w.setModel(demo.model, demo.label);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
        // The K-quants are the slowest types, so the run lasts long enough to be cancelled in the
        // middle even on a loaded machine.
        w.precisionBar()->setChecked({QStringLiteral("Q2_K"), QStringLiteral("Q3_K"), QStringLiteral("Q4_K"),
                                      QStringLiteral("Q5_K"), QStringLiteral("Q6_K")});
        QSignalSpy done(&w, &MainWindow::runFinished);
        auto* progress = w.findChild<QProgressBar*>(QStringLiteral("progressBar"));
        QVERIFY(progress);
        // Cancel as soon as the first progress (some tensors done, not all) reaches the window,
        // from the signal itself rather than a polling loop that a busy machine could let slip;
        // queued, so the window has finished that progress update (the bar is set, then shown).
        bool cancelled = false, runningAtCancel = false, visibleAtCancel = false;
        const auto conn = connect(progress, &QProgressBar::valueChanged, &w, [&](int v) {
            if (cancelled || v <= 0)
                return;
            cancelled = true;
            runningAtCancel = w.isRunning();
            visibleAtCancel = progress->isVisible();
            w.cancel();
        }, Qt::QueuedConnection);
        w.run();
        w.run();  // a second Run replaces the first
        QTRY_VERIFY_WITH_TIMEOUT(cancelled, 30000);
        disconnect(conn);
        QVERIFY(runningAtCancel);
        QVERIFY(visibleAtCancel);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY(!w.isRunning());
        QCOMPARE(w.tableModel()->rowCount(), 0);
        QVERIFY(!w.lastRun().has_value());
        QVERIFY(w.statusText().contains(QStringLiteral("cancelled")));
        QVERIFY(!w.precisionBar()->cancelAction()->isEnabled());
        QVERIFY(!progress->isVisible());
        // And the next run on the same window completes.
        done.clear();
        w.setModel(w.model(), w.modelLabel());
        w.precisionBar()->setChecked({testPrecisions().value(0)});
        w.run();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 60000);
        QVERIFY(done.last().at(0).toBool());
        QCOMPARE(w.tableModel()->rowCount(), 1);
    }

    // The precision menu: the block formats in sections by their bits, most first, each ordered by
    // family (legacy before K-quants before the IQ formats), every entry with its family and bits per
    // weight beside the name; presets and the INT family in submenus.
    void precisionMenuGroupsByBits()
    {
        MainWindow w;
        auto* button = w.findChild<QToolButton*>(QStringLiteral("precisionButton"));
        QVERIFY(button && button->menu());
        QStringList sections;
        QMap<QString, int> sectionOf, position;
        QMap<QString, QString> text;
        int pos = 0;
        for (QAction* a : button->menu()->actions()) {
            if (a->isSeparator()) {
                sections << a->text();
                continue;
            }
            if (a->menu() || a->data().toString().isEmpty())
                continue;
            sectionOf[a->data().toString()] = int(sections.size()) - 1;
            position[a->data().toString()] = pos++;
            text[a->data().toString()] = a->text();
        }
        QVERIFY2(sections.size() >= 6, qPrintable(sections.join(QLatin1String(", "))));
        QCOMPARE(sections.first(), QStringLiteral("8-bit formats"));
        for (const char* n : {"Q8_0", "Q6_K", "Q5_0", "Q4_0", "Q4_K", "IQ4_XS", "Q3_K", "Q2_K", "TQ2_0", "TQ1_0"})
            QVERIFY2(sectionOf.contains(QLatin1String(n)), n);
        auto bitsOf = [&](const char* n) { return sections[sectionOf[QLatin1String(n)]]; };
        QCOMPARE(bitsOf("Q8_0"), QStringLiteral("8-bit formats"));
        QCOMPARE(bitsOf("Q4_K"), QStringLiteral("4-bit formats"));
        QCOMPARE(bitsOf("IQ4_XS"), QStringLiteral("4-bit formats"));
        QCOMPARE(bitsOf("TQ2_0"), QStringLiteral("2-bit formats"));
        QCOMPARE(bitsOf("TQ1_0"), QStringLiteral("1-bit formats"));
        QVERIFY(position[QStringLiteral("Q8_0")] < position[QStringLiteral("Q6_K")]);
        QVERIFY(position[QStringLiteral("Q4_0")] < position[QStringLiteral("Q4_K")]);
        QVERIFY(position[QStringLiteral("Q4_K")] < position[QStringLiteral("IQ4_XS")]);
        QVERIFY(position[QStringLiteral("Q2_K")] < position[QStringLiteral("TQ2_0")]);
        QVERIFY2(text[QStringLiteral("Q4_K")].startsWith(QString::fromUtf8("Q4_K\tK-quant · 4.50 bits/weight")),
                 qPrintable(text[QStringLiteral("Q4_K")]));
        QVERIFY2(text[QStringLiteral("Q8_0")].contains(QString::fromUtf8("legacy block · 8.50")), qPrintable(text[QStringLiteral("Q8_0")]));
        // the choices are still found by name, and checking one by name works as before
        w.precisionBar()->setChecked({QStringLiteral("Q4_K"), QStringLiteral("TQ1_0")});
        QCOMPARE(w.precisionBar()->checked(), (QStringList{QStringLiteral("Q4_K"), QStringLiteral("TQ1_0")}));
    }

    void demoModelOpens()
    {
        MainWindow w;
        w.openDemo();
        QVERIFY(w.model());
        QVERIFY(w.modelLabel().contains(QStringLiteral("synthetic demo")));
        QCOMPARE(w.browser()->tensorRowCount(), int(w.model()->tensors.size()));
        QVERIFY(w.model()->nParams() > 1'000'000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
    }

    void exportMatchesCliQuantize()
    {
        MainWindow w;
        const QString src = test::stories(QStringLiteral("stories260K-f32.gguf"));
        w.openFile(src);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("gui-q8.gguf"));
        QSignalSpy done(&w, &MainWindow::exportFinished);
        w.setNextExport(out, QStringLiteral("Q8_0"));
        QAction* act = findAction(&w, QStringLiteral("actionExportModel"));
        QVERIFY(act && act->isEnabled());
        QCOMPARE(act->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
        act->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 30000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        const auto exported = openModel(out.toStdString());
        QCOMPARE(exported->tensors.size(), w.model()->tensors.size());
        QCOMPARE(exported->find("blk.0.attn_q.weight")->dtype, std::string("Q8_0"));
        const QString cli = dir.filePath(QStringLiteral("cli-q8.gguf"));
        QCOMPARE(test::runCli({QStringLiteral("quantize"), QStringLiteral("--type"), QStringLiteral("Q8_0"),
                               QStringLiteral("--output"), cli, src}),
                 0);
        QFile a(out), b(cli);
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY(a.size() > 100000);
        QVERIFY(a.readAll() == b.readAll());

        // The mixed plan: one tensor kept, the rest Q4_0 -> fake-quant safetensors.
        w.browser()->applyPreset(QStringLiteral("Q4_0"));
        w.browser()->setPlanTarget(0, QString());
        const QString st = dir.filePath(QStringLiteral("plan.safetensors"));
        done.clear();
        w.setNextExport(st, QString());
        act->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 30000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        const auto fake = openModel(st.toStdString());
        QCOMPARE(fake->tensors.size(), w.model()->tensors.size());
        const auto orig0 = w.model()->toFloat(w.model()->tensors[0]);
        const auto fake0 = fake->toFloat(*fake->find(w.model()->tensors[0].name));
        QVERIFY(orig0 == fake0);  // kept as it is
        const TensorInfo& q = *w.model()->find("blk.0.attn_q.weight");
        QVERIFY(w.model()->toFloat(q) != fake->toFloat(*fake->find(q.name)));  // quantized

        // Exporting onto the input is refused with a message naming the file.
        done.clear();
        w.setNextExport(src, QStringLiteral("Q8_0"));
        act->trigger();
        QTRY_VERIFY(visibleErrorBox(&w) != nullptr);
        QVERIFY(visibleErrorBox(&w)->text().contains(QStringLiteral("stories260K-f32.gguf")));
        visibleErrorBox(&w)->close();

        // An error the export's worker meets (a folder that does not exist) travels in its future
        // to a message box naming the file.
        QTRY_VERIFY(visibleErrorBox(&w) == nullptr);
        done.clear();
        const QString nowhere = dir.filePath(QStringLiteral("no-such-folder/q8.gguf"));
        w.setNextExport(nowhere, QStringLiteral("Q8_0"));
        act->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty() && !w.isBusy(), 30000);
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY2(w.lastError().contains(nowhere), qPrintable(w.lastError()));
        QVERIFY(w.statusText().contains(QStringLiteral("failed")));
        QTRY_VERIFY(visibleErrorBox(&w) != nullptr);
        QVERIFY(visibleErrorBox(&w)->text().contains(QStringLiteral("no-such-folder")));
        visibleErrorBox(&w)->close();
        QVERIFY(!w.precisionBar()->cancelAction()->isEnabled());
    }

    void malformedFileShowsErrorAndKeepsWindow()
    {
        MainWindow w;
        w.show();
        w.openFile(test::stories(QStringLiteral("stories260K-f32.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const auto before = w.model();
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("broken.gguf"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        static const char kBroken[] = "GGUF\x03\x00\x00\x00 this is not a model";
        f.write(kBroken, sizeof kBroken - 1);  // the literal's bytes, without its terminating NUL
        f.close();
        // An open replaced by another before its outcome arrives: only the second one counts
        // (the broken file's error is dropped, no message box).
        w.openFile(bad);
        w.openFile(test::stories(QStringLiteral("stories260K-f32.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != before && !w.isBusy(), 20000);
        QVERIFY(!visibleErrorBox(&w));
        const auto reopened = w.model();
        // The error travels in the worker's future; its outcome never comes inside openFile().
        w.openFile(bad);
        QVERIFY(w.isBusy());
        QVERIFY(!visibleErrorBox(&w));
        QTRY_VERIFY_WITH_TIMEOUT(visibleErrorBox(&w) != nullptr, 20000);
        QMessageBox* box = visibleErrorBox(&w);
        QVERIFY2(box->text().contains(QStringLiteral("broken.gguf")), qPrintable(box->text()));
        QCOMPARE(w.lastError(), box->text());
        box->close();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
        QVERIFY(w.isVisible());
        QCOMPARE(w.model(), reopened);  // the open model stays
        // Still usable: a run on the model that is open.
        w.precisionBar()->setChecked(testPrecisions());
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 30000);
        QVERIFY(done.last().at(0).toBool());
    }

    void planColumnAndTotals()
    {
        MainWindow w;
        w.openFile(test::stories(QStringLiteral("stories260K-f32.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const QString target = QStringLiteral("Q4_K_M");
        const QString before = w.browser()->footerText();
        w.browser()->applyPreset(target);
        const ModelBrowser* v = w.browser();
        // The plan column shows what the engine's plan gives each tensor.
        PlanSpec po;
        po.type = target.toStdString();
        const QuantPlan ref = buildPlan(*w.model(), po);
        QCOMPARE(size_t(v->tensorRowCount()), ref.entries.size());
        int planned = 0;
        for (const auto& e : ref.entries) {
            QCOMPARE(v->plannedFormat(e.sourceIndex), e.eligible ? QString::fromStdString(e.format) : QString());
            planned += e.eligible ? 1 : 0;
        }
        QVERIFY(planned >= 30);
        QCOMPARE(v->plannedBytes(), ref.outputBytes());
        QVERIFY(w.browser()->footerText() != before);
        // Per tensor: keep one tensor as it is.
        w.browser()->setPlanTarget(0, QString());
        QCOMPARE(w.browser()->plannedFormat(0), QString::fromStdString(w.model()->tensors[0].dtype));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
