// quantscope: the explorer window.
#include "ui/automation.h"
#include "ui/main_window.h"
#include "ui/teach_automation.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("QuantScope"));
    QApplication::setOrganizationName(QStringLiteral("QuantScope"));
    QApplication::setApplicationVersion(QStringLiteral(QS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.svg")));

    QCommandLineParser p;
    p.setApplicationDescription(QApplication::translate("main", "Explore what quantization does to a model's weights."));
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument(QStringLiteral("model"),
                            QApplication::translate("main", "GGUF file, .safetensors file or folder, or llama2.c checkpoint to open."),
                            QStringLiteral("[model]"));
    qs::ui::AutomationOptions automation;
    qs::ui::addAutomationOptions(p);
    qs::ui::addTeachOptions(p);
    p.process(app);
    automation = qs::ui::automationOptions(p);
    qs::ui::applyLanguageOption(p);  // --language, else the system locale's language
    if (const int rc = qs::ui::runTeachAutomation(p, p.positionalArguments().value(0)); rc >= 0)
        return rc;

    qs::ui::MainWindow w;
    w.show();
    const QString path = p.positionalArguments().value(0);
    if (automation.active())
        return qs::ui::runAutomation(w, path, automation);
    if (!path.isEmpty())
        w.openFile(path);
    else
        w.openDemo();
    return app.exec();
}
