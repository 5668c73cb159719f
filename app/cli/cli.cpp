#include "app/cli/cli.h"

#include "core/util/error.h"
#include "core/util/mapped_file.h"
#include "core/util/parallel.h"
#include "core/util/strings.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <new>

namespace qs::cli {

namespace {
bool g_guarded = false;  // inside guarded(): results may come from mapped files
QString g_input;         // the model the command works on (noteInput), for out-of-memory messages
}  // namespace

QString shown(const std::string& s) { return QString::fromStdString(printable(s)); }

void noteInput(const QString& path) { g_input = path; }

void printErr(const QString& line)
{
    // One line, whatever the message carries (names from files may hold newlines or escapes).
    const std::string text = "quantscope-cli: " + printable(line.toStdString()) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

void printOut(const QString& text)
{
    if (g_guarded)
        checkMappedFilesIntact();  // nothing computed from a file that shrank meanwhile is shown
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, size_t(utf8.size()), stdout);  // all of it, NUL or not
    std::fflush(stdout);
}

int parseArgs(QCommandLineParser& p, const QStringList& args, const char* description, int minPositional,
              int maxPositional)
{
    p.setApplicationDescription(QString::fromUtf8(description));
    // Every command takes --threads (a command may declare its own, with its own help text).
    const QCommandLineOption threadsOpt(QStringLiteral("threads"),
                                        QStringLiteral("Threads the engine uses (default: all cores)."), QStringLiteral("N"));
    p.addOption(threadsOpt);
    const auto helpOpt = p.addHelpOption();
    const auto versionOpt = p.addVersionOption();
    if (!p.parse(args)) {
        printErr(p.errorText() + " (see --help)");
        return InvalidInput;
    }
    if (p.isSet(helpOpt)) {
        printOut(p.helpText());
        return Ok;
    }
    if (p.isSet(versionOpt)) {
        printOut(QStringLiteral("quantscope-cli %1\n").arg(QStringLiteral(QS_VERSION)));
        return Ok;
    }
    if (p.isSet(QStringLiteral("threads"))) {
        bool ok = false;
        const int n = p.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || n < 1 || n > 1024) {
            printErr(QStringLiteral("--threads: expected a number from 1 to 1024, got '%1'")
                         .arg(p.value(QStringLiteral("threads"))));
            return InvalidInput;
        }
        setMaxThreads(n);
    }
    const auto pos = p.positionalArguments();
    if (pos.size() < minPositional || (maxPositional >= 0 && pos.size() > maxPositional)) {
        printErr(pos.size() < minPositional ? QStringLiteral("missing argument (see --help)")
                                            : QStringLiteral("unexpected argument '%1' (see --help)")
                                                  .arg(pos.value(maxPositional)));
        return InvalidInput;
    }
    return -1;
}

int guarded(const std::function<int()>& body)
{
    struct Scope {
        Scope() { g_guarded = true; }
        ~Scope() { g_guarded = false; }
    } scope;
    try {
        const int rc = body();
        checkMappedFilesIntact();
        return rc;
    } catch (const qs::Error& e) {
        printErr(QString::fromStdString(e.what()));
        return e.kind() == ErrorKind::InvalidInput ? InvalidInput : Failure;
    } catch (const std::bad_alloc&) {
        printErr((g_input.isEmpty() ? QString() : g_input + QStringLiteral(": ")) +
                 QStringLiteral("out of memory: the work asked for needs more memory than this machine can give"));
        return Failure;
    } catch (const std::exception& e) {
        printErr(QString::fromStdString(e.what()));
        return Failure;
    }
}

static QString topHelp()
{
    QString s = QStringLiteral(
        "Usage: quantscope-cli COMMAND [OPTIONS] [ARGS]\n"
        "Explore how quantization changes a large language model.\n\n"
        "Commands:\n");
    qsizetype width = 0;
    for (const auto& c : commands())
        width = std::max(width, qsizetype(std::strlen(c.name)));
    for (const auto& c : commands())
        s += QStringLiteral("  %1  %2\n").arg(QString::fromUtf8(c.name).leftJustified(width), QString::fromUtf8(c.summary));
    s += QStringLiteral(
        "\nOptions:\n"
        "  -h, --help     Show this help (COMMAND --help for a command's options)\n"
        "  -v, --version  Show the version\n\n"
        "Exit status: 0 success, 2 unreadable or invalid input, 1 other failure.\n");
    return s;
}

int runCli(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("quantscope-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QS_VERSION));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        printErr(QStringLiteral("missing command (see --help)"));
        return InvalidInput;
    }
    const QString cmd = args.at(1);
    if (cmd == QLatin1String("--help") || cmd == QLatin1String("-h") || cmd == QLatin1String("help")) {
        printOut(topHelp());
        return Ok;
    }
    if (cmd == QLatin1String("--version") || cmd == QLatin1String("-v")) {
        printOut(QStringLiteral("quantscope-cli %1\n").arg(QStringLiteral(QS_VERSION)));
        return Ok;
    }
    for (const auto& c : commands()) {
        if (cmd == QLatin1String(c.name)) {
            QStringList sub = args.mid(2);
            sub.prepend(QStringLiteral("quantscope-cli %1").arg(cmd));
            return c.run(sub);
        }
    }
    printErr(QStringLiteral("unknown command '%1' (see --help)").arg(cmd));
    return InvalidInput;
}

}  // namespace qs::cli
