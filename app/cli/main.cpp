// quantscope-cli: the command-line twin of the QuantScope window.
#include "app/cli/cli.h"

int main(int argc, char** argv) { return qs::cli::runCli(argc, argv); }
