#pragma once
#include <QMainWindow>

namespace qs::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
};

}  // namespace qs::ui
