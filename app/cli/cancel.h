#pragma once
// Ctrl-C / SIGTERM for long-running subcommands: the handlers only set a flag that the engine
// polls (qs::Error(Cancelled) then unwinds and removes temporary files). SIGXFSZ is ignored so
// that exceeding a file size limit (ulimit -f) makes write() fail with EFBIG instead of killing
// the process half-way.
#include <atomic>

namespace qs::cli {

// Installs the handlers (idempotent) and returns the flag they set.
const std::atomic<bool>& installCancelHandlers();

}  // namespace qs::cli
