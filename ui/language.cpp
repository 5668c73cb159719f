#include "ui/language.h"

#include "core/formats/format.h"

#include <QActionGroup>
#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QTranslator>

namespace qs::ui {

namespace {

// Retitles a Language menu when the language changes.
class LanguageMenu : public QMenu {
public:
    explicit LanguageMenu(QWidget* parent) : QMenu(parent) { retranslate(); }

protected:
    void changeEvent(QEvent* e) override
    {
        if (e->type() == QEvent::LanguageChange)
            retranslate();
        QMenu::changeEvent(e);
    }

private:
    void retranslate() { setTitle(QCoreApplication::translate("qs::ui::Language", "&Language")); }
};

}  // namespace

Language& Language::instance()
{
    static Language* l = new Language;  // lives as long as the application
    return *l;
}

QStringList Language::available()
{
    return {QStringLiteral("en"), QStringLiteral("de"), QStringLiteral("zh_CN"), QStringLiteral("hi")};
}

QString Language::nativeName(const QString& code)
{
    if (code == QLatin1String("de"))
        return QStringLiteral("Deutsch");
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (code == QLatin1String("hi"))
        return QStringLiteral("हिन्दी");
    return QStringLiteral("English");
}

QString Language::match(const QStringList& uiLanguages)
{
    for (QString l : uiLanguages) {
        l.replace(QLatin1Char('-'), QLatin1Char('_'));
        if (l.startsWith(QLatin1String("zh")))
            return QStringLiteral("zh_CN");  // the one Chinese translation
        if (l.startsWith(QLatin1String("de")))
            return QStringLiteral("de");
        if (l.startsWith(QLatin1String("hi")))
            return QStringLiteral("hi");
        if (l.startsWith(QLatin1String("en")))
            return QStringLiteral("en");
    }
    return QStringLiteral("en");
}

QString Language::formatDescription(const qs::Format& f)
{
    const qs::Format::DescriptionText d = f.descriptionText();
    QString s = QCoreApplication::translate("qs::formats", d.source.c_str());
    for (const std::string& a : d.args)
        s = s.arg(QString::fromStdString(a));
    return s;
}

QString Language::formatDescription(const QString& name)
{
    const qs::Format* f = qs::findFormat(name.toStdString());
    return f ? formatDescription(*f) : QString();
}

QString Language::qmPath(const QString& code) { return QStringLiteral(":/i18n/quantscope_%1.qm").arg(code); }

bool Language::setLanguage(const QString& code)
{
    if (!available().contains(code))
        return false;
    std::unique_ptr<QTranslator> app, qt;
    // English is the source language; its .qm only adds proper plural forms.
    app = std::make_unique<QTranslator>();
    if (!app->load(qmPath(code)))
        return false;
    if (code != QLatin1String("en")) {
        // Qt's own strings (standard dialog buttons), when the system has them.
        qt = std::make_unique<QTranslator>();
        if (!qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                      QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            qt.reset();
    }
    if (app_)
        QCoreApplication::removeTranslator(app_.get());
    if (qt_)
        QCoreApplication::removeTranslator(qt_.get());
    app_ = std::move(app);
    qt_ = std::move(qt);
    QLocale::setDefault(QLocale(code == QLatin1String("en") ? QStringLiteral("en_US") : code));
    current_ = code;
    // Installing sends LanguageChange to every widget.
    if (qt_)
        QCoreApplication::installTranslator(qt_.get());
    QCoreApplication::installTranslator(app_.get());
    // QApplication posts LanguageChange to the windows: deliver it now, so everything shows the
    // new language when this returns.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    emit languageChanged(code);
    return true;
}

void Language::useSystemLanguage() { setLanguage(match(QLocale::system().uiLanguages())); }

QMenu* Language::createMenu(QWidget* parent)
{
    auto* menu = new LanguageMenu(parent);
    auto* group = new QActionGroup(menu);
    for (const QString& code : available()) {
        QAction* a = menu->addAction(nativeName(code));  // a language is named in itself
        a->setCheckable(true);
        a->setChecked(code == current_);
        a->setData(code);
        group->addAction(a);
        connect(a, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }
    connect(this, &Language::languageChanged, menu, [group](const QString& code) {
        for (QAction* a : group->actions())
            a->setChecked(a->data().toString() == code);
    });
    return menu;
}

}  // namespace qs::ui
