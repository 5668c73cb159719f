#include "app/cli/cancel.h"

#include <csignal>

namespace qs::cli {

namespace {
std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler needs a lock-free flag");

extern "C" void onCancelSignal(int) { g_cancel.store(true); }
}  // namespace

const std::atomic<bool>& installCancelHandlers()
{
    struct sigaction sa {};
    sa.sa_handler = onCancelSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGXFSZ, &ign, nullptr);
    return g_cancel;
}

}  // namespace qs::cli
