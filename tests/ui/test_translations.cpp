// Translations: lupdate over the GUI sources finds no string without a finished translation in
// any committed .ts; every embedded .qm loads and translates a known string; switching the
// language at run time retranslates open widgets (the main window's menus, the inspector).
#include "ui/block_inspector.h"
#include "ui/language.h"
#include "ui/main_window.h"
#include "ui/primer.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest>

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
                {QStringLiteral("ui"), QStringLiteral("app/gui"), QStringLiteral("-I"), QStringLiteral("."),
                 QStringLiteral("-locations"), QStringLiteral("none"), QStringLiteral("-no-obsolete"),
                 QStringLiteral("-ts"), ts});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 0);
        const auto found = readTs(ts);
        QVERIFY2(found.size() > 60, qPrintable(QString::number(found.size())));
        // The sources' classes live in qs::ui: lupdate must see that (else nothing would load).
        for (const auto& [key, m] : found)
            QVERIFY2(m.context.startsWith(QLatin1String("qs::ui::")) || m.context == QLatin1String("main"),
                     qPrintable(m.context));
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
        QVERIFY2(menuTitled(bar, QStringLiteral("&Ansicht")), "View menu not retranslated");
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
