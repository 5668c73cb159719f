// Block inspector and primer widgets: the precision combo coarsens the grid live, the outlier
// toggle widens the scale, clicks on the heat map / stem plot pick blocks and weights, and the
// primer's live examples come from the open model.
#include "core/eval/llama_forward.h"
#include "core/formats/format.h"
#include "core/formats/inspect.h"
#include "core/model/model.h"
#include "core/plan/plan.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_models.h"
#include "ui/block_inspector.h"
#include "ui/main_window.h"
#include "ui/plots.h"
#include "ui/primer.h"

#include <QComboBox>
#include <QDockWidget>
#include <QLocale>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>
#include <cstring>

using qs::test::gaussian;

class TestBlockInspector : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void precisionCoarsensTheGrid()
    {
        qs::ui::BlockInspector w;
        w.resize(1200, 700);
        w.show();
        w.setWeights(QStringLiteral("synthetic"), gaussian(8 * 512, 1), 8, 512);
        size_t last = 0;
        for (const char* p : {"Q8_0", "Q4_0", "Q2_K"}) {
            QVERIFY(w.setPrecision(QString::fromLatin1(p)));
            QVERIFY(w.inspection());
            const auto& in = *w.inspection();
            QCOMPARE(QString::fromStdString(in.format), QString::fromLatin1(p));
            if (last)
                QVERIFY2(in.levels.size() < last, p);  // 255 -> 16 -> 4 levels
            last = in.levels.size();
            // the same weights: the block's originals do not change with the precision
            QCOMPARE(in.original[0], gaussian(8 * 512, 1)[size_t(in.col0)]);
            QVERIFY(w.stemPlot()->graphCount() >= 3);
            QVERIFY(w.infoText().contains(QString::fromStdString(in.formulaGeneral).toHtmlEscaped()));
        }
        QCOMPARE(last, size_t(4));
        QVERIFY(w.infoText().contains(QStringLiteral("Super-block")));
    }

    // A codebook format: the panel lists each group's grid point (index and bytes) and signs; the
    // XXS formats mark the unstored parity sign; IQ1's ternary points carry their signs and a shift.
    void latticePointsAndSigns()
    {
        qs::ui::BlockInspector w;
        w.resize(1200, 700);
        w.show();
        w.setWeights(QStringLiteral("synthetic"), gaussian(8 * 512, 3), 8, 512);
        for (const char* p : {"IQ2_XXS", "IQ3_S", "IQ1_S"}) {
            QVERIFY(w.setPrecision(QString::fromLatin1(p)));
            QVERIFY(w.inspection());
            const auto& in = *w.inspection();
            QVERIFY(!in.lattice.empty());
            const QString text = w.infoText();
            QVERIFY2(text.contains(QStringLiteral("Codebook")), qPrintable(text));
            const auto& g0 = in.lattice.front();
            QStringList mags;
            for (int m : g0.magnitudes)
                mags << (m < 0 ? QStringLiteral("−%1").arg(-m) : QString::number(m));
            QVERIFY2(text.contains(QStringLiteral("point %1 = (%2)").arg(QLocale().toString(g0.point)).arg(mags.join(QLatin1Char(' ')))),
                     qPrintable(text));
            QCOMPARE(text.contains(QStringLiteral("not stored")), in.paritySigns);
            QCOMPARE(text.contains(QStringLiteral("shifted by")), QByteArray(p) == "IQ1_S");  // no sign bits, a +-1/8 shift
            QCOMPARE(in.paritySigns, QByteArray(p) == "IQ2_XXS");
        }
    }

    void outlierStretchesTheScale()
    {
        qs::ui::BlockInspector w;
        w.setWeights(QStringLiteral("synthetic"), gaussian(4 * 256, 2), 4, 256);
        QVERIFY(w.setPrecision(QStringLiteral("Q4_0")));
        w.selectBlock(2, 3);
        QCOMPARE(w.inspection()->row, 2);
        QCOMPARE(w.inspection()->block, 3);
        const float before = std::fabs(w.inspection()->scale);
        const int j = w.selectedWeight();
        const float x = w.inspection()->original[size_t(j)];
        w.setOutlier(true);
        QVERIFY(w.outlier());
        QCOMPARE(w.inspection()->original[size_t(j)], 10.0f * x);
        QCOMPARE(w.inspection()->row, 2);  // the row alone was quantized, still reported as row 2
        QCOMPARE(w.inspection()->block, 3);
        QVERIFY(std::fabs(w.inspection()->scale) > 5.0f * before);
        w.setOutlier(false);
        QCOMPARE(std::fabs(w.inspection()->scale), before);
    }

    void clicksPickBlocksAndWeights()
    {
        qs::ui::BlockInspector w;
        w.resize(1200, 700);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setWeights(QStringLiteral("synthetic"), gaussian(6 * 128, 3), 6, 128);
        QVERIFY(w.setPrecision(QStringLiteral("Q8_0")));
        QCustomPlot* heat = w.heatMap();
        heat->replot();
        const QPoint p(int(heat->xAxis->coordToPixel(2)), int(heat->yAxis->coordToPixel(4)));
        QTest::mouseClick(heat, Qt::LeftButton, {}, p);
        QCOMPARE(w.row(), 4);
        QCOMPARE(w.block(), 2);
        QCustomPlot* stem = w.stemPlot();
        const QPoint q(int(stem->xAxis->coordToPixel(7)), stem->height() / 2);
        QTest::mouseClick(stem, Qt::LeftButton, {}, q);
        QCOMPARE(w.selectedWeight(), 7);
        QVERIFY(w.infoText().contains(QString::fromStdString(w.inspection()->formulaFor(7)).toHtmlEscaped()));

        // a value clicked in the histogram: the block holding that weight
        const auto v = gaussian(6 * 128, 3);
        w.selectWeightValue(v[5 * 128 + 70]);
        QCOMPARE(w.row(), 5);
        QCOMPARE(w.block(), 2);
        QCOMPARE(w.selectedWeight(), 70 - 64);
    }

    // Weights a format stores exactly (a Q4_0 model shown at Q4_0) make an all-zero heat map: its
    // colour scale is 0-1 with the title saying so, not the arbitrary 0-6 QCustomPlot gives an
    // empty range; another precision gets the cells' own range again.
    void exactBlocksGetAnHonestHeatMapScale()
    {
        qs::ui::BlockInspector w;
        w.resize(1200, 700);
        w.show();
        const qs::Format* q4 = qs::findFormat("Q4_0");
        QVERIFY(q4);
        const auto v = gaussian(4 * 256, 5);
        const auto stored = q4->roundTrip(v.data(), 4, 256);
        w.setWeights(QStringLiteral("synthetic"), stored, 4, 256);
        QVERIFY(w.setPrecision(QStringLiteral("Q4_0")));
        QVERIFY(w.heatMapExact());
        QCOMPARE(w.heatMapDataRange().lower, 0.0);
        QCOMPARE(w.heatMapDataRange().upper, 1.0);
        // the block's error bars (all 0) on a range of half its grid step, not an arbitrary ±3
        const double halfStep = 0.5 * std::fabs(double(w.inspection()->scale));
        QVERIFY(halfStep > 0);
        QCOMPARE(w.errorPlot()->yAxis->range().upper, 1.1 * halfStep);
        QVERIFY(w.setPrecision(QStringLiteral("Q2_K")));
        QVERIFY(!w.heatMapExact());
        const QCPRange r = w.heatMapDataRange();
        QVERIFY(r.lower >= 0.0);
        QVERIFY(r.upper > r.lower);
        QVERIFY(r.upper < 1.0);  // Q2_K's block RMSE on unit-variance weights, far below the 0-1 of exact
    }

    // The heat map of a wide tensor (its shown rows over kHeatForegroundValues weights) is computed
    // on a worker: meanwhile it is empty and says so; then each cell is the block's RMSE exactly as
    // the format's round trip gives it, for the precision chosen last.
    void wideHeatMapOnAWorker()
    {
        qs::ui::BlockInspector w;
        w.resize(1200, 700);
        w.show();
        const int64_t rows = 300, cols = 1024;  // 256 rows shown
        QVERIFY(256 * cols > qs::ui::BlockInspector::kHeatForegroundValues);
        const auto v = gaussian(size_t(rows * cols), 11);
        QVERIFY(w.setPrecision(QStringLiteral("Q8_0")));
        w.setWeights(QStringLiteral("wide"), v, rows, cols);
        QVERIFY(w.isHeatMapComputing());
        QVERIFY(w.inspection());  // the block itself at once
        QVERIFY(w.setPrecision(QStringLiteral("Q3_K")));  // supersedes the Q8_0 map
        QVERIFY(w.isHeatMapComputing());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isHeatMapComputing(), 30000);
        QTest::qWait(200);  // the superseded map, if it finishes later, changes nothing
        const qs::Format& f = *qs::findFormat("Q3_K");
        const auto deq = f.roundTrip(v.data(), 256, cols);
        auto* map = qobject_cast<QCPColorMap*>(w.heatMap()->plottable(0));
        QVERIFY(map);
        const int len = qs::inspectBlockLength(f, cols);
        QVERIFY(len > 0);
        const int nb = int(cols / len);
        QCOMPARE(map->data()->keySize(), nb);
        QCOMPARE(map->data()->valueSize(), 256);
        for (int r = 0; r < 256; ++r)
            for (int b = 0; b < nb; ++b) {
                double s = 0;
                for (int j = 0; j < len; ++j) {
                    const size_t i = size_t(r * cols + b * len + j);
                    s += (double(deq[i]) - double(v[i])) * (double(deq[i]) - double(v[i]));
                }
                QCOMPARE(map->data()->cell(b, r), std::sqrt(s / len));
            }
        QVERIFY(!w.heatMapExact());
        // The inspected block is marked once the map is there.
        QCOMPARE(w.heatMap()->itemCount(), 1);
    }

    // With a calibration's input moments (the last Run with error feedback), the switch shows the
    // codes error-feedback rounding stores for the row: other codes than plain rounding for some
    // blocks, and exactly the decoded bytes errorFeedbackQuantize writes for that row.
    void errorFeedbackShowsItsCodes()
    {
        qs::ui::BlockInspector w;
        w.resize(1200, 700);
        w.show();
        const int64_t rows = 4, cols = 256;
        const auto v = gaussian(size_t(rows * cols), 7);
        w.setWeights(QStringLiteral("synthetic"), v, rows, cols);
        QVERIFY(w.setPrecision(QStringLiteral("Q4_0")));
        QVERIFY(!w.errorFeedbackAvailable());  // no calibration yet
        // Correlated inputs (each one leans on its neighbour), as in a real layer.
        const auto g = gaussian(size_t(512 * cols), 8);
        qs::RowMatrix X(512, cols);
        for (int t = 0; t < 512; ++t)
            for (int i = 0; i < cols; ++i)
                X(t, i) = g[size_t(t * cols + i)] + (i > 0 ? 0.9f * g[size_t(t * cols + i - 1)] : 0.0f);
        auto stats = std::make_shared<qs::ActivationStats>();
        stats->collectMoments(true);
        const std::string name = "synthetic";
        stats->add({&name}, X);
        w.setCalibration(stats);
        QVERIFY(w.errorFeedbackAvailable());

        const int64_t nb = cols / 32;
        std::vector<std::vector<int>> plain;
        for (int64_t b = 0; b < nb; ++b) {
            w.selectBlock(1, b);
            plain.push_back(w.inspection()->codes);
        }
        w.setErrorFeedback(true);
        QVERIFY(w.errorFeedback());
        // The row is rounded on a worker: meanwhile the inspector says so and shows no block.
        QVERIFY(w.isComputing());
        QVERIFY(!w.inspection());
        QVERIFY2(w.infoText().contains(QStringLiteral("Computing")), qPrintable(w.infoText()));
        QTRY_VERIFY(!w.isComputing());
        QVERIFY(w.inspection());
        const qs::Format& f = *qs::findFormat("Q4_0");
        // What the engine stores for row r of the weights (optionally with one weight times 10),
        // seen through the inspector's own decoding: block b's codes and levels.
        const auto engineBlock = [&](int64_t r, int64_t b, int outlierAt = -1) {
            std::vector<float> w0(v.begin() + r * cols, v.begin() + (r + 1) * cols);
            if (outlierAt >= 0)
                w0[size_t(outlierAt)] *= 10.0f;
            std::vector<uint8_t> bytes(f.storageBytes(1, cols));
            qs::errorFeedbackQuantize(f, w0.data(), 1, cols, stats->moments(name)->xtx, bytes.data());
            return qs::inspectBlock(f, w0.data(), 1, cols, 0, b, nullptr,
                                    [&](const float*, int64_t, void* dst) { std::memcpy(dst, bytes.data(), bytes.size()); });
        };
        std::vector<uint8_t> bytes(f.storageBytes(1, cols));
        qs::errorFeedbackQuantize(f, v.data() + cols, 1, cols, stats->moments(name)->xtx, bytes.data());
        std::vector<float> row(static_cast<size_t>(cols));
        f.dequantize(bytes.data(), 1, cols, row.data());
        int differ = 0;
        for (int64_t b = 0; b < nb; ++b) {
            w.selectBlock(1, b);  // the same row: at once, from the rounding done
            QVERIFY(!w.isComputing());
            QVERIFY(w.inspection());
            differ += w.inspection()->codes != plain[size_t(b)] ? 1 : 0;
            QCOMPARE(w.inspection()->codes, engineBlock(1, b).codes);
            for (int j = 0; j < 32; ++j)
                QCOMPARE(w.inspection()->reconstructed[size_t(j)], row[size_t(b * 32 + j)]);
        }
        // Rows chosen while one is being rounded: only the last one's rounding is shown.
        QSignalSpy inspected(&w, &qs::ui::BlockInspector::inspected);
        w.selectBlock(2, 1);
        QVERIFY(w.isComputing());
        w.selectBlock(3, 5);
        QVERIFY(w.isComputing());
        QTRY_VERIFY(!w.isComputing());
        QVERIFY(w.inspection());
        QCOMPARE(w.inspection()->row, 3);
        QCOMPARE(w.inspection()->block, 5);
        QCOMPARE(w.inspection()->codes, engineBlock(3, 5).codes);
        QCOMPARE(w.inspection()->reconstructed, engineBlock(3, 5).reconstructed);
        QTest::qWait(200);  // row 2's rounding, superseded, changes nothing
        QCOMPARE(inspected.count(), 3);  // computing, computing, row 3
        QCOMPARE(w.inspection()->row, 3);
        // With an outlier the row is rounded again, with the outlier in it.
        const int j = w.selectedWeight();
        w.setOutlier(true);
        QVERIFY(w.isComputing());
        QTRY_VERIFY(!w.isComputing());
        QVERIFY(w.inspection());
        QCOMPARE(w.inspection()->codes, engineBlock(3, 5, 5 * 32 + j).codes);
        QCOMPARE(w.inspection()->reconstructed, engineBlock(3, 5, 5 * 32 + j).reconstructed);
        // Switched off while a rounding runs: the plain codes at once, and the rounding is dropped.
        w.selectBlock(0, 0);
        QVERIFY(w.isComputing());
        w.setErrorFeedback(false);
        QVERIFY(!w.isComputing());
        QVERIFY(w.inspection());
        QCOMPARE(w.inspection()->row, 0);
        const int shown = inspected.count();
        QTest::qWait(200);
        QCOMPARE(inspected.count(), shown);
        w.setErrorFeedback(true);
        QTRY_VERIFY(!w.isComputing());
        QCOMPARE(w.inspection()->codes, engineBlock(0, 0).codes);
        QVERIFY(differ > 0);
        QVERIFY(w.infoText().contains(QStringLiteral("error-feedback")));
        // The INT family's NF4 has it too; one scale per tensor does not (the inspector rounds a row
        // alone, and the row's codes would not be the tensor's): the switch is off there.
        QVERIFY(w.setPrecision(QStringLiteral("NF4")));
        QVERIFY(w.errorFeedbackAvailable());
        QVERIFY(w.setPrecision(QStringLiteral("INT4_SYM_TENSOR")));
        QVERIFY(!w.errorFeedbackAvailable());
        QVERIFY(!w.errorFeedback());
    }

    // A tensor over kForegroundValues weights is decoded on a worker: the inspector says it is
    // reading it, then shows it; a tensor chosen meanwhile wins over the load still running.
    void largeTensorLoadsOnAWorker()
    {
        QTemporaryDir dir;
        const int64_t cols = 1056, rows = qs::ui::BlockInspector::kForegroundValues / cols + 1;
        const std::vector<float> big = gaussian(size_t(rows * cols), 7), small = gaussian(8 * 256, 8);
        const QString path = dir.filePath(QStringLiteral("m.safetensors"));
        qs::test::writeSafetensors(path, {{"big.weight", {rows, cols}}, {"small.weight", {8, 256}}}, {big, small},
                                   QStringLiteral("F32"));
        std::shared_ptr<const qs::Model> m = qs::openModel(path.toStdString());
        qs::ui::BlockInspector w;
        QSignalSpy loaded(&w, &qs::ui::BlockInspector::tensorLoaded);
        QVERIFY(w.setPrecision(QStringLiteral("Q8_0")));
        w.setModel(m);  // selects the largest tensor
        QCOMPARE(w.tensorName(), QStringLiteral("big.weight"));
        QVERIFY(w.isLoading());
        QVERIFY(!w.inspection());
        QVERIFY2(w.infoText().contains(QStringLiteral("big.weight")), qPrintable(w.infoText()));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isLoading(), 60000);
        QCOMPARE(loaded.count(), 1);
        QVERIFY(w.inspection());
        w.selectBlock(rows - 1, 3);
        QVERIFY(w.inspection());
        const auto& first = w.inspection()->original;
        QCOMPARE(first.size(), size_t(32));
        for (size_t j = 0; j < first.size(); ++j)
            QCOMPARE(first[j], big[size_t((rows - 1) * cols + 3 * 32) + j]);

        QVERIFY(w.selectTensor(QStringLiteral("small.weight")));  // small: at once
        QVERIFY(!w.isLoading());
        QCOMPARE(loaded.count(), 2);
        QVERIFY(w.selectTensor(QStringLiteral("big.weight")));
        QVERIFY(w.isLoading());
        QVERIFY(w.selectTensor(QStringLiteral("small.weight")));  // before the big one is read
        QVERIFY(!w.isLoading());
        QCOMPARE(loaded.count(), 3);
        QTest::qWait(1000);  // the superseded load finishes meanwhile; its result is dropped
        QCOMPARE(loaded.count(), 3);
        QCOMPARE(w.tensorName(), QStringLiteral("small.weight"));
        QVERIFY(w.inspection());
        QCOMPARE(w.inspection()->original.front(), small.front());
    }

    void realModelAndPrimer()
    {
        std::shared_ptr<const qs::Model> m = qs::openModel(qs::test::stories("stories260K-f32.gguf").toStdString());
        qs::ui::BlockInspector w;
        w.setModel(m);
        QVERIFY(!w.tensorName().isEmpty());
        QVERIFY(w.inspection());
        for (const char* p : {"Q8_0", "Q4_K", "INT4_ASYM_G32", "NF4"}) {
            if (!w.setPrecision(QString::fromLatin1(p)))
                QFAIL(p);
            if (qs::findFormat(p)->supports(1, m->find(w.tensorName().toStdString())->cols()))
                QVERIFY2(w.inspection(), p);
        }

        qs::ui::Primer primer;
        const QString synthetic = primer.html();
        QVERIFY(synthetic.contains(QStringLiteral("synthetic")));
        // the codebook section measures the lattice formats on the example's first rows (256-wide
        // synthetic rows); stories260K's 64-wide rows get the note instead
        QVERIFY2(synthetic.contains(QStringLiteral("IQ2_XXS 2.06 bits per weight, SQNR")), qPrintable(synthetic));
        QVERIFY(synthetic.contains(QStringLiteral("on the first 32 rows of this tensor")));
        primer.setModel(m, QStringLiteral("stories260K"));
        const QString h = primer.html();
        QVERIFY(h != synthetic);
        QVERIFY(h.contains(QStringLiteral("stories260K")));
        QVERIFY(h.contains(QStringLiteral("so the lattice formats do not apply to it")));
        for (const QString& id : qs::ui::Primer::sections())
            QVERIFY2(h.contains(QStringLiteral("<a name=\"%1\">").arg(id)), qPrintable(id));
        // The size example is the engine's storage of the eligible tensors under a pure Q4_0 plan.
        qs::PlanSpec o;
        o.type = "Q4_0";
        o.pure = true;
        const double q4 = double(qs::buildPlan(*m, o).eligibleBytes());
        QVERIFY(q4 > 0);
        QVERIFY2(h.contains(QLocale().formattedDataSize(qint64(q4), 2, QLocale::DataSizeIecFormat)), qPrintable(h.left(2000)));
        QVERIFY(!h.contains(QStringLiteral("x̂")));  // written x′ in proportional text
        primer.showSection(QStringLiteral("video"));
    }

    // The main window's inspector dock follows the open model, and a click in the weight
    // histogram inspects the block holding the nearest weight.
    void mainWindowDock()
    {
        std::shared_ptr<const qs::Model> m = qs::openModel(qs::test::stories("stories260K-f32.gguf").toStdString());
        qs::ui::MainWindow w;
        w.resize(1300, 900);
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        w.setModel(m, QStringLiteral("stories260K"));
        QVERIFY(!w.blockInspector()->inspection());  // nothing loaded while the dock is hidden
        w.blockInspectorDock()->show();
        QTRY_VERIFY(w.blockInspector()->inspection().has_value());
        const QString name = w.blockInspector()->tensorName();
        QVERIFY(!name.isEmpty());
        QCustomPlot* hist = w.plots()->plot(qs::ui::PlotsWidget::HistogramTab);
        QVERIFY(hist);
        w.plots()->findChild<QTabWidget*>()->setCurrentIndex(0);
        QTRY_VERIFY(hist->isVisible());
        const QPoint at(hist->axisRect()->center());
        const double value = hist->xAxis->pixelToCoord(at.x());
        QTest::mouseClick(hist, Qt::LeftButton, {}, at);
        // the inspected block holds the weight of the tensor closest to the clicked value
        const auto weights = m->toFloat(*m->find(name.toStdString()));
        size_t best = 0;
        for (size_t i = 1; i < weights.size(); ++i)
            if (std::fabs(weights[i] - value) < std::fabs(weights[best] - value))
                best = i;
        const auto& in = *w.blockInspector()->inspection();
        QCOMPARE(in.original[size_t(w.blockInspector()->selectedWeight())], weights[best]);
        w.blockInspectorDock()->hide();
    }
};

QTEST_MAIN(TestBlockInspector)
#include "test_block_inspector.moc"
