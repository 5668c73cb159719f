#pragma once
// Help -> Quantization primer: what quantization is, scale and zero point, symmetric vs
// asymmetric, per-tensor / per-channel / per-group scales, blocks and super-blocks, what bits per
// weight really cost, and the video analogy. Every section has a live example computed with the
// engine from the loaded model (sizes from Format::storageBytes over its eligible tensors,
// RMSE/SQNR from quantizeAndMeasure on its largest tensor); without a model, from a synthetic
// Gaussian tensor.
#include <QString>
#include <QStringList>
#include <QWidget>

#include <memory>

class QTextBrowser;

namespace qs {
class Model;
}

namespace qs::ui {

class Primer : public QWidget {
    Q_OBJECT
public:
    explicit Primer(QWidget* parent = nullptr);

    void setModel(std::shared_ptr<const qs::Model> model, const QString& label);
    // Scrolls to a section: "what", "scale", "symmetry", "granularity", "blocks", "bits", "video".
    void showSection(const QString& id);
    static QStringList sections();
    QString currentSection() const { return section_; }  // the last one shown
    // A section's title in the current language ("" for an unknown id).
    static QString sectionTitle(const QString& id);

    // Links from tooltips: What's This texts (Shift+F1) hold <a href="primer:ID"> links, which the
    // main window opens here; tooltips end with a hint saying so.
    static QString link(const QString& id);                            // "primer:ID"
    static QString whatsThis(const QString& text, const QString& id);  // text + a link to the section
    static QString withHint(const QString& tip);                       // tip + "Shift+F1: more in the primer"
    // The section id of a "primer:ID" link, or "" when href is not one.
    static QString sectionOfLink(const QString& href);
    QString html() const { return html_; }
    QTextBrowser* browser() const { return browser_; }

    // The primer as HTML for a model (null: the synthetic example).
    static QString buildHtml(const qs::Model* model, const QString& label);

protected:
    void changeEvent(QEvent* e) override;

public:
    struct Sample;  // the example tensor (primer.cpp)

private:
    void rebuild();
    static QString buildHtml(const Sample& s, const qs::Model* model, const QString& label);
    std::shared_ptr<const Sample> sample_;

    std::shared_ptr<const qs::Model> model_;
    QString label_;
    QString html_;
    QString section_;
    QTextBrowser* browser_ = nullptr;
};

}  // namespace qs::ui
