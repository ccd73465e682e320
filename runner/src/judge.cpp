#include "judge.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "run_tests.h"
#include "typed.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

std::optional<Problem> WorstOf(const TestRun& run) {
  std::optional<Problem> worst;
  for (const auto& problem : run.analysis.problems) {
    if (!worst || Severity(problem.verdict) > Severity(worst->verdict)) worst = problem;
  }
  if (!worst && !run.analysis.completed) {
    worst = Problem{Verdict::kCrash, run.analysis.running_test, "the run ended before its tests had run", {}, ""};
  }
  return worst;
}

TestRunOptions RunOptions(const JudgeOptions& options, const fs::path& binary, const std::string& filter,
                          const std::string& label) {
  TestRunOptions run;
  run.binary = binary;
  run.filter = filter;
  run.timeout_seconds = options.timeout_seconds;
  run.log_path = options.log_dir / fmt::format("{}.{}.log", options.log_prefix, label);
  return run;
}

// The learner's test against the reference: it must pass there.
std::optional<Problem> Invalid(const TestRun& run, const std::string& test_file) {
  if (run.analysis.tests.empty()) {
    return Problem{Verdict::kFail, "", "your test file tests/" + test_file + " defines none of the step's tests", {},
                   ""};
  }
  std::optional<Problem> worst = WorstOf(run);
  if (!worst) return std::nullopt;
  Problem problem = *worst;
  problem.details.insert(problem.details.begin(), "  " + std::string(VerdictName(worst->verdict)) + " against the "
                                                  "reference solution: " + worst->headline);
  problem.verdict = Verdict::kFail;
  problem.headline = "your test fails against a correct implementation: it asks for something the task does not";
  problem.kind = "invalid-test";
  return problem;
}

// Runs every planted bug, as many at once as there are cores; each entry
// is the verdict that caught the bug, or "survived".
std::vector<std::string> RunMutants(const JudgeOptions& options, const std::string& filter,
                                    const SourceContext& context) {
  std::vector<std::string> outcome(options.mutants.size());
  std::atomic<size_t> next = 0;
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  size_t workers = std::min<size_t>(cores, options.mutants.size());
  std::vector<std::jthread> threads;
  for (size_t w = 0; w < workers; ++w) {
    threads.emplace_back([&] {
      for (size_t i = next++; i < options.mutants.size(); i = next++) {
        const JudgedBinary& mutant = options.mutants[i];
        TestRun run = RunTests(RunOptions(options, mutant.binary, filter, mutant.bug->name), context);
        std::optional<Problem> worst = WorstOf(run);
        bool caught = worst.has_value() || run.analysis.tests.empty();
        outcome[i] = caught ? std::string(VerdictName(worst ? worst->verdict : Verdict::kFail)) : "survived";
      }
    });
  }
  threads.clear();  // joins
  return outcome;
}

Problem WeakProblem(const Kata& kata, const Step& step, const Judgement& judgement) {
  Problem problem;
  problem.verdict = Verdict::kWeak;
  problem.kind = "weak";
  problem.headline = fmt::format("your tests pass {} of {} broken implementations", judgement.total - judgement.caught,
                                 judgement.total);
  problem.details.push_back("  one your tests let through: " + judgement.survivors.front()->description);
  if (judgement.survivors.size() > 1) {
    problem.details.push_back(fmt::format("  ({} more: `{}` describes one more each time)", judgement.survivors.size() - 1,
                                          Typed("hint", kata.number)));
  }
  problem.location = kata.RelativeDir() + "/tests/" + step.test_file;
  return problem;
}

}  // namespace

std::string WrittenTestFilter(const Kata& kata, const Step& step) {
  std::string filter;
  for (const auto& suite : SuitesDefinedInFile(kata.dir / "tests" / step.test_file)) {
    if (std::find(step.suites.begin(), step.suites.end(), suite) == step.suites.end()) continue;
    if (!filter.empty()) filter += ':';
    filter += suite + ".*";
  }
  return filter.empty() ? "NoSuiteOfTheWrittenTest.*" : filter;
}

JudgeOptions JudgeBinaries(const Kata& kata, const Step& step, const fs::path& bin_dir) {
  JudgeOptions options;
  std::string stem = fs::path(step.test_file).stem().string();
  options.reference = bin_dir / ("judge_" + kata.id + "_" + stem);
  for (const auto& bug : step.bugs) {
    options.mutants.push_back({&bug, bin_dir / ("judge_" + kata.id + "_" + stem + "_" + bug.name)});
  }
  options.timeout_seconds = std::min(kata.timeout_seconds, 10.0);
  return options;
}

Judgement Judge(const Kata& kata, const Step& step, const JudgeOptions& options, const SourceContext& context) {
  auto start = std::chrono::steady_clock::now();
  Judgement judgement;
  judgement.total = static_cast<int>(options.mutants.size());
  std::string filter = WrittenTestFilter(kata, step);
  TestRun reference = RunTests(RunOptions(options, options.reference, filter, "reference"), context);
  judgement.problem = Invalid(reference, step.test_file);
  if (!judgement.problem) {
    judgement.caught_by = RunMutants(options, filter, context);
    for (size_t i = 0; i < options.mutants.size(); ++i) {
      if (judgement.caught_by[i] == "survived") {
        judgement.survivors.push_back(options.mutants[i].bug);
      } else {
        ++judgement.caught;
      }
    }
    if (!judgement.survivors.empty()) judgement.problem = WeakProblem(kata, step, judgement);
  }
  if (judgement.problem) judgement.verdict = judgement.problem->verdict;
  judgement.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return judgement;
}

}  // namespace kata
