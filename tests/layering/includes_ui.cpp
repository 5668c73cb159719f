// Compiled with the engine's include root only (see tests/CMakeLists.txt): must not find ui/.
#include "ui/main_window.h"
