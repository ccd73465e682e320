// Turns a test binary's output (GoogleTest's streamed text with
// ThreadSanitizer's reports in between) into one verdict per test and step.
//
// Thread safety: plain values and pure functions; safe to use from any thread.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "process.h"

namespace kata {

// kWeak: a test the learner wrote passes against a planted bug (a
// write-the-test step, judge.h). kMemory and kUb come from the second build,
// under AddressSanitizer and UndefinedBehaviorSanitizer (memory_report.h).
enum class Verdict { kPass, kFail, kCompile, kRace, kDeadlock, kTimeout, kCrash, kWeak, kMemory, kUb };

std::string_view VerdictName(Verdict verdict);
bool ParseVerdict(std::string_view text, Verdict& verdict);

// One stack frame, from TSan or gdb.
struct Frame {
  std::string function;
  std::string file;  // relative to the root when inside it
  int line = 0;
  bool in_repo = false;
  std::string Where() const;  // "file:line" or the function
};

// What went wrong in one test (or outside any test).
struct Problem {
  Verdict verdict = Verdict::kFail;
  std::string test;        // "Suite.Name", or "" when outside any test
  std::string headline;    // one line: "data race", "KATA_TODO ...", "SIGSEGV"
  std::vector<std::string> details;  // the condensed report, already indented
  std::string location;    // the file:line to look at first
  // What the evidence says the cause is, for the advice on the next: line:
  // "exception", "assertion", "stack-overflow", "thread-not-joined",
  // "race-unlocked", "lock-order", "condition-wait", "join", "link",
  // "parse-error", "memory", "leak", "undefined-behaviour", "library-check";
  // "" when nothing more is known than the verdict.
  std::string kind = {};
  // The kata step (0-based) the problem belongs to, set by whoever maps
  // tests to steps (summary.h); -1 when it belongs to none.
  int step = -1;
};

struct TestOutcome {
  std::string name;
  bool ran = false;
  bool finished = false;
  bool failed = false;
  int runs = 0;
};

struct RunAnalysis {
  std::vector<TestOutcome> tests;   // in the order first seen
  std::vector<Problem> problems;    // in the order they happened
  std::string running_test;         // the test that had not finished when the run ended
  bool completed = false;           // the process ended on its own, with gtest's summary
  bool tsan_mapping_error = false;  // "unexpected memory mapping": retry under setarch -R
  int tsan_reports = 0;
  int memory_reports = 0;  // AddressSanitizer, UndefinedBehaviorSanitizer, the library's checks (the second build)
  bool crash_after_race = false;    // a crash that followed a race report, folded into it
};

// Context for making paths relative and for choosing which frames to show.
struct SourceContext {
  std::filesystem::path root;
  std::string learner_prefix;  // e.g. "katas/01_http_server/": frames there come first
  // The repository the binaries were compiled from (__FILE__ paths are
  // relative to it); differs from root only when --root points elsewhere.
  std::filesystem::path source_dir;
};

// "ns::Type::Method(int) const" -> "ns::Type::Method"; template arguments dropped.
std::string ShortFunction(std::string_view function);

RunAnalysis AnalyzeRun(const ProcessResult& process, const SourceContext& context);

// How a stack overflow's headline starts (verdict.cpp, thread_dump.cpp).
inline constexpr char kStackOverflowHeadline[] = "stack overflow (infinite recursion?)";

// The most serious of a set of problems: a memory error or undefined
// behaviour (after which nothing else the step did can be trusted), then a
// run that was stopped or crashed, a deadlock, a race, a failed assertion.
int Severity(Verdict verdict);

// gdb's "thread apply all bt", condensed: threads with frames in the repo first.
std::vector<std::string> CondenseThreadDump(std::string_view dump, const SourceContext& context);

// The first "file:line" at the start of a condensed line that is in the
// learner's files (not a test), or "".
std::string FirstLearnerLine(const std::vector<std::string>& details, const SourceContext& context);

// "Suite.Name" -> "Suite" (also for "Prefix/Suite.Name/0" and "Suite/0.Name").
std::vector<std::string> SuiteCandidates(std::string_view test);

}  // namespace kata
