// Real sleeps in a learner's test: a write-the-test step's test should make
// the interleaving happen (testkit's Gate, Rendezvous, FakeClock, the kata's
// seams) and wait on conditions (Eventually), not hope that a sleep was long
// enough. The judge reports each sleep it finds next to the verdict.
//
// Thread safety: a pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kata {

struct SleepCall {
  int line = 0;      // 1-based
  std::string call;  // "std::this_thread::sleep_for", "usleep", ...
};

// Calls that put the thread to sleep for real (std::this_thread::sleep_for
// and sleep_until, POSIX sleep, usleep, nanosleep, clock_nanosleep), outside
// comments and string literals. A fake clock's SleepFor is not one.
std::vector<SleepCall> RealSleeps(std::string_view source);

}  // namespace kata
