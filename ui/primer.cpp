#include "ui/primer.h"

#include "core/util/error.h"
#include "core/formats/format.h"
#include "core/formats/inspect.h"
#include "core/analysis/metrics.h"
#include "core/model/model.h"
#include "core/plan/plan.h"

#include <QEvent>
#include <QLocale>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>
#include <map>
#include <optional>
#include <random>

namespace qs::ui {

namespace {

constexpr int64_t kSampleRows = 256;

QString num(double v, int prec = 3) { return QLocale().toString(v, 'g', prec); }
QString fixed(double v, int decimals) { return QLocale().toString(v, 'f', decimals); }
QString bytesText(double b) { return QLocale().formattedDataSize(qint64(b), 2, QLocale::DataSizeIecFormat); }
QString dB(double v)
{
    if (std::isinf(v))
        return v > 0 ? QStringLiteral("∞ dB") : QStringLiteral("−∞ dB");
    return fixed(v, 1) + QStringLiteral(" dB");
}
QString code(const QString& s) { return QStringLiteral("<code>%1</code>").arg(s.toHtmlEscaped()); }

}  // namespace

// The example data: the model's largest eligible tensor (its first rows), or a synthetic one.
struct Primer::Sample {
    QString name;
    std::vector<float> w;
    int64_t rows = 0, cols = 0;
    bool synthetic = true;
};

namespace {

using Sample = Primer::Sample;

// The first `rows` rows of a tensor as floats, decoding only those rows where the storage is
// row by row (float and block types); else the whole tensor, cut.
std::vector<float> firstRows(const qs::Model& m, const TensorInfo& t, int64_t rows)
{
    const int64_t cols = t.cols();
    const Format* f = findFormat(t.dtype);
    if (f && f->supports(t.rows(), cols) && f->storageBytes(t.rows(), cols) == t.nbytes &&
        f->storageBytes(rows, cols) * uint64_t(t.rows()) == f->storageBytes(t.rows(), cols) * uint64_t(rows)) {
        std::vector<float> out(size_t(rows * cols));
        f->dequantize(m.data(t).data(), rows, cols, out.data());
        return out;
    }
    std::vector<float> all = m.toFloat(t);
    all.resize(size_t(rows * cols));
    return all;
}

Sample makeSample(const qs::Model* m)
{
    Sample s;
    if (m) {
        const TensorInfo* best = nullptr;
        for (int pass = 0; pass < 2 && !best; ++pass)
            for (const TensorInfo& t : m->tensors)
                if (t.shape.size() >= 2 && isEligible(t.name, t.shape) && t.cols() % (pass == 0 ? 256 : 32) == 0 &&
                    (!best || t.numel() > best->numel()))
                    best = &t;
        if (best) {
            try {
                s.rows = std::min<int64_t>(best->rows(), kSampleRows);
                s.cols = best->cols();
                s.w = firstRows(*m, *best, s.rows);
                s.name = QString::fromStdString(best->name);
                s.synthetic = false;
                return s;
            } catch (const qs::Error&) {
            }
        }
    }
    std::mt19937 rng(42);
    std::normal_distribution<float> n(0.0f, 0.02f);
    s.rows = 64;
    s.cols = 256;
    s.w.resize(size_t(s.rows * s.cols));
    for (size_t i = 0; i < s.w.size(); ++i)
        s.w[i] = (i % 211 == 0) ? 8.0f * n(rng) : n(rng);
    return s;
}

std::optional<TensorResult> measureOn(const Sample& s, const char* format, const std::vector<float>* data = nullptr)
{
    const Format* f = findFormat(format);
    if (!f || !f->supports(s.rows, s.cols))
        return std::nullopt;
    return quantizeAndMeasure(*f, (data ? *data : s.w).data(), s.rows, s.cols);
}

// Model-wide bytes of the eligible tensors stored in a format, as a pure quantization plan stores
// them: a tensor whose rows the format cannot split falls back the way llama.cpp does (Q2_K ->
// Q4_0, ...), counted in fallbacks.
double modelBytes(const qs::Model& m, const char* format, int* fallbacks = nullptr)
{
    PlanSpec o;
    o.type = format;
    o.pure = true;
    const QuantPlan plan = buildPlan(m, o);
    if (fallbacks)
        *fallbacks = std::max(*fallbacks, plan.fallbacks());
    return double(plan.eligibleBytes());
}

QString section(const QString& id, const QString& title, const QString& body, const QString& example)
{
    return QStringLiteral("<a name=\"%1\"></a><h2>%2</h2><p>%3</p><p style=\"background-color:#eef4fb; "
                          "color:#1a2a3a; padding:6px;\"><b>%4</b> %5</p>")
        .arg(id, title.toHtmlEscaped(), body, Primer::tr("Live example:").toHtmlEscaped(), example);
}

}  // namespace

Primer::Primer(QWidget* parent) : QWidget(parent)
{
    browser_ = new QTextBrowser(this);
    browser_->setOpenLinks(false);
    auto* l = new QVBoxLayout(this);
    l->setContentsMargins(0, 0, 0, 0);
    l->addWidget(browser_);
    resize(760, 680);
    rebuild();
}

QStringList Primer::sections()
{
    return {QStringLiteral("what"), QStringLiteral("scale"), QStringLiteral("symmetry"), QStringLiteral("granularity"),
            QStringLiteral("blocks"), QStringLiteral("bits"), QStringLiteral("codebooks"), QStringLiteral("video")};
}

void Primer::setModel(std::shared_ptr<const qs::Model> model, const QString& label)
{
    model_ = std::move(model);
    label_ = label;
    sample_.reset();
    rebuild();
}

void Primer::showSection(const QString& id)
{
    section_ = id;
    browser_->scrollToAnchor(id);
}

QString Primer::sectionTitle(const QString& id)
{
    // The same texts as the headings in buildHtml().
    if (id == QLatin1String("what"))
        return tr("What quantization is");
    if (id == QLatin1String("scale"))
        return tr("Scale and zero point");
    if (id == QLatin1String("symmetry"))
        return tr("Symmetric or asymmetric");
    if (id == QLatin1String("granularity"))
        return tr("Per tensor, per channel, per group");
    if (id == QLatin1String("blocks"))
        return tr("Blocks and super-blocks");
    if (id == QLatin1String("bits"))
        return tr("What bits per weight really cost");
    if (id == QLatin1String("codebooks"))
        return tr("Codebooks: lattice formats");
    if (id == QLatin1String("video"))
        return tr("A video analogy");
    return QString();
}

QString Primer::link(const QString& id) { return QStringLiteral("primer:") + id; }

QString Primer::sectionOfLink(const QString& href)
{
    if (!href.startsWith(QLatin1String("primer:")))
        return QString();
    const QString id = href.mid(7);
    return sections().contains(id) ? id : QString();
}

QString Primer::whatsThis(const QString& text, const QString& id)
{
    QString t = text.toHtmlEscaped();
    t.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    return QStringLiteral("<p>%1</p><p><a href=\"%2\">%3</a></p>")
        .arg(t, link(id), tr("Primer: %1").arg(sectionTitle(id)).toHtmlEscaped());
}

QString Primer::withHint(const QString& tip)
{
    const QString hint = tr("Shift+F1: more in the primer");
    return tip.isEmpty() ? hint : tip + QLatin1Char('\n') + hint;
}

void Primer::changeEvent(QEvent* e)
{
    if (e->type() == QEvent::LanguageChange)
        rebuild();
    QWidget::changeEvent(e);
}

void Primer::rebuild()
{
    setWindowTitle(tr("Quantization primer"));
    // The example tensor is read once per model (a language change only rewrites the text).
    if (!sample_)
        sample_ = std::make_shared<const Sample>(makeSample(model_.get()));
    html_ = buildHtml(*sample_, model_.get(), label_);
    browser_->setHtml(html_);
}

QString Primer::buildHtml(const qs::Model* model, const QString& label)
{
    return buildHtml(makeSample(model), model, label);
}

QString Primer::buildHtml(const Sample& s, const qs::Model* model, const QString& label)
{
    QString h;
    h += QStringLiteral("<h1>%1</h1>").arg(tr("Quantization primer").toHtmlEscaped());
    if (s.synthetic)
        h += QStringLiteral("<p><i>%1</i></p>")
                 .arg(tr("No model is open: the examples use a synthetic tensor of %1 × %2 Gaussian weights.")
                          .arg(s.rows)
                          .arg(s.cols)
                          .toHtmlEscaped());
    else
        h += QStringLiteral("<p><i>%1</i></p>")
                 .arg(tr("The examples are computed from %1; per-tensor numbers use the first %2 rows of its largest "
                         "tensor, %3 (%4 columns).")
                          .arg(label.isEmpty() ? tr("the open model") : label)
                          .arg(s.rows)
                          .arg(s.name)
                          .arg(s.cols)
                          .toHtmlEscaped());

    // 1. What quantization is: sizes.
    {
        QString ex;
        if (model) {
            const double f32 = 4.0 * [&] {
                double n = 0;
                for (const TensorInfo& t : model->tensors)
                    if (isEligible(t.name, t.shape))
                        n += double(t.numel());
                return n;
            }();
            int fb = 0;
            const double q8 = modelBytes(*model, "Q8_0", &fb), q4 = modelBytes(*model, "Q4_0", &fb),
                         q2 = modelBytes(*model, "Q2_K", &fb);
            ex = tr("this model's eligible weights: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4.")
                     .arg(bytesText(f32), bytesText(q8), bytesText(q4), bytesText(q2))
                     .toHtmlEscaped();
            if (fb > 0)
                ex += QLatin1Char(' ') +
                      tr("(%n tensor(s) whose rows a format cannot split use llama.cpp's fallback type.)", "", fb).toHtmlEscaped();
        } else {
            const double n = double(s.rows * s.cols);
            ex = tr("%1 weights: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5.")
                     .arg(QLocale().toString(qint64(n)), bytesText(4 * n),
                          bytesText(double(findFormat("Q8_0")->storageBytes(s.rows, s.cols))),
                          bytesText(double(findFormat("Q4_0")->storageBytes(s.rows, s.cols))),
                          bytesText(double(findFormat("Q2_K")->storageBytes(s.rows, s.cols))))
                     .toHtmlEscaped();
        }
        h += section(QStringLiteral("what"), tr("What quantization is"),
                     tr("A model's weights are real numbers, normally stored with 32 or 16 bits each. Quantization "
                        "stores each weight as a small integer code instead (8, 4 or even 2 bits) plus a few shared "
                        "numbers that say how to turn codes back into values. The model becomes smaller and faster "
                        "to move through memory; the price is that every weight is replaced by the nearest value "
                        "the code can express.")
                         .toHtmlEscaped(),
                     ex);
    }

    // 2. Scale and zero point.
    {
        QString ex;
        try {
            const BlockInspection sym = inspectBlock(*findFormat("INT8_SYM_G32"), s.w.data(), s.rows, s.cols, 0, 0);
            const BlockInspection asym = inspectBlock(*findFormat("INT8_ASYM_G32"), s.w.data(), s.rows, s.cols, 0, 0);
            int j = 0;
            for (int i = 1; i < sym.length; ++i)
                if (std::fabs(sym.original[size_t(i)]) > std::fabs(sym.original[size_t(j)]))
                    j = i;
            ex = tr("the first 32 weights of the tensor, in INT8 symmetric, get the scale s = %1; the largest of them, "
                    "%2, is stored as code %3 and comes back as %4. Asymmetric INT8 uses s = %5 and zero point z = %6.")
                     .arg(num(sym.scale, 4), num(sym.original[size_t(j)], 5))
                     .arg(sym.codes[size_t(j)])
                     .arg(num(sym.reconstructed[size_t(j)], 5), num(asym.scale, 4))
                     .arg(asym.zeroPoint.value_or(0))
                     .toHtmlEscaped();
            ex += QStringLiteral("<br>") + code(QString::fromStdString(sym.formulaFor(j)));
        } catch (const qs::Error& e) {
            ex = QString::fromUtf8(e.what()).toHtmlEscaped();
        }
        h += section(QStringLiteral("scale"), tr("Scale and zero point"),
                     tr("The scale s is the step between two neighbouring codes: a weight x is stored as the integer "
                        "q = round(x / s) and read back as x̂ = s·q. A zero point z shifts the codes so that they can "
                        "cover a range that is not centred on zero: x̂ = s·(q − z). The difference x̂ − x is the "
                        "quantization error; it is at most half a step for weights inside the range.")
                         .toHtmlEscaped(),
                     ex);
    }

    // 3. Symmetric vs asymmetric.
    {
        QString ex;
        std::vector<float> shifted(s.w.size());
        for (size_t i = 0; i < s.w.size(); ++i)
            shifted[i] = std::fabs(s.w[i]);
        const auto a = measureOn(s, "INT4_SYM_G32"), b = measureOn(s, "INT4_ASYM_G32");
        const auto c = measureOn(s, "INT4_SYM_G32", &shifted), d = measureOn(s, "INT4_ASYM_G32", &shifted);
        if (a && b && c && d)
            ex = tr("INT4 with a scale per 32 weights: symmetric RMSE %1, asymmetric %2. On the same weights made "
                    "all positive (|x|, like activations after a ReLU) symmetric wastes its negative codes: RMSE %3 "
                    "against %4.")
                     .arg(num(a->stats.rmse()), num(b->stats.rmse()), num(c->stats.rmse()), num(d->stats.rmse()))
                     .toHtmlEscaped();
        h += section(QStringLiteral("symmetry"), tr("Symmetric or asymmetric"),
                     tr("Symmetric quantization puts zero in the middle of the grid and only needs a scale: it fits "
                        "weights spread evenly around zero, as most are. Asymmetric quantization also stores a zero "
                        "point (or a minimum) and places its grid over the actual range from the smallest to the "
                        "largest weight, so no code is wasted when the values lean to one side.")
                         .toHtmlEscaped(),
                     ex);
    }

    // 4. Per tensor / channel / group.
    {
        QString ex;
        const auto t = measureOn(s, "INT4_SYM_TENSOR"), c = measureOn(s, "INT4_SYM_CHANNEL"),
                   g = measureOn(s, "INT4_SYM_G32");
        if (t && c && g)
            ex = tr("INT4 symmetric on this tensor: one scale for the tensor SQNR %1, one per row %2, one per 32 "
                    "weights %3 (at %4, %5 and %6 bits per weight).")
                     .arg(dB(t->stats.sqnrDb()), dB(c->stats.sqnrDb()), dB(g->stats.sqnrDb()))
                     .arg(fixed(t->bitsPerWeight, 3), fixed(c->bitsPerWeight, 3), fixed(g->bitsPerWeight, 3))
                     .toHtmlEscaped();
        h += section(QStringLiteral("granularity"), tr("Per tensor, per channel, per group"),
                     tr("One scale can serve a whole tensor, each row (output channel), or each small group of "
                        "weights along a row. The scale has to stretch over the largest weight it covers, so a "
                        "single large weight coarsens the grid for everything sharing its scale. Smaller groups "
                        "follow the weights more closely but need more scales.")
                         .toHtmlEscaped(),
                     ex);
    }

    // 5. Blocks and super-blocks.
    {
        QString ex;
        const auto q40 = measureOn(s, "Q4_0"), q4k = measureOn(s, "Q4_K");
        if (q40 && q4k)
            ex = tr("Q4_0 (a 16-bit scale per 32 weights): %1 bits per weight, SQNR %2. Q4_K (super-blocks of 256 "
                    "with 6-bit scales and mins per 32): %3 bits per weight, SQNR %4.")
                     .arg(fixed(q40->bitsPerWeight, 3), dB(q40->stats.sqnrDb()), fixed(q4k->bitsPerWeight, 3),
                          dB(q4k->stats.sqnrDb()))
                     .toHtmlEscaped();
        else
            ex = tr("(this tensor's rows are not a multiple of 256, so the K-quants do not apply to it.)").toHtmlEscaped();
        h += section(QStringLiteral("blocks"), tr("Blocks and super-blocks"),
                     tr("llama.cpp's formats cut every row into blocks of 32 weights, each with its own 16-bit scale "
                        "(Q8_0, Q4_0, ...). The K-quants group 8 or 16 such sub-blocks into a super-block of 256 "
                        "weights: the super-block keeps one or two 16-bit numbers, and each sub-block's scale is "
                        "itself quantized to 4, 6 or 8 bits relative to them. Scales stay local, but cost much less. "
                        "The block inspector shows all of this for any block of the model.")
                         .toHtmlEscaped(),
                     ex);
    }

    // 6. Bits per weight.
    {
        QStringList parts;
        const int64_t rows = s.rows, cols = s.cols;
        const std::pair<const char*, int> fmts[] = {{"Q8_0", 8},          {"Q4_0", 4}, {"Q4_1", 4}, {"Q4_K", 4},
                                                    {"INT4_ASYM_G32", 4}, {"NF4", 4},  {"Q2_K", 2}};
        for (const auto& [name, bits] : fmts) {
            const Format* f = findFormat(name);
            if (f && f->supports(rows, cols))
                parts << tr("%1: %2 → %3").arg(QString::fromLatin1(name)).arg(bits).arg(fixed(f->bitsPerWeight(rows, cols), 3));
        }
        h += section(QStringLiteral("bits"), tr("What bits per weight really cost"),
                     tr("A \"4-bit\" format never costs exactly 4 bits per weight: every scale, zero point and "
                        "minimum is stored too and shared by the weights of its block. A 16-bit scale per 32 "
                        "weights adds 0.5 bit to each of them, a scale and a minimum add 1 bit.")
                         .toHtmlEscaped(),
                     tr("code bits → bits per weight with everything counted, on this tensor: %1.")
                         .arg(parts.join(QStringLiteral("; ")))
                         .toHtmlEscaped());
    }

    // 7. Codebooks (the IQ lattice formats), measured on the first rows only: their search is slow.
    {
        QString ex;
        Sample few = s;
        few.rows = std::min<int64_t>(s.rows, 32);
        few.w.resize(size_t(few.rows * few.cols));
        const auto q2 = measureOn(few, "Q2_K"), i2 = measureOn(few, "IQ2_XXS"), i3 = measureOn(few, "IQ3_XXS");
        if (q2 && i2 && i3)
            ex = tr("on the first %1 rows of this tensor: Q2_K %2 bits per weight, SQNR %3; IQ2_XXS %4 bits per "
                    "weight, SQNR %5; IQ3_XXS %6 bits per weight, SQNR %7.")
                     .arg(few.rows)
                     .arg(fixed(q2->bitsPerWeight, 2), dB(q2->stats.sqnrDb()), fixed(i2->bitsPerWeight, 2),
                          dB(i2->stats.sqnrDb()), fixed(i3->bitsPerWeight, 2), dB(i3->stats.sqnrDb()))
                     .toHtmlEscaped();
        else
            ex = tr("(this tensor's rows are not a multiple of 256, so the lattice formats do not apply to it.)").toHtmlEscaped();
        h += section(QStringLiteral("codebooks"), tr("Codebooks: lattice formats"),
                     tr("Q2_K stores a small integer code for every weight and multiplies it by a scale. The IQ "
                        "formats store, for a group of 8 (or 4) weights, the number of one entry of a fixed "
                        "codebook: a lattice of 256 or 512 patterns of magnitudes chosen so that the combinations "
                        "real weights take are close to one of them, plus the signs and a scale per 32 weights. "
                        "Because a whole group is coded at once, IQ2_XXS spends 2.06 bits per weight where Q2_K "
                        "needs 2.63. Choosing the best entry is a search over the codebook, which is why these "
                        "formats quantize slowly and llama.cpp asks for an importance matrix for the 2-bit ones.")
                         .toHtmlEscaped(),
                     ex);
    }

    // 8. Video analogy.
    {
        QString ex;
        const char* low = findFormat("Q2_K")->supports(s.rows, s.cols) ? "Q2_K" : "INT2_ASYM_G32";
        const auto q8 = measureOn(s, "Q8_0"), q4 = measureOn(s, "Q4_0"), q2 = measureOn(s, low);
        if (q8 && q4 && q2)
            ex = tr("on this tensor %1 keeps an SQNR of %2, %3 %4, %5 %6 (every 10 dB is ten times less error power).")
                     .arg(QStringLiteral("Q8_0"), dB(q8->stats.sqnrDb()), QStringLiteral("Q4_0"), dB(q4->stats.sqnrDb()),
                          QString::fromLatin1(low), dB(q2->stats.sqnrDb()))
                     .toHtmlEscaped();
        h += section(QStringLiteral("video"), tr("A video analogy"),
                     tr("Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, "
                        "clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story "
                        "is still there but details are lost. As with video, the smaller file is often the right "
                        "choice, as long as you know what it costs.")
                         .toHtmlEscaped(),
                     ex);
    }
    // A combining hat over x sits badly in proportional fonts: the primer writes x̂ as x′.
    h.replace(QStringLiteral("x̂"), QStringLiteral("x′"));
    return h;
}

}  // namespace qs::ui
