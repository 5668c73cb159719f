#pragma once
// The precision bar (a tool bar): which precisions to compare, Run and Cancel.
#include <QStringList>
#include <QToolBar>

class QAction;
class QLabel;
class QMenu;
class QToolButton;

namespace qs::ui {

class PrecisionBar : public QToolBar {
    Q_OBJECT
public:
    explicit PrecisionBar(QWidget* parent = nullptr);

    // The classic three: Q8_0, Q4_0, Q2_K (those that are registered).
    static QStringList defaultPrecisions();

    // Every choice offered: registered formats (not the float ones) and presets.
    QStringList available() const;
    QStringList checked() const;  // in menu order
    void setChecked(const QStringList& names);
    void setRunning(bool running);

    QAction* runAction() const { return run_; }
    QAction* cancelAction() const { return cancel_; }

signals:
    void checkedChanged(const QStringList& names);
    void runRequested();
    void cancelRequested();

protected:
    void changeEvent(QEvent* e) override;

private:
    void addChoice(QMenu* menu, const QString& name);
    void retranslateUi();  // every text in the current language
    void updateLabel();

    QToolButton* button_ = nullptr;
    QMenu* menu_ = nullptr;
    QLabel* label_ = nullptr;
    QAction* run_ = nullptr;
    QAction* cancel_ = nullptr;
    QList<QAction*> choices_;
    QList<QMenu*> groupMenus_;       // per engine::precisionChoices() group (null: the top level)
    QList<QAction*> groupSections_;  // per group: its section header (null: not a section)
};

}  // namespace qs::ui
