#pragma once
// quantscope-cli: subcommands over the engine. app/cli/main.cpp only calls runCli().
// A subcommand is one file under core/cli/ plus one line in commands.cpp.
#include <QStringList>

#include <string>

#include <functional>
#include <vector>

class QCommandLineParser;

namespace qs::cli {

// Exit codes, as documented in --help.
enum Exit { Ok = 0, Failure = 1, InvalidInput = 2 };

struct Command {
    const char* name;
    const char* summary;  // one line for the top-level --help
    std::function<int(const QStringList& args)> run;  // args[0] is "quantscope-cli NAME"
};

const std::vector<Command>& commands();
int runCli(int argc, char** argv);

// Shared helpers for subcommands.
// Parses args with --help/--version added; returns -1 to continue, or an exit code to return
// (after printing help/version/usage errors).
int parseArgs(QCommandLineParser& p, const QStringList& args, const char* description,
              int minPositional, int maxPositional);
// Runs body, mapping qs::Error and std::exception to a one-line message on stderr and the
// documented exit code.
int guarded(const std::function<int()>& body);
// "quantscope-cli: " + line + newline on stderr; control characters in line are escaped.
void printErr(const QString& line);
// text as is on stdout (UTF-8, all of it). Inside guarded(), first checks that no mapped file
// shrank meanwhile (core/util/mapped_file.h) and throws if one did.
void printOut(const QString& text);
// A string from a file (name, value, path) for human-readable output: control characters
// escaped (qs::printable), so it cannot cut, split or restyle the line it is shown in.
QString shown(const std::string& s);
// The model a command works on, named by guarded() when memory runs out.
void noteInput(const QString& path);

}  // namespace qs::cli
