#include "app/cli/cli.h"

#include "core/util/error.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>
#include <new>

namespace qs::cli {

void printErr(const QString& line)
{
    std::fputs(("quantscope-cli: " + line + "\n").toUtf8().constData(), stderr);
    std::fflush(stderr);
}

void printOut(const QString& text)
{
    std::fputs(text.toUtf8().constData(), stdout);
    std::fflush(stdout);
}

int parseArgs(QCommandLineParser& p, const QStringList& args, const char* description, int minPositional,
              int maxPositional)
{
    p.setApplicationDescription(QString::fromUtf8(description));
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
    try {
        return body();
    } catch (const qs::Error& e) {
        printErr(QString::fromStdString(e.what()));
        return e.kind() == ErrorKind::InvalidInput ? InvalidInput : Failure;
    } catch (const std::bad_alloc&) {
        printErr(QStringLiteral("out of memory"));
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
    for (const auto& c : commands())
        s += QStringLiteral("  %1%2\n").arg(QString::fromUtf8(c.name).leftJustified(12), QString::fromUtf8(c.summary));
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
