// `kata check`: one prebuilt test binary against an expected verdict (the self-checks use it).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// With --kata and --step: the step's suites as the runner reads them (the
// self-checks and `kata run` cannot disagree about what a step is), its
// stress repetitions and the kata's time limit, unless given.
CheckOptions ResolveStep(const std::vector<Kata>& catalog, CheckOptions check) {
  if (check.kata.empty()) return check;
  const Kata& kata = FindKata(catalog, check.kata);
  if (check.step < 1 || check.step > static_cast<int>(kata.steps.size())) {
    throw UsageError("kata " + kata.id + " has steps 1 to " + std::to_string(kata.steps.size()) + ", not " +
                     std::to_string(check.step));
  }
  const Step& step = kata.steps[static_cast<size_t>(check.step - 1)];
  check.filter = kata.Filter({check.step - 1});
  if (!check.repeat) check.repeat = step.stress ? kata.stress_repeat : 1;
  if (!check.timeout_seconds) check.timeout_seconds = kata.timeout_seconds;
  return check;
}

// The most serious problem of a run; a run with no test at all is a FAIL.
std::optional<Problem> WorstProblem(const TestRun& run, const std::string& filter) {
  std::optional<Problem> worst;
  for (const auto& problem : run.analysis.problems) {
    if (!worst || Severity(problem.verdict) > Severity(worst->verdict)) worst = problem;
  }
  if (!worst && run.analysis.tests.empty()) {
    worst = Problem{Verdict::kFail, "", "no test matches the filter " + filter, {}, ""};
  }
  return worst;
}

}  // namespace

void Commands::PrintCheck(const CheckOptions& check, const TestRun& run, const std::optional<Problem>& worst) {
  Verdict verdict = worst ? worst->verdict : Verdict::kPass;
  int tests_run = static_cast<int>(run.analysis.tests.size());
  if (options_.json) {
    json out{{"verdict", VerdictName(verdict)},
             {"expected", VerdictName(check.expect)},
             {"tests", tests_run},
             {"log", run.log_path.string()},
             {"seconds", run.process.seconds}};
    if (worst) out["problem"] = ProblemJson(*worst);
    std::cout << out.dump(2) << "\n";
    return;
  }
  if (worst) {
    PrintProblem(*worst, term_, "");
    if (run.analysis.problems.size() > 1) {
      std::cout << "  (" << run.analysis.problems.size() - 1 << " more problem(s) in the log)\n";
    }
    if (!worst->location.empty()) std::cout << "  at " << worst->location << "\n";
  } else {
    std::cout << term_.VerdictWord(verdict) << tests_run << " test(s)\n";
  }
  std::cout << "log: " << Shown(run.log_path) << "\n";
}

int Commands::Check(const CheckOptions& given) {
  CheckOptions check = ResolveStep(Catalog(), given);
  if (check.filter.empty()) throw UsageError("kata check needs --filter, or --kata and --step");
  if (!fs::exists(check.binary)) {
    std::cerr << "kata check: no such binary: " << check.binary << "\n";
    return 2;
  }
  SourceContext context{options_.root, "", options_.source_dir};
  TestRunOptions run_options;
  run_options.binary = check.binary;
  run_options.filter = check.filter;
  run_options.repeat = check.repeat.value_or(1);
  run_options.timeout_seconds = check.timeout_seconds.value_or(10);
  run_options.verbose = options_.verbose;
  size_t hash = std::hash<std::string>{}(check.filter + "/" + std::to_string(run_options.repeat));
  run_options.log_path = LogDir() / fmt::format("check-{}-{:08x}.log", fs::path(check.binary).filename().string(),
                                                static_cast<uint32_t>(hash));
  TestRun run = RunTests(run_options, context);
  std::optional<Problem> worst = WorstProblem(run, check.filter);
  PrintCheck(check, run, worst);
  Verdict verdict = worst ? worst->verdict : Verdict::kPass;
  if (verdict == check.expect) {
    if (!options_.json) std::cout << "kata check: " << VerdictName(verdict) << " as expected\n";
    return 0;
  }
  std::cerr << "kata check: expected " << VerdictName(check.expect) << ", got " << VerdictName(verdict) << "\n";
  return 1;
}

}  // namespace kata
