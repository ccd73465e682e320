// Runs a prebuilt GoogleTest binary under ThreadSanitizer's options, saves
// the raw output, and analyses it.
//
// Thread safety: not thread-safe (uses RunProcess).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "process.h"
#include "term.h"
#include "verdict.h"

namespace kata {

struct TestRunOptions {
  std::filesystem::path binary;
  std::string filter;
  int repeat = 1;  // > 1: repeated and shuffled
  std::optional<int> shuffle_seed;  // shuffled in the order this seed gives
  const std::atomic<bool>* cancel = nullptr;  // see SpawnOptions::cancel
  double timeout_seconds = 10;
  std::filesystem::path log_path;
  bool verbose = false;
};

struct TestRun {
  ProcessResult process;
  RunAnalysis analysis;
  std::filesystem::path log_path;
  bool used_setarch = false;
};

// The TSAN_OPTIONS the runner uses (the user's own TSAN_OPTIONS come after
// and so win).
std::string TsanOptions();

// In a run log: what follows is gdb's backtrace of a crash that left no
// frame, the test run again under gdb (see FramelessCrash).
inline constexpr char kGdbBacktraceMarker[] = "# the crashed test again under gdb (bt 40):";

TestRun RunTests(const TestRunOptions& options, const SourceContext& context);

// Prints one problem: the verdict word, the test, the headline and details.
void PrintProblem(const Problem& problem, const Term& term, const std::string& prefix_label);

std::string Timestamp();  // "2026-11-23T19:45:12"

}  // namespace kata
