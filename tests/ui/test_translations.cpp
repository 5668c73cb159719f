// Translations: lupdate over the GUI sources (and core's format descriptions) finds no string
// without a finished translation in any committed .ts; every embedded .qm loads and translates a
// known string; switching the language at run time retranslates open widgets (the main window's
// menus, browser, precision bar, table, plots, the inspector) and their numbers; What's This links
// open the primer at their section.
#include "core/formats/format.h"
#include "ui/block_inspector.h"
#include "ui/language.h"
#include "ui/evaluation_controller.h"
#include "ui/main_window.h"
#include "ui/model_browser.h"
#include "ui/plots.h"
#include "ui/precision_bar.h"
#include "ui/primer.h"
#include "ui/tradeoff_table_model.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QHeaderView>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTabWidget>
#include <QTableView>
#include <QTreeView>
#include <QWhatsThis>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QFontDatabase>
#include <QRawFont>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

#include <qcustomplot.h>

#include <map>
#include <tuple>

namespace {

const char* const kLanguages[] = {"en", "de", "zh_CN", "hi"};

struct Message {
    QString context, source, comment;
    bool numerus = false;
    QStringList translations;  // one, or the numerus forms
    QString type;              // "", "unfinished", "vanished", "obsolete"
};

using Key = std::tuple<QString, QString, QString>;

std::map<Key, Message> readTs(const QString& path, QString* language = nullptr)
{
    std::map<Key, Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    QXmlStreamReader x(&f);
    QString context;
    Message m;
    while (!x.atEnd()) {
        x.readNext();
        if (x.isStartElement()) {
            const auto n = x.name();
            if (n == QLatin1String("TS") && language)
                *language = x.attributes().value(QLatin1String("language")).toString();
            else if (n == QLatin1String("name"))
                context = x.readElementText();
            else if (n == QLatin1String("message")) {
                m = Message{};
                m.context = context;
                m.numerus = x.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (n == QLatin1String("source"))
                m.source = x.readElementText();
            else if (n == QLatin1String("comment"))
                m.comment = x.readElementText();
            else if (n == QLatin1String("translation")) {
                m.type = x.attributes().value(QLatin1String("type")).toString();
                if (!m.numerus)
                    m.translations << x.readElementText();
            } else if (n == QLatin1String("numerusform"))
                m.translations << x.readElementText();
        } else if (x.isEndElement() && x.name() == QLatin1String("message")) {
            out[{m.context, m.source, m.comment}] = m;
        }
    }
    if (x.hasError())
        qFatal("%s: %s", qPrintable(path), qPrintable(x.errorString()));
    return out;
}

bool finished(const Message& m)
{
    if (!m.type.isEmpty() || m.translations.isEmpty())
        return false;
    for (const QString& t : m.translations)
        if (t.isEmpty())
            return false;
    return true;
}

QString tsPath(const char* lang)
{
    return QStringLiteral(QS_SOURCE_DIR "/translations/quantscope_%1.ts").arg(QString::fromLatin1(lang));
}

// Characters of text that neither the application font nor any installed font (Qt falls back
// to those, through fontconfig) has a glyph for: the window would draw a box for each.
QString missingGlyphs(const QString& text, const QFont& font)
{
    static std::map<char32_t, bool> known;
    static std::vector<QRawFont> fonts;
    if (fonts.empty()) {
        fonts.push_back(QRawFont::fromFont(font));
        for (const QString& family : QFontDatabase::families())
            fonts.push_back(QRawFont::fromFont(QFont(family)));
    }
    QString missing;
    for (char32_t c : text.toUcs4()) {
        const QChar::Category cat = QChar::category(c);
        if (QChar::isSpace(c) || cat == QChar::Other_Format || cat == QChar::Other_Control)
            continue;
        auto it = known.find(c);
        if (it == known.end()) {
            bool any = false;
            for (const QRawFont& f : fonts)
                if (f.isValid() && f.supportsCharacter(c)) {
                    any = true;
                    break;
                }
            it = known.emplace(c, any).first;
        }
        if (!it->second)
            missing += QString::fromUcs4(&c, 1);
    }
    return missing;
}

// The accelerator key of a menu text ("&File" -> F, "视图(&V)" -> V), or a null QChar.
QChar accelerator(const QString& text)
{
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text.at(i + 1).toUpper();
    }
    return {};
}

// Every menu below a menu bar (recursively), with the menu bar's titles as one more "menu".
void collectMenus(QMenu* m, QList<QMenu*>& out)
{
    out << m;
    for (QAction* a : m->actions())
        if (a->menu())
            collectMenus(a->menu(), out);
}

QMenu* menuTitled(QMenuBar* bar, const QString& title)
{
    for (QAction* a : bar->actions())
        if (a->menu() && a->text() == title)
            return a->menu();
    return nullptr;
}

}  // namespace

class TestTranslations : public QObject {
    Q_OBJECT
private slots:
    void cleanup() { qs::ui::Language::instance().setLanguage(QStringLiteral("en")); }

    void lupdateFindsNoUntranslatedString()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString ts = tmp.filePath(QStringLiteral("probe.ts"));
        QProcess p;
        p.setWorkingDirectory(QStringLiteral(QS_SOURCE_DIR));
        p.start(QStringLiteral(QS_LUPDATE),
                {QStringLiteral("ui"), QStringLiteral("app/gui"), QStringLiteral("core/formats"), QStringLiteral("-I"), QStringLiteral("."),
                 QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"),
                 QStringLiteral("-ts"), ts});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const auto found = readTs(ts);
        QVERIFY2(found.size() > 60, qPrintable(QString::number(found.size())));
        // The sources' classes live in qs::ui: lupdate must see that (else nothing would load);
        // core's format descriptions are in "qs::formats".
        int formats = 0;
        for (const auto& [key, m] : found) {
            QVERIFY2(m.context.startsWith(QLatin1String("qs::ui::")) || m.context == QLatin1String("main") ||
                         m.context == QLatin1String("qs::formats"),
                     qPrintable(m.context));
            formats += m.context == QLatin1String("qs::formats");
        }
        QVERIFY2(formats >= 15, qPrintable(QString::number(formats)));
        for (const char* lang : kLanguages) {
            QString language;
            const auto committed = readTs(tsPath(lang), &language);
            QCOMPARE(language, QString::fromLatin1(lang));
            QStringList missing;
            for (const auto& [key, m] : found) {
                const auto it = committed.find(key);
                if (it == committed.end() || !finished(it->second) || it->second.numerus != m.numerus)
                    missing << m.context + QStringLiteral(": ") + m.source;
            }
            QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("%1: %2 untranslated, e.g. %3")
                                                       .arg(QString::fromLatin1(lang))
                                                       .arg(missing.size())
                                                       .arg(missing.value(0))));
            // and nothing unfinished or stale is committed
            for (const auto& [key, m] : committed)
                QVERIFY2(finished(m), qPrintable(QString::fromLatin1(lang) + QStringLiteral(": ") + m.source));
        }
    }

    void qmLoadsAndTranslates_data()
    {
        QTest::addColumn<QString>("lang");
        QTest::addColumn<QString>("expected");
        QTest::newRow("de") << "de" << QStringLiteral("Einführung in die Quantisierung");
        QTest::newRow("zh_CN") << "zh_CN" << QStringLiteral("量化入门");
        QTest::newRow("hi") << "hi" << QStringLiteral("क्वांटाइज़ेशन परिचय");
    }
    void qmLoadsAndTranslates()
    {
        QFETCH(QString, lang);
        QFETCH(QString, expected);
        QTranslator t;
        QVERIFY(t.load(qs::ui::Language::qmPath(lang)));
        QCOMPARE(t.translate("qs::ui::Primer", "Quantization primer"), expected);
        QVERIFY(qs::ui::Language::instance().setLanguage(lang));
        QCOMPARE(qs::ui::Primer::tr("Quantization primer"), expected);
        // English plural forms come from the English .qm
        QVERIFY(qs::ui::Language::instance().setLanguage(QStringLiteral("en")));
        const char* plural = "(%n tensor(s) whose rows a format cannot split use llama.cpp's fallback type.)";
        QCOMPARE(qs::ui::Primer::tr(plural, nullptr, 1),
                 QStringLiteral("(1 tensor whose rows a format cannot split uses llama.cpp's fallback type.)"));
        QCOMPARE(qs::ui::Primer::tr(plural, nullptr, 3),
                 QStringLiteral("(3 tensors whose rows a format cannot split use llama.cpp's fallback type.)"));
    }

    void formatDescriptionsAreTranslated()
    {
        using qs::ui::Language;
        const qs::Format* q8 = qs::findFormat("Q8_0");
        const qs::Format* int4 = qs::findFormat("INT4_SYM_G64");
        const qs::Format* int8 = qs::findFormat("INT8_ASYM_CHANNEL");
        QVERIFY(q8 && int4 && int8);
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        // English: exactly core's text (the CLI's), arguments filled in.
        for (const qs::Format* f : qs::allFormats())
            QCOMPARE(Language::formatDescription(*f), QString::fromStdString(f->description()));
        QVERIFY(int8->description().find("with an 8-bit zero point") != std::string::npos);
        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        QCOMPARE(Language::formatDescription(*q8),
                 QStringLiteral("llama.cpp Q8_0: Blöcke zu 32 Gewichten, fp16-Skala, int8-Stufen (8,5 Bit/Gewicht)"));
        QCOMPARE(Language::formatDescription(*int4),
                 QStringLiteral("4 Bit uniform, symmetrisch [-7, 7], eine fp16-Skala pro 64 Gewichte; "
                                "Min/Max-Abbildung, Importance-Gewichte werden ignoriert"));
        QVERIFY(Language::formatDescription(*int8).startsWith(QStringLiteral("8 Bit uniform, asymmetrisch [0, 255] mit einem 8-Bit-Nullpunkt")));
        QVERIFY(q8->description().find("32-weight blocks") != std::string::npos);  // core (CLI) stays English
        QVERIFY(Language::instance().setLanguage(QStringLiteral("zh_CN")));
        QVERIFY(Language::formatDescription(*q8).contains(QStringLiteral("缩放因子")));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("hi")));
        QVERIFY(Language::formatDescription(*int4).contains(QStringLiteral("सममित")));
        // every format has a translation in every language (none falls back to English)
        for (const char* lang : {"de", "zh_CN", "hi"}) {
            QVERIFY(Language::instance().setLanguage(QString::fromLatin1(lang)));
            for (const qs::Format* f : qs::allFormats())
                QVERIFY2(Language::formatDescription(*f) != QString::fromStdString(f->description()),
                         qPrintable(QString::fromLatin1(lang) + QLatin1Char(' ') + QString::fromStdString(f->name())));
        }
    }

    void switchingRetranslatesBrowserBarTableAndPlots()
    {
        using qs::ui::Language;
        using qs::ui::ModelBrowser;
        using qs::ui::TradeoffTableModel;
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        qs::ui::MainWindow mw;
        mw.show();
        qs::ui::PrecisionRow row;
        row.precision = QStringLiteral("Q4_0");
        row.bitsPerWeight = 4.5;
        row.bytes = 1000;
        row.compressionVsSource = 1.5;
        mw.tableModel()->setRows({row});
        auto browserHeader = [&](int c, int role = Qt::DisplayRole) {
            return mw.browser()->view()->model()->headerData(c, Qt::Horizontal, role).toString();
        };
        auto tableHeader = [&](int c, int role = Qt::DisplayRole) {
            return mw.tableModel()->headerData(c, Qt::Horizontal, role).toString();
        };
        auto cell = [&](int c) { return mw.tableModel()->index(0, c).data().toString(); };
        auto* barLabel = mw.precisionBar()->findChild<QLabel*>(QStringLiteral("precisionLabel"));
        auto* barButton = mw.precisionBar()->findChild<QWidget*>(QStringLiteral("precisionButton"));
        QVERIFY(barLabel && barButton);
        QTabWidget* tabs = mw.plots()->tabs();
        const QString q8en = QString::fromStdString(qs::findFormat("Q8_0")->description());

        QCOMPARE(browserHeader(ModelBrowser::Size), QStringLiteral("Size"));
        QVERIFY(barLabel->toolTip().contains(q8en));  // Q8_0 is checked by default
        QVERIFY(barLabel->toolTip().contains(QStringLiteral("Shift+F1: more in the primer")));
        QCOMPARE(barButton->toolTip().section(QLatin1Char('\n'), 0, 0), QStringLiteral("Choose the precisions to compare"));
        QCOMPARE(tableHeader(TradeoffTableModel::Bits), QStringLiteral("Bits/weight"));
        QCOMPARE(tabs->tabText(0), QStringLiteral("Weight histogram"));
        QCOMPARE(cell(TradeoffTableModel::Bits), QStringLiteral("4.500"));

        QSignalSpy headerChanged(mw.tableModel(), &QAbstractItemModel::headerDataChanged);
        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        QVERIFY(headerChanged.count() >= 1);
        QCOMPARE(browserHeader(ModelBrowser::Size), QStringLiteral("Größe"));
        QCOMPARE(browserHeader(ModelBrowser::Shape), QStringLiteral("Form"));
        QVERIFY(browserHeader(ModelBrowser::Params, Qt::ToolTipRole).startsWith(QStringLiteral("Anzahl der Gewichte")));
        QCOMPARE(mw.browser()->presetCombo()->itemText(0), QStringLiteral("Planvorlage…"));
        QVERIFY2(barLabel->toolTip().contains(QStringLiteral("Q8_0: llama.cpp Q8_0: Blöcke zu 32 Gewichten")),
                 qPrintable(barLabel->toolTip()));
        QVERIFY(barLabel->toolTip().contains(QStringLiteral("Umschalt+F1")));
        QCOMPARE(barButton->toolTip().section(QLatin1Char('\n'), 0, 0), QStringLiteral("Die zu vergleichenden Präzisionen wählen"));
        QCOMPARE(mw.precisionBar()->windowTitle(), QStringLiteral("Präzisionen"));
        QCOMPARE(tableHeader(TradeoffTableModel::Bits), QStringLiteral("Bit/Gewicht"));
        QCOMPARE(tableHeader(TradeoffTableModel::SpeedUp), QStringLiteral("Tempo ×"));
        QCOMPARE(mw.evaluation()->measureSpeedAction()->text(), QStringLiteral("Geschwindigkeit &messen"));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(mw.evaluation()->activationsCombo()->itemText(1), QStringLiteral("浮点"));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        QVERIFY(tableHeader(TradeoffTableModel::Rmse, Qt::ToolTipRole).startsWith(QStringLiteral("Quadratisches Mittel")));
        QCOMPARE(mw.tableView()->model()->headerData(TradeoffTableModel::Bits, Qt::Horizontal).toString(),
                 QStringLiteral("Bit/Gewicht"));  // through the sort proxy too
        QCOMPARE(tabs->tabText(0), QStringLiteral("Gewichtshistogramm"));
        auto* errorAxis = mw.plots()->findChild<QComboBox*>(QStringLiteral("tradeoffErrorCombo"));
        QVERIFY(errorAxis);
        QCOMPARE(errorAxis->itemText(1), QStringLiteral("Gewichts-RMSE"));
        // numbers in the language's format: table cells, plot tick labels
        QCOMPARE(cell(TradeoffTableModel::Bits), QStringLiteral("4,500"));
        QCOMPARE(cell(TradeoffTableModel::VsSource), QStringLiteral("1,50×"));
        QCOMPARE(mw.plots()->plot(qs::ui::PlotsWidget::HistogramTab)->locale().decimalPoint(), QStringLiteral(","));

        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        QCOMPARE(browserHeader(ModelBrowser::Size), QStringLiteral("Size"));
        QVERIFY(barLabel->toolTip().contains(q8en));
        QCOMPARE(tableHeader(TradeoffTableModel::Bits), QStringLiteral("Bits/weight"));
        QCOMPARE(tabs->tabText(0), QStringLiteral("Weight histogram"));
        QCOMPARE(cell(TradeoffTableModel::Bits), QStringLiteral("4.500"));
        QCOMPARE(mw.plots()->plot(qs::ui::PlotsWidget::HistogramTab)->locale().decimalPoint(), QStringLiteral("."));
    }

    void statusLineFollowsTheLanguage()
    {
        using qs::ui::Language;
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        qs::ui::MainWindow mw;
        QCOMPARE(mw.statusText(), QStringLiteral("Ready"));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        QCOMPARE(mw.statusText(), QStringLiteral("Bereit"));
        // A message with arguments is made again from them, not left in the old language.
        const qs::ui::engine::Opened demo = qs::ui::engine::demoModel(200'000);
        QVERIFY(demo.error.isEmpty());
        mw.setModel(demo.model, demo.label);
        const int n = int(demo.model->tensors.size());
        QCOMPARE(mw.statusText(), QStringLiteral("%1: %2 Tensoren").arg(demo.label).arg(n));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        QCOMPARE(mw.statusText(), QStringLiteral("%1: %2 tensors").arg(demo.label).arg(n));
        QTRY_VERIFY_WITH_TIMEOUT(!mw.isBusy(), 30000);
    }

    void whatsThisLinksOpenThePrimer()
    {
        using qs::ui::TradeoffTableModel;
        QVERIFY(qs::ui::Language::instance().setLanguage(QStringLiteral("en")));
        qs::ui::MainWindow mw;
        mw.show();
        static const QRegularExpression href(QStringLiteral("<a href=\"(primer:[a-z]+)\">"));
        // The table header's What's This for "Bits/weight" links to the "bits" section.
        const QString what = mw.tableModel()->headerData(TradeoffTableModel::Bits, Qt::Horizontal, Qt::WhatsThisRole).toString();
        const auto m = href.match(what);
        QVERIFY2(m.hasMatch(), qPrintable(what));
        QCOMPARE(m.captured(1), QStringLiteral("primer:bits"));
        // Tooltips say so; the other places have links too.
        QVERIFY(mw.tableModel()->headerData(TradeoffTableModel::Bits, Qt::Horizontal, Qt::ToolTipRole).toString().contains(
            QStringLiteral("Shift+F1")));
        QVERIFY(href.match(mw.browser()->view()->model()->headerData(0, Qt::Horizontal, Qt::WhatsThisRole).toString()).hasMatch());
        QVERIFY(href.match(mw.precisionBar()->whatsThis()).hasMatch());
        QVERIFY(href.match(mw.plots()->tabs()->tabWhatsThis(qs::ui::PlotsWidget::TradeoffTab)).hasMatch());
        QVERIFY(mw.findChild<QAction*>(QStringLiteral("actionWhatsThis")));

        // Clicking the link: Qt sends QWhatsThisClickedEvent to the widget the text belongs to.
        QVERIFY(!mw.primer() || !mw.primer()->isVisible());
        QWhatsThisClickedEvent click(m.captured(1));
        QApplication::sendEvent(mw.tableView()->horizontalHeader()->viewport(), &click);
        QVERIFY(mw.primer() && mw.primer()->isVisible());
        QCOMPARE(mw.primer()->currentSection(), QStringLiteral("bits"));
        QTRY_VERIFY(mw.primer()->browser()->verticalScrollBar()->value() > 0);  // scrolled down to it
        // another link, another section; a link that is not ours is left alone
        QWhatsThisClickedEvent click2(QStringLiteral("primer:symmetry"));
        QApplication::sendEvent(mw.precisionBar(), &click2);
        QCOMPARE(mw.primer()->currentSection(), QStringLiteral("symmetry"));
        QWhatsThisClickedEvent other(QStringLiteral("https://example.org/"));
        QApplication::sendEvent(mw.precisionBar(), &other);
        QCOMPARE(mw.primer()->currentSection(), QStringLiteral("symmetry"));
    }

    // Chinese and Hindi need fonts a default Debian install lacks (scripts/setup.sh installs
    // fonts-noto-cjk and fonts-lohit-deva): every translated string, and every language's own
    // name in View > Language, must have a glyph for each character in the application font
    // (with fallback), else the window shows boxes.
    void fontsCoverEveryTranslation_data()
    {
        QTest::addColumn<QString>("lang");
        for (const char* lang : kLanguages)
            QTest::newRow(lang) << QString::fromLatin1(lang);
    }
    void fontsCoverEveryTranslation()
    {
        QFETCH(QString, lang);
        const QFont font = QApplication::font();
        QStringList texts;
        for (const QString& code : qs::ui::Language::available())
            texts << qs::ui::Language::nativeName(code);
        for (const auto& [key, m] : readTs(tsPath(lang.toLatin1().constData())))
            texts << m.translations;
        QVERIFY(texts.size() > 100);
        QStringList bad;
        for (QString t : texts) {
            t.remove(QRegularExpression(QStringLiteral("<[^>]*>")));  // rich-text tags are not drawn
            const QString missing = missingGlyphs(t, font);
            if (!missing.isEmpty())
                bad << missing;
        }
        QVERIFY2(bad.isEmpty(), qPrintable(QStringLiteral("%1: %2 of %3 strings lack glyphs in %4 (or its fallbacks), "
                                                           "e.g. %5; install fonts-noto-cjk and fonts-lohit-deva "
                                                           "(scripts/setup.sh)")
                                               .arg(lang)
                                               .arg(bad.size())
                                               .arg(texts.size())
                                               .arg(font.family(), bad.mid(0, 5).join(QStringLiteral(" | ")))));
    }

    // Alt+letter must be unambiguous: no two entries of one menu (and no two menu-bar titles)
    // share an accelerator, in every language.
    void acceleratorsAreUniquePerMenu_data() { fontsCoverEveryTranslation_data(); }
    void acceleratorsAreUniquePerMenu()
    {
        QFETCH(QString, lang);
        using qs::ui::Language;
        QVERIFY(Language::instance().setLanguage(lang));
        qs::ui::MainWindow mw;
        QList<QMenu*> menus;
        QStringList titles;
        for (QAction* a : mw.menuBar()->actions()) {
            titles << a->text();
            if (a->menu())
                collectMenus(a->menu(), menus);
        }
        auto check = [&](const QString& where, const QStringList& texts) {
            std::map<QChar, QString> seen;
            for (const QString& t : texts) {
                const QChar k = accelerator(t);
                if (k.isNull())
                    continue;
                const auto [it, fresh] = seen.emplace(k, t);
                QVERIFY2(fresh, qPrintable(QStringLiteral("%1, %2: \"%3\" and \"%4\" both use Alt+%5")
                                               .arg(lang, where, it->second, t, QString(k))));
            }
        };
        check(QStringLiteral("menu bar"), titles);
        QVERIFY(menus.size() >= 7);
        for (QMenu* m : menus) {
            QStringList texts;
            for (QAction* a : m->actions())
                if (!a->isSeparator() && a->isVisible())
                    texts << a->text();
            check(m->title(), texts);
            if (QTest::currentTestFailed())
                return;
        }
        // Every menu-bar title has one.
        for (const QString& t : titles)
            QVERIFY2(!accelerator(t).isNull(), qPrintable(lang + QStringLiteral(": ") + t));
    }

    void systemLocalePicksLanguage()
    {
        using qs::ui::Language;
        QCOMPARE(Language::match({QStringLiteral("de-AT"), QStringLiteral("en-US")}), QStringLiteral("de"));
        QCOMPARE(Language::match({QStringLiteral("zh-Hans-CN")}), QStringLiteral("zh_CN"));
        QCOMPARE(Language::match({QStringLiteral("hi-IN")}), QStringLiteral("hi"));
        QCOMPARE(Language::match({QStringLiteral("fr-FR"), QStringLiteral("hi")}), QStringLiteral("hi"));
        QCOMPARE(Language::match({QStringLiteral("fr-FR")}), QStringLiteral("en"));
        QVERIFY(!Language::instance().setLanguage(QStringLiteral("xx")));
    }

    void switchingRetranslatesTheMainWindow()
    {
        using qs::ui::Language;
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        qs::ui::MainWindow mw;
        mw.show();
        QMenuBar* bar = mw.menuBar();
        QVERIFY(menuTitled(bar, QStringLiteral("&View")));
        QVERIFY(menuTitled(bar, QStringLiteral("&Help")));
        // View holds the language menu and the block inspector, Help the primer.
        QMenu* view = menuTitled(bar, QStringLiteral("&View"));
        QStringList viewItems;
        for (QAction* a : view->actions())
            viewItems << a->text();
        QVERIFY2(viewItems.contains(QStringLiteral("&Language")), qPrintable(viewItems.join(QLatin1Char('|'))));
        QVERIFY(viewItems.contains(QStringLiteral("&Block Inspector")));

        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        QVERIFY2(menuTitled(bar, QStringLiteral("A&nsicht")), "View menu not retranslated");
        QVERIFY(menuTitled(bar, QStringLiteral("&Hilfe")));
        QVERIFY(menuTitled(bar, QStringLiteral("&Datei")));
        QVERIFY(!menuTitled(bar, QStringLiteral("&View")));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("zh_CN")));
        QVERIFY(menuTitled(bar, QStringLiteral("视图(&V)")));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        QVERIFY(menuTitled(bar, QStringLiteral("&View")));

        // The primer opens from the Help menu, in the current language.
        mw.showPrimer(QStringLiteral("bits"));
        QVERIFY(mw.primer() && mw.primer()->isVisible());
        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        QCOMPARE(mw.primer()->windowTitle(), QStringLiteral("Einführung in die Quantisierung"));
    }

    void switchingRetranslatesOpenWindows()
    {
        using qs::ui::Language;
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        QMainWindow w;
        QMenu* lang = Language::instance().createMenu(&w);
        w.menuBar()->addMenu(lang);
        auto* insp = new qs::ui::BlockInspector(&w);
        w.setCentralWidget(insp);
        auto* primer = new qs::ui::Primer;
        primer->setParent(&w, Qt::Window);
        w.show();
        primer->show();
        QMenuBar* bar = w.menuBar();
        QVERIFY(menuTitled(bar, QStringLiteral("&Language")));
        auto* outlier = insp->findChild<QPushButton*>();
        QVERIFY(outlier);
        const QString enOutlier = outlier->text();
        QCOMPARE(primer->windowTitle(), QStringLiteral("Quantization primer"));

        QVERIFY(Language::instance().setLanguage(QStringLiteral("de")));
        QVERIFY2(menuTitled(bar, QStringLiteral("&Sprache")), "Language menu not retranslated");
        QVERIFY(!menuTitled(bar, QStringLiteral("&Language")));
        QVERIFY(outlier->text() != enOutlier);
        QCOMPARE(primer->windowTitle(), QStringLiteral("Einführung in die Quantisierung"));
        QVERIFY(primer->html().contains(QStringLiteral("Was Quantisierung ist")));
        QCOMPARE(QLocale().toString(1.5), QStringLiteral("1,5"));  // numbers follow the language
        // the language menu checks the current language
        for (QAction* a : lang->actions())
            QCOMPARE(a->isChecked(), a->data().toString() == QStringLiteral("de"));

        QVERIFY(Language::instance().setLanguage(QStringLiteral("hi")));
        QVERIFY(menuTitled(bar, QStringLiteral("भाषा(&L)")));
        QVERIFY(Language::instance().setLanguage(QStringLiteral("en")));
        QVERIFY(menuTitled(bar, QStringLiteral("&Language")));
        QCOMPARE(outlier->text(), enOutlier);
        QCOMPARE(QLocale().toString(1.5), QStringLiteral("1.5"));
    }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"
