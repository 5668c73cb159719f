#include "ui/main_window.h"

#include <QLabel>

namespace qs::ui {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setWindowTitle(tr("QuantScope"));
    setCentralWidget(new QLabel(tr("QuantScope"), this));
    resize(1200, 800);
}

}  // namespace qs::ui
