// `kata run N`: build the kata against the learner's files, run every step,
// then the stress repetitions, and summarise (summary.h).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>

#include "build.h"
#include "commands.h"
#include "judge.h"
#include "memory_check.h"
#include "real_sleeps.h"
#include "run_lock.h"
#include "stress.h"
#include "summary.h"
#include "typed.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

// The steps that run again under stress: stress steps with every step up to
// them green.
std::vector<int> StressSteps(const Kata& kata, const std::vector<StepState>& steps) {
  std::vector<int> stress;
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    bool green_so_far = std::all_of(steps.begin(), steps.begin() + static_cast<long>(i) + 1,
                                    [](StepState s) { return s == StepState::kGreen; });
    if (kata.steps[i].stress && green_so_far) stress.push_back(static_cast<int>(i));
  }
  return stress;
}

}  // namespace

void Commands::ApplySummary(const Kata& kata, const StepEvidence& evidence, const std::string& running_test,
                            KataResult& result) const {
  Summary summary = Summarize(kata, result.steps, evidence.problems(), running_test);
  result.verdict = summary.verdict;
  result.problem = std::move(summary.problem);
  result.red_step = summary.red_step;
  result.also_red = std::move(summary.also_red);
  result.next = std::move(summary.next);
  if (result.problem && (result.problem->verdict == Verdict::kRace || result.problem->verdict == Verdict::kDeadlock ||
                         result.problem->verdict == Verdict::kCrash || result.problem->verdict == Verdict::kMemory ||
                         result.problem->verdict == Verdict::kUb)) {
    result.problem->details.push_back("  full report: " + Shown(result.logs.back()));
  }
}

// A deleted learner file would otherwise surface as a baffling link error.
bool Commands::FilesMissing(const Kata& kata, KataResult& result) const {
  std::vector<std::string> have = LearnerFiles(kata.dir);
  std::vector<std::string> missing;
  for (const auto& file : LearnerFiles(kata.solution_dir)) {
    if (!std::binary_search(have.begin(), have.end(), file)) missing.push_back(file);
  }
  if (missing.empty()) return false;
  Problem problem{Verdict::kCompile, "", "", {}, kata.RelativeDir() + "/" + missing.front()};
  problem.headline = kata.RelativeDir() + "/" + missing.front() + " is missing (deleted or renamed?)";
  for (size_t i = 1; i < missing.size(); ++i) {
    problem.details.push_back("  also missing: " + kata.RelativeDir() + "/" + missing[i]);
  }
  result.verdict = Verdict::kCompile;
  result.next = "restore the starter file with `" + Typed("reset", kata.number) +
                "` (your other files are backed up first), or `git checkout -- " + kata.RelativeDir() + "/" +
                missing.front() + "`";
  result.problem = problem;
  return true;
}

// Builds the kata's test binary; false (with the verdict filled in) when it
// does not build or the build was interrupted.
bool Commands::Build(const Kata& kata, const SourceContext& context, KataResult& result) {
  std::vector<std::string> judges;
  if (std::any_of(kata.steps.begin(), kata.steps.end(), [](const Step& step) { return step.write_test; })) {
    judges.push_back("judges_" + kata.id);  // the write-the-test steps' judges (cmake/Katas.cmake)
  }
  BuildResult build = BuildTarget(options_.root, options_.build_dir, kata.Target(),
                                  LogDir() / (kata.id + ".build.log"), options_.verbose, judges);
  result.logs.push_back(build.log_path);
  result.build_seconds = build.seconds;
  if (build.ok) result.warnings = LearnerWarnings(build.log, context);
  if (build.interrupted) {
    result.interrupted = true;
    return false;
  }
  if (build.ok) return true;
  Problem problem = FirstCompileError(build.log, context);
  result.verdict = Verdict::kCompile;
  result.next = NextAction(kata, problem);
  result.problem = problem;
  return false;
}

// Runs the stress steps again in shuffled repetitions; the first red one
// joins the evidence, the others only count.
void Commands::Stress(const Kata& kata, const std::vector<int>& stress, const TestRunOptions& first,
                      const SourceContext& context, StepEvidence& evidence, KataResult& result) {
  StressOptions options;
  options.run = first;
  options.run.filter = kata.Filter(stress);
  options.run.verbose = false;  // the repetitions run side by side
  options.run.cancel = cancel_stress_;
  options.repetitions = kata.stress_repeat;
  options.seed = options_.seed;
  options.log_dir = LogDir();
  options.log_prefix = kata.id;
  StressOutcome outcome = RunStress(options, context);
  result.stressed = stress;
  result.stress_repeat = static_cast<int>(outcome.repetitions.size());
  result.stress_seconds = outcome.seconds;
  result.stress_summary = outcome.Summary();
  result.stress_cancelled = outcome.cancelled;
  result.interrupted = result.interrupted || (outcome.interrupted && !outcome.cancelled);
  for (const auto& repetition : outcome.repetitions) {
    result.stress_seeds.push_back(repetition.seed);
    if (repetition.worst) result.stress_red_seeds.push_back(repetition.seed);
    result.test_seconds += repetition.run.process.seconds;
  }
  auto red = outcome.Red();
  if (!red.empty()) {
    evidence.Absorb(red.front()->run.analysis);
    result.logs.push_back(red.front()->run.log_path);
    result.stress_replay = Typed("run", kata.number, red.front()->seed);
  }
}

namespace {

// A learner's test that sleeps for real: named next to the verdict, since
// a sleep only hopes the other thread got there, where a gate makes sure.
void ReportRealSleeps(const Kata& kata, const Step& step, KataResult& result) {
  std::ifstream in(kata.dir / "tests" / step.test_file);
  std::stringstream source;
  source << in.rdbuf();
  for (const auto& sleep : RealSleeps(source.str())) {
    result.warnings.push_back(fmt::format("{}/tests/{}:{}: your test sleeps for real ({}): make the other thread "
                                          "get there instead (a testkit Gate, Rendezvous or FakeClock, or the "
                                          "kata's seam) and wait with Eventually",
                                          kata.RelativeDir(), step.test_file, sleep.line, sleep.call));
  }
}

}  // namespace

void Commands::JudgeWrittenTests(const Kata& kata, const SourceContext& context, StepEvidence& evidence,
                                 KataResult& result) {
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    const Step& step = kata.steps[i];
    if (step.write_test) ReportRealSleeps(kata, step, result);
    if (!step.write_test || result.steps[i] != StepState::kGreen || result.interrupted) continue;
    JudgeOptions options = JudgeBinaries(kata, step, options_.build_dir / "bin");
    options.log_dir = LogDir();
    options.log_prefix = kata.id + ".judge";
    Judgement judgement = Judge(kata, step, options, context);
    result.judge_seconds += judgement.seconds;
    result.test_seconds += judgement.seconds;
    for (const auto* bug : judgement.survivors) result.survivors.push_back(bug->description);
    if (!judgement.problem) continue;
    Problem problem = *judgement.problem;
    problem.step = static_cast<int>(i);
    evidence.Add(std::move(problem));
    // The log that shows it: a survivor's run (its tests passed), or the
    // run against the reference (the failure).
    std::string log = judgement.survivors.empty() ? "reference" : judgement.survivors.front()->name;
    result.logs.push_back(options.log_dir / (options.log_prefix + "." + log + ".log"));
  }
}

// The second build's MEMORY and UB problems join the evidence, each in the
// step of its test; its log is the one a MEMORY or UB verdict points to.
void Commands::AbsorbMemory(const Kata& kata, MemoryCheck& memory, StepEvidence& evidence, KataResult& result) {
  MemoryOutcome outcome = memory.Wait(cancel_stress_);
  if (cancel_stress_ != nullptr && *cancel_stress_) result.stress_cancelled = true;  // watch: a file was saved
  result.memory_checked = outcome.ran;
  result.memory_seconds = outcome.seconds;
  result.memory_trouble = outcome.trouble;
  if (!outcome.background.empty()) {
    result.memory_background =
        outcome.background + (outcome.log_path.empty() ? "" : " (log: " + Shown(outcome.log_path) + ")");
  }
  for (Problem problem : outcome.problems) {
    problem.step = kata.StepOf(problem.test);
    result.memory_found.push_back(std::string(VerdictName(problem.verdict)) +
                                  (problem.step >= 0 ? " in step " + std::to_string(problem.step + 1) : "") +
                                  (problem.test.empty() ? "" : " (" + problem.test + ")"));
    evidence.Add(std::move(problem));
  }
  if (!outcome.problems.empty()) result.logs.push_back(outcome.log_path);
}

// The first run: every step's suites, once.
TestRunOptions Commands::FirstRunOptions(const Kata& kata) const {
  TestRunOptions first;
  first.binary = options_.build_dir / "bin" / kata.Target();
  first.filter = kata.Filter();
  first.timeout_seconds = kata.timeout_seconds;
  first.log_path = LogDir() / (kata.id + ".run.log");
  first.verbose = options_.verbose;
  return first;
}

// Runs the tests once and judges the written tests: the first verdict's evidence.
TestRun Commands::FirstRun(const Kata& kata, const TestRunOptions& first, const SourceContext& context,
                           StepEvidence& evidence, KataResult& result) {
  TestRun run = RunTests(first, context);
  result.logs.push_back(run.log_path);
  result.test_seconds += run.process.seconds;
  result.interrupted = run.process.interrupted;
  evidence.Absorb(run.analysis);
  bool completed = run.analysis.completed && !run.process.timed_out && !run.process.interrupted;
  if (completed) evidence.MarkStepsWithoutTests();
  result.steps = evidence.States(completed);
  JudgeWrittenTests(kata, context, evidence, result);
  return run;
}

// The second build's check of this kata, started; none when build/memory is
// not in use (memory_check.h).
std::unique_ptr<MemoryCheck> Commands::StartMemoryCheck(const Kata& kata, const TestRunOptions& first,
                                                        const SourceContext& context) {
  fs::path memory_dir = MemoryBuildDir(options_.root, options_.build_dir, options_.memory_build_dir);
  if (memory_dir.empty()) return nullptr;
  TestRunOptions run = first;
  run.log_path = LogDir() / (kata.id + ".memory.log");
  std::vector<std::string> steps;
  for (size_t i = 0; i < kata.steps.size(); ++i) steps.push_back(kata.Filter({static_cast<int>(i)}));
  std::error_code error;
  fs::path self = fs::read_symlink("/proc/self/exe", error);
  std::vector<std::string> background = {"setsid", "-f", "nice", "-n", "10", error ? "kata" : self.string(),
                                         "--root", options_.root.string(), "--build-dir",
                                         options_.build_dir.string(), "--memory-build-dir", memory_dir.string(),
                                         "memory-build", kata.id};
  return std::make_unique<MemoryCheck>(
      MemoryCheckOptions{options_.root, memory_dir, kata.Target(), run, steps, background}, context);
}

// The hidden `kata memory-build N`: the second build's first build, started
// in the background by `kata run` (memory_check.h).
int Commands::MemoryBuild(const std::string& spec) {
  const Kata& kata = Resolve(spec);
  fs::path memory_dir = MemoryBuildDir(options_.root, options_.build_dir, options_.memory_build_dir);
  if (memory_dir.empty()) return 0;
  return BuildSecondBuild(options_.root, memory_dir, kata.Target(), LogDir() / (kata.id + ".memory.build.log"));
}

// The first verdict, on screen before what follows it: the stress
// repetitions of `stress` and, when `memory_pending`, the second build's check.
void Commands::ShowFirstVerdict(const Kata& kata, const StepEvidence& evidence, const std::string& running_test,
                                const std::vector<int>& stress, bool memory_pending, const KataResult& result) {
  KataResult first_verdict = result;
  ApplySummary(kata, evidence, running_test, first_verdict);
  first_verdict.seconds = result.first_verdict_seconds;
  first_verdict.stressed = stress;
  first_verdict.stress_repeat = stress.empty() ? 0 : options_.seed ? 1 : kata.stress_repeat;
  first_verdict.memory_pending = memory_pending;
  on_first_verdict_(first_verdict);
}

KataResult Commands::RunKata(const Kata& kata) {
  RunLock lock(options_.build_dir, "kata run " + std::to_string(kata.number));
  KataResult result;
  auto start = std::chrono::steady_clock::now();
  auto since_start = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  result.steps.assign(kata.steps.size(), StepState::kNotRun);
  SourceContext context{options_.root, kata.RelativeDir() + "/", options_.source_dir};
  if (FilesMissing(kata, result)) return result;

  TestRunOptions first = FirstRunOptions(kata);
  // The second build (AddressSanitizer and UndefinedBehaviorSanitizer)
  // builds and runs on its own thread, beside this one.
  std::unique_ptr<MemoryCheck> memory = StartMemoryCheck(kata, first, context);
  result.memory_wanted = memory != nullptr;
  if (!Build(kata, context, result)) {
    result.seconds = since_start();
    return result;
  }
  StepEvidence evidence(kata);
  TestRun run = FirstRun(kata, first, context, evidence, result);
  bool completed = run.analysis.completed && !run.process.timed_out && !run.process.interrupted;
  bool hung = run.process.timed_out || result.interrupted;
  if (memory && hung) memory->Cancel();  // a hang is this run's to report
  // After an edit the second build is one file and a link away, as this one
  // was, and has usually finished by now: then its problems are part of the
  // first verdict. When it has not, the first build's verdict goes on screen
  // now and the second build's follows, as the stress repetitions' do. (Its
  // first build runs in the background and joins a later run.)
  if (memory && memory->Done()) {
    AbsorbMemory(kata, *memory, evidence, result);
    memory.reset();
  }
  result.steps = evidence.States(completed);
  result.first_verdict_seconds = since_start();

  // Concurrency steps run again, repeated and shuffled, once everything up
  // to them is green: a race that shows once in ten runs is still caught.
  std::vector<int> stress = StressSteps(kata, result.steps);
  auto stresses = [&] { return !stress.empty() && !result.interrupted && (kata.stress_repeat > 1 || options_.seed); };
  if ((stresses() || (memory && !hung)) && on_first_verdict_) {
    ShowFirstVerdict(kata, evidence, run.analysis.running_test, stresses() ? stress : std::vector<int>{},
                     memory && !hung, result);
  }
  if (memory) {
    AbsorbMemory(kata, *memory, evidence, result);
    memory.reset();
    result.steps = evidence.States(completed);
    stress = StressSteps(kata, result.steps);
  }
  bool stressing = stresses() && !result.stress_cancelled;
  if (stressing) Stress(kata, stress, first, context, evidence, result);
  result.steps = evidence.States(completed);
  ApplySummary(kata, evidence, run.analysis.running_test, result);
  if (run.used_setarch) {
    std::cerr << "kata: note: TSan needed `setarch -R` on this kernel (see `" << Typed("doctor") << "`)\n";
  }
  result.seconds = since_start();
  return result;
}

void Commands::Record(const Kata& kata, const KataResult& result) {
  if (result.interrupted || result.stress_cancelled) return;
  KataProgress& state = progress_.For(kata.id);
  state.verdict = std::string(VerdictName(result.verdict));
  state.at = Timestamp();
  // A build error says nothing new about the steps: keep what was known.
  if (result.verdict != Verdict::kCompile) state.steps = result.steps;
  if (result.verdict == Verdict::kPass) state.ever_green = true;
  if (result.verdict != Verdict::kCompile && result.survivors != state.survivors) {
    state.survivors = result.survivors;
    state.survivors_shown = 1;  // the verdict described the first
  }
  progress_.Save();
}

// Runs the kata and prints as it goes: the first run's verdict as soon as it
// exists, then, when stress repetitions follow, their outcome on its own line
// (and the new verdict, if they changed it).
KataResult Commands::RunAndPrint(const Kata& kata) {
  std::optional<KataResult> first;
  on_first_verdict_ = [&](const KataResult& result) {
    first = result;
    PrintSteps(kata, result);
    PrintVerdict(kata, result);
    std::string line = result.memory_pending ? "memory check" : "";
    if (!result.stressed.empty()) {
      line += (line.empty() ? "" : ", then ") + StressLabel(result) +
              fmt::format("{} shuffled repetition{}", result.stress_repeat, result.stress_repeat == 1 ? "" : "s");
    }
    line += " running...";
    std::cout << term_.Dim(line) << (term_.is_tty ? "" : "\n") << std::flush;
  };
  KataResult result = RunKata(kata);
  on_first_verdict_ = nullptr;
  if (result.interrupted) {
    if (first && term_.is_tty) std::cout << "\n";
    return result;
  }
  if (!first) {
    PrintResult(kata, result);
    return result;
  }
  if (term_.is_tty) std::cout << "\r\033[K";
  if (result.stress_cancelled) {
    std::string what = result.stressed.empty() ? "memory check: " : StressLabel(result);
    std::cout << term_.Dim(what + "stopped: a file was saved, so the kata runs again") << "\n";
    return result;
  }
  bool changed = result.verdict != first->verdict || result.red_step != first->red_step;
  if (changed) {
    bool memory = (result.verdict == Verdict::kMemory || result.verdict == Verdict::kUb) && !result.memory_found.empty();
    std::cout << term_.Bold(memory ? "the memory check changed the verdict:" : "the stress repetitions changed the verdict:")
              << "\n";
    PrintSteps(kata, result, false);
    PrintVerdict(kata, result);
  }
  PrintStress(result);
  PrintMemory(result);
  PrintNext(kata, result);
  return result;
}

int Commands::Run(const std::string& spec) {
  const Kata& kata = Resolve(spec);
  KataResult result = options_.json ? RunKata(kata) : RunAndPrint(kata);
  if (result.interrupted) {
    std::cerr << "kata: interrupted\n";
    return 130;
  }
  Record(kata, result);
  if (options_.json) PrintJson(kata, result);
  return result.verdict == Verdict::kPass ? 0 : 1;
}

}  // namespace kata
