#pragma once
// The window's teaching parts, owned by one controller: the block inspector (a dock, View ->
// Block Inspector, clicks in the weight histogram pick its block), View -> Language, Help ->
// Quantization Primer and What's This (whose texts link into the primer), and the trade-off
// table header's "explain this column" menu. MainWindow creates it and tells it the open model.
#include <QObject>
#include <QPoint>
#include <QString>

#include <memory>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;
class QTableView;

namespace qs {
class ActivationStats;
class Model;
}

namespace qs::ui {

class BlockInspector;
class ModelBrowser;
class PlotsWidget;
class Primer;

class TeachingController : public QObject {
    Q_OBJECT
public:
    // Adds the inspector dock to `window` (floating, hidden), the inspector toggle and the language
    // menu to viewMenu, the primer and What's This actions at the top of helpMenu, and the primer
    // menu to the table's header.
    TeachingController(QMainWindow* window, ModelBrowser* browser, PlotsWidget* plots, QTableView* table,
                       QMenu* viewMenu, QMenu* helpMenu);

    // The open model (null: none) and its label (the primer's title).
    void setModel(std::shared_ptr<const qs::Model> model, const QString& label);
    // The last Run's error-feedback calibration (null: none), for the inspector's codes.
    void setCalibration(std::shared_ptr<const qs::ActivationStats> calibration);
    // Opens the primer (at a section: Primer's ids), built on first use.
    void showPrimer(const QString& section = QString());
    void retranslate();

    BlockInspector* inspector() const { return inspector_; }
    QDockWidget* inspectorDock() const { return inspectorDock_; }
    Primer* primer() const { return primer_; }

private:
    void syncInspector();

    QMainWindow* window_ = nullptr;
    ModelBrowser* browser_ = nullptr;
    QTableView* table_ = nullptr;
    std::shared_ptr<const qs::Model> model_;
    QString label_;
    BlockInspector* inspector_ = nullptr;
    QDockWidget* inspectorDock_ = nullptr;
    QAction* inspectorAct_ = nullptr;
    QAction* primerAct_ = nullptr;
    QAction* whatsThisAct_ = nullptr;
    Primer* primer_ = nullptr;
    std::shared_ptr<const qs::Model> inspectorModel_, primerModel_;
    bool primerShown_ = false;
    QPoint histPress_;
};

}  // namespace qs::ui
