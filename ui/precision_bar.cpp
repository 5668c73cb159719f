#include "ui/precision_bar.h"

#include "ui/engine.h"
#include "ui/language.h"
#include "ui/primer.h"

#include <QAction>
#include <QEvent>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace qs::ui {

PrecisionBar::PrecisionBar(QWidget* parent) : QToolBar(parent)
{
    setObjectName(QStringLiteral("precisionBar"));
    button_ = new QToolButton(this);
    button_->setObjectName(QStringLiteral("precisionButton"));
    button_->setPopupMode(QToolButton::InstantPopup);
    menu_ = new QMenu(button_);
    menu_->setToolTipsVisible(true);  // each choice's tip: the format's description
    button_->setMenu(menu_);
    addWidget(button_);

    // the block formats in titled sections by bits, the rest in submenus
    const auto groups = engine::precisionChoices();
    for (const auto& g : groups) {
        QMenu* sub = g.section || g.title.isEmpty() ? menu_ : menu_->addMenu(g.title);
        sub->setToolTipsVisible(true);
        groupMenus_ << (sub == menu_ ? nullptr : sub);
        groupSections_ << (g.section ? menu_->addSection(g.title) : nullptr);
        for (const auto& c : g.choices)
            addChoice(sub, c.name);
    }

    label_ = new QLabel(this);
    label_->setObjectName(QStringLiteral("precisionLabel"));
    label_->setContentsMargins(6, 0, 12, 0);
    addWidget(label_);

    run_ = addAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), QString());
    run_->setObjectName(QStringLiteral("actionRun"));
    run_->setShortcut(QKeySequence(Qt::Key_F5));
    cancel_ = addAction(QIcon::fromTheme(QStringLiteral("process-stop")), QString());
    cancel_->setObjectName(QStringLiteral("actionCancel"));
    cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel_->setEnabled(false);
    connect(run_, &QAction::triggered, this, &PrecisionBar::runRequested);
    connect(cancel_, &QAction::triggered, this, &PrecisionBar::cancelRequested);

    retranslateUi();
    setChecked(defaultPrecisions());
}

void PrecisionBar::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslateUi();
    QToolBar::changeEvent(e);
}

void PrecisionBar::retranslateUi()
{
    setWindowTitle(tr("Precisions"));
    button_->setText(tr("Precisions"));
    button_->setToolTip(Primer::withHint(tr("Choose the precisions to compare")));
    const QString what = Primer::whatsThis(tr("Choose the precisions to compare"), QStringLiteral("bits"));
    setWhatsThis(what);
    button_->setWhatsThis(what);
    label_->setWhatsThis(what);
    run_->setText(tr("Run"));
    run_->setToolTip(tr("Quantize the whole model at every checked precision and measure the error (F5)"));
    cancel_->setText(tr("Cancel"));
    // Group titles and the tips of the choices (format descriptions) come translated from the engine.
    const auto groups = engine::precisionChoices();
    for (int g = 0; g < int(groups.size()) && g < groupMenus_.size(); ++g) {
        if (groupMenus_[g])
            groupMenus_[g]->setTitle(groups[size_t(g)].title);
        if (groupSections_[g])
            groupSections_[g]->setText(groups[size_t(g)].title);
    }
    for (const auto& g : groups)
        for (const auto& c : g.choices)
            for (QAction* a : choices_)
                if (a->data().toString() == c.name) {
                    // the detail in the menu's right-hand column
                    a->setText(c.detail.isEmpty() ? c.name : c.name + QLatin1Char('\t') + c.detail);
                    a->setToolTip(c.tip);
                    a->setStatusTip(c.tip);
                    a->setWhatsThis(Primer::whatsThis(c.tip, QStringLiteral("blocks")));
                }
    updateLabel();
}

QStringList PrecisionBar::defaultPrecisions()
{
    QStringList out;
    for (const char* n : {"Q8_0", "Q4_0", "Q2_K"})
        if (engine::isKnownPrecision(QString::fromLatin1(n)))
            out << QString::fromLatin1(n);
    return out;
}

void PrecisionBar::addChoice(QMenu* menu, const QString& name)
{
    QAction* a = menu->addAction(name);
    a->setCheckable(true);
    a->setData(name);
    connect(a, &QAction::toggled, this, [this] {
        updateLabel();
        emit checkedChanged(checked());
    });
    choices_ << a;
}

QStringList PrecisionBar::available() const
{
    QStringList out;
    for (QAction* a : choices_)
        out << a->data().toString();
    return out;
}

QStringList PrecisionBar::checked() const
{
    QStringList out;
    for (QAction* a : choices_)
        if (a->isChecked())
            out << a->data().toString();
    return out;
}

void PrecisionBar::setChecked(const QStringList& names)
{
    for (QAction* a : choices_) {
        const QSignalBlocker block(a);
        a->setChecked(names.contains(a->data().toString(), Qt::CaseInsensitive));
    }
    updateLabel();
    emit checkedChanged(checked());
}

void PrecisionBar::setRunning(bool running)
{
    run_->setEnabled(true);  // a second Run cancels the first and starts again
    cancel_->setEnabled(running);
}

void PrecisionBar::updateLabel()
{
    const QStringList c = checked();
    // Many checked precisions are cut at the end (the tooltip lists them all): the tool bar must
    // not widen the window.
    const QString all = c.isEmpty() ? tr("(none checked)") : c.join(QStringLiteral(", "));
    label_->setText(label_->fontMetrics().elidedText(all, Qt::ElideRight, label_->fontMetrics().averageCharWidth() * 34));
    // The checked precisions with their descriptions (formats: from core, translated).
    QStringList tip;
    for (QAction* a : choices_)
        if (a->isChecked())
            tip << a->data().toString() + QStringLiteral(": ") + a->toolTip();
    label_->setToolTip(Primer::withHint(tip.isEmpty() ? tr("Choose the precisions to compare") : tip.join(QLatin1Char('\n'))));
}

}  // namespace qs::ui
