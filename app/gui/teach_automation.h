#pragma once
// Screenshot options of the GUI for the teaching views (hidden from --help; used by
// scripts/screenshots*.sh, linked only into the quantscope binary):
//   --inspector-screenshot OUT.png  show the block inspector on the model, save a PNG, quit
//     --inspector-precision P       its precision (default Q4_0)
//     --inspector-tensor NAME       its tensor (default: the largest 2-D tensor)
//     --inspector-row R, --inspector-block B   the block (default 0, 0)
//   --primer-screenshot OUT.png     the quantization primer on the model, saved as a PNG
#include <QString>

class QCommandLineParser;

namespace qs::ui {

void addTeachOptions(QCommandLineParser& p);
// Runs --inspector-screenshot if given and returns the exit code; -1 when not asked for.
int runTeachAutomation(const QCommandLineParser& p, const QString& modelPath);

}  // namespace qs::ui
