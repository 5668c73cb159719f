#include "ui/precision_bar.h"

#include "ui/engine.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

namespace qs::ui {

PrecisionBar::PrecisionBar(QWidget* parent) : QToolBar(tr("Precisions"), parent)
{
    setObjectName(QStringLiteral("precisionBar"));
    button_ = new QToolButton(this);
    button_->setText(tr("Precisions"));
    button_->setToolTip(tr("Choose the precisions to compare"));
    button_->setPopupMode(QToolButton::InstantPopup);
    menu_ = new QMenu(button_);
    button_->setMenu(menu_);
    addWidget(button_);

    const auto groups = engine::precisionChoices();
    for (const auto& g : groups) {
        QMenu* sub = g.title.isEmpty() ? menu_ : menu_->addMenu(g.title);
        for (const auto& c : g.choices)
            addChoice(sub, c.name, c.tip);
    }

    label_ = new QLabel(this);
    label_->setObjectName(QStringLiteral("precisionLabel"));
    label_->setContentsMargins(6, 0, 12, 0);
    addWidget(label_);

    run_ = addAction(QIcon::fromTheme(QStringLiteral("media-playback-start")), tr("Run"));
    run_->setObjectName(QStringLiteral("actionRun"));
    run_->setShortcut(QKeySequence(Qt::Key_F5));
    run_->setToolTip(tr("Quantize the whole model at every checked precision and measure the error (F5)"));
    cancel_ = addAction(QIcon::fromTheme(QStringLiteral("process-stop")), tr("Cancel"));
    cancel_->setObjectName(QStringLiteral("actionCancel"));
    cancel_->setShortcut(QKeySequence(Qt::Key_Escape));
    cancel_->setEnabled(false);
    connect(run_, &QAction::triggered, this, &PrecisionBar::runRequested);
    connect(cancel_, &QAction::triggered, this, &PrecisionBar::cancelRequested);

    setChecked(defaultPrecisions());
}

QStringList PrecisionBar::defaultPrecisions()
{
    QStringList out;
    for (const char* n : {"Q8_0", "Q4_0", "Q2_K"})
        if (engine::isKnownPrecision(QString::fromLatin1(n)))
            out << QString::fromLatin1(n);
    return out;
}

void PrecisionBar::addChoice(QMenu* menu, const QString& name, const QString& tip)
{
    QAction* a = menu->addAction(name);
    a->setCheckable(true);
    a->setToolTip(tip);
    a->setStatusTip(tip);
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
    label_->setText(c.isEmpty() ? tr("(none checked)") : c.join(QStringLiteral(", ")));
}

}  // namespace qs::ui
