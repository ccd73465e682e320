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
// "survived" when it passes, "not built" when it does not exist. A stress
// step's bugs are timing-dependent: repeated (and shuffled) three times, as
// the self-checks do.
std::string Catches(const fs::path& binary, const std::string& filter, int repeat, double timeout,
                    const fs::path& log, const SourceContext& context) {
  if (!fs::exists(binary)) return "not built";
  TestRunOptions run;
  run.binary = binary;
  run.filter = filter;
  run.repeat = repeat;
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
  if (!bug.description.empty()) return bug.description;
  return bug.summary.empty() ? bug.name : bug.summary;
}

struct ZooScore {
  int judged = 0;
  int caught = 0;
  bool invalid = false;  // the learner's tests fail against the reference: nothing they "catch" counts
};

const Step* StepOf(const Kata& kata, const PlantedBug& bug) {
  if (bug.step < 1 || bug.step > static_cast<int>(kata.steps.size())) return nullptr;
  return &kata.steps[static_cast<size_t>(bug.step - 1)];
}

// Where the binaries are, and the zoo's log.
struct ZooPlace {
  const Kata& kata;
  const SourceContext& context;
  fs::path build_dir;
  fs::path Bin() const { return build_dir / "bin"; }
  fs::path Log() const { return build_dir / "kata-logs" / (kata.id + ".zoo.log"); }
};

// For a planted bug of a write-the-test step: what the learner's tests get
// against it, once they pass against the reference.
std::string YourColumn(const ZooPlace& at, const PlantedBug& bug, ZooScore& score) {
  const Kata& kata = at.kata;
  const Step* step = StepOf(kata, bug);
  if (step == nullptr || !step->write_test || bug.test_file != step->test_file) return "-";
  JudgeOptions judges = JudgeBinaries(kata, *step, at.Bin());
  std::string filter = WrittenTestFilter(kata, *step);
  ++score.judged;
  if (Catches(judges.reference, filter, 1, kata.timeout_seconds, at.Log(), at.context) != "survived") {
    score.invalid = true;
    return "-";
  }
  auto judge = std::find_if(judges.mutants.begin(), judges.mutants.end(),
                            [&](const JudgedBinary& j) { return j.bug->name == bug.name; });
  std::string verdict = Catches(judge->binary, filter, 1, kata.timeout_seconds, at.Log(), at.context);
  if (verdict != "survived" && verdict != "not built") ++score.caught;
  return verdict;
}

std::string WorkbookColumn(const ZooPlace& at, const PlantedBug& bug) {
  const Step* step = StepOf(at.kata, bug);
  if (step == nullptr) return "-";
  // A memory bug is built and checked by the second build (build/memory,
  // beside build/kata): only AddressSanitizer or UndefinedBehaviorSanitizer
  // sees it.
  bool memory = bug.expect == "MEMORY" || bug.expect == "UB";
  fs::path bin = memory ? at.build_dir.parent_path() / "memory" / "bin" : at.Bin();
  fs::path binary = bin / ("mutant_" + at.kata.id + "_" + bug.name);
  return Catches(binary, at.kata.Filter({bug.step - 1}), step->stress ? 3 : 1, at.kata.timeout_seconds, at.Log(),
                 at.context);
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
  std::stable_sort(bugs.begin(), bugs.end(), [](const PlantedBug& a, const PlantedBug& b) { return a.step < b.step; });
  std::cout << term_.Bold(fmt::format("Kata {}: {}, its planted bugs", kata.number, kata.title)) << "\n";
  std::cout << fmt::format("  {:<4} {:<11} {:<11} {}\n", "step", "your tests", "workbook's", "the bug");
  ZooScore score;
  ZooPlace at{kata, context, options_.build_dir};
  for (const auto& bug : bugs) {
    std::string yours = YourColumn(at, bug, score);
    std::cout << fmt::format("  {:<4} {:<11} {:<11} {}\n", bug.step, yours, WorkbookColumn(at, bug),
                             Description(bug));
  }
  if (score.judged > 0 && score.invalid) {
    std::cout << "\nyour tests of the steps where you write them fail against the reference solution: "
                 "they are not counted until they pass there (`" << Typed("run", kata.number) << "`)\n";
  } else if (score.judged > 0) {
    std::cout << fmt::format("\nyour tests catch {} of the {} bugs planted for the steps where you write the test\n",
                             score.caught, score.judged);
  }
  const KataProgress* state = progress_.Find(kata.id);
  if (state != nullptr && state->ever_green) {
    std::cout << "each bug's code: tests/mutants/" << kata.id << "/NAME.patch (a diff against the reference)\n";
  }
  std::cout << term_.Dim("(\"not built\": the workbook's mutant binaries come with the full build, `make test`)") << "\n";
  return 0;
}

}  // namespace kata
