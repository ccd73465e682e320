// `kata mutants N`: the bug zoo. Every planted bug of kata N, what is wrong
// with it, and which tests catch it: the learner's own (for the bugs of a
// write-the-test step) and the workbook's. A lesson in what tests are for,
// not a grade.
#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <map>

#include "build.h"
#include "commands.h"
#include "judge.h"
#include "typed.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

// The verdict a prebuilt binary gets on a filter: "FAIL", "RACE", ...,
// "survived" when it passes, "not built" when it does not exist.
std::string Catches(const fs::path& binary, const std::string& filter, double timeout, const fs::path& log,
                    const SourceContext& context) {
  if (!fs::exists(binary)) return "not built";
  TestRunOptions run;
  run.binary = binary;
  run.filter = filter;
  run.timeout_seconds = timeout;
  run.log_path = log;
  TestRun done = RunTests(run, context);
  const Problem* worst = nullptr;
  for (const auto& problem : done.analysis.problems) {
    if (worst == nullptr || Severity(problem.verdict) > Severity(worst->verdict)) worst = &problem;
  }
  if (worst != nullptr) return std::string(VerdictName(worst->verdict));
  return done.analysis.tests.empty() ? "no tests" : "survived";
}

std::string Description(const PlantedBug& bug) {
  return bug.description.empty() ? "(a bug only the workbook's tests must catch)" : bug.description;
}

}  // namespace

int Commands::Mutants(const std::string& spec) {
  const Kata& kata = Resolve(spec);
  std::vector<PlantedBug> bugs = PlantedBugs(options_.root, kata.id);
  if (bugs.empty()) {
    std::cout << "Kata " << kata.number << " has no planted bugs (tests/mutants/" << kata.id << "/).\n";
    return 0;
  }
  // The judges (the learner's tests against each bug) are built with the
  // kata; the workbook's mutant binaries come with the full build (make test).
  std::vector<std::string> judges;
  if (std::any_of(kata.steps.begin(), kata.steps.end(), [](const Step& step) { return step.write_test; })) {
    judges.push_back("judges_" + kata.id);
  }
  BuildResult build = BuildTarget(options_.root, options_.build_dir, kata.Target(),
                                  LogDir() / (kata.id + ".build.log"), options_.verbose, judges);
  if (!build.ok) {
    std::cerr << "kata mutants: kata " << kata.number << " does not build; `" << Typed("run", kata.number)
              << "` shows why\n";
    return 1;
  }
  SourceContext context{options_.root, kata.RelativeDir() + "/", options_.source_dir};
  fs::path bin = options_.build_dir / "bin";
  std::cout << term_.Bold(fmt::format("Kata {}: {}, its planted bugs", kata.number, kata.title)) << "\n";
  std::cout << fmt::format("  {:<4} {:<11} {:<11} {}\n", "step", "your tests", "workbook's", "the bug");
  int yours = 0;
  int judged = 0;
  for (const auto& bug : bugs) {
    const Step* step = bug.step >= 1 && bug.step <= static_cast<int>(kata.steps.size())
                           ? &kata.steps[static_cast<size_t>(bug.step - 1)] : nullptr;
    std::string mine = "-";
    if (step != nullptr && step->write_test && bug.test_file == step->test_file) {
      fs::path judge = bin / ("judge_" + kata.id + "_" + fs::path(step->test_file).stem().string() + "_" + bug.name);
      mine = Catches(judge, WrittenTestFilter(kata, *step), kata.timeout_seconds, LogDir() / (kata.id + ".zoo.log"), context);
      ++judged;
      if (mine != "survived" && mine != "not built") ++yours;
    }
    std::string workbook = step == nullptr ? "-"
                                           : Catches(bin / ("mutant_" + kata.id + "_" + bug.name),
                                                     kata.Filter({bug.step - 1}), kata.timeout_seconds,
                                                     LogDir() / (kata.id + ".zoo.log"), context);
    std::cout << fmt::format("  {:<4} {:<11} {:<11} {}\n", bug.step, mine, workbook, Description(bug));
  }
  if (judged > 0) {
    std::cout << fmt::format("\nyour tests catch {} of the {} bugs planted for the steps where you write the test\n",
                             yours, judged);
  }
  const KataProgress* state = progress_.Find(kata.id);
  if (state != nullptr && state->ever_green) {
    std::cout << "each bug's code: tests/mutants/" << kata.id << "/NAME.patch (a diff against the reference)\n";
  }
  std::cout << term_.Dim("(\"not built\": the workbook's mutant binaries come with the full build, `make test`)") << "\n";
  return 0;
}

}  // namespace kata
