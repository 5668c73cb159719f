// quantscope: the explorer window.
#include "app/gui/automation.h"
#include "app/gui/teach_automation.h"
#include "ui/language.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("QuantScope"));
    QApplication::setOrganizationName(QStringLiteral("QuantScope"));
    QApplication::setApplicationVersion(QStringLiteral(QS_VERSION));
    qs::ui::engine::initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.svg")));

    QCommandLineParser p;
    p.setApplicationDescription(QApplication::translate("main", "Explore what quantization does to a model's weights."));
    p.addHelpOption();
    p.addVersionOption();
    p.addPositionalArgument(QStringLiteral("model"),
                            QApplication::translate("main", "GGUF file, .safetensors file or folder, or llama2.c checkpoint to open."),
                            QStringLiteral("[model]"));
    p.addOption({QStringLiteral("language"),
                 QApplication::translate("main", "User interface language: en, de, zh_CN or hi."), QStringLiteral("code")});
    qs::ui::AutomationOptions automation;
    qs::ui::addAutomationOptions(p);
    qs::ui::addTeachOptions(p);
    p.process(app);
    automation = qs::ui::automationOptions(p);
    // --language, else the system locale's language; before any window exists.
    const QString language = p.value(QStringLiteral("language"));
    if (language.isEmpty() || !qs::ui::Language::instance().setLanguage(language))
        qs::ui::Language::instance().useSystemLanguage();
    if (const int rc = qs::ui::runTeachAutomation(p, p.positionalArguments().value(0)); rc >= 0)
        return rc;

    qs::ui::MainWindow w;
    if (automation.windowSize.isValid())  // --window-size WxH: also without the automation options
        w.resize(automation.windowSize);
    w.show();
    const QString path = p.positionalArguments().value(0);
    if (automation.active())
        return qs::ui::runAutomation(w, path, automation);
    if (!path.isEmpty())
        w.openFile(path);
    else
        w.openStartupModel();
    return app.exec();
}
