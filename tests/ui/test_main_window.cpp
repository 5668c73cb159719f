// The explorer window, driven headless (QT_QPA_PLATFORM=offscreen): opening models, the browser,
// Run / Cancel, the table, the plots, exports and error reporting.
#include "core/formats/format.h"
#include "core/metrics.h"
#include "core/model.h"
#include "tests/support/fixtures.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/tradeoff_table_model.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QMessageBox>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
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
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QuantScopeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("test_ui_main_window"));
        QSettings().clear();
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

        // Every row equals the engine's own measurement of the model at that precision.
        const auto m = openModel(path.toStdString());
        for (int r = 0; r < n; ++r) {
            const PrecisionRow& row = w.tableModel()->rows()[size_t(r)];
            QCOMPARE(row.precision, precisions[r]);
            const Format* f = findFormat(precisions[r].toStdString());
            TensorResult sum;
            uint64_t bytes = 0;
            for (const auto& t : m->tensors) {
                if (t.shape.size() < 2 || !f->supports(t.rows(), t.cols())) {
                    bytes += t.nbytes;
                    continue;
                }
                const auto x = m->toFloat(t);
                const TensorResult tr = quantizeAndMeasure(*f, x.data(), t.rows(), t.cols());
                bytes += tr.bytes;
                merge(sum, tr);
            }
            QCOMPARE(row.bytes, double(bytes));
            QCOMPARE(row.rmse, sum.stats.rmse());
            QCOMPARE(row.sqnr, sum.stats.sqnrDb());
            QCOMPARE(row.maxError, sum.stats.maxAbsErr);
            QCOMPARE(row.p99, sum.stats.percentile(99));
            QCOMPARE(row.cosine, sum.stats.cosine());
            QVERIFY(row.compressionVsF32 >= 1.0);
        }

        // Per-layer plot: one series per precision, one point per quantized tensor.
        QCustomPlot* layer = w.plots()->plot(PlotsWidget::LayerTab);
        QCOMPARE(layer->graphCount(), n);
        for (int g = 0; g < n; ++g) {
            const Format* f = findFormat(precisions[g].toStdString());
            int matrices = 0;
            for (const auto& t : m->tensors)
                matrices += t.shape.size() >= 2 && f->supports(t.rows(), t.cols()) ? 1 : 0;
            QCOMPARE(layer->graph(g)->dataCount(), matrices);
        }
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
        const TensorInfo& ti = m->tensors[size_t(t)];
        int fit = 0;
        for (const QString& p : precisions)
            fit += findFormat(p.toStdString())->supports(ti.rows(), ti.cols()) ? 1 : 0;
        QCOMPARE(err->graphCount(), fit);
        for (int g = 0; g < fit; ++g) {
            QVERIFY(err->graph(g)->dataCount() > 0);
            QVERIFY(err->graph(g)->name().contains(QStringLiteral("SQNR")));
        }
        const TensorAnalysis* a = w.tensorAnalysis(t);
        QVERIFY(a);
        QCOMPARE(int(a->precisions.size()), n);
        const auto x = m->toFloat(m->tensors[size_t(t)]);
        const TensorResult ref = quantizeAndMeasure(*findFormat(precisions[0].toStdString()), x.data(),
                                                    m->tensors[size_t(t)].rows(), m->tensors[size_t(t)].cols());
        QCOMPARE(a->precisions[0].result.stats.sqnrDb(), ref.stats.sqnrDb());

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
        QVERIFY(rows[0].startsWith(QStringLiteral("precision,bits_per_weight")));
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
        w.openFile(test::stories(QStringLiteral("stories260K-f32.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const int n = int(testPrecisions().size());
        w.precisionBar()->setChecked(testPrecisions());
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        w.run();  // a second Run replaces the first
        w.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
        QTRY_VERIFY(!done.isEmpty());
        QVERIFY(!w.isRunning());
        // Either the run was stopped (no rows, status says so) or it had already finished (n rows).
        if (done.last().at(0).toBool()) {
            QCOMPARE(w.tableModel()->rowCount(), n);
        } else {
            QCOMPARE(w.tableModel()->rowCount(), 0);
            QVERIFY(w.statusText().contains(QStringLiteral("cancelled")));
        }
        QVERIFY(!w.precisionBar()->cancelAction()->isEnabled());
        // And a new run afterwards completes.
        done.clear();
        w.run();
        QTRY_VERIFY_WITH_TIMEOUT(!done.isEmpty(), 30000);
        QVERIFY(done.last().at(0).toBool());
        QCOMPARE(w.tableModel()->rowCount(), n);
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
        f.write("GGUF\x03\x00\x00\x00 this is not a model", 30);
        f.close();
        w.openFile(bad);
        QTRY_VERIFY_WITH_TIMEOUT(visibleErrorBox(&w) != nullptr, 20000);
        QMessageBox* box = visibleErrorBox(&w);
        QVERIFY2(box->text().contains(QStringLiteral("broken.gguf")), qPrintable(box->text()));
        box->close();
        QVERIFY(w.isVisible());
        QCOMPARE(w.model(), before);  // the open model stays
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
        const QString target = testPrecisions().value(0);
        const QString before = w.browser()->footerText();
        w.browser()->applyPreset(target);
        const auto& v = w.browser()->planView();
        int planned = 0;
        for (size_t i = 0; i < v.target.size(); ++i)
            if (v.target[i] == target)
                ++planned;
        const Format* f = findFormat(target.toStdString());
        int matrices = 0;
        for (const auto& t : w.model()->tensors)
            matrices += t.shape.size() >= 2 && f->supports(t.rows(), t.cols()) ? 1 : 0;
        QCOMPARE(planned, matrices);
        QVERIFY(v.totalBytes < 1055104);
        QVERIFY(w.browser()->footerText() != before);
        // Per tensor: keep one tensor as it is.
        w.browser()->setPlanTarget(0, QString());
        QCOMPARE(w.browser()->planView().target[0], QString());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
