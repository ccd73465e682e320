// The signals that stop the apps (poker_server, poker_cli, chat_server):
// SIGINT (Ctrl-C) and SIGTERM. Each app blocks them in every thread and
// waits for them on one (sigwait), so that stopping is ordinary code.
//
// Thread safety: a pure function.
#pragma once

#include <signal.h>

namespace kata {

inline sigset_t StopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

}  // namespace kata
