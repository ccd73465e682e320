// `kata check`: one prebuilt test binary against an expected verdict (the self-checks use it).
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "judge.h"
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

// The reference test must get each FAIL planted bug's own verdict: its
// self-check is this one (cmake/Katas.cmake runs no other for it). Prints
// each that it does not get, and returns how many.
int WrongVerdicts(const JudgeOptions& options, const Judgement& judgement) {
  int wrong = 0;
  for (size_t i = 0; i < judgement.caught_by.size(); ++i) {
    const PlantedBug& bug = *options.mutants[i].bug;
    if (bug.expect == "FAIL" && judgement.caught_by[i] != "FAIL") {
      std::cout << fmt::format("  {}: '# expect: FAIL', but the reference test got {}\n", bug.name,
                               judgement.caught_by[i]);
      ++wrong;
    }
  }
  return wrong;
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

// `kata check --kata N --judge FILE --binary REF --mutant NAME=PATH...`: the
// judge of the write-test step whose test file is FILE, on prebuilt binaries.
int Commands::CheckJudge(const CheckOptions& check) {
  const Kata& kata = FindKata(Catalog(), check.kata);
  auto step = std::find_if(kata.steps.begin(), kata.steps.end(),
                           [&](const Step& s) { return s.write_test && s.test_file == check.judge; });
  if (step == kata.steps.end()) throw UsageError("kata " + kata.id + " has no write-test step with test_file " + check.judge);
  JudgeOptions options;
  options.reference = check.binary;
  options.timeout_seconds = check.timeout_seconds.value_or(std::min(kata.timeout_seconds, 10.0));
  options.log_dir = LogDir();
  options.log_prefix = "check-judge-" + fs::path(check.binary).filename().string();
  for (const auto& given : check.mutants) {
    std::string name = given.substr(0, given.find('='));
    auto bug = std::find_if(step->bugs.begin(), step->bugs.end(), [&](const PlantedBug& b) { return b.name == name; });
    if (bug == step->bugs.end() || given.find('=') == std::string::npos) {
      throw UsageError("--mutant " + given + ": not NAME=PATH with a planted bug of that step");
    }
    options.mutants.push_back({&*bug, given.substr(given.find('=') + 1)});
  }
  // A valid test must catch every planted bug; a WEAK one needs only one
  // bug it lets through (the self-check without assertions may skip some).
  bool every_bug = check.expect != Verdict::kWeak;
  if (options.mutants.empty() || (every_bug && options.mutants.size() != step->bugs.size())) {
    throw UsageError(fmt::format("step \"{}\" has {} planted bugs; --mutant gave {}", step->name, step->bugs.size(),
                                 options.mutants.size()));
  }
  SourceContext context{options_.root, "", options_.source_dir};
  Judgement judgement = Judge(kata, *step, options, context);
  for (size_t i = 0; i < judgement.caught_by.size(); ++i) {
    std::cout << fmt::format("  {:<9} {}: {}\n", judgement.caught_by[i], options.mutants[i].bug->name,
                             options.mutants[i].bug->description);
  }
  int wrong_verdicts = check.expect == Verdict::kPass ? WrongVerdicts(options, judgement) : 0;
  if (judgement.problem) {
    PrintProblem(*judgement.problem, term_, "");
  } else {
    std::cout << term_.VerdictWord(Verdict::kPass) << "valid, and catches all " << judgement.total
              << " planted bugs\n";
  }
  std::cout << fmt::format("judged in {:.2f} s\n", judgement.seconds);
  if (judgement.verdict == check.expect && wrong_verdicts == 0) {
    std::cout << "kata check: " << VerdictName(judgement.verdict) << " as expected\n";
    return 0;
  }
  if (wrong_verdicts > 0) {
    std::cerr << "kata check: " << wrong_verdicts << " planted bug(s) caught with another verdict than expected\n";
  } else {
    std::cerr << "kata check: expected " << VerdictName(check.expect) << ", got " << VerdictName(judgement.verdict)
              << "\n";
  }
  return 1;
}

int Commands::Check(const CheckOptions& given) {
  if (!given.judge.empty()) return CheckJudge(given);
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
