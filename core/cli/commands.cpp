// The one list of quantscope-cli subcommands. A new command: one file, one line here.
#include "core/cli/cli.h"

namespace qs::cli {

int cmdFormats(const QStringList& args);  // cmd_formats.cpp

const std::vector<Command>& commands()
{
    static const std::vector<Command> list{
        {"formats", "List the quantization formats and their storage cost", cmdFormats},
    };
    return list;
}

}  // namespace qs::cli
