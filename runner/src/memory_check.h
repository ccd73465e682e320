// The second build's run, beside the first: the kata's tests built under
// AddressSanitizer and UndefinedBehaviorSanitizer (build/memory, the memory
// preset) and run while the ThreadSanitizer build and run go on, on the
// other core. Its MEMORY and UB problems join the verdict; everything else
// it sees (a failed assertion, a race-free crash) the first build reports
// already.
//
// Its first build (no binary yet) takes minutes: it is not waited for but
// started in the background, niced and detached (`background_command`, the
// runner's hidden `memory-build` command), and the check joins the first
// run after it has finished. Every build of build/memory holds its
// kata-run.lock; a check that finds it held leaves the second build out of
// this run.
//
// Thread safety: one MemoryCheck is started and waited for by one thread;
// its work runs on a thread of its own.
#pragma once

#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "run_tests.h"
#include "verdict.h"

namespace kata {

struct MemoryCheckOptions {
  std::filesystem::path root;
  std::filesystem::path build_dir;  // build/memory
  std::string target;               // kata_NN_name
  TestRunOptions run;               // the binary is filled in here
  // One --gtest_filter per step, in order. The check runs `run.filter` (every
  // step) in one process first; after a report, each step in a process of
  // its own, stopping at the first step with one (the sanitizers stop a
  // process at its first report, so the steps' order is what makes the
  // first red step the one found).
  std::vector<std::string> step_filters;
  // The command that builds the binary in the background when it is missing.
  std::vector<std::string> background_command;
};

struct MemoryOutcome {
  bool ran = false;            // built and run to its end
  bool built_before = false;   // the binary existed when the check started (an edit, not a first build)
  std::string trouble;         // why it did not run, for a warning line ("" when it ran, or was cancelled)
  std::string background;      // why it joins a later run (its first build is in the background)
  std::vector<Problem> problems;  // its MEMORY and UB problems
  std::filesystem::path log_path;  // its run's log; in the background, its build's
  double build_seconds = 0;
  double seconds = 0;  // build and run, wall time
};

class MemoryCheck {
 public:
  MemoryCheck(MemoryCheckOptions options, SourceContext context);
  ~MemoryCheck();
  MemoryCheck(const MemoryCheck&) = delete;
  MemoryCheck& operator=(const MemoryCheck&) = delete;

  bool BuiltBefore() const { return built_before_; }
  void Cancel() { cancel_ = true; }
  bool Done() const { return done_; }  // its outcome is ready: Wait returns at once
  // Once. `cancel`, when it turns true while waiting (watch: a file was
  // saved), cancels the check too.
  MemoryOutcome Wait(const std::atomic<bool>* cancel = nullptr);

 private:
  void Work();
  void StartBackgroundBuild();

  MemoryCheckOptions options_;
  SourceContext context_;
  bool built_before_ = false;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> done_{false};
  MemoryOutcome outcome_;
  std::jthread thread_;
};

// Where `kata run` builds the second build: `given` when set, else
// build/memory when the build folder is the default build/kata; "" (no
// second build) for another build folder, or with KATA_MEMORY=0.
// The hidden `kata memory-build` command: builds `target` in `build_dir`
// unless another process holds its lock (exit 0 then: that one builds it).
int BuildSecondBuild(const std::filesystem::path& root, const std::filesystem::path& build_dir,
                     const std::string& target, const std::filesystem::path& log_path);

std::filesystem::path MemoryBuildDir(const std::filesystem::path& root, const std::filesystem::path& build_dir,
                                     const std::filesystem::path& given);

}  // namespace kata
