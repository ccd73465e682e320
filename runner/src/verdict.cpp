#include "verdict.h"

#include <algorithm>
#include <array>
#include <csignal>
#include <regex>

#include <fmt/format.h>

#include "gtest_output.h"
#include "memory_report.h"
#include "parse_util.h"
#include "thread_dump.h"
#include "tsan_report.h"

namespace kata {

using parse::Contains;
using parse::StartsWith;
using parse::Trim;

namespace {

constexpr const char* kStackOverflow = kStackOverflowHeadline;
const std::string kNoFrameRecovered = std::string(kStackOverflowHeadline) + ": no frame was recovered";

constexpr std::array<std::string_view, 10> kVerdictNames = {
    "PASS", "FAIL", "COMPILE", "RACE", "DEADLOCK", "TIMEOUT", "CRASH", "WEAK", "MEMORY", "UB"};

std::string SignalName(int signal) {
  switch (signal) {
    case SIGSEGV: return "SIGSEGV (segmentation fault)";
    case SIGABRT: return "SIGABRT (abort)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGFPE: return "SIGFPE (arithmetic error)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGKILL: return "SIGKILL";
    case SIGTERM: return "SIGTERM";
    default: return "signal " + std::to_string(signal);
  }
}

// Reads a run's output line by line: which test runs, what each test's
// failure says, the TSan reports, and what std::terminate or assert() said.
class RunParser {
 public:
  RunParser(const ProcessResult& process, const SourceContext& context)
      : process_(process), context_(context), lines_(parse::SplitLines(process.output)) {}

  RunAnalysis Parse() {
    for (size_t i = 0; i < lines_.size(); ++i) i = OnLine(i);
    analysis_.running_test = current_;
    FoldTermination();
    FoldCrashAfterRace();
    AddProcessProblem();
    return std::move(analysis_);
  }

 private:
  std::string Attributed() const { return current_.empty() ? last_finished_ : current_; }

  TestOutcome& Outcome(const std::string& name) {
    for (auto& test : analysis_.tests) {
      if (test.name == name) return test;
    }
    analysis_.tests.push_back({name});
    return analysis_.tests.back();
  }

  // Handles lines_[i]; returns the index of the last line it consumed.
  size_t OnLine(size_t i) {
    const std::string& line = lines_[i];
    if (StartsWith(line, "[ RUN      ] ")) {
      OnTestStart(Trim(line.substr(13)));
    } else if (StartsWith(line, "[       OK ] ") || StartsWith(line, "[  SKIPPED ] ") ||
               StartsWith(line, "[  FAILED  ] ")) {
      OnTestEnd(line);
    } else if (StartsWith(line, "[==========] ") && Contains(line, " ran.")) {
      analysis_.completed = true;
    } else if (Contains(line, "FATAL: ThreadSanitizer: unexpected memory mapping")) {
      analysis_.tsan_mapping_error = true;
    } else if (StartsWith(line, "terminate called")) {
      termination_ = ReadTermination(lines_, i);
    } else if (IsTsanCheckFailure(line)) {
      return OnCheckFailure(i);
    } else if (IsTsanReportStart(line)) {
      size_t end = TsanReportEnd(lines_, i);
      OnTsanReport(i, end);
      return end - 1;
    } else if (IsMemoryReportStart(lines_, i)) {
      size_t end = MemoryReportEnd(lines_, i);
      OnMemoryReport(i, end);
      return end - 1;
    } else {
      std::string assertion;
      if (ReadAssertion(line, assertion)) assertion_ = assertion;
      if (!current_.empty()) test_lines_.push_back(line);
    }
    return i;
  }

  void OnTestStart(const std::string& name) {
    current_ = name;
    TestOutcome& test = Outcome(current_);
    test.ran = true;
    test.runs++;
    test_lines_.clear();
  }

  void OnTestEnd(const std::string& line) {
    std::string name = Trim(line.substr(13));
    name = name.substr(0, name.find(' '));
    if (current_.empty() || name != current_) return;  // the summary at the end
    TestOutcome& test = Outcome(current_);
    test.finished = true;
    if (StartsWith(line, "[  FAILED  ] ") && !test.failed) {
      test.failed = true;
      analysis_.problems.push_back(FailureProblem(current_, test_lines_, context_));
    }
    last_finished_ = current_;
    current_.clear();
    test_lines_.clear();
  }

  void OnTsanReport(size_t start, size_t end) {
    analysis_.tsan_reports++;
    Problem problem = TsanProblem(lines_, start, end, Attributed(), context_);
    bool check_failed = std::any_of(lines_.begin() + static_cast<std::ptrdiff_t>(start),
                                    lines_.begin() + static_cast<std::ptrdiff_t>(end), IsTsanCheckFailure);
    if (problem.kind == "stack-overflow" || check_failed) DescribeRecursion(start, end, problem);
    if (check_failed && problem.kind != "stack-overflow") {
      // TSan's own handler failed while handling the crash: with the stack
      // full, it has no room left. The frames are lost with it.
      problem.kind = "stack-overflow";
      problem.headline = kNoFrameRecovered + " (" + problem.headline +
                         ", then ThreadSanitizer's own CHECK failed with no stack left)";
    }
    analysis_.problems.push_back(std::move(problem));
  }

  // A report of the second build. A leak is reported at exit: its test is
  // the one whose body made the allocation ("Suite_Name_Test::TestBody").
  void OnMemoryReport(size_t start, size_t end) {
    analysis_.memory_reports++;
    Problem problem = MemoryProblem(lines_, start, end, Attributed(), context_);
    if (problem.kind == "leak") {
      std::vector<std::string> tests;
      for (const auto& test : analysis_.tests) tests.push_back(test.name);
      problem.test = LeakingTest(lines_, start, end, tests);
    }
    analysis_.problems.push_back(std::move(problem));
  }

  // TSan's own CHECK failed: with thousands of frames on the stack its stack
  // depot runs out (then SIGILL). The frames it printed show the recursion.
  size_t OnCheckFailure(size_t start) {
    size_t end = start + 1;
    while (end < lines_.size() && !StartsWith(lines_[end], "[ ")) ++end;
    Problem problem{Verdict::kCrash, Attributed(), "", {}, "", ""};
    if (!DescribeRecursion(start, end, problem)) {
      // Its stack depot or its symbolizer ran out: thousands of frames.
      problem.kind = "stack-overflow";
      problem.headline = kNoFrameRecovered + " (ThreadSanitizer itself failed: " + Trim(lines_[start]) + ")";
    }
    analysis_.tsan_reports++;
    analysis_.problems.push_back(std::move(problem));
    return end - 1;
  }

  bool DescribeRecursion(size_t start, size_t end, Problem& problem) {
    Frame recursing;
    if (!FindRecursion(lines_, start, end, context_, recursing)) return false;
    problem.verdict = Verdict::kCrash;
    problem.kind = "stack-overflow";
    problem.headline = std::string(kStackOverflow) + ": " + ShortFunction(recursing.function) +
                       " calls itself without end (" +
                       (problem.headline.empty() ? "infinite recursion" : problem.headline) + ")";
    problem.location = recursing.Where();
    problem.details = {"  the recursing frame, repeated on the whole stack:", parse::FrameLine(recursing)};
    return true;
  }

  // std::terminate and assert() print their reason, then abort: the reason
  // is the headline, not "SIGABRT". An uncaught exception on another thread
  // is the cause even when the rest of the process then hangs.
  void FoldTermination() {
    std::string headline = !termination_.headline.empty() ? termination_.headline : assertion_;
    if (headline.empty()) return;
    std::string kind = !termination_.headline.empty() ? termination_.kind : "assertion";
    for (auto& problem : analysis_.problems) {
      if (problem.verdict == Verdict::kCrash && Contains(problem.headline, "ABRT")) {
        problem.headline = headline;
        problem.kind = kind;
        return;
      }
    }
    Problem problem{Verdict::kCrash, Attributed(), headline, {}, "", kind};
    if (process_.timed_out) {
      problem.details.push_back("  then the process hung (" + std::string(process_.all_blocked ? "every thread blocked" : "still running") +
                                ") and was stopped:");
      problem.location = StoppedProblem().location;
    }
    analysis_.problems.push_back(std::move(problem));
    stopped_by_termination_ = process_.timed_out;
  }

  // A crash after a data race is usually the race's consequence (a reader saw
  // a half-built object): the race is the verdict, the crash a detail.
  void FoldCrashAfterRace() {
    auto& problems = analysis_.problems;
    auto first_race = std::find_if(problems.begin(), problems.end(),
                                   [](const Problem& p) { return p.verdict == Verdict::kRace; });
    if (first_race == problems.end()) return;
    size_t race_index = static_cast<size_t>(first_race - problems.begin());
    for (size_t k = problems.size(); k-- > race_index + 1;) {
      if (problems[k].verdict != Verdict::kCrash) continue;
      problems[race_index].details.push_back("  then the test crashed: " + problems[k].headline);
      problems.erase(problems.begin() + static_cast<std::ptrdiff_t>(k));
      analysis_.crash_after_race = true;
    }
  }

  Problem StoppedProblem() const;
  void AddProcessProblem();

  const ProcessResult& process_;
  const SourceContext& context_;
  std::vector<std::string> lines_;
  RunAnalysis analysis_;
  std::string current_;
  std::string last_finished_;
  std::vector<std::string> test_lines_;  // gtest's lines for the running test
  Termination termination_;              // what "terminate called ..." said
  std::string assertion_;                // what a failed assert() said
  bool stopped_by_termination_ = false;
};

// The run was stopped at the time limit, or because every thread was blocked.
Problem RunParser::StoppedProblem() const {
  Problem problem;
  problem.verdict = process_.all_blocked ? Verdict::kDeadlock : Verdict::kTimeout;
  problem.test = Attributed();
  problem.headline =
      process_.stopped_early
          ? fmt::format("every thread is blocked: nothing can make progress (stopped after {:.0f} s without output)",
                        process_.quiet_seconds)
      : process_.all_blocked ? "every thread is blocked: nothing can make progress (killed at the time limit)"
                             : "still running at the time limit (a busy loop or a very slow test); killed";
  if (process_.thread_dump.empty()) {
    problem.details.push_back("  (no thread dump: gdb is not installed or could not attach)");
  } else {
    problem.details = CondenseThreadDump(process_.thread_dump, context_);
    problem.location = FirstLearnerLine(problem.details, context_);
  }
  if (process_.all_blocked && !process_.thread_dump.empty()) {
    BlockedThreads blocked = ClassifyBlockedThreads(process_.thread_dump, context_);
    problem.kind = blocked.kind;
    if (!blocked.what.empty()) {
      std::string why = process_.stopped_early ? fmt::format("stopped after {:.0f} s without output", process_.quiet_seconds)
                                               : "killed at the time limit";
      problem.headline = "every thread is blocked: " + blocked.what + " (" + why + ")";
    }
    if (!blocked.location.empty()) problem.location = blocked.location;
    if (!blocked.other.empty()) {
      problem.details.push_back("  the thread being joined is at " + blocked.other + ": who tells it to stop?");
    }
  }
  if (!process_.thread_states.empty()) problem.details.push_back("  thread states: " + process_.thread_states);
  return problem;
}

void RunParser::AddProcessProblem() {
  auto& problems = analysis_.problems;
  bool has_crash = analysis_.crash_after_race || std::any_of(problems.begin(), problems.end(), [](const Problem& p) {
                     return p.verdict == Verdict::kCrash;
                   });
  if (process_.spawn_failed) {
    problems.push_back({Verdict::kCrash, "", "could not start the test binary", {"  " + Trim(process_.output)}, "", ""});
  } else if (process_.timed_out && stopped_by_termination_) {
    // The uncaught exception is the cause; the hang is what followed.
    Problem stopped = StoppedProblem();
    auto& cause = problems.back();
    for (const auto& line : stopped.details) cause.details.push_back(line);
  } else if (process_.timed_out) {
    problems.push_back(StoppedProblem());
  } else if (process_.term_signal != 0 && !has_crash) {
    problems.push_back({Verdict::kCrash, Attributed(), "killed by " + SignalName(process_.term_signal), {}, "", ""});
  } else if (!process_.interrupted && process_.exit_code != 0 && problems.empty()) {
    std::string when = analysis_.completed ? "after the tests finished" : "in the middle of a test";
    problems.push_back({Verdict::kCrash, Attributed(),
                        "exited with status " + std::to_string(process_.exit_code) + " " + when, {}, "", ""});
  }
}

}  // namespace

std::string FirstLearnerLine(const std::vector<std::string>& details, const SourceContext& context) {
  static const std::regex kFileLine(R"(^[^ ]+:\d+$)");
  for (const auto& line : details) {
    std::string text = Trim(line);
    std::string first = text.substr(0, text.find(' '));
    if (std::regex_match(first, kFileLine) &&
        (context.learner_prefix.empty() || StartsWith(text, context.learner_prefix)) && !parse::IsTestFile(first)) {
      return first;
    }
  }
  return "";
}

std::string ShortFunction(std::string_view function) {
  std::string text(function);
  for (size_t at; (at = text.find("[abi:cxx11]")) != std::string::npos;) text.erase(at, 11);
  if (text.size() > 6 && text.compare(text.size() - 6, 6, " const") == 0) text.resize(text.size() - 6);
  // Drop the trailing parameter list.
  if (!text.empty() && text.back() == ')') {
    int depth = 0;
    for (size_t i = text.size(); i-- > 0;) {
      if (text[i] == ')') ++depth;
      if (text[i] == '(' && --depth == 0) {
        if (i > 0 && text.compare(0, i, "operator") != 0 && !(i >= 8 && text.compare(i - 8, 8, "operator") == 0)) {
          text.resize(i);
        }
        break;
      }
    }
  }
  // Drop template arguments.
  std::string out;
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool is_operator = i >= 8 && text.compare(i - 8, 8, "operator") == 0;
    if (c == '<' && !is_operator) {
      ++depth;
      continue;
    }
    if (c == '>' && depth > 0) {
      --depth;
      continue;
    }
    if (depth == 0) out += c;
  }
  // A return type in front ("void std::__invoke_impl"): keep the last word.
  size_t space = out.rfind(' ');
  if (space != std::string::npos && out.find('(') == std::string::npos) out = out.substr(space + 1);
  return out;
}

std::string Frame::Where() const {
  if (file.empty()) return function;
  return file + ":" + std::to_string(line);
}

std::string_view VerdictName(Verdict verdict) { return kVerdictNames[static_cast<size_t>(verdict)]; }

bool ParseVerdict(std::string_view text, Verdict& verdict) {
  for (size_t i = 0; i < kVerdictNames.size(); ++i) {
    if (kVerdictNames[i] == text) {
      verdict = static_cast<Verdict>(i);
      return true;
    }
  }
  return false;
}

int Severity(Verdict verdict) {
  switch (verdict) {
    case Verdict::kPass: return 0;
    case Verdict::kWeak: return 1;  // the learner's test and code both work; the test misses bugs
    case Verdict::kFail: return 2;
    case Verdict::kRace: return 3;
    case Verdict::kDeadlock: return 4;
    case Verdict::kCrash: return 5;
    case Verdict::kTimeout: return 6;
    case Verdict::kUb: return 7;
    case Verdict::kMemory: return 8;
    case Verdict::kCompile: return 9;
  }
  return 0;
}

std::vector<std::string> SuiteCandidates(std::string_view test) {
  std::vector<std::string> out;
  std::string suite(test.substr(0, test.find('.')));
  out.push_back(suite);
  size_t slash = suite.find('/');
  if (slash != std::string::npos) {
    out.push_back(suite.substr(0, slash));
    out.push_back(suite.substr(slash + 1));
  }
  return out;
}

RunAnalysis AnalyzeRun(const ProcessResult& process, const SourceContext& context) {
  return RunParser(process, context).Parse();
}

}  // namespace kata
