#include "summary.h"

#include <algorithm>

#include "typed.h"

namespace kata {

StepEvidence::StepEvidence(const Kata& kata)
    : kata_(kata), ran_(kata.steps.size(), false), unfinished_(kata.steps.size(), false) {}

void StepEvidence::Absorb(const RunAnalysis& analysis) {
  for (const auto& test : analysis.tests) {
    int step = kata_.StepOf(test.name);
    if (step < 0) continue;
    ran_[static_cast<size_t>(step)] = true;
    if (!test.finished) unfinished_[static_cast<size_t>(step)] = true;
  }
  for (Problem problem : analysis.problems) {
    problem.step = kata_.StepOf(problem.test);
    problems_.push_back(std::move(problem));
  }
}

void StepEvidence::MarkStepsWithoutTests() {
  for (size_t i = 0; i < kata_.steps.size(); ++i) {
    if (ran_[i]) continue;
    Problem problem{Verdict::kFail, "", "step " + std::to_string(i + 1) + " has no tests: no suite named " +
                                            kata_.steps[i].suites.front() + " (check kata.toml)", {}, ""};
    problem.step = static_cast<int>(i);
    problems_.push_back(std::move(problem));
  }
}

std::vector<StepState> StepEvidence::States(bool completed) const {
  std::vector<StepState> out(kata_.steps.size(), StepState::kNotRun);
  for (size_t i = 0; i < kata_.steps.size(); ++i) {
    if (ran_[i] && !unfinished_[i]) out[i] = StepState::kGreen;
    if (ran_[i] && unfinished_[i]) out[i] = StepState::kRed;
    if (!ran_[i] && completed) out[i] = StepState::kRed;  // a step with no tests at all
  }
  for (const auto& problem : problems_) {
    if (problem.step >= 0) out[static_cast<size_t>(problem.step)] = StepState::kRed;
  }
  return out;
}

namespace {

const Problem* WorstOfStep(const std::vector<Problem>& problems, int step) {
  const Problem* worst = nullptr;
  for (const auto& problem : problems) {
    if (problem.step != step) continue;
    if (worst == nullptr || Severity(problem.verdict) > Severity(worst->verdict)) worst = &problem;
  }
  return worst;
}

// A test that hangs, in a step where a test failed by an exception from
// the learner's code: the exception is the likely cause (one thrown while
// other threads wait on the object leaves them waiting: the test that threw
// never finishes, its destructors join threads that never wake). The
// exception leads, the hang follows it. Not for a lock-order inversion,
// which is evidence of its own.
const Problem* ExceptionBehindHang(const std::vector<Problem>& problems, const Problem& worst) {
  bool hang = (worst.verdict == Verdict::kDeadlock && worst.kind != "lock-order") || worst.verdict == Verdict::kTimeout;
  if (!hang) return nullptr;
  for (const auto& problem : problems) {
    if (problem.step == worst.step && problem.kind == "exception") return &problem;
  }
  return nullptr;
}

// The problem shown for a red step: its most serious one, unless an
// exception explains a hang (above).
std::optional<Problem> StepProblem(const std::vector<Problem>& problems, int step) {
  const Problem* worst = WorstOfStep(problems, step);
  if (worst == nullptr) return std::nullopt;
  const Problem* exception = ExceptionBehindHang(problems, *worst);
  if (exception == nullptr) return *worst;
  Problem shown = *exception;
  shown.details.push_back("  then " + worst->test + " never finished (" + std::string(VerdictName(worst->verdict)) +
                          "): " + worst->headline);
  shown.details.push_back("  an exception thrown while other threads wait leaves them waiting: fix the throw first");
  return shown;
}

}  // namespace

Summary Summarize(const Kata& kata, const std::vector<StepState>& steps, const std::vector<Problem>& problems,
                  const std::string& running_test) {
  Summary summary;
  for (size_t i = 0; i < steps.size(); ++i) {
    if (steps[i] != StepState::kRed) continue;
    std::optional<Problem> worst = StepProblem(problems, static_cast<int>(i));
    if (summary.red_step < 0) {
      summary.red_step = static_cast<int>(i);
      summary.problem = worst ? *worst : Problem{Verdict::kFail, "", "the step is red", {}, ""};
    } else {
      summary.also_red.push_back("step " + std::to_string(i + 1) + " (" +
                                 std::string(VerdictName(worst ? worst->verdict : Verdict::kFail)) + ")");
    }
  }
  if (!summary.problem) {
    // Nothing red in a step: a problem outside every test (a crash after the
    // last test, a race in a static destructor) still fails the run.
    for (const auto& problem : problems) {
      if (!summary.problem || Severity(problem.verdict) > Severity(summary.problem->verdict)) summary.problem = problem;
    }
  }
  if (!summary.problem &&
      std::any_of(steps.begin(), steps.end(), [](StepState s) { return s != StepState::kGreen; })) {
    summary.problem = Problem{Verdict::kCrash, running_test, "the run ended before every step ran", {}, ""};
  }
  summary.verdict = summary.problem ? summary.problem->verdict : Verdict::kPass;
  if (summary.problem) summary.next = NextAction(kata, *summary.problem);
  return summary;
}

namespace {

// Advice that follows the evidence: the problem's kind when the parser
// recognised the cause, else the verdict's general advice.
std::string NextForKind(const Problem& problem) {
  const std::string& where = problem.location;
  const std::string& kind = problem.kind;
  std::string at = where.empty() ? std::string() : ": start at " + where;
  if (kind == "required-from") return "fix " + where + " (the error is inside a library header; your line instantiates it)";
  if (kind == "parse-error") return "fix " + where + ", or the end of the line before it (a missing ';', ')' or '}')";
  if (kind == "link") return where.empty() ? "define the function named above" : "define the function named above in " + where;
  if (kind == "race-unlocked") {
    return "take the same mutex at " + where + " as the other access does; docs/race-detector.md explains the report";
  }
  if (kind == "condition-wait") {
    return "wait with a predicate (cv.wait(lock, [&] { return ready; })): a notify sent before the wait is lost "
           "without one; and is every change notified (notify_all for several waiters)?" + at;
  }
  if (kind == "join") return "a join() waits for a thread nobody tells to stop: who stops that thread?" + at;
  if (kind == "stack-overflow") {
    return where.empty() ? "find the function in " + problem.test + " that calls itself without end (a base case?)"
                         : "give the function at " + where + " a base case: it calls itself without end";
  }
  if (kind == "thread-not-joined") {
    return "join() the std::thread before it is destroyed (or use std::jthread)" + (where.empty() ? "" : ": at " + where);
  }
  if (kind == "exception") {
    return where.empty() ? "find the call in " + problem.test + " that throws the exception above (a missing key? an index?)"
                         : "look at " + where + ": it throws the exception above";
  }
  if (kind == "assertion") return "look at " + where + ": the call there breaks the library's precondition above";
  if (kind == "leak") {
    return "give what " + (where.empty() ? std::string("the stack above") : where) +
           " allocates an owner that frees it (a std::unique_ptr, a container, a member) instead of a bare new";
  }
  return "";
}

}  // namespace

std::string NextAction(const Kata& kata, const Problem& problem) {
  const std::string& where = problem.location;
  std::string number = std::to_string(kata.number);
  if (std::string next = NextForKind(problem); !next.empty()) return next;
  switch (problem.verdict) {
    case Verdict::kCompile:
      return where.empty() ? "fix the build error above (full log below)" : "fix " + where;
    case Verdict::kFail:
      if (problem.headline.rfind("KATA_TODO", 0) == 0) {
        bool test = where.find("/tests/") != std::string::npos;
        return "edit " + where + ": replace the KATA_TODO with " + (test ? "the test it describes" : "your code");
      }
      return where.empty() ? "make " + problem.test + " pass"
                           : "read the test at " + where + ", then change your code in " + kata.RelativeDir() + "/";
    case Verdict::kRace:
      return "make the two accesses above safe (a mutex, an atomic, or no sharing)" +
             (where.empty() ? std::string() : ": start at " + where) + "; docs/race-detector.md explains the report";
    case Verdict::kDeadlock:
      return "take the locks in one order everywhere (or together, with std::scoped_lock)" +
             (where.empty() ? std::string() : ": start at " + where);
    case Verdict::kTimeout:
      return "find the loop in " + (where.empty() ? problem.test : where) + " that never ends";
    case Verdict::kCrash:
      return where.empty() ? "find what " + problem.test + " does before it dies (see the log)" : "look at " + where;
    case Verdict::kWeak:
      return "add to your tests (or sharpen them) until the broken implementation above fails them";
    case Verdict::kMemory:
      return (where.empty() ? "find the access above" : "look at " + where) +
             ": what it reads or writes is not (or no longer) its memory; docs/memory-errors.md explains the report";
    case Verdict::kUb:
      return (where.empty() ? "find the operation above" : "look at " + where) +
             ": the language gives it no meaning, so the compiler may do anything; docs/memory-errors.md explains it";
    case Verdict::kPass:
      break;
  }
  return Typed("hint", kata.number);
}

}  // namespace kata
