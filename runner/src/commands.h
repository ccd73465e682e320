// The runner's subcommands. Each returns the process exit code. One file
// per command (cmd_run.cpp, cmd_hint.cpp, ..., watch.cpp); commands.cpp
// holds what they share, run_output.cpp how a run is printed, and
// summary.h the pure step from evidence to verdict.
//
// Thread safety: not thread-safe; one Commands per process.
#pragma once

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "progress.h"
#include "run_tests.h"
#include "summary.h"
#include "term.h"
#include "verdict.h"

namespace kata {

struct GlobalOptions {
  std::filesystem::path root;
  std::filesystem::path build_dir;
  std::filesystem::path source_dir;  // where the binaries were compiled from
  std::filesystem::path state_file;  // default: <build_dir>/kata-progress.json
  // The second build's folder (memory_check.h); default: build/memory beside
  // the default build/kata, none for another build folder.
  std::filesystem::path memory_build_dir;
  bool no_color = false;
  bool verbose = false;
  bool json = false;
  std::optional<int> seed;  // run: replay the stress steps once, shuffled with this seed
};

struct CheckOptions {
  Verdict expect = Verdict::kPass;
  std::string binary;
  std::string filter;  // a --gtest_filter; or, with `kata` and `step`, the step's suites from kata.toml
  std::string kata;    // "01_http_server"
  int step = 0;        // 1-based; with `kata`, the filter, and the repeat of a stress step, come from kata.toml
  std::optional<int> repeat;  // repeat (and shuffle) this many times
  std::optional<double> timeout_seconds;  // one test's limit; default: the kata's timeout_seconds, else 10
  // A write-the-test step's judge (judge.h): the step whose test_file this
  // is; `binary` is the test against the reference, and each of `mutants`
  // ("NAME=PATH") against the planted bug NAME. Expect PASS, FAIL or WEAK.
  std::string judge;
  std::vector<std::string> mutants;
};

// The outcome of running one kata as the learner has it.
struct KataResult {
  Verdict verdict = Verdict::kPass;
  std::optional<Problem> problem;  // the first red step's (or the run's) problem
  int red_step = -1;               // 0-based, -1 when none
  std::vector<StepState> steps;
  std::vector<std::string> also_red;  // "step 5 (RACE)"
  std::string next;                   // what to do now
  std::vector<std::filesystem::path> logs;
  double seconds = 0;
  double build_seconds = 0;  // the ninja call (and configure, the first time)
  double test_seconds = 0;   // the test processes
  double first_verdict_seconds = 0;  // from the start to the first run's verdict (before any stress)
  std::vector<int> stressed;  // 0-based steps that ran again, repeated and shuffled
  int stress_repeat = 0;      // how many repetitions ran
  double stress_seconds = 0;  // the stress phase, wall time (repetitions run side by side)
  std::string stress_summary;  // "RACE in 3 of 10 shuffled repetitions (seed 1234)"
  std::vector<int> stress_seeds;      // each repetition's shuffle seed
  std::vector<int> stress_red_seeds;  // those of the red ones
  std::string stress_replay;          // "make kata-8 SEED=1234"
  std::vector<std::string> warnings;  // the compiler's warnings in the learner's files, one line each
  double judge_seconds = 0;           // the write-the-test steps' judges
  std::vector<std::string> survivors;  // planted bugs the learner's tests let through (descriptions)
  bool interrupted = false;
  bool stress_cancelled = false;  // a new save came in (watch): the stress phase was stopped
  // The second build (memory_check.h): built and run beside the first.
  bool memory_wanted = false;   // build/memory is in use
  bool memory_checked = false;  // it ran to its end; its MEMORY and UB problems are in the verdict
  std::vector<std::string> memory_found;  // "MEMORY in step 4 (Suite.Name)", one per problem
  std::string memory_trouble;             // why it did not run ("" when it ran or was cancelled)
  std::string memory_background;          // why it joins a later run (its first build, in the background)
  double memory_seconds = 0;    // its build and run, wall time
  bool memory_pending = false;  // a first verdict's: the check is still running, its outcome follows
};

// A problem as JSON (run_output.cpp): for --json and `kata check --json`.
nlohmann::json ProblemJson(const Problem& problem);
std::string Quote(const std::string& text);  // "text" in double quotes

class Commands {
 public:
  explicit Commands(GlobalOptions options);

  int Check(const CheckOptions& options);
  int Run(const std::string& spec);
  int MemoryBuild(const std::string& spec);  // the hidden `memory-build` (memory_check.h)
  int Progress();
  int Hint(const std::string& spec);
  // `last`: with no kata named, the kata run most recently (else the current one).
  int Watch(const std::string& spec, int max_runs, bool last = false);
  int Reset(const std::string& spec, bool yes);
  int Solution(const std::string& spec);
  int Verify();
  int Doctor();
  // The bug zoo: kata N's planted bugs and which tests catch each.
  int Mutants(const std::string& spec);
  // With a kata and a binary: the binary's own list of tests, each in a step.
  int Lint(const std::string& kata_spec = "", const std::string& binary = "");

 private:
  const std::vector<Kata>& Catalog();
  const Kata& Resolve(const std::string& spec);  // "" -> the current kata
  const Kata& CurrentKata();
  const Kata& LastRunKata();  // the kata whose last verdict is the newest; else the current one
  KataResult RunKata(const Kata& kata);
  void ShowFirstVerdict(const Kata& kata, const StepEvidence& evidence, const std::string& running_test,
                        const std::vector<int>& stress, bool memory_pending, const KataResult& result);
  void Record(const Kata& kata, const KataResult& result);
  bool FilesMissing(const Kata& kata, KataResult& result) const;
  bool Build(const Kata& kata, const SourceContext& context, KataResult& result);
  void Stress(const Kata& kata, const std::vector<int>& stress, const TestRunOptions& first,
              const SourceContext& context, StepEvidence& evidence, KataResult& result);
  void ApplySummary(const Kata& kata, const StepEvidence& evidence, const std::string& running_test,
                    KataResult& result) const;
  TestRunOptions FirstRunOptions(const Kata& kata) const;
  TestRun FirstRun(const Kata& kata, const TestRunOptions& first, const SourceContext& context, StepEvidence& evidence,
                   KataResult& result);
  std::unique_ptr<class MemoryCheck> StartMemoryCheck(const Kata& kata, const TestRunOptions& first,
                                                      const SourceContext& context);
  void AbsorbMemory(const Kata& kata, class MemoryCheck& memory, StepEvidence& evidence, KataResult& result);
  void PrintMemory(const KataResult& result);
  KataResult RunAndPrint(const Kata& kata);
  void PrintResult(const Kata& kata, const KataResult& result);
  void PrintSteps(const Kata& kata, const KataResult& result, bool title = true);
  void PrintVerdict(const Kata& kata, const KataResult& result);
  void PrintNext(const Kata& kata, const KataResult& result);
  static std::string StressLabel(const KataResult& result);
  void PrintJson(const Kata& kata, const KataResult& result);
  void PrintStress(const KataResult& result);
  void PrintProgressTable();
  void PrintCheck(const CheckOptions& check, const TestRun& run, const std::optional<Problem>& worst);
  int CheckJudge(const CheckOptions& check);
  int HintSurvivor(const Kata& kata, size_t step, KataProgress& state);
  // Judges the write-test steps that are green in `result.steps` (build
  // first: JudgeTargets); their problems join the evidence.
  void JudgeWrittenTests(const Kata& kata, const SourceContext& context, StepEvidence& evidence,
                         KataResult& result);
  std::string Shown(const std::filesystem::path& path) const;  // relative to cwd when shorter
  std::filesystem::path LogDir() const { return options_.build_dir / "kata-logs"; }

  GlobalOptions options_;
  Term term_;
  std::optional<std::vector<Kata>> catalog_;
  kata::Progress progress_;
  // Set by RunAndPrint: called once the first run has a verdict, before the
  // stress repetitions start.
  std::function<void(const KataResult&)> on_first_verdict_;
  // Set by watch: true once a new save comes in; stress repetitions then stop.
  const std::atomic<bool>* cancel_stress_ = nullptr;
};

}  // namespace kata
