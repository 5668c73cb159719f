#include "ui/model_browser.h"

#include "core/formats/format.h"
#include "core/model/model.h"
#include "core/model/tensor_names.h"
#include "ui/engine.h"
#include "ui/primer.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStyledItemDelegate>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

#include <map>

namespace qs::ui {

namespace {

QString shapeText(const std::vector<int64_t>& shape)
{
    QStringList parts;
    for (int64_t d : shape)
        parts << QString::number(d);
    return parts.isEmpty() ? QStringLiteral("scalar") : parts.join(QStringLiteral(" × "));
}

// Sorts numbers by value (SortRole) and keeps the filter on names, showing a group when
// one of its tensors matches.
class BrowserProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
};

// The plan column: a combo of targets; an edit applies to every selected tensor.
class PlanDelegate : public QStyledItemDelegate {
public:
    PlanDelegate(ModelBrowser* browser) : QStyledItemDelegate(browser), browser_(browser) {}

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* c = new QComboBox(parent);
        c->addItem(ModelBrowser::tr("(keep)"), QString());
        for (const QString& t : engine::planTargets())
            c->addItem(t, t);
        return c;
    }
    void setEditorData(QWidget* editor, const QModelIndex& index) const override
    {
        auto* c = static_cast<QComboBox*>(editor);
        const int i = c->findData(index.data(Qt::EditRole).toString());
        c->setCurrentIndex(i < 0 ? 0 : i);
    }
    void setModelData(QWidget* editor, QAbstractItemModel*, const QModelIndex& index) const override
    {
        const QString target = static_cast<QComboBox*>(editor)->currentData().toString();
        std::vector<int> tensors = browser_->selectedTensors();
        const int here = index.siblingAtColumn(0).data(ModelBrowser::TensorIndexRole).toInt();
        if (std::find(tensors.begin(), tensors.end(), here) == tensors.end())
            tensors = {here};
        browser_->setPlanForTensors(tensors, target);
    }

private:
    ModelBrowser* browser_;
};

}  // namespace

ModelBrowser::ModelBrowser(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    title_ = new QLabel(this);
    title_->setObjectName(QStringLiteral("browserTitle"));
    title_->setWordWrap(true);
    layout->addWidget(title_);

    auto* row = new QHBoxLayout;
    filter_ = new QLineEdit(this);
    filter_->setObjectName(QStringLiteral("browserFilter"));
    filter_->setClearButtonEnabled(true);
    row->addWidget(filter_, 1);
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("presetCombo"));
    preset_->addItem(QString(), QString());
    for (const auto& p : engine::planPresets())
        preset_->addItem(p.name, p.name);
    row->addWidget(preset_);
    planRow_ = row;
    layout->addLayout(row);

    items_ = new QStandardItemModel(this);
    items_->setColumnCount(ColumnCount);
    proxy_ = new BrowserProxy(this);
    proxy_->setSourceModel(items_);
    proxy_->setRecursiveFilteringEnabled(true);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy_->setFilterKeyColumn(Name);
    proxy_->setSortRole(SortRole);

    view_ = new QTreeView(this);
    view_->setObjectName(QStringLiteral("browserView"));
    view_->setModel(proxy_);
    view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::SelectedClicked |
                           QAbstractItemView::EditKeyPressed);
    view_->setItemDelegateForColumn(Plan, new PlanDelegate(this));
    view_->setSortingEnabled(true);
    view_->sortByColumn(-1, Qt::AscendingOrder);
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(true);
    view_->header()->setStretchLastSection(false);
    view_->header()->setSectionResizeMode(Name, QHeaderView::Stretch);
    for (int c = Shape; c < ColumnCount; ++c)
        view_->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    layout->addWidget(view_, 1);

    footer_ = new QLabel(this);
    footer_->setObjectName(QStringLiteral("browserFooter"));
    footer_->setWordWrap(true);
    layout->addWidget(footer_);

    connect(filter_, &QLineEdit::textChanged, this, &ModelBrowser::setFilter);
    connect(preset_, &QComboBox::activated, this, [this](int i) {
        const QString p = preset_->itemData(i).toString();
        if (!p.isEmpty())
            applyPreset(p);
    });
    connect(view_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this] { emit tensorSelected(selectedTensor()); });
    retranslateUi();
}

void ModelBrowser::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(e);
}

void ModelBrowser::retranslateUi()
{
    filter_->setPlaceholderText(tr("Filter tensors…"));
    preset_->setToolTip(tr("Fill the plan column from a preset"));
    preset_->setItemText(0, tr("Plan preset…"));
    const auto presets = engine::planPresets();
    for (int i = 1; i < preset_->count(); ++i)
        for (const auto& p : presets)
            if (p.name == preset_->itemData(i).toString())
                preset_->setItemData(i, p.tip, Qt::ToolTipRole);
    items_->setHorizontalHeaderLabels({tr("Name"), tr("Shape"), tr("Type"), tr("Parameters"), tr("Size"), tr("Plan")});
    // Column tooltips (ending with the primer hint) and What's This texts linking into the primer.
    const QString tips[ColumnCount] = {
        tr("Tensor name, grouped by layer"), tr("Rows × columns of the tensor"),
        tr("Storage type of the tensor in the opened file"), tr("Number of weights"),
        tr("Bytes the tensor takes in the opened file"),
        tr("Target type of the tensor in the mixed-precision plan (double-click to change)")};
    const char* const sections[ColumnCount] = {"granularity", "granularity", "blocks", "what", "bits", "bits"};
    for (int c = 0; c < ColumnCount; ++c) {
        items_->setHeaderData(c, Qt::Horizontal, Primer::withHint(tips[c]), Qt::ToolTipRole);
        items_->setHeaderData(c, Qt::Horizontal, Primer::whatsThis(tips[c], QString::fromLatin1(sections[c])),
                              Qt::WhatsThisRole);
    }
    view_->setWhatsThis(Primer::whatsThis(tips[Plan], QStringLiteral("bits")));
    updateTitle();
    relabelRows(items_->invisibleRootItem());
    resolvePlan();  // its reasons are texts too
    for (int i = 0; i < int(planItems_.size()); ++i)
        updatePlanCell(i);
    updateTotals();
}

// Texts and numbers of the rows below parent that depend on the language and the locale.
void ModelBrowser::relabelRows(QStandardItem* parent)
{
    const QLocale loc;
    for (int r = 0; r < parent->rowCount(); ++r) {
        QStandardItem* name = parent->child(r, Name);
        if (!name)
            continue;
        if (name->data(TensorIndexRole).toInt() < 0 && name->data(LayerRole).isValid()) {
            name->setText(tr("Layer %1").arg(name->data(LayerRole).toInt()));
            if (QStandardItem* shape = parent->child(r, Shape))
                shape->setText(tr("%n tensor(s)", nullptr, name->rowCount()));
        }
        if (QStandardItem* p = parent->child(r, Params))
            p->setText(loc.toString(p->data(SortRole).toLongLong()));
        if (QStandardItem* b = parent->child(r, Size))
            b->setText(engine::bytesText(double(b->data(SortRole).toULongLong())));
        relabelRows(name);
    }
}

void ModelBrowser::updateTitle()
{
    if (!model_) {
        title_->setText(tr("No model"));
        return;
    }
    title_->setText(QStringLiteral("<b>%1</b><br><small>%2 · %3</small>")
                        .arg(label_.toHtmlEscaped(), QString::fromStdString(model_->format),
                             QString::fromStdString(model_->architecture.value_or("?")).toHtmlEscaped()));
}

void ModelBrowser::setModel(std::shared_ptr<const qs::Model> model, const QString& label)
{
    model_ = std::move(model);
    label_ = label;
    plan_ = {};
    resolvePlan();
    rebuild();
    emit planChanged();
    emit tensorSelected(-1);
}

void ModelBrowser::rebuild()
{
    items_->removeRows(0, items_->rowCount());
    planItems_.assign(model_ ? model_->tensors.size() : 0, nullptr);
    updateTitle();
    if (!model_) {
        updateTotals();
        return;
    }

    const QLocale loc;
    auto makeRow = [&](const QString& name, const QString& shape, const QString& dtype, int64_t params,
                       uint64_t bytes, double order) {
        QList<QStandardItem*> r;
        auto* n = new QStandardItem(name);
        n->setData(order, SortRole);
        n->setData(-1, TensorIndexRole);
        n->setToolTip(name);
        r << n;
        auto* s = new QStandardItem(shape);
        s->setData(shape, SortRole);
        r << s;
        auto* d = new QStandardItem(dtype);
        d->setData(dtype, SortRole);
        r << d;
        auto* p = new QStandardItem(loc.toString(qlonglong(params)));
        p->setData(qlonglong(params), SortRole);
        p->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        r << p;
        auto* b = new QStandardItem(engine::bytesText(double(bytes)));
        b->setData(qulonglong(bytes), SortRole);
        b->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        r << b;
        auto* pl = new QStandardItem;
        r << pl;
        for (auto* it : r)
            it->setEditable(false);
        return r;
    };

    struct Group {
        int64_t params = 0;
        uint64_t bytes = 0;
        std::vector<int> tensors;
    };
    std::map<int, Group> layers;
    std::vector<int> loose;
    for (int i = 0; i < int(model_->tensors.size()); ++i) {
        const auto& t = model_->tensors[size_t(i)];
        const int l = qs::layerNumber(t.name);
        if (l < 0) {
            loose.push_back(i);
            continue;
        }
        auto& g = layers[l];
        g.params += t.numel();
        g.bytes += t.nbytes;
        g.tensors.push_back(i);
    }
    auto addTensor = [&](QStandardItem* parent, int i, double order) {
        const auto& t = model_->tensors[size_t(i)];
        auto r = makeRow(QString::fromStdString(t.name), shapeText(t.shape), QString::fromStdString(t.dtype),
                         t.numel(), t.nbytes, order);
        r[0]->setData(i, TensorIndexRole);
        r[Plan]->setEditable(true);
        planItems_[size_t(i)] = r[Plan];
        parent->appendRow(r);
    };
    QStandardItem* root = items_->invisibleRootItem();
    // Tensors outside layers (embedding) first, then the layers in order, then the rest (norm, output).
    int order = 0;
    bool layersAdded = false;
    auto addLayers = [&] {
        for (auto& [l, g] : layers) {
            auto r = makeRow(tr("Layer %1").arg(l), tr("%n tensor(s)", nullptr, int(g.tensors.size())), QString(),
                             g.params, g.bytes, order++);
            r[0]->setData(l, LayerRole);
            QFont f = r[0]->font();
            f.setBold(true);
            r[0]->setFont(f);
            for (size_t k = 0; k < g.tensors.size(); ++k)
                addTensor(r[0], g.tensors[k], double(k));
            root->appendRow(r);
        }
        layersAdded = true;
    };
    for (int i : loose) {
        const std::string& n = model_->tensors[size_t(i)].name;
        const bool head = n.find("embd") != std::string::npos || n.find("embed") != std::string::npos;
        if (!head && !layersAdded)
            addLayers();
        addTensor(root, i, order++);
    }
    if (!layersAdded)
        addLayers();
    for (int i = 0; i < int(planItems_.size()); ++i)
        updatePlanCell(i);
    view_->expandToDepth(0);
    if (layers.size() > 4)
        view_->collapseAll();
    updateTotals();
}

void ModelBrowser::updatePlanCell(int tensor)
{
    QStandardItem* it = planItems_[size_t(tensor)];
    if (!it)
        return;
    const QString target = plannedFormat(tensor);
    const QString reason = plannedReason(tensor);
    it->setData(target, Qt::EditRole);
    it->setData(target.isEmpty() ? tr("(keep)") : target, Qt::DisplayRole);
    it->setData(target, SortRole);
    it->setToolTip(!reason.isEmpty() ? reason
                                     : tr("Double-click to set the target type of this tensor (applies to every selected tensor)"));
    it->setForeground(target.isEmpty() ? palette().brush(QPalette::PlaceholderText) : palette().brush(QPalette::Text));
}

void ModelBrowser::resolvePlan()
{
    planned_ = {};
    planError_.clear();
    if (!model_ || plan_.empty())
        return;
    try {
        planned_ = engine::resolvePlan(*model_, plan_);
    } catch (const std::exception& e) {
        planError_ = QString::fromUtf8(e.what());
    }
}

QString ModelBrowser::plannedFormat(int tensor) const
{
    if (tensor < 0 || tensor >= int(planned_.entries.size()) || !planned_.entries[size_t(tensor)].eligible)
        return {};
    return QString::fromStdString(planned_.entries[size_t(tensor)].format);
}

QString ModelBrowser::plannedReason(int tensor) const
{
    if (!planError_.isEmpty())
        return planError_;
    if (tensor < 0 || tensor >= int(planned_.entries.size()))
        return {};
    return QString::fromStdString(planned_.entries[size_t(tensor)].reason);
}

uint64_t ModelBrowser::plannedBytes() const
{
    if (!model_)
        return 0;
    uint64_t total = 0;
    for (size_t i = 0; i < model_->tensors.size(); ++i)
        total += i < planned_.entries.size() ? engine::plannedBytes(*model_, planned_.entries[i]) : model_->tensors[i].nbytes;
    return total;
}

void ModelBrowser::planUpdated()
{
    resolvePlan();
    for (int i = 0; i < int(planItems_.size()); ++i)
        updatePlanCell(i);
    updateTotals();
    emit planChanged();
}

void ModelBrowser::addPlanAction(QAction* a)
{
    auto* b = new QToolButton(this);
    b->setDefaultAction(a);
    planRow_->addWidget(b);
}

void ModelBrowser::setPlan(const qs::PlanSpec& plan)
{
    plan_ = plan;
    const int i = preset_->findData(QString::fromStdString(plan.type));
    const QSignalBlocker b(preset_);
    preset_->setCurrentIndex(i >= 0 ? i : 0);
    planUpdated();
}

void ModelBrowser::setPlanTarget(int tensor, const QString& target) { setPlanForTensors({tensor}, target); }

void ModelBrowser::setPlanForTensors(const std::vector<int>& tensors, const QString& target)
{
    if (!model_)
        return;
    const qs::Format* f = target.isEmpty() ? engine::keepFormat(*model_) : qs::findFormat(target.toStdString());
    if (!f)
        return;
    for (int t : tensors)
        if (t >= 0 && t < int(model_->tensors.size()))
            plan_.tensors[model_->tensors[size_t(t)].name] = f;
    planUpdated();
}

void ModelBrowser::applyPreset(const QString& preset)
{
    qs::PlanSpec p;
    p.type = preset.toStdString();
    setPlan(p);
}

int ModelBrowser::tensorRowCount() const { return model_ ? int(model_->tensors.size()) : 0; }

int ModelBrowser::selectedTensor() const
{
    const QModelIndex cur = view_->selectionModel()->currentIndex();
    if (!cur.isValid())
        return -1;
    return proxy_->mapToSource(cur.siblingAtColumn(0)).data(TensorIndexRole).toInt();
}

std::vector<int> ModelBrowser::selectedTensors() const
{
    std::vector<int> out;
    for (const QModelIndex& i : view_->selectionModel()->selectedRows(0)) {
        const QModelIndex s = proxy_->mapToSource(i);
        const int t = s.data(TensorIndexRole).toInt();
        if (t >= 0) {
            out.push_back(t);
        } else {  // a layer: all its tensors
            const QStandardItem* g = items_->itemFromIndex(s);
            for (int k = 0; g && k < g->rowCount(); ++k)
                out.push_back(g->child(k, 0)->data(TensorIndexRole).toInt());
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void ModelBrowser::selectTensor(int tensor)
{
    if (tensor < 0 || tensor >= int(planItems_.size()) || !planItems_[size_t(tensor)]) {
        view_->selectionModel()->clearCurrentIndex();
        view_->clearSelection();
        emit tensorSelected(-1);
        return;
    }
    const QModelIndex src = items_->indexFromItem(planItems_[size_t(tensor)]).siblingAtColumn(0);
    const QModelIndex p = proxy_->mapFromSource(src);
    if (!p.isValid())
        return;
    view_->scrollTo(p);
    view_->selectionModel()->setCurrentIndex(p, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

void ModelBrowser::setFilter(const QString& text)
{
    if (filter_->text() != text)
        filter_->setText(text);
    proxy_->setFilterFixedString(text);
    if (!text.isEmpty())
        view_->expandAll();
}

QString ModelBrowser::footerText() const { return footer_->text(); }

void ModelBrowser::updateTotals()
{
    if (!model_) {
        footer_->setText(tr("Open a model (File ▸ Open…) or drop a file here."));
        return;
    }
    int64_t params = 0;
    double now = 0;
    for (const auto& t : model_->tensors) {
        params += t.numel();
        now += double(t.nbytes);
    }
    const double after = double(plannedBytes());
    const QLocale loc;
    footer_->setText(tr("%n tensor(s) · %1 parameters · size now %2 · after the plan %3 (%4 bits/weight)", nullptr,
                        int(model_->tensors.size()))
                         .arg(loc.toString(qlonglong(params)), engine::bytesText(now), engine::bytesText(after),
                              loc.toString(params ? 8.0 * after / double(params) : 0.0, 'f', 2)));
}

}  // namespace qs::ui
