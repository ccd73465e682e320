// Runs a child process in its own process group, captures its merged output,
// and stops it when a test runs longer than allowed.
//
// Thread safety: not thread-safe; one RunProcess at a time per thread. The
// interrupt flag may be set from a signal handler.
#pragma once

#include <atomic>
#include <csignal>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kata {

struct SpawnOptions {
  std::vector<std::string> argv;
  std::vector<std::string> extra_env;  // "NAME=value", added to (or replacing) the environment
  std::string cwd;
  // When > 0: the child is stopped when no "[ RUN      ]" line has appeared
  // for this long (a per-test limit, so repeated stress runs are not cut short).
  double test_timeout_seconds = 0;
  // At the time-out: sample the threads' states and capture a gdb backtrace.
  // Also, before it: after this many seconds without output, check every
  // couple of seconds whether every thread is blocked, and if so stop the
  // child then (a deadlock is found in seconds, not at the limit).
  bool inspect_on_timeout = false;
  double quiet_seconds_before_deadlock_check = 6;
  // Called with each chunk of output as it arrives (for -v).
  std::function<void(std::string_view)> on_output;
  // When set and true, the child's group is killed as on Ctrl-C, and the
  // result says cancelled (watch cancels stress repetitions on a new save).
  const std::atomic<bool>* cancel = nullptr;
};

struct ProcessResult {
  std::string output;
  int exit_code = -1;    // when the child exited
  int term_signal = 0;   // when it was killed by a signal (not by us)
  bool spawn_failed = false;
  bool timed_out = false;
  bool all_blocked = false;  // at the time-out, no thread was running or using CPU
  bool stopped_early = false;  // stopped before the limit because every thread was blocked
  double quiet_seconds = 0;    // how long it had printed nothing when it was stopped
  std::string thread_states;  // e.g. "12345 S, 12346 S"
  std::string thread_dump;    // gdb's "thread apply all bt"
  bool interrupted = false;   // Ctrl-C (or a cancel) while it ran
  // ThreadSanitizer's own CHECK failed: stopped a second later (it would
  // only hang or die by SIGILL).
  bool sanitizer_failed = false;
  bool cancelled = false;     // by SpawnOptions::cancel, not Ctrl-C
  double seconds = 0;
};

ProcessResult RunProcess(const SpawnOptions& options);

// Thrown where waiting is cut short by Ctrl-C; main() exits 130.
class InterruptedError : public std::runtime_error {
 public:
  InterruptedError() : std::runtime_error("interrupted") {}
};

// Set by SIGINT/SIGTERM handlers; RunProcess kills its child group when set.
extern volatile std::sig_atomic_t g_interrupted;
void InstallInterruptHandler();

// Full path of an executable found on PATH, or "" when absent.
std::string FindProgram(std::string_view name);

}  // namespace kata
