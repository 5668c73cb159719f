#include "app/gui/automation.h"

#include "core/model/model.h"
#include "ui/block_inspector.h"
#include "ui/evaluation_controller.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/primer.h"
#include "ui/sensitivity_view.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QMenu>
#include <QToolButton>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTextStream>
#include <QThread>

#include <functional>

namespace qs::ui {

namespace {

QCommandLineOption opt(const QString& name, const QString& value = {})
{
    QCommandLineOption o(name, QStringLiteral("(hidden)"), value);
    o.setFlags(QCommandLineOption::HiddenFromHelp);
    return o;
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QApplication::processEvents(QEventLoop::AllEvents, 20);
        QThread::msleep(2);
    }
    return true;
}

void settle(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 10);
}

int largestMatrix(const qs::Model& m)
{
    int best = -1;
    for (int i = 0; i < int(m.tensors.size()); ++i)
        if (m.tensors[size_t(i)].shape.size() >= 2 && (best < 0 || m.tensors[size_t(i)].numel() > m.tensors[size_t(best)].numel()))
            best = i;
    return best;
}

QTextStream& out()
{
    static QTextStream s(stdout);
    return s;
}

}  // namespace

void addAutomationOptions(QCommandLineParser& p)
{
    p.addOption(opt(QStringLiteral("screenshot-dir"), QStringLiteral("dir")));
    p.addOption(opt(QStringLiteral("screenshot"), QStringLiteral("file")));
    p.addOption(opt(QStringLiteral("screenshot-tab"), QStringLiteral("n")));
    p.addOption(opt(QStringLiteral("select"), QStringLiteral("tensor")));
    p.addOption(opt(QStringLiteral("precisions"), QStringLiteral("list")));
    p.addOption(opt(QStringLiteral("benchmark")));
    p.addOption(opt(QStringLiteral("window-size"), QStringLiteral("WxH")));
}

AutomationOptions automationOptions(const QCommandLineParser& p)
{
    AutomationOptions o;
    o.screenshotDir = p.value(QStringLiteral("screenshot-dir"));
    o.screenshot = p.value(QStringLiteral("screenshot"));
    o.screenshotTab = p.value(QStringLiteral("screenshot-tab")).toInt();
    o.select = p.value(QStringLiteral("select"));
    if (p.isSet(QStringLiteral("precisions")))
        o.precisions = p.value(QStringLiteral("precisions")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    o.benchmark = p.isSet(QStringLiteral("benchmark"));
    const QStringList size = p.value(QStringLiteral("window-size")).split(QLatin1Char('x'));
    if (size.size() == 2)
        o.windowSize = QSize(size[0].toInt(), size[1].toInt());
    return o;
}

int runAutomation(MainWindow& w, const QString& modelPath, const AutomationOptions& o)
{
    constexpr int kTimeout = 600000;
    QElapsedTimer clock;
    clock.start();
    bool populated = false;
    if (o.windowSize.isValid()) {
        w.resize(o.windowSize);
        settle(100);
    }
    QObject::connect(&w, &MainWindow::modelChanged, &w, [&] { populated = true; });
    bool finished = false, ok = false;
    QObject::connect(&w, &MainWindow::runFinished, &w, [&](bool r) {
        finished = true;
        ok = r;
    });
    const bool firstScreen = modelPath.isEmpty() && !o.benchmark;
    if (firstScreen)
        w.openStartupModel();  // a fresh settings folder: the first start (built-in model, run)
    else if (modelPath == QLatin1String("demo"))
        w.openDemo();
    else if (modelPath.isEmpty())
        w.openBuiltin();
    else
        w.openFile(modelPath);
    if (!waitUntil([&] { return populated || !w.lastError().isEmpty(); }, kTimeout) || !w.model()) {
        out() << "error: " << w.lastError() << Qt::endl;
        return 1;
    }
    const qint64 openMs = clock.elapsed();
    const auto model = w.model();
    if (!o.precisions.isEmpty())
        w.precisionBar()->setChecked(o.precisions);

    int tensor = -1;
    if (!o.select.isEmpty()) {
        for (int i = 0; i < int(model->tensors.size()); ++i)
            if (QString::fromStdString(model->tensors[size_t(i)].name) == o.select)
                tensor = i;
    } else {
        tensor = largestMatrix(*model);
    }

    auto showTensor = [&](int t) {
        if (w.browser()->selectedTensor() == t && w.tensorAnalysis(t))
            return waitUntil([&] { return !w.isBusy(); }, kTimeout);
        int shown = -2;
        auto c = QObject::connect(&w, &MainWindow::analysisShown, &w, [&](int s) { shown = s; });
        w.browser()->selectTensor(t);
        const bool ok = waitUntil([&] { return shown == t; }, kTimeout);
        QObject::disconnect(c);
        return ok;
    };

    if (o.benchmark) {
        const auto& t = model->tensors[size_t(tensor)];
        const QStringList checked = w.precisionBar()->checked();
        w.precisionBar()->setChecked({});
        clock.restart();
        showTensor(tensor);
        const qint64 histMs = clock.elapsed();
        w.browser()->selectTensor(-1);
        waitUntil([&] { return !w.isBusy(); }, kTimeout);
        w.precisionBar()->setChecked(checked);
        clock.restart();
        showTensor(tensor);
        const qint64 analysisMs = clock.elapsed();
        out() << "model: " << w.modelLabel() << " (" << model->tensors.size() << " tensors, "
              << model->nParams() << " parameters)\n"
              << "open -> populated browser: " << openMs << " ms\n"
              << "histogram of the largest tensor " << QString::fromStdString(t.name) << " (" << t.numel()
              << " weights): " << histMs << " ms\n"
              << "same tensor with " << checked.join(QLatin1Char(',')) << " (quantize + errors + levels): "
              << analysisMs << " ms" << Qt::endl;
        w.close();
        return 0;
    }

    // Screenshots: the first screen (as a new user sees it), then run and each view.
    QString firstShot;
    if (firstScreen) {
        if (!waitUntil([&] { return finished; }, kTimeout) || !ok || !waitUntil([&] { return !w.isBusy(); }, kTimeout)) {
            out() << "error: the first run did not finish: " << w.lastError() << Qt::endl;
            return 1;
        }
        settle(300);
        firstShot = o.screenshotDir.isEmpty() ? QString() : QDir(o.screenshotDir).filePath(QStringLiteral("0-first-screen.png"));
        if (!firstShot.isEmpty() && (!QDir().mkpath(o.screenshotDir) || !w.grab().save(firstShot))) {
            out() << "error: cannot write " << firstShot << Qt::endl;
            return 1;
        }
        if (!firstShot.isEmpty())
            out() << firstShot << Qt::endl;
        // The views below are shown without accuracy first, as before.
        finished = false;
        w.evaluation()->evaluateAction()->setChecked(false);  // re-runs (the checked precisions) without evaluation
        if (!waitUntil([&] { return finished; }, kTimeout) || !ok) {
            out() << "error: the run did not finish: " << w.lastError() << Qt::endl;
            return 1;
        }
    } else {
        finished = false;
        w.run();
        if (!waitUntil([&] { return finished; }, kTimeout) || !ok) {
            out() << "error: the run did not finish: " << w.lastError() << Qt::endl;
            return 1;
        }
    }
    struct Shot {
        int tab;
        bool whole;
        const char* name;
        bool accuracy = false;  // with model accuracy and the importance matrix, KL error axis
        bool speed = false;     // also with speed measured, decode speed on the x axis
    };
    const Shot shots[] = {{PlotsWidget::HistogramTab, false, "histogram"},
                          {PlotsWidget::ErrorTab, false, "errors"},
                          {PlotsWidget::LayerTab, false, "per-layer"},
                          {PlotsWidget::TradeoffTab, true, "tradeoff"},
                          {PlotsWidget::HistogramTab, true, "whole-model"},
                          {PlotsWidget::TradeoffTab, true, "accuracy", true},
                          {PlotsWidget::TradeoffTab, true, "speed", true, true}};
    auto take = [&](const Shot& s, const QString& file) {
        if (s.accuracy && !w.evaluation()->evaluateAction()->isChecked()) {
            if (!w.evaluation()->evaluateAction()->isEnabled())
                return true;  // not a llama-shaped model: nothing to show
            // Checking the actions re-runs the last Run with evaluation.
            finished = false;
            w.evaluation()->imatrixAction()->setChecked(true);
            w.evaluation()->evaluateAction()->setChecked(true);
            if (!waitUntil([&] { return finished; }, kTimeout) || !ok)
                return false;
        }
        if (s.speed && !w.evaluation()->measureSpeedAction()->isChecked() && w.evaluation()->measureSpeedAction()->isEnabled()) {
            finished = false;
            w.evaluation()->measureSpeedAction()->setChecked(true);  // re-runs with speed
            if (!waitUntil([&] { return finished; }, kTimeout) || !ok)
                return false;
        }
        w.plots()->setTradeoffError(s.accuracy ? PlotsWidget::ErrorKl : PlotsWidget::ErrorSqnr);
        w.plots()->setTradeoffX(s.speed && w.evaluation()->measureSpeedAction()->isChecked() ? PlotsWidget::XSpeed
                                                                                : PlotsWidget::XBits);
        if (s.whole) {
            w.browser()->selectTensor(-1);
            waitUntil([&] { return !w.isBusy(); }, kTimeout);
        } else {
            showTensor(tensor);
        }
        w.plots()->tabs()->setCurrentIndex(s.tab);
        settle(300);
        return w.grab().save(file);
    };
    if (!o.screenshot.isEmpty()) {
        const int i = std::clamp(o.screenshotTab, 0, 6);
        return take(shots[i], o.screenshot) ? 0 : 1;
    }
    QDir().mkpath(o.screenshotDir);
    int n = 0;
    for (const Shot& s : shots) {
        if (s.accuracy)
            continue;  // after the sensitivity dock
        const QString file = QDir(o.screenshotDir).filePath(QStringLiteral("%1-%2.png").arg(++n).arg(QLatin1String(s.name)));
        if (!take(s, file)) {
            out() << "error: cannot write " << file << Qt::endl;
            return 1;
        }
        out() << file << Qt::endl;
    }
    // The sensitivity dock (llama-family models): Q4_0 by tensor on the default stream.
    if (engine::canEvaluate(*model)) {
        SensitivityView* v = w.sensitivityView();
        w.browser()->selectTensor(-1);
        w.sensitivityDock()->show();
        bool done = false, good = false;
        auto c = QObject::connect(v, &SensitivityView::finished, &w, [&](bool r) {
            done = true;
            good = r;
        });
        v->compute();
        waitUntil([&] { return done; }, kTimeout);
        QObject::disconnect(c);
        waitUntil([&] { return !w.isBusy(); }, kTimeout);
        settle(300);
        const QString file = QDir(o.screenshotDir).filePath(QStringLiteral("%1-sensitivity.png").arg(++n));
        if (!good || !w.sensitivityDock()->grab().save(file)) {
            out() << "error: cannot write " << file << Qt::endl;
            return 1;
        }
        out() << file << Qt::endl;
    }
    // Model accuracy with the importance matrix, the trade-off plot on mean KL (llama-family models).
    if (w.evaluation()->evaluateAction()->isEnabled()) {
        if (w.sensitivityDock())
            w.sensitivityDock()->hide();
        const QString file = QDir(o.screenshotDir).filePath(QStringLiteral("%1-accuracy.png").arg(++n));
        if (!take(shots[5], file)) {
            out() << "error: cannot write " << file << Qt::endl;
            return 1;
        }
        out() << file << Qt::endl;
    }
    // The block inspector (a floating dock) on the shown tensor, and the primer.
    if (tensor >= 0) {
        showTensor(tensor);
        w.blockInspectorDock()->show();
        waitUntil([&] { return !w.isBusy() && !w.blockInspector()->isLoading(); }, kTimeout);
        settle(300);
        const QString file = QDir(o.screenshotDir).filePath(QStringLiteral("%1-inspector.png").arg(++n));
        if (!w.blockInspectorDock()->grab().save(file)) {
            out() << "error: cannot write " << file << Qt::endl;
            return 1;
        }
        out() << file << Qt::endl;
        w.blockInspectorDock()->hide();
    }
    {
        w.showPrimer();
        settle(300);
        const QString file = QDir(o.screenshotDir).filePath(QStringLiteral("%1-primer.png").arg(++n));
        if (!w.primer()->grab().save(file)) {
            out() << "error: cannot write " << file << Qt::endl;
            return 1;
        }
        out() << file << Qt::endl;
        w.primer()->hide();
    }
    if (auto* button = w.findChild<QToolButton*>(QStringLiteral("precisionButton")); button && button->menu()) {
        // the precision menu, open: the block formats in sections by bits
        QMenu* menu = button->menu();
        menu->popup(button->mapToGlobal(QPoint(0, button->height())));
        settle(300);
        const QString file = QDir(o.screenshotDir).filePath(QStringLiteral("%1-precisions.png").arg(++n));
        const bool saved = menu->grab().save(file);
        menu->hide();
        if (!saved) {
            out() << "error: cannot write " << file << Qt::endl;
            return 1;
        }
        out() << file << Qt::endl;
    }
    w.close();
    return 0;
}

}  // namespace qs::ui
