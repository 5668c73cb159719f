// The GUI's model-accuracy tools on stories260K, headless: the sensitivity bar chart equals
// `quantscope-cli compare --eval --sensitivity`, and Plan for Size puts the CLI's
// `plan-for-size` plan into the browser, within the target, and exports it.
#include "core/model/model.h"
#include "tests/support/fixtures.h"
#include "ui/eval_engine.h"
#include "ui/evaluation_controller.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/sensitivity_view.h"
#include "ui/size_target_dialog.h"

#include <QAction>
#include <QDockWidget>
#include <QJsonArray>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <optional>
#include <set>

using namespace qs;
using namespace qs::ui;

namespace {

QString gguf() { return test::stories(QStringLiteral("stories260K-f32.gguf")); }
QString tokens() { return test::stories(QStringLiteral("eval-tokens.json")); }

QJsonObject cliJson(const QStringList& args)
{
    QByteArray out, err;
    const int rc = test::runCli(args, &out, &err);
    if (rc != 0)
        qWarning("quantscope-cli %s: %s", qPrintable(args.join(QLatin1Char(' '))), err.constData());
    return rc == 0 ? QJsonDocument::fromJson(out).object() : QJsonObject();
}

// The same double (JSON round trip is exact); a last-bit difference would mean other work.
bool same(double a, double b) { return a == b; }

}  // namespace

class TestUiSensitivity : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        test::useEmptySettings(QStringLiteral("test_ui_sensitivity"));
    }

    void sensitivityEqualsCli_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("byLayer");
        QTest::addColumn<bool>("imatrix");
        QTest::newRow("Q4_0 by tensor") << QStringLiteral("Q4_0") << false << false;
        QTest::newRow("Q5_1 by tensor, importance matrix") << QStringLiteral("Q5_1") << false << true;
        QTest::newRow("Q2_K by layer") << QStringLiteral("Q2_K") << true << false;
    }

    void sensitivityEqualsCli()
    {
        QFETCH(QString, type);
        QFETCH(bool, byLayer);
        QFETCH(bool, imatrix);
        MainWindow w;
        w.openFile(gguf());
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        SensitivityView* v = w.sensitivityView();
        QVERIFY(v);
        QVERIFY(w.sensitivityDock()->isHidden());
        w.findChild<QAction*>(QStringLiteral("actionSensitivity"))->trigger();
        QVERIFY(!w.sensitivityDock()->isHidden());
        QCOMPARE(v->type(), QStringLiteral("Q4_0"));  // the default
        v->setType(type);
        v->setByLayer(byLayer);
        v->setImportance(imatrix);
        v->setTokenFile(tokens());
        QSignalSpy done(v, &SensitivityView::finished);
        v->compute();
        QVERIFY(v->isRunning());
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(v->result().has_value());
        const auto& rows = v->result()->rows;

        // The CLI's ranking for the same type and stream (by tensor; by layer through --json of
        // compare is not offered, so layers are checked against the per-tensor structure below).
        QStringList args{QStringLiteral("compare"), gguf(), QStringLiteral("--types"), type, QStringLiteral("--eval"),
                         QStringLiteral("--tokens"), tokens(), QStringLiteral("--sensitivity"), QStringLiteral("--json")};
        if (imatrix)
            args << QStringLiteral("--imatrix");  // calibrated on 1024 tokens sampled with seed 2 by default
        if (!byLayer) {
            const QJsonObject cli = cliJson(args);
            const QJsonArray ref =
                cli.value(QStringLiteral("results")).toArray().at(0).toObject().value(QStringLiteral("sensitivity")).toArray();
            QCOMPARE(int(rows.size()), int(ref.size()));
            QCOMPARE(int(rows.size()), 36);  // 5 layers x 7 matrices + the tied embedding
            for (int i = 0; i < ref.size(); ++i) {
                const QJsonObject o = ref.at(i).toObject();
                QCOMPARE(QString::fromStdString(rows[size_t(i)].name), o.value(QStringLiteral("name")).toString());
                QVERIFY2(same(rows[size_t(i)].kldMean, o.value(QStringLiteral("kld_mean")).toDouble()),
                         qPrintable(QStringLiteral("%1: %2 vs %3").arg(o.value(QStringLiteral("name")).toString())
                                        .arg(rows[size_t(i)].kldMean, 0, 'g', 17)
                                        .arg(o.value(QStringLiteral("kld_mean")).toDouble(), 0, 'g', 17)));
                QVERIFY(same(rows[size_t(i)].top1Agreement, o.value(QStringLiteral("top1_agreement")).toDouble()));
                QCOMPARE(qint64(rows[size_t(i)].bytesSaved), o.value(QStringLiteral("bytes_saved")).toInteger());
            }
            if (imatrix) {
                // The importance matrix changed the numbers (the plain ranking differs somewhere).
                args.removeLast();
                const QJsonArray plain = cliJson(args).value(QStringLiteral("results")).toArray().at(0).toObject()
                                             .value(QStringLiteral("sensitivity")).toArray();
                QCOMPARE(plain.size(), ref.size());
                bool differs = false;
                for (int i = 0; i < ref.size(); ++i)
                    differs = differs || plain.at(i).toObject().value(QStringLiteral("kld_mean")).toDouble() !=
                                             ref.at(i).toObject().value(QStringLiteral("kld_mean")).toDouble();
                QVERIFY(differs);
            }
        } else {
            QCOMPARE(int(rows.size()), 6);  // blk.0..blk.4 and the embedding
            int blocks = 0;
            for (const auto& r : rows)
                blocks += r.name.rfind("blk.", 0) == 0 ? 1 : 0;
            QCOMPARE(blocks, 5);
        }
        QCOMPARE(v->result()->positions, qint64(128));
        for (size_t i = 1; i < rows.size(); ++i)
            QVERIFY(rows[i - 1].kldMean >= rows[i].kldMean);  // ranked
        QVERIFY(rows.front().kldMean > 0);

        // The chart: one horizontal bar per entry, its name on the key axis, hover text.
        QCustomPlot* p = v->plot();
        QCOMPARE(p->plottableCount(), 1);
        auto* bars = qobject_cast<QCPBars*>(p->plottable(0));
        QVERIFY(bars);
        QCOMPARE(bars->keyAxis(), p->yAxis);
        QCOMPARE(bars->data()->size(), int(rows.size()));
        auto ticker = p->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
        QVERIFY(ticker);
        QVERIFY(ticker->ticks().value(1).startsWith(QString::fromStdString(rows.front().name)));
        if (!byLayer) {
            // ffn_down rows (172 columns) do not fit a 32- or 256-block: the plan falls back, and
            // the label says to what.
            const auto& formats = v->result()->formats;
            QCOMPARE(QString::fromStdString(formats.at("blk.0.ffn_down.weight")), QStringLiteral("F16"));
            QCOMPARE(QString::fromStdString(formats.at("blk.0.attn_q.weight")), type);
            bool labelled = false;
            for (const QString& t : ticker->ticks())
                labelled = labelled || t == QStringLiteral("blk.0.ffn_down.weight (F16)");
            QVERIFY(labelled);
        }
        QCOMPARE(bars->data()->at(0)->value, rows.front().kldMean);
        const QString tip = v->toolTipForRank(0);
        QVERIFY(tip.contains(QString::fromStdString(rows.front().name)));
        QVERIFY(tip.contains(QLocale().toString(rows.front().kldMean, 'g', 4)));
        // The bar under the mouse is the one the tooltip describes.
        p->resize(800, int(rows.size()) * 18 + 90);
        p->replot();
        const int y = int(p->yAxis->coordToPixel(1.0));
        const int x = int(p->xAxis->coordToPixel(rows.front().kldMean / 2));
        QCOMPARE(v->rankAt(QPoint(x, y)), 0);
    }

    void sensitivityCancels()
    {
        MainWindow w;
        w.openFile(gguf());
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        SensitivityView* v = w.sensitivityView();
        v->setTokenFile(QString());
        v->setSampleTokens(4096);  // long enough that it is still going when cancelled
        QSignalSpy done(v, &SensitivityView::finished);
        v->compute();
        v->cancel();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY(!v->result().has_value());
        QVERIFY(!v->isRunning());

        // A result computed for a model that is no longer shown is dropped.
        v->setTokenFile(tokens());
        QSignalSpy again(v, &SensitivityView::finished);
        v->compute();
        w.setModel(w.model(), QStringLiteral("the same file, shown again"));  // a model change
        QVERIFY(again.wait(60000) || !again.isEmpty());
        QVERIFY(!v->result().has_value());
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }

    void demoGetsAShortStream()
    {
        // The 12M-parameter demo is llama-shaped; its forward pass is ~50x stories260K's, so the
        // view samples a short stream by default and says so (the CLI default of 512 stays for
        // small models).
        MainWindow w;
        w.openDemo();
        QVERIFY(w.model());
        SensitivityView* v = w.sensitivityView();
        QVERIFY(engine::canEvaluate(*w.model()));
        QCOMPARE(v->sampleTokens(), engine::defaultSampleTokens(*w.model()));
        QVERIFY(v->sampleTokens() <= 64);
        QVERIFY(v->findChild<QLabel*>(QStringLiteral("sensitivityNote"))->text().contains(QStringLiteral("short")));
        w.openFile(gguf());
        QTRY_VERIFY_WITH_TIMEOUT(w.model() && w.model()->format != "memory", 20000);
        QCOMPARE(v->sampleTokens(), kDefaultEvalSample);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }

    // The window's error-feedback switch carries into Plan for Size: the candidates are rounded by
    // error feedback, and the plan's size and KL are the CLI's `plan-for-size --error-feedback`.
    void planForSizeWithErrorFeedbackMatchesCli()
    {
        const QJsonObject cli = cliJson({QStringLiteral("plan-for-size"), gguf(), QStringLiteral("--target-bpw"),
                                         QStringLiteral("12"), QStringLiteral("--types"), QStringLiteral("Q4_0,Q5_0,Q8_0"),
                                         QStringLiteral("--tokens"), tokens(), QStringLiteral("--error-feedback"),
                                         QStringLiteral("--calib-sample"), QStringLiteral("256"), QStringLiteral("--json")});
        QVERIFY(!cli.isEmpty());
        QCOMPARE(cli.value(QStringLiteral("error_feedback")).toBool(), true);

        MainWindow w;
        w.openFile(gguf());
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        w.evaluation()->errorFeedbackAction()->setChecked(true);
        // (256 calibration tokens, here and in the CLI: a quarter of the default's work, the same path)
        w.evaluation()->setCalibrationTokens(256);
        SizeTargetDialog* d = w.planForSize();
        QVERIFY(d);
        QVERIFY(d->request().stream.errorFeedback);
        QCOMPARE(d->request().stream.calibSample, 256);
        QVERIFY(!d->request().stream.imatrix);
        d->setCandidates({QStringLiteral("Q4_0"), QStringLiteral("Q5_0"), QStringLiteral("Q8_0")});
        d->setTarget(12, false);
        d->setTokenFile(tokens());
        std::optional<engine::SizePlanOutcome> got;
        connect(d, &SizeTargetDialog::planReady, this, [&](const engine::SizePlanOutcome& x) { got = x; });
        QSignalSpy done(d, &SizeTargetDialog::computed);
        d->start();
        QVERIFY(done.wait(120000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(got.has_value());
        QVERIFY(got->errorFeedback);
        QCOMPARE(qint64(got->bytes), cli.value(QStringLiteral("bytes")).toInteger());
        QVERIFY(same(got->metrics.kldMean, cli.value(QStringLiteral("kld_mean")).toDouble()));
        w.evaluation()->errorFeedbackAction()->setChecked(false);
        w.evaluation()->setCalibrationTokens(kDefaultCalibSample);
    }

    void planForSizeMatchesCliAndExports()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const double bpw = 9;  // stories260K: the smallest plan of the default formats is 6.81 (MXFP4 where it fits)
        const QString cliOut = dir.filePath(QStringLiteral("cli.gguf"));
        const QJsonObject cli =
            cliJson({QStringLiteral("plan-for-size"), gguf(), QStringLiteral("--target-bpw"), QString::number(bpw),
                     QStringLiteral("--tokens"), tokens(), QStringLiteral("--json"), QStringLiteral("--output"), cliOut});
        QVERIFY(!cli.isEmpty());
        const QJsonObject cliTensors = cli.value(QStringLiteral("tensors")).toObject();

        MainWindow w;
        w.openFile(gguf());
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        QAction* act = w.findChild<QAction*>(QStringLiteral("actionPlanForSize"));
        QVERIFY(act && act->isEnabled());
        SizeTargetDialog* d = w.planForSize();
        QVERIFY(d);
        QStringList chosen = d->candidates(), cliDefault = engine::defaultSizeCandidateNames();
        chosen.sort();
        cliDefault.sort();
        QCOMPARE(chosen, cliDefault);  // the CLI's default
        const engine::SizeBounds bounds = engine::sizeBounds(*w.model(), d->candidates());
        QVERIFY2(bounds.smallestBitsPerWeight() > 6.8 && bounds.smallestBitsPerWeight() < bpw,
                 qPrintable(QString::number(bounds.smallestBitsPerWeight())));
        QVERIFY(d->request().target > bounds.smallestBitsPerWeight());  // the default target is reachable
        d->setTarget(bpw, false);
        d->setTokenFile(tokens());
        std::optional<engine::SizePlanOutcome> got;
        connect(d, &SizeTargetDialog::planReady, this, [&](const engine::SizePlanOutcome& x) { got = x; });
        const QPointer<SizeTargetDialog> dialog(d);
        QSignalSpy done(d, &SizeTargetDialog::computed);
        d->start();
        QVERIFY(done.wait(120000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(got.has_value());
        const engine::SizePlanOutcome o = *got;
        QTRY_VERIFY_WITH_TIMEOUT(dialog.isNull(), 5000);  // applied, the dialog closed itself
        QCOMPARE(qint64(o.targetBytes), cli.value(QStringLiteral("target_bytes")).toInteger());
        QCOMPARE(qint64(o.bytes), cli.value(QStringLiteral("bytes")).toInteger());
        QVERIFY(same(o.metrics.kldMean, cli.value(QStringLiteral("kld_mean")).toDouble()));

        // The browser's plan is the CLI's plan, tensor by tensor, and fits the target.
        const auto& model = *w.model();
        const ModelBrowser* view = w.browser();
        int planned = 0;
        std::set<QString> types;
        for (size_t i = 0; i < model.tensors.size(); ++i) {
            const QString name = QString::fromStdString(model.tensors[i].name);
            const QString want = cliTensors.value(name).toString();
            QVERIFY2(!want.isEmpty(), qPrintable(name));
            if (want == QStringLiteral("source")) {
                QVERIFY2(view->plannedFormat(int(i)).isEmpty(), qPrintable(name));
            } else {
                QCOMPARE(view->plannedFormat(int(i)), want);
                ++planned;
                types.insert(want);
            }
        }
        QCOMPARE(planned, 36);
        QVERIFY(types.size() >= 2);  // a mixture, not one type
        QVERIFY(view->plannedBytes() <= o.targetBytes);
        QCOMPARE(qint64(view->plannedBytes()), cli.value(QStringLiteral("bytes")).toInteger());

        // File > Export of the plan writes those types (the CLI's --output file has the same).
        const QString guiOut = dir.filePath(QStringLiteral("gui.gguf"));
        QSignalSpy exported(&w, &MainWindow::exportFinished);
        engine::ExportRequest req;
        req.path = guiOut;
        req.plan = w.browser()->plan();
        w.exportModel(req);
        QVERIFY(exported.wait(60000));
        QCOMPARE(exported.first().first().toBool(), true);
        const auto a = openModel(guiOut.toStdString());
        const auto b = openModel(cliOut.toStdString());
        QCOMPARE(a->tensors.size(), b->tensors.size());
        for (size_t i = 0; i < a->tensors.size(); ++i) {
            const auto& ta = a->tensors[i];
            const QString want = cliTensors.value(QString::fromStdString(ta.name)).toString();
            QCOMPARE(QString::fromStdString(ta.dtype), want == QStringLiteral("source") ? QStringLiteral("F32") : want);
            const TensorInfo* tb = b->find(ta.name);
            QVERIFY(tb);
            QCOMPARE(ta.dtype, tb->dtype);
            QCOMPARE(ta.nbytes, tb->nbytes);
        }
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }

    void planForSizeInMegabytes()
    {
        MainWindow w;
        w.openFile(gguf());
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        SizeTargetDialog* d = w.planForSize();
        d->setTarget(0.29, true);
        d->setCandidates({QStringLiteral("Q4_0"), QStringLiteral("Q8_0"), QStringLiteral("F16")});
        d->setTokenFile(tokens());
        QCOMPARE(d->request().megabytes, true);
        std::optional<engine::SizePlanOutcome> got;
        connect(d, &SizeTargetDialog::planReady, this, [&](const engine::SizePlanOutcome& x) { got = x; });
        QSignalSpy done(d, &SizeTargetDialog::computed);
        d->start();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), true);
        QVERIFY(got.has_value());
        QCOMPARE(got->targetBytes, uint64_t(290000));
        QVERIFY(got->bytes <= got->targetBytes);
        QVERIFY(got->bytes > 240000);  // it used the room: more than the all-Q4_0 plan
        std::set<QString> used;
        for (const auto& [name, f] : w.browser()->plan().tensors)
            used.insert(QString::fromStdString(f->name()));
        QVERIFY(used.size() >= 2);
        for (const QString& f : used)
            QVERIFY(f == QStringLiteral("Q4_0") || f == QStringLiteral("Q8_0") || f == QStringLiteral("F16"));
        QVERIFY(w.browser()->plannedBytes() <= 290000);
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }

    void nonLlamaModelIsNotEvaluated()
    {
        // stories260K's safetensors without its config.json: no llama hyper-parameters.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("model.safetensors"));
        QVERIFY(QFile::copy(test::stories(QStringLiteral("model.safetensors")), path));
        MainWindow w;
        w.openFile(path);
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        QVERIFY(!engine::canEvaluate(*w.model()));
        SensitivityView* v = w.sensitivityView();
        QVERIFY(!v->findChild<QPushButton*>(QStringLiteral("sensitivityCompute"))->isEnabled());
        QVERIFY(v->findChild<QLabel*>(QStringLiteral("sensitivityNote"))->text().contains(QStringLiteral("llama")));
        v->compute();
        QVERIFY(!v->isRunning());
        QVERIFY(!v->result().has_value());
        SizeTargetDialog* d = w.planForSize();
        QVERIFY(d);
        QVERIFY(d->statusText().contains(QStringLiteral("llama")));
        QSignalSpy done(d, &SizeTargetDialog::computed);
        d->start();  // the button is disabled; a direct call reports the error and changes nothing
        QVERIFY(done.wait(20000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY(w.browser()->plan().empty());
        d->reject();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isBusy(), 20000);
    }

    void planForSizeBelowTheSmallestPlanIsAnError()
    {
        MainWindow w;
        w.openFile(gguf());
        QTRY_VERIFY_WITH_TIMEOUT(w.model() != nullptr, 20000);
        const PlanSpec before = w.browser()->plan();
        SizeTargetDialog* d = w.planForSize();
        d->setTarget(0.5, false);
        d->setCandidates({QStringLiteral("Q8_0")});
        d->setTokenFile(tokens());
        QSignalSpy done(d, &SizeTargetDialog::computed);
        d->start();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.first().first().toBool(), false);
        QVERIFY(d->statusText().contains(QStringLiteral("smallest plan")));
        QVERIFY(d->isVisible());
        QCOMPARE(w.browser()->plan().tensors.size(), before.tensors.size());
        d->reject();
    }
};

QTEST_MAIN(TestUiSensitivity)
#include "test_sensitivity.moc"
