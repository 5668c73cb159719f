#include "ui/teaching_controller.h"

#include "ui/block_inspector.h"
#include "ui/language.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/primer.h"
#include "ui/tradeoff_table_model.h"

#include "core/model/model.h"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QEvent>
#include <QHeaderView>
#include <QMainWindow>
#include <QMenu>
#include <QTableView>
#include <QWhatsThis>

#include <functional>

#include <qcustomplot.h>

namespace qs::ui {

namespace {

// Opens the primer when a link "primer:ID" in any What's This text is clicked (the click is
// sent as QWhatsThisClickedEvent to the widget the text belongs to: the filter is on the application).
class PrimerLinkFilter : public QObject {
public:
    PrimerLinkFilter(QObject* parent, std::function<void(const QString&)> open)
        : QObject(parent), open_(std::move(open))
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* e) override
    {
        if (e->type() == QEvent::WhatsThisClicked) {
            const QString id = Primer::sectionOfLink(static_cast<QWhatsThisClickedEvent*>(e)->href());
            if (!id.isEmpty()) {
                QWhatsThis::hideText();
                open_(id);
                return true;
            }
        }
        return QObject::eventFilter(watched, e);
    }

private:
    std::function<void(const QString&)> open_;
};

}  // namespace

TeachingController::TeachingController(QMainWindow* window, ModelBrowser* browser, PlotsWidget* plots,
                                       QTableView* table, QMenu* viewMenu, QMenu* helpMenu)
    : QObject(window), window_(window), browser_(browser), table_(table)
{
    inspector_ = new BlockInspector(window);
    inspectorDock_ = new QDockWidget(window);
    inspectorDock_->setObjectName(QStringLiteral("inspectorDock"));
    inspectorDock_->setWidget(inspector_);
    window->addDockWidget(Qt::BottomDockWidgetArea, inspectorDock_);
    inspectorDock_->setFloating(true);
    inspectorDock_->resize(1300, 760);
    inspectorDock_->hide();
    // The inspector loads its tensor only while it is shown (a model's largest tensor can be big).
    connect(inspectorDock_, &QDockWidget::visibilityChanged, this, &TeachingController::syncInspector);
    connect(browser_, &ModelBrowser::tensorSelected, this, &TeachingController::syncInspector);

    // A click (not a drag) in the weight histogram inspects the block holding the weight nearest
    // to the clicked value, when the inspector is open.
    if (QCustomPlot* hist = plots->plot(PlotsWidget::HistogramTab)) {
        connect(hist, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { histPress_ = e->position().toPoint(); });
        connect(hist, &QCustomPlot::mouseRelease, this, [this, hist](QMouseEvent* e) {
            if (!inspectorDock_->isVisible() || (e->position().toPoint() - histPress_).manhattanLength() > 3)
                return;
            inspector_->selectWeightValue(hist->xAxis->pixelToCoord(e->position().x()));
        });
    }

    inspectorAct_ = inspectorDock_->toggleViewAction();
    inspectorAct_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    viewMenu->addAction(inspectorAct_);
    viewMenu->addSeparator();
    viewMenu->addMenu(Language::instance().createMenu(window));

    primerAct_ = new QAction(this);
    primerAct_->setShortcut(QKeySequence::HelpContents);
    connect(primerAct_, &QAction::triggered, this, [this] { showPrimer(); });
    helpMenu->insertAction(helpMenu->actions().value(0), primerAct_);

    // What's This (Shift+F1, then click a control): the explanations link into the primer.
    whatsThisAct_ = new QAction(this);
    whatsThisAct_->setObjectName(QStringLiteral("actionWhatsThis"));
    whatsThisAct_->setShortcut(QKeySequence::WhatsThis);
    connect(whatsThisAct_, &QAction::triggered, this, [] { QWhatsThis::enterWhatsThisMode(); });
    helpMenu->insertAction(helpMenu->actions().value(1), whatsThisAct_);
    qApp->installEventFilter(new PrimerLinkFilter(this, [this](const QString& id) { showPrimer(id); }));

    // The trade-off table's header: right-click a column to read about it in the primer.
    QHeaderView* h = table_->horizontalHeader();
    h->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(h, &QHeaderView::customContextMenuRequested, this, [this, h](const QPoint& pos) {
        const QString section = TradeoffTableModel::primerSection(h->logicalIndexAt(pos));
        QMenu menu(window_);
        menu.addAction(tr("Explain in the quantization primer"), this, [this, section] { showPrimer(section); });
        menu.exec(h->viewport()->mapToGlobal(pos));
    });
    retranslate();
}

void TeachingController::setModel(std::shared_ptr<const qs::Model> model, const QString& label)
{
    if (model != model_)
        inspector_->setCalibration(nullptr);  // the last Run's calibration was another model's
    model_ = std::move(model);
    label_ = label;
    syncInspector();
}

void TeachingController::setCalibration(std::shared_ptr<const qs::ActivationStats> calibration)
{
    inspector_->setCalibration(std::move(calibration));
}

void TeachingController::syncInspector()
{
    if (!inspectorDock_->isVisible())
        return;
    if (inspectorModel_ != model_) {
        inspectorModel_ = model_;
        inspector_->setModel(model_);
    }
    const int t = browser_->selectedTensor();
    if (model_ && t >= 0 && t < int(model_->tensors.size()))
        inspector_->selectTensor(QString::fromStdString(model_->tensors[size_t(t)].name));
}

void TeachingController::showPrimer(const QString& section)
{
    if (!primer_) {
        primer_ = new Primer(window_);
        primer_->setWindowFlag(Qt::Window);
    }
    if (primerModel_ != model_ || !primerShown_) {
        primer_->setModel(model_, label_);
        primerModel_ = model_;
        primerShown_ = true;
    }
    primer_->show();
    primer_->raise();
    if (!section.isEmpty())
        primer_->showSection(section);
}

void TeachingController::retranslate()
{
    inspectorDock_->setWindowTitle(tr("Block inspector"));
    inspectorAct_->setText(tr("&Block Inspector"));
    inspectorAct_->setStatusTip(tr("One block of a tensor: its weights, the grid of levels, codes, scales and formula"));
    primerAct_->setText(tr("Quantization &Primer"));
    primerAct_->setStatusTip(tr("What quantization is, with examples computed from the open model"));
    table_->horizontalHeader()->setToolTip(tr("Right-click a column to read about it in the quantization primer"));
    table_->setWhatsThis(
        Primer::whatsThis(tr("Right-click a column to read about it in the quantization primer"), QStringLiteral("what")));
    whatsThisAct_->setText(tr("What's &This?"));
    whatsThisAct_->setStatusTip(tr("Click a control to read what it shows, with a link into the quantization primer"));
}

}  // namespace qs::ui
