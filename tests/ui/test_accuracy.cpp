// Model accuracy in the window (headless): Analysis > Evaluate Model Accuracy fills the trade-off
// table's KL / top-1 / perplexity columns with the numbers quantscope-cli compare --eval prints and
// core's evaluateType computes; Use Importance Matrix adds "<type> + imatrix" rows; the trade-off
// plot's error axis switches to mean KL; cancel during the evaluation; non-llama models.
#include "core/eval/eval_setup.h"
#include "core/model/model.h"
#include "tests/support/fixtures.h"
#include "tests/support/tiny_llama.h"
#include "ui/block_inspector.h"
#include "ui/evaluation_controller.h"
#include "ui/main_window.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/tradeoff_table_model.h"

#include <QAction>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

using namespace qs;
using namespace qs::ui;

namespace {

const QStringList kTypes{QStringLiteral("Q8_0"), QStringLiteral("Q4_0")};

QJsonArray cliCompare(const QString& model, const QStringList& extra)
{
    QByteArray out, err;
    const int rc = test::runCli(QStringList{QStringLiteral("compare"), QStringLiteral("--types"),
                                            kTypes.join(QLatin1Char(',')), QStringLiteral("--eval"),
                                            QStringLiteral("--json")} +
                                    extra + QStringList{model},
                                &out, &err);
    if (rc != 0)
        qWarning("quantscope-cli: %s", err.constData());
    return QJsonDocument::fromJson(out).object().value(QStringLiteral("results")).toArray();
}

// Shows the window, opens `model` and makes `tokens` the evaluation stream; false if it did not open.
bool openOnEvalTokens(MainWindow& w, const QString& model, const QString& tokens)
{
    w.show();
    w.openFile(model);
    if (!QTest::qWaitFor([&] { return w.model() != nullptr; }, 20000))
        return false;
    EvalStreamOptions so;
    so.tokensFile = tokens.toStdString();
    w.evaluation()->setEvaluationStream(so);
    return true;
}

// The y values of the single-point graphs of the trade-off plot (one per precision).
QList<double> tradeoffPoints(QCustomPlot* p, QStringList* names = nullptr)
{
    QList<double> ys;
    for (int i = 0; i < p->graphCount(); ++i) {
        QCPGraph* g = p->graph(i);
        if (g->dataCount() != 1 || g->name() == QStringLiteral("Pareto front"))
            continue;
        ys << g->data()->constBegin()->value;
        if (names)
            *names << g->name();
    }
    return ys;
}

}  // namespace

class TestAccuracy : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        test::useEmptySettings(QStringLiteral("test_ui_accuracy"));
    }

    void evaluationMatchesCliAndCore()
    {
        MainWindow w;
        w.show();
        const QString path = test::stories(QStringLiteral("stories260K-f32.gguf"));
        const QString tokens = test::stories(QStringLiteral("eval-tokens.json"));
        QVERIFY(!w.evaluation()->evaluateAction()->isEnabled());  // no model yet
        w.openFile(path);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        QVERIFY(w.evaluation()->evaluateAction()->isEnabled());
        QVERIFY(w.evaluation()->evaluateAction()->isCheckable() && !w.evaluation()->evaluateAction()->isChecked());
        QVERIFY(!w.evaluation()->imatrixAction()->isEnabled());  // only with evaluation on
        // The default stream is the CLI's: sampled tokens, fixed seed, stated in the tooltip.
        QCOMPARE(w.evaluation()->evaluationStream().sample, kDefaultEvalSample);
        QCOMPARE(w.evaluation()->evaluationStream().seed, kDefaultEvalSeed);
        QVERIFY(w.evaluation()->evaluateAction()->toolTip().contains(QString::number(kDefaultEvalSample)));

        // A Run without evaluation: the accuracy columns are empty.
        w.precisionBar()->setChecked(kTypes);
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);
        QVERIFY(done.last().at(0).toBool());
        TradeoffTableModel* t = w.tableModel();
        QCOMPARE(t->rowCount(), 2);
        for (int c : {TradeoffTableModel::KlMean, TradeoffTableModel::KlP99, TradeoffTableModel::Top1,
                      TradeoffTableModel::Ppl, TradeoffTableModel::PplDelta}) {
            QCOMPARE(t->index(0, c).data().toString(), QStringLiteral("—"));
            QVERIFY(t->cellText(0, c).isEmpty());
        }
        // The KL axis of the trade-off plot has nothing to draw yet.
        w.plots()->setTradeoffError(PlotsWidget::ErrorKl);
        QCOMPARE(tradeoffPoints(w.plots()->plot(PlotsWidget::TradeoffTab)).size(), 0);
        w.plots()->setTradeoffError(PlotsWidget::ErrorSqnr);

        // Evaluate on the fixture's 129 tokens; checking the action re-runs.
        EvalStreamOptions so;
        so.tokensFile = tokens.toStdString();
        w.evaluation()->setEvaluationStream(so);
        w.evaluation()->evaluateAction()->setChecked(true);
        QVERIFY(w.evaluation()->imatrixAction()->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 30000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        QCOMPARE(t->rowCount(), 2);
        const auto& rows = t->rows();
        for (const auto& r : rows) {
            QVERIFY(r.evaluated);
            QVERIFY(r.kldMean > 0 && std::isfinite(r.kldMean));
            QVERIFY(r.kldP99 >= r.kldMean);
            QVERIFY(r.top1 > 0 && r.top1 <= 1.0);
            QVERIFY(r.ppl > 1 && r.pplReference > 1);
            QCOMPARE(r.evalPositions, qint64(128));
        }
        QVERIFY(rows[0].kldMean < rows[1].kldMean);  // KL(Q8_0) < KL(Q4_0)
        QVERIFY(rows[0].top1 > rows[1].top1);
        QVERIFY(t->index(0, TradeoffTableModel::KlMean).data().toString() != QStringLiteral("—"));
        QVERIFY(t->index(1, TradeoffTableModel::Top1).data().toString().endsWith(QStringLiteral("%")));
        QVERIFY(!t->cellText(1, TradeoffTableModel::PplDelta).isEmpty());
        QVERIFY(t->toCsv().startsWith(QStringLiteral("type,")));
        QVERIFY(t->toCsv().section(QLatin1Char('\n'), 0, 0).contains(QStringLiteral("kld_mean")));

        // Equal to core's evaluateType on the same stream ...
        const auto m = openModel(path.toStdString());
        const auto setup = prepareEvaluation(*m, so);
        for (int k = 0; k < 2; ++k) {
            const TypeAccuracy a = evaluateType(*m, *setup, PlanSpec(kTypes[k].toStdString()));
            QCOMPARE(rows[size_t(k)].kldMean, a.plain.kldMean);
            QCOMPARE(rows[size_t(k)].kldP99, a.plain.kldP99);
            QCOMPARE(rows[size_t(k)].top1, a.plain.top1Agreement);
            QCOMPARE(rows[size_t(k)].ppl, a.plain.ppl);
            QCOMPARE(rows[size_t(k)].pplReference, a.plain.pplReference);
        }
        // ... and to quantscope-cli compare --eval --json.
        const QJsonArray cli = cliCompare(path, {QStringLiteral("--tokens"), tokens});
        QCOMPARE(cli.size(), 2);
        for (int k = 0; k < 2; ++k) {
            const QJsonObject o = cli[k].toObject();
            const PrecisionRow& r = rows[size_t(k)];
            QCOMPARE(r.precision, o.value(QStringLiteral("type")).toString());
            QCOMPARE(r.kldMean, o.value(QStringLiteral("kld_mean")).toDouble());
            QCOMPARE(r.kldP99, o.value(QStringLiteral("kld_p99")).toDouble());
            QCOMPARE(r.top1, o.value(QStringLiteral("top1_agreement")).toDouble());
            QCOMPARE(r.ppl, o.value(QStringLiteral("ppl")).toDouble());
            QCOMPARE(r.pplReference, o.value(QStringLiteral("ppl_reference")).toDouble());
            QCOMPARE(r.rmse, o.value(QStringLiteral("rmse")).toDouble());
        }

        // The trade-off plot's error axis: SQNR points, then mean KL points (Pareto on KL).
        QCustomPlot* trade = w.plots()->plot(PlotsWidget::TradeoffTab);
        w.plots()->setTradeoffError(PlotsWidget::ErrorSqnr);
        const QList<double> sqnr = tradeoffPoints(trade);
        QCOMPARE(sqnr, (QList<double>{rows[0].sqnr, rows[1].sqnr}));
        QCOMPARE(trade->yAxis->scaleType(), QCPAxis::stLinear);
        w.plots()->setTradeoffError(PlotsWidget::ErrorKl);
        QCOMPARE(w.plots()->tabs()->currentIndex(), int(PlotsWidget::TradeoffTab));
        const QList<double> kl = tradeoffPoints(trade);
        QCOMPARE(kl, (QList<double>{rows[0].kldMean, rows[1].kldMean}));
        QVERIFY(kl != sqnr);
        QCOMPARE(trade->yAxis->scaleType(), QCPAxis::stLogarithmic);
        QVERIFY(trade->yAxis->range().contains(rows[0].kldMean) && trade->yAxis->range().contains(rows[1].kldMean));
        QVERIFY(trade->yAxis->label().contains(QStringLiteral("KL")));
        // Q4_0 is smaller and Q8_0 more accurate: both are on the front.
        QCPGraph* front = nullptr;
        for (int i = 0; i < trade->graphCount(); ++i)
            if (trade->graph(i)->name() == QStringLiteral("Pareto front"))
                front = trade->graph(i);
        QVERIFY(front);
        QCOMPARE(front->dataCount(), 2);
        w.plots()->setTradeoffError(PlotsWidget::ErrorRmse);
        QCOMPARE(tradeoffPoints(trade), (QList<double>{rows[0].rmse, rows[1].rmse}));
    }

    void importanceMatrixAddsRows()
    {
        MainWindow w;
        const QString path = test::stories(QStringLiteral("stories260K-f32.gguf"));
        const QString tokens = test::stories(QStringLiteral("eval-tokens.json"));
        QVERIFY(openOnEvalTokens(w, path, tokens));  // calibration: sampled (the CLI's default stream)
        w.evaluation()->evaluateAction()->setChecked(true);
        w.evaluation()->imatrixAction()->setChecked(true);
        w.precisionBar()->setChecked(kTypes);
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 60000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        TradeoffTableModel* t = w.tableModel();
        QCOMPARE(t->rowCount(), 4);
        const auto& rows = t->rows();
        QCOMPARE(rows[0].precision, QStringLiteral("Q8_0"));
        QCOMPARE(rows[1].precision, QStringLiteral("Q8_0 + imatrix"));
        QCOMPARE(rows[2].precision, QStringLiteral("Q4_0"));
        QCOMPARE(rows[3].precision, QStringLiteral("Q4_0 + imatrix"));
        QVERIFY(rows[1].imatrix && !rows[1].weightMeasured && rows[1].evaluated);
        QCOMPARE(rows[1].bytes, rows[0].bytes);  // same storage
        // The view shows them in run order until a header is clicked.
        for (int r = 0; r < 4; ++r)
            QCOMPARE(w.tableProxy()->index(r, 0).data().toString(), TradeoffTableModel::precisionText(rows[size_t(r)]));
        QCOMPARE(t->index(1, TradeoffTableModel::Rmse).data().toString(), QStringLiteral("—"));
        QVERIFY(t->index(1, TradeoffTableModel::KlMean).data().toString() != QStringLiteral("—"));

        // The CLI's --imatrix columns for the same streams.
        const QJsonArray cli = cliCompare(path, {QStringLiteral("--tokens"), tokens, QStringLiteral("--imatrix")});
        QCOMPARE(cli.size(), 2);
        for (int k = 0; k < 2; ++k) {
            const QJsonObject o = cli[k].toObject();
            const PrecisionRow& plain = rows[size_t(2 * k)];
            const PrecisionRow& im = rows[size_t(2 * k + 1)];
            QCOMPARE(plain.kldMean, o.value(QStringLiteral("kld_mean")).toDouble());
            QCOMPARE(im.kldMean, o.value(QStringLiteral("imatrix_kld_mean")).toDouble());
            QCOMPARE(im.kldP99, o.value(QStringLiteral("imatrix_kld_p99")).toDouble());
            QCOMPARE(im.top1, o.value(QStringLiteral("imatrix_top1_agreement")).toDouble());
            QCOMPARE(im.ppl, o.value(QStringLiteral("imatrix_ppl")).toDouble());
            QVERIFY(im.kldMean != plain.kldMean);
        }
        // Per-layer plot: series for the measured rows only; the KL plot has all four points.
        QCOMPARE(w.plots()->plot(PlotsWidget::LayerTab)->graphCount(), 2);
        w.plots()->setTradeoffError(PlotsWidget::ErrorKl);
        QStringList names;
        const QList<double> kl = tradeoffPoints(w.plots()->plot(PlotsWidget::TradeoffTab), &names);
        QCOMPARE(names, (QStringList{QStringLiteral("Q8_0"), QStringLiteral("Q8_0 + imatrix"), QStringLiteral("Q4_0"),
                                     QStringLiteral("Q4_0 + imatrix")}));
        QCOMPARE(kl[3], rows[3].kldMean);
        w.plots()->setTradeoffError(PlotsWidget::ErrorSqnr);
        QCOMPARE(tradeoffPoints(w.plots()->plot(PlotsWidget::TradeoffTab)).size(), 2);

        // Turning the importance matrix off re-runs without the extra rows.
        w.evaluation()->imatrixAction()->setChecked(false);
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 60000);
        QCOMPARE(t->rowCount(), 2);
        QVERIFY(t->rows()[1].evaluated);
    }

    // Use Error-Feedback Rounding adds "<type> + error feedback" rows with the numbers of the CLI's
    // compare --eval --error-feedback (ef_* columns) on the same streams; with the importance matrix
    // too, each type's rows come in the order plain, imatrix, error feedback.
    void errorFeedbackAddsRows()
    {
        MainWindow w;
        const QString path = test::stories(QStringLiteral("stories260K-f32.gguf"));
        const QString tokens = test::stories(QStringLiteral("eval-tokens.json"));
        QVERIFY(openOnEvalTokens(w, path, tokens));
        QVERIFY(!w.evaluation()->errorFeedbackAction()->isEnabled());  // only with evaluation on
        w.evaluation()->evaluateAction()->setChecked(true);
        QVERIFY(w.evaluation()->errorFeedbackAction()->isEnabled());
        w.evaluation()->imatrixAction()->setChecked(false);
        w.evaluation()->errorFeedbackAction()->setChecked(true);
        w.precisionBar()->setChecked(kTypes);
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTRY_VERIFY_WITH_TIMEOUT(done.size() >= 1 && !w.isBusy(), 60000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        const auto& rows = w.tableModel()->rows();
        QStringList names;
        for (const PrecisionRow& r : rows)
            names << r.precision;
        QCOMPARE(names, (QStringList{QStringLiteral("Q8_0"), QStringLiteral("Q8_0 + error feedback"), QStringLiteral("Q4_0"),
                                     QStringLiteral("Q4_0 + error feedback")}));
        QVERIFY(rows[3].errorFeedback && !rows[3].imatrix && !rows[3].weightMeasured && rows[3].evaluated);
        QCOMPARE(rows[3].bytes, rows[2].bytes);  // ordinary blocks: the same storage
        QVERIFY(w.tableModel()->index(3, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("error-feedback")));
        const QJsonArray cli = cliCompare(path, {QStringLiteral("--tokens"), tokens, QStringLiteral("--error-feedback")});
        QCOMPARE(cli.size(), 2);
        for (int k = 0; k < 2; ++k) {
            const QJsonObject o = cli[k].toObject();
            const PrecisionRow& ef = rows[size_t(2 * k + 1)];
            QCOMPARE(rows[size_t(2 * k)].kldMean, o.value(QStringLiteral("kld_mean")).toDouble());
            QCOMPARE(ef.kldMean, o.value(QStringLiteral("ef_kld_mean")).toDouble());
            QCOMPARE(ef.top1, o.value(QStringLiteral("ef_top1_agreement")).toDouble());
            QCOMPARE(ef.ppl, o.value(QStringLiteral("ef_ppl")).toDouble());
            QVERIFY(ef.kldMean != rows[size_t(2 * k)].kldMean);
        }
        // The run's calibration reaches the block inspector: its error-feedback switch works on the
        // model's matrices (an attention projection, 64 wide).
        BlockInspector* insp = w.blockInspector();
        insp->setModel(w.model());
        QVERIFY(insp->selectTensor(QStringLiteral("blk.0.attn_q.weight")));
        QVERIFY(insp->setPrecision(QStringLiteral("Q4_0")));
        QVERIFY(insp->errorFeedbackAvailable());
        // Both: plain, imatrix, error feedback per type.
        const int before = int(done.size());
        w.evaluation()->imatrixAction()->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(done.size() == before + 1 && !w.isBusy(), 60000);
        QCOMPARE(w.tableModel()->rowCount(), 6);
        QCOMPARE(w.tableModel()->rows()[4].precision, QStringLiteral("Q4_0 + imatrix"));
        QCOMPARE(w.tableModel()->rows()[5].precision, QStringLiteral("Q4_0 + error feedback"));
        // Off again: the plain rows only, and the choice is remembered.
        w.evaluation()->errorFeedbackAction()->setChecked(false);
        w.evaluation()->imatrixAction()->setChecked(false);
        QTRY_VERIFY_WITH_TIMEOUT(w.tableModel()->rowCount() == 2 && !w.isBusy(), 60000);
        w.evaluation()->errorFeedbackAction()->setChecked(true);
        w.close();
        QVERIFY(QSettings().value(QStringLiteral("accuracy/errorFeedback")).toBool());
        QSettings().setValue(QStringLiteral("accuracy/errorFeedback"), false);
        QSettings().setValue(QStringLiteral("accuracy/evaluate"), false);
    }

    // Analysis > Calibration Tokens…: the sampled calibration stream's length reaches the Run (the
    // error-feedback rows equal compare --calib-sample's), redoes it, is clamped and remembered.
    void calibrationTokensSetting()
    {
        QSettings().remove(QStringLiteral("accuracy/calibrationTokens"));
        const QString path = test::stories(QStringLiteral("stories260K-f32.gguf"));
        const QString tokens = test::stories(QStringLiteral("eval-tokens.json"));
        {
            MainWindow w;
            QCOMPARE(w.evaluation()->evaluationStream().calibSample, kDefaultCalibSample);
            QVERIFY(!w.evaluation()->calibrationTokensAction()->isEnabled());  // no model yet
            QVERIFY(openOnEvalTokens(w, path, tokens));
            QVERIFY(w.evaluation()->calibrationTokensAction()->isEnabled());
            QVERIFY(w.evaluation()->calibrationTokensAction()->text().contains(QLocale().toString(kDefaultCalibSample)));
            w.evaluation()->evaluateAction()->setChecked(true);
            w.evaluation()->imatrixAction()->setChecked(false);
            w.evaluation()->errorFeedbackAction()->setChecked(true);
            w.precisionBar()->setChecked({QStringLiteral("Q4_0")});
            QSignalSpy done(&w, &MainWindow::runFinished);
            w.run();
            QTRY_VERIFY_WITH_TIMEOUT(done.size() >= 1 && !w.isBusy(), 60000);
            QCOMPARE(w.tableModel()->rowCount(), 2);
            const double at1024 = w.tableModel()->rows()[1].kldMean;
            const int before = int(done.size());
            w.evaluation()->setCalibrationTokens(300);  // redoes the Run
            QCOMPARE(w.evaluation()->evaluationRequest().stream.calibSample, 300);
            QVERIFY(w.evaluation()->errorFeedbackAction()->toolTip().contains(QStringLiteral("300")));
            QTRY_VERIFY_WITH_TIMEOUT(done.size() == before + 1 && !w.isBusy(), 60000);
            QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
            const PrecisionRow& ef = w.tableModel()->rows()[1];
            QVERIFY(ef.errorFeedback);
            QVERIFY(ef.kldMean != at1024);
            const QJsonArray cli = cliCompare(path, {QStringLiteral("--tokens"), tokens, QStringLiteral("--error-feedback"),
                                                     QStringLiteral("--calib-sample"), QStringLiteral("300")});
            QCOMPARE(cli.size(), 2);
            QCOMPARE(ef.kldMean, cli[1].toObject().value(QStringLiteral("ef_kld_mean")).toDouble());
            w.evaluation()->setCalibrationTokens(10);  // below the least: clamped
            QCOMPARE(w.evaluation()->evaluationStream().calibSample, EvaluationController::kMinCalibrationTokens);
            QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
            w.close();
        }
        QCOMPARE(QSettings().value(QStringLiteral("accuracy/calibrationTokens")).toInt(), EvaluationController::kMinCalibrationTokens);
        {
            MainWindow w;  // remembered
            QCOMPARE(w.evaluation()->evaluationStream().calibSample, EvaluationController::kMinCalibrationTokens);
        }
        QSettings().remove(QStringLiteral("accuracy/calibrationTokens"));
        QSettings().setValue(QStringLiteral("accuracy/errorFeedback"), false);
        QSettings().setValue(QStringLiteral("accuracy/evaluate"), false);
    }

    void cancelDuringEvaluation()
    {
        MainWindow w;
        w.show();
        w.openFile(test::stories(QStringLiteral("stories260K-f32.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        EvalStreamOptions so;
        so.sample = 200000;  // long enough to be caught while sampling the stream
        w.evaluation()->setEvaluationStream(so);
        w.evaluation()->evaluateAction()->setChecked(true);
        w.precisionBar()->setChecked({QStringLiteral("Q8_0")});
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        auto* progress = w.findChild<QProgressBar*>(QStringLiteral("progressBar"));
        QVERIFY(progress);
        // Past the weight comparison (30 % of the bar), inside the evaluation.
        QTRY_VERIFY_WITH_TIMEOUT(progress->isVisible() && progress->value() >= 300, 30000);
        QVERIFY(w.isRunning());
        w.cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 60000);
        QCOMPARE(done.size(), 1);
        QCOMPARE(done.last().at(0).toBool(), false);
        QCOMPARE(w.tableModel()->rowCount(), 0);
        QVERIFY(!w.lastRun().has_value());
    }

    // Analysis > Evaluate on Text File…: the Run evaluates on the text as compare --eval --text
    // does; unchecking goes back to sampled tokens; a model without a real tokenizer says so.
    void evaluateOnTextFile()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath(QStringLiteral("tiny"));
        test::TinyLlama tl;
        tl.vocabSize = 265;
        tl.contextLength = 32;
        test::writeTinyLlama(model, tl);
        auto write = [](const QString& path, const QByteArray& bytes) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(bytes);
        };
        write(model + "/tokenizer.json", QJsonDocument(test::smallSentencePieceTokenizer()).toJson());
        const QString text = dir.filePath(QStringLiteral("text.txt"));
        write(text, QByteArray("ab ab c abba b a. ").repeated(12));

        MainWindow w;
        w.show();
        QVERIFY(!w.evaluation()->evaluateTextAction()->isEnabled());
        w.openFile(model);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        QVERIFY(w.evaluation()->evaluateTextAction()->isEnabled() && !w.evaluation()->evaluateTextAction()->isChecked());
        w.precisionBar()->setChecked({QStringLiteral("Q8_0")});
        QSignalSpy done(&w, &MainWindow::runFinished);
        w.run();
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 1, 30000);

        w.evaluation()->setNextTextFile(text);
        w.evaluation()->evaluateTextAction()->trigger();  // checks Evaluate Model Accuracy, which re-runs
        QVERIFY(w.evaluation()->evaluateTextAction()->isChecked());
        QVERIFY(w.evaluation()->evaluateAction()->isChecked());
        QCOMPARE(QString::fromStdString(w.evaluation()->evaluationStream().textFile), text);
        QVERIFY(w.evaluation()->evaluateAction()->toolTip().contains(text));
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 2, 30000);
        QVERIFY2(done.last().at(0).toBool(), qPrintable(w.lastError()));
        const QJsonObject cli =
            cliCompare(model, {QStringLiteral("--text"), text}).at(0).toObject();  // Q8_0, Q4_0
        const auto row = w.tableModel()->rows().at(0);  // a copy: the next Run replaces the rows
        QVERIFY(row.evaluated);
        QCOMPARE(row.evalPositions, cli.value(QStringLiteral("eval_positions")).toInteger());
        QCOMPARE(row.ppl, cli.value(QStringLiteral("ppl")).toDouble());
        QCOMPARE(row.kldMean, cli.value(QStringLiteral("kld_mean")).toDouble());

        w.evaluation()->evaluateTextAction()->trigger();  // back to sampled tokens
        QVERIFY(w.evaluation()->evaluationStream().textFile.empty());
        QTRY_COMPARE_WITH_TIMEOUT(done.size(), 3, 30000);
        QVERIFY(w.tableModel()->rows().at(0).evalPositions != row.evalPositions);

        // Calibrate on a text file: the stream a Run asks for carries it (compare --calib-text), the
        // tooltips name it; unchecked, the calibration is sampled again.
        const QString calib = dir.filePath(QStringLiteral("calib.txt"));
        write(calib, QByteArray("c ba abc a b. b ab ac. ").repeated(6));
        QVERIFY(w.evaluation()->calibrateTextAction()->isEnabled());
        w.evaluation()->setNextCalibrationTextFile(calib);
        w.evaluation()->calibrateTextAction()->trigger();
        QVERIFY(w.evaluation()->calibrateTextAction()->isChecked());
        QCOMPARE(QString::fromStdString(w.evaluation()->evaluationRequest().stream.calibTextFile), calib);
        QVERIFY(w.evaluation()->imatrixAction()->toolTip().contains(calib));
        QVERIFY(w.evaluation()->errorFeedbackAction()->toolTip().contains(calib));
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
        w.evaluation()->calibrateTextAction()->trigger();
        QVERIFY(w.evaluation()->evaluationRequest().stream.calibTextFile.empty());
        QVERIFY(!w.evaluation()->imatrixAction()->toolTip().contains(calib));
        const int runs = int(done.size());

        // stories260K's placeholder vocabulary: the Run fails and says why.
        w.openFile(test::stories(QStringLiteral("stories260K-f32.gguf")));
        QTRY_VERIFY_WITH_TIMEOUT(w.model() && QString::fromStdString(w.model()->path).endsWith(".gguf") && !w.isBusy(),
                                 20000);
        w.evaluation()->setNextTextFile(text);
        w.evaluation()->evaluateTextAction()->trigger();  // a new model has no last Run to redo
        QVERIFY(w.evaluation()->evaluateTextAction()->isChecked());
        w.run();
        QTRY_VERIFY_WITH_TIMEOUT(done.size() == runs + 1 && !w.isBusy(), 30000);
        QCOMPARE(done.last().at(0).toBool(), false);
        QVERIFY2(w.lastError().contains(QStringLiteral("placeholder")), qPrintable(w.lastError()));
    }

    void nonLlamaModelCannotBeEvaluated()
    {
        // A bare safetensors file with one matrix: no llama hyper-parameters.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("plain.safetensors"));
        const QByteArray header = R"({"w":{"dtype":"F32","shape":[2,32],"data_offsets":[0,256]}})";
        QByteArray bytes(8, '\0');
        const quint64 n = quint64(header.size());
        for (int i = 0; i < 8; ++i)
            bytes[i] = char((n >> (8 * i)) & 0xff);
        bytes += header + QByteArray(256, '\0');
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        MainWindow w;
        w.evaluation()->evaluateAction()->setChecked(true);
        w.openFile(path);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        QVERIFY(!w.evaluation()->evaluateAction()->isEnabled());
        QVERIFY(!w.evaluation()->imatrixAction()->isEnabled());
        QVERIFY(!w.evaluation()->evaluationRequest().enabled);
        QVERIFY(w.evaluation()->evaluateAction()->toolTip().startsWith(QStringLiteral("Not a llama")));
        // The built-in demo is llama-shaped.
        w.openDemo();
        QVERIFY(w.evaluation()->evaluateAction()->isEnabled());
        QVERIFY(w.evaluation()->evaluationRequest().enabled);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 30000);
    }
};

QTEST_MAIN(TestAccuracy)
#include "test_accuracy.moc"
