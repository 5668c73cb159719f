#pragma once
// The user interface language: English (source strings) plus the embedded translations
// (German, Simplified Chinese, Hindi). At start the system locale picks one; View -> Language
// switches at run time: the translator is swapped and every widget gets QEvent::LanguageChange
// (widgets re-set their texts in retranslateUi()). Numbers follow QLocale(), which is set to the
// chosen language as well.
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTranslator>

#include <memory>

class QMenu;
class QActionGroup;

namespace qs {
class Format;
}

namespace qs::ui {

class Language : public QObject {
    Q_OBJECT
public:
    static Language& instance();

    // Language codes offered: "en", "de", "zh_CN", "hi".
    static QStringList available();
    // The language's own name ("Deutsch", "简体中文", "हिन्दी", "English").
    static QString nativeName(const QString& code);
    // The best available language for a locale's UI languages ("en" if none matches).
    static QString match(const QStringList& uiLanguages);
    // Resource path of a compiled translation (":/i18n/quantscope_de.qm").
    static QString qmPath(const QString& code);

    // Installs the translation (removes the previous one). False if its .qm does not load
    // (the language then stays as it was).
    bool setLanguage(const QString& code);
    // The system locale's choice (called once at start).
    void useSystemLanguage();
    QString current() const { return current_; }

    // A format's description (core, marked with QT_TRANSLATE_NOOP("qs::formats", ...)) in the
    // current language; English when there is no translation.
    static QString formatDescription(const qs::Format& f);
    // The same by format name; empty for an unknown name.
    static QString formatDescription(const QString& name);

    // A "Language" menu with one checkable action per language; stays in sync with current().
    QMenu* createMenu(QWidget* parent);

signals:
    void languageChanged(const QString& code);

private:
    Language() = default;
    std::unique_ptr<QTranslator> app_, qt_;
    QString current_ = QStringLiteral("en");
};

}  // namespace qs::ui
