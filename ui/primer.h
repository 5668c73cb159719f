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
    QString html() const { return html_; }
    QTextBrowser* browser() const { return browser_; }

    // The primer as HTML for a model (null: the synthetic example).
    static QString buildHtml(const qs::Model* model, const QString& label);

protected:
    void changeEvent(QEvent* e) override;

private:
    void rebuild();

    std::shared_ptr<const qs::Model> model_;
    QString label_;
    QString html_;
    QTextBrowser* browser_ = nullptr;
};

}  // namespace qs::ui
