#pragma once
// Hidden command-line options of the GUI for scripts: screenshots and a benchmark.
//   --screenshot-dir DIR      open the model (or the demo), Run, write one PNG per main view (and,
//                             for llama-family models, the sensitivity dock and the model accuracy; the
//                             block inspector, the primer and the open precision menu), quit
//   --screenshot OUT.png      the same for one view: --screenshot-tab N (0-3: plot tabs, 4: whole model,
//                             5: model accuracy with the importance matrix, trade-off on mean KL,
//                             6: the same with speed measured, decode speed × on the x axis)
//   --select NAME             tensor to select for the tensor views (default: the largest 2-D one)
//   --precisions A,B,C        precisions to check (default: the precision bar's defaults)
//   --window-size WxH         the window's size for the shots (default: as it opens)
//   --benchmark               time open -> populated browser and the histogram of the largest tensor
// Without a model the window opens as on a first start (the built-in model, accuracy measured,
// the comparison run) and the first shot is that screen; "demo" opens the synthetic demo.
#include <QSize>
#include <QString>
#include <QStringList>

class QCommandLineParser;

namespace qs::ui {

class MainWindow;

struct AutomationOptions {
    QString screenshotDir;
    QString screenshot;
    int screenshotTab = 0;
    QString select;
    QStringList precisions;
    bool benchmark = false;
    QSize windowSize;
    bool active() const { return !screenshotDir.isEmpty() || !screenshot.isEmpty() || benchmark; }
};

void addAutomationOptions(QCommandLineParser& p);
AutomationOptions automationOptions(const QCommandLineParser& p);
// Drives the window; returns the process exit code.
int runAutomation(MainWindow& w, const QString& modelPath, const AutomationOptions& o);

}  // namespace qs::ui
