#pragma once
// The model browser: tensors grouped by layer, with the mixed-precision plan (target type per
// tensor), a filter box, a preset combo and totals in the footer.
#include "ui/engine.h"

#include <QStringList>
#include <QWidget>

#include <memory>
#include <vector>

class QAction;
class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QStandardItem;
class QStandardItemModel;
class QTreeView;

namespace qs {
class Model;
}

namespace qs::ui {

class ModelBrowser : public QWidget {
    Q_OBJECT
public:
    enum Column { Name, Shape, DType, Params, Size, Plan, ColumnCount };
    enum Role {
        TensorIndexRole = Qt::UserRole + 1,
        SortRole,
        LayerRole,     // layer number of a group row
        FullNameRole,  // the tensor's full name (the Name column shows its short role)
    };

    explicit ModelBrowser(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const qs::Model> model, const QString& label);
    const std::shared_ptr<const qs::Model>& model() const { return model_; }

    // The mixed-precision plan, and what it gives per tensor (format, size).
    const qs::PlanSpec& plan() const { return plan_; }
    void setPlan(const qs::PlanSpec& plan);
    QString plannedFormat(int tensor) const;  // empty: the tensor is kept as it is
    uint64_t plannedBytes() const;            // the model's size after the plan
    void setPlanTarget(int tensor, const QString& target);
    void setPlanForTensors(const std::vector<int>& tensors, const QString& target);
    void applyPreset(const QString& preset);

    int tensorRowCount() const;  // tensors listed (filter ignored)
    int selectedTensor() const;  // -1: none or a group (whole model)
    std::vector<int> selectedTensors() const;
    void selectTensor(int tensor);
    void setFilter(const QString& text);

    QTreeView* view() const { return view_; }
    QComboBox* presetCombo() const { return preset_; }
    // A button for `a` beside the preset combo (e.g. Plan for Size…).
    void addPlanAction(QAction* a);
    QString footerText() const;

signals:
    void tensorSelected(int tensor);  // -1 for the whole model
    void planChanged();

protected:
    void changeEvent(QEvent* e) override;

private:
    void retranslateUi();  // every text (and number) in the current language
    void relabelRows(QStandardItem* parent);
    void updateTitle();
    void rebuild();
    void updateTotals();
    void updatePlanCell(int tensor);
    void planUpdated();

    std::shared_ptr<const qs::Model> model_;
    QString label_;
    void resolvePlan();
    QString plannedReason(int tensor) const;

    qs::PlanSpec plan_;
    qs::QuantPlan planned_;  // plan_ resolved (no entries without a plan)
    QString planError_;      // why plan_ could not be resolved
    std::vector<QStandardItem*> planItems_;  // per tensor
    QStandardItemModel* items_ = nullptr;
    QSortFilterProxyModel* proxy_ = nullptr;
    QTreeView* view_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QComboBox* preset_ = nullptr;
    QHBoxLayout* planRow_ = nullptr;
    QLabel* title_ = nullptr;
    QLabel* footer_ = nullptr;
};

}  // namespace qs::ui
