// The pure summary step of `kata run`: from what the test runs found (which
// steps ran, which finished, the problems) to the kata's verdict. No I/O, so
// every rule of "which problem is shown" is unit-testable.
//
// Thread safety: plain values and pure functions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "progress.h"
#include "run_tests.h"
#include "verdict.h"

namespace kata {

// What the runs of one kata found, step by step. Absorb() each test run (the
// first run, a red stress repetition) in order.
class StepEvidence {
 public:
  explicit StepEvidence(const Kata& kata);

  // Records which steps' tests ran and finished, and the run's problems,
  // each with its step.
  void Absorb(const RunAnalysis& analysis);
  // After a complete run: a step none of whose tests ran is red, with a
  // problem that says so (a suite misnamed in kata.toml).
  void MarkStepsWithoutTests();
  // A problem found outside the test run (a write-the-test step's judge),
  // with its step already set.
  void Add(Problem problem) { problems_.push_back(std::move(problem)); }
  // Each step's state. `completed`: the run ended on its own, so a step that
  // did not run has no tests (red) rather than "not reached".
  std::vector<StepState> States(bool completed) const;

  const std::vector<Problem>& problems() const { return problems_; }

 private:
  const Kata& kata_;
  std::vector<bool> ran_;
  std::vector<bool> unfinished_;
  std::vector<Problem> problems_;
};

struct Summary {
  Verdict verdict = Verdict::kPass;
  std::optional<Problem> problem;  // the first red step's most serious problem, or the run's
  int red_step = -1;               // 0-based, -1 when none
  std::vector<std::string> also_red;  // "step 5 (RACE)"
  std::string next;                   // what to do now
};

// The verdict is the first red step's most serious problem; a problem
// outside every test fails a run whose steps are all green; a run that
// ended before every step ran is a CRASH in `running_test`.
Summary Summarize(const Kata& kata, const std::vector<StepState>& steps, const std::vector<Problem>& problems,
                  const std::string& running_test);

// Advice that follows the evidence (the problem's kind, else its verdict).
std::string NextAction(const Kata& kata, const Problem& problem);

}  // namespace kata
