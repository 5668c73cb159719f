// quantscope: the explorer window.
#include "ui/main_window.h"

#include <QApplication>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("QuantScope"));
    QApplication::setOrganizationName(QStringLiteral("QuantScope"));
    QApplication::setApplicationVersion(QStringLiteral(QS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/quantscope.svg")));
    qs::ui::MainWindow w;
    w.show();
    return app.exec();
}
