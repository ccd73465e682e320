#include "commands.h"

#include <fmt/format.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "build.h"
#include "lint.h"
#include "process.h"
#include "run_lock.h"
#include "stress.h"
#include "typed.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string Quote(const std::string& text) { return "\"" + text + "\""; }

json ProblemJson(const Problem& problem) {
  return json{{"verdict", VerdictName(problem.verdict)},
              {"test", problem.test},
              {"headline", problem.headline},
              {"location", problem.location},
              {"details", problem.details}};
}

// The compiler's warnings in the learner's files: shown, never hidden in the log.
void PrintWarnings(const KataResult& result, const Term& term) {
  if (result.warnings.empty()) return;
  std::cout << term.Yellow("warnings in your files:") << "\n";
  for (const auto& warning : result.warnings) std::cout << "  " << warning << "\n";
}

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
  return "";
}

std::string NextAction(const Kata& kata, const Problem& problem) {
  const std::string& where = problem.location;
  std::string number = std::to_string(kata.number);
  if (std::string next = NextForKind(problem); !next.empty()) return next;
  switch (problem.verdict) {
    case Verdict::kCompile:
      return where.empty() ? "fix the build error above (full log below)" : "fix " + where;
    case Verdict::kFail:
      if (problem.headline.rfind("KATA_TODO", 0) == 0) return "edit " + where + ": replace the KATA_TODO with your code";
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
    case Verdict::kPass:
      break;
  }
  return Typed("hint", kata.number);
}

}  // namespace

Commands::Commands(GlobalOptions options)
    : options_(std::move(options)),
      term_(Term::Detect(options_.no_color)),
      progress_(options_.build_dir / "kata-progress.json") {
  options_.root = fs::absolute(options_.root).lexically_normal();
  options_.build_dir = fs::absolute(options_.build_dir).lexically_normal();
  if (options_.state_file.empty()) options_.state_file = options_.build_dir / "kata-progress.json";
  progress_ = kata::Progress(options_.state_file);
  std::string note = progress_.Load();
  if (!note.empty()) std::cerr << "kata: note: " << note << "\n";
}

std::string Commands::Shown(const fs::path& path) const {
  std::error_code error;
  fs::path cwd = fs::current_path(error);
  if (error) return path.string();
  fs::path relative = path.lexically_relative(cwd);
  if (relative.empty() || relative.string().rfind("../..", 0) == 0) return path.string();
  return relative.string();
}

const std::vector<Kata>& Commands::Catalog() {
  if (!catalog_) catalog_ = LoadCatalog(options_.root);
  return *catalog_;
}

const Kata& Commands::CurrentKata() {
  const auto& katas = Catalog();
  if (katas.empty()) throw UsageError("there are no katas in " + (options_.root / "katas").string());
  for (const auto& kata : katas) {
    const KataProgress* state = progress_.Find(kata.id);
    if (state == nullptr || state->verdict != "PASS") return kata;
  }
  return katas.back();
}

const Kata& Commands::LastRunKata() {
  const Kata* last = nullptr;
  std::string newest;
  for (const auto& kata : Catalog()) {
    const KataProgress* state = progress_.Find(kata.id);
    if (state != nullptr && !state->at.empty() && state->at > newest) {
      newest = state->at;
      last = &kata;
    }
  }
  return last != nullptr ? *last : CurrentKata();
}

const Kata& Commands::Resolve(const std::string& spec) {
  if (spec.empty()) return CurrentKata();
  return FindKata(Catalog(), spec);
}

// ---- check ---------------------------------------------------------------

int Commands::Check(const CheckOptions& check) {
  SourceContext context{options_.root, "", options_.source_dir};
  TestRunOptions run_options;
  run_options.binary = check.binary;
  run_options.filter = check.filter;
  run_options.repeat = check.repeat;
  run_options.timeout_seconds = check.timeout_seconds;
  run_options.verbose = options_.verbose;
  size_t hash = std::hash<std::string>{}(check.filter + "/" + std::to_string(check.repeat));
  run_options.log_path = LogDir() / fmt::format("check-{}-{:08x}.log", fs::path(check.binary).filename().string(),
                                                static_cast<uint32_t>(hash));
  if (!fs::exists(check.binary)) {
    std::cerr << "kata check: no such binary: " << check.binary << "\n";
    return 2;
  }
  TestRun run = RunTests(run_options, context);
  std::optional<Problem> worst;
  for (const auto& problem : run.analysis.problems) {
    if (!worst || Severity(problem.verdict) > Severity(worst->verdict)) worst = problem;
  }
  Verdict verdict = worst ? worst->verdict : Verdict::kPass;
  int tests_run = static_cast<int>(run.analysis.tests.size());
  if (!worst && tests_run == 0) {
    worst = Problem{Verdict::kFail, "", "no test matches the filter " + check.filter, {}, ""};
    verdict = Verdict::kFail;
  }
  if (options_.json) {
    json out{{"verdict", VerdictName(verdict)},
             {"expected", VerdictName(check.expect)},
             {"tests", tests_run},
             {"log", run.log_path.string()},
             {"seconds", run.process.seconds}};
    if (worst) out["problem"] = ProblemJson(*worst);
    std::cout << out.dump(2) << "\n";
  } else {
    if (worst) {
      PrintProblem(*worst, term_, "");
      if (run.analysis.problems.size() > 1) {
        std::cout << "  (" << run.analysis.problems.size() - 1 << " more problem(s) in the log)\n";
      }
    } else {
      std::cout << term_.VerdictWord(verdict) << tests_run << " test(s)\n";
    }
    if (!worst || worst->location.empty()) {
    } else {
      std::cout << "  at " << worst->location << "\n";
    }
    std::cout << "log: " << Shown(run.log_path) << "\n";
  }
  if (verdict == check.expect) {
    if (!options_.json) std::cout << "kata check: " << VerdictName(verdict) << " as expected\n";
    return 0;
  }
  std::cerr << "kata check: expected " << VerdictName(check.expect) << ", got " << VerdictName(verdict) << "\n";
  return 1;
}

// ---- run -----------------------------------------------------------------

// Fills in the verdict: the first red step's most serious problem, or a
// problem outside every test, and what to do next.
void Commands::Decide(const Kata& kata, const std::vector<Problem>& problems, const std::string& running_test,
                      KataResult& result) {
  result.red_step = -1;
  result.problem.reset();
  result.also_red.clear();
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    if (result.steps[i] != StepState::kRed) continue;
    const Problem* worst = nullptr;
    for (const auto& problem : problems) {
      if (kata.StepOf(problem.test) != static_cast<int>(i)) continue;
      if (worst == nullptr || Severity(problem.verdict) > Severity(worst->verdict)) worst = &problem;
    }
    if (worst == nullptr) {
      for (const auto& problem : problems) {
        if (problem.test.empty() && problem.headline.find("step " + std::to_string(i + 1) + " ") == 0) worst = &problem;
      }
    }
    if (result.red_step < 0) {
      result.red_step = static_cast<int>(i);
      result.problem = worst != nullptr ? *worst : Problem{Verdict::kFail, "", "the step is red", {}, ""};
    } else {
      result.also_red.push_back("step " + std::to_string(i + 1) + " (" +
                                std::string(VerdictName(worst != nullptr ? worst->verdict : Verdict::kFail)) + ")");
    }
  }
  if (!result.problem) {
    // Nothing red in a step: a problem outside every test (a crash after the
    // last test, a race in a static destructor) still fails the run.
    for (const auto& problem : problems) {
      if (!result.problem || Severity(problem.verdict) > Severity(result.problem->verdict)) result.problem = problem;
    }
  }
  if (!result.problem && std::any_of(result.steps.begin(), result.steps.end(),
                                     [](StepState s) { return s != StepState::kGreen; })) {
    result.problem = Problem{Verdict::kCrash, running_test, "the run ended before every step ran", {}, ""};
  }
  result.verdict = result.problem ? result.problem->verdict : Verdict::kPass;
  if (result.problem) {
    result.next = NextAction(kata, *result.problem);
    if (result.problem->verdict == Verdict::kRace || result.problem->verdict == Verdict::kDeadlock ||
        result.problem->verdict == Verdict::kCrash) {
      result.problem->details.push_back("  full report: " + Shown(result.logs.back()));
    }
  }
}


KataResult Commands::RunKata(const Kata& kata) {
  RunLock lock(options_.build_dir, "kata run " + std::to_string(kata.number));
  KataResult result;
  auto start = std::chrono::steady_clock::now();
  result.steps.assign(kata.steps.size(), StepState::kNotRun);
  SourceContext context{options_.root, kata.RelativeDir() + "/", options_.source_dir};
  auto finish = [&]() {
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
  };

  // A deleted learner file would otherwise surface as a baffling link error.
  std::vector<std::string> have = LearnerFiles(kata.dir);
  std::vector<std::string> missing;
  for (const auto& file : LearnerFiles(kata.solution_dir)) {
    if (!std::binary_search(have.begin(), have.end(), file)) missing.push_back(file);
  }
  if (!missing.empty()) {
    Problem problem{Verdict::kCompile, "", "", {}, kata.RelativeDir() + "/" + missing.front()};
    problem.headline = kata.RelativeDir() + "/" + missing.front() + " is missing (deleted or renamed?)";
    for (size_t i = 1; i < missing.size(); ++i) problem.details.push_back("  also missing: " + kata.RelativeDir() + "/" + missing[i]);
    result.verdict = Verdict::kCompile;
    result.next = "restore the starter file with `" + Typed("reset", kata.number) +
                  "` (your other files are backed up first), or `git checkout -- " + kata.RelativeDir() + "/" +
                  missing.front() + "`";
    result.problem = problem;
    return finish();
  }

  BuildResult build = BuildTarget(options_.root, options_.build_dir, kata.Target(),
                                  LogDir() / (kata.id + ".build.log"), options_.verbose);
  result.logs.push_back(build.log_path);
  result.build_seconds = build.seconds;
  if (build.ok) result.warnings = LearnerWarnings(build.log, context);
  if (build.interrupted) {
    result.interrupted = true;
    return finish();
  }
  if (!build.ok) {
    Problem problem = FirstCompileError(build.log, context);
    result.verdict = Verdict::kCompile;
    result.next = NextAction(kata, problem);
    result.problem = problem;
    return finish();
  }

  fs::path binary = options_.build_dir / "bin" / kata.Target();
  std::vector<Problem> problems;
  std::vector<bool> ran(kata.steps.size(), false);
  std::vector<bool> unfinished(kata.steps.size(), false);
  auto absorb = [&](const TestRun& run) {
    for (const auto& test : run.analysis.tests) {
      int step = kata.StepOf(test.name);
      if (step < 0) continue;
      ran[static_cast<size_t>(step)] = true;
      if (!test.finished) unfinished[static_cast<size_t>(step)] = true;
    }
    for (const auto& problem : run.analysis.problems) problems.push_back(problem);
    result.test_seconds += run.process.seconds;
    result.interrupted = result.interrupted || run.process.interrupted;
  };
  auto states = [&](bool completed) {
    std::vector<StepState> out(kata.steps.size(), StepState::kNotRun);
    for (size_t i = 0; i < kata.steps.size(); ++i) {
      if (ran[i] && !unfinished[i]) out[i] = StepState::kGreen;
      if (ran[i] && unfinished[i]) out[i] = StepState::kRed;
      if (!ran[i] && completed) out[i] = StepState::kRed;  // a step with no tests at all
    }
    for (const auto& problem : problems) {
      int step = kata.StepOf(problem.test);
      if (step >= 0) out[static_cast<size_t>(step)] = StepState::kRed;
    }
    return out;
  };

  TestRunOptions first;
  first.binary = binary;
  first.filter = kata.Filter();
  first.timeout_seconds = kata.timeout_seconds;
  first.log_path = LogDir() / (kata.id + ".run.log");
  first.verbose = options_.verbose;
  TestRun run = RunTests(first, context);
  result.logs.push_back(run.log_path);
  absorb(run);
  bool completed = run.analysis.completed && !run.process.timed_out && !run.process.interrupted;
  result.steps = states(completed);
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    if (completed && !ran[i]) {
      problems.push_back({Verdict::kFail, "", "step " + std::to_string(i + 1) + " has no tests: no suite named " +
                                                  kata.steps[i].suites.front() + " (check kata.toml)", {}, ""});
    }
  }

  // Concurrency steps run again, repeated and shuffled, once everything up
  // to them is green: a race that shows once in ten runs is still caught.
  std::vector<int> stress;
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    bool earlier_green = std::all_of(result.steps.begin(), result.steps.begin() + static_cast<long>(i) + 1,
                                     [](StepState s) { return s == StepState::kGreen; });
    if (kata.steps[i].stress && earlier_green) stress.push_back(static_cast<int>(i));
  }
  result.first_verdict_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!stress.empty() && !result.interrupted && (kata.stress_repeat > 1 || options_.seed)) {
    if (on_first_verdict_) {
      // The first verdict goes on screen now; the repetitions follow it.
      KataResult first_verdict = result;
      Decide(kata, problems, run.analysis.running_test, first_verdict);
      first_verdict.seconds = result.first_verdict_seconds;
      first_verdict.stressed = stress;
      first_verdict.stress_repeat = options_.seed ? 1 : kata.stress_repeat;
      on_first_verdict_(first_verdict);
    }
    StressOptions stress_options;
    stress_options.run = first;
    stress_options.run.filter = kata.Filter(stress);
    stress_options.run.verbose = false;  // the repetitions run side by side
    stress_options.repetitions = kata.stress_repeat;
    stress_options.seed = options_.seed;
    stress_options.log_dir = LogDir();
    stress_options.log_prefix = kata.id;
    StressOutcome outcome = RunStress(stress_options, context);
    result.stressed = stress;
    result.stress_repeat = static_cast<int>(outcome.repetitions.size());
    result.stress_seconds = outcome.seconds;
    result.stress_summary = outcome.Summary();
    result.interrupted = result.interrupted || outcome.interrupted;
    auto red = outcome.Red();
    for (const auto& repetition : outcome.repetitions) {
      result.stress_seeds.push_back(repetition.seed);
      if (repetition.worst) result.stress_red_seeds.push_back(repetition.seed);
    }
    // The first red repetition tells the story; the others only count.
    if (!red.empty()) {
      absorb(red.front()->run);
      result.logs.push_back(red.front()->run.log_path);
      result.stress_replay = Typed("run", kata.number, red.front()->seed);
    } else if (!outcome.repetitions.empty()) {
      for (const auto& repetition : outcome.repetitions) result.test_seconds += repetition.run.process.seconds;
    }
    result.steps = states(completed);
  }

  Decide(kata, problems, run.analysis.running_test, result);
  if (run.used_setarch) {
    std::cerr << "kata: note: TSan needed `setarch -R` on this kernel (see `" << Typed("doctor") << "`)\n";
  }
  return finish();
}

void Commands::Record(const Kata& kata, const KataResult& result) {
  if (result.interrupted) return;
  KataProgress& state = progress_.For(kata.id);
  state.verdict = std::string(VerdictName(result.verdict));
  state.at = Timestamp();
  // A build error says nothing new about the steps: keep what was known.
  if (result.verdict != Verdict::kCompile) state.steps = result.steps;
  if (result.verdict == Verdict::kPass) state.ever_green = true;
  progress_.Save();
}

void Commands::PrintSteps(const Kata& kata, const KataResult& result) {
  std::cout << term_.Bold(fmt::format("Kata {}: {}", kata.number, kata.title)) << "\n";
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    std::string mark = result.steps[i] == StepState::kGreen ? term_.Done()
                       : result.steps[i] == StepState::kRed ? term_.Red_()
                                                            : term_.Pending();
    std::cout << "  " << mark << " " << i + 1 << ". " << kata.steps[i].name
              << (kata.steps[i].stress ? term_.Dim("  (stress)") : "") << "\n";
  }
  std::cout << "\n";
}

// The verdict word and the problem's condensed report.
void Commands::PrintVerdict(const Kata& kata, const KataResult& result) {
  if (!result.problem) {
    std::cout << term_.VerdictWord(Verdict::kPass) << fmt::format("every step is green ({:.1f} s)\n", result.seconds);
    return;
  }
  std::string label;
  if (result.red_step >= 0) {
    label = fmt::format("step {} {}", result.red_step + 1, Quote(kata.steps[static_cast<size_t>(result.red_step)].name));
  }
  if (label.empty() && result.problem->verdict == Verdict::kCompile) label = "the kata does not build";
  PrintProblem(*result.problem, term_, label);
  if (!result.also_red.empty()) {
    std::string joined;
    for (const auto& item : result.also_red) joined += (joined.empty() ? "" : ", ") + item;
    std::cout << term_.Dim("  also red: " + joined) << "\n";
  }
}

// Warnings in the learner's files, what to do now, and where the log is.
void Commands::PrintNext(const Kata& kata, const KataResult& result) {
  PrintWarnings(result, term_);
  if (!result.problem) {
    const auto& katas = Catalog();
    auto it = std::find_if(katas.begin(), katas.end(), [&](const Kata& k) { return k.number > kata.number; });
    std::cout << "next: compare with the reference (`" << Typed("solution", kata.number) << "`)";
    if (it != katas.end()) std::cout << ", then `" << Typed("run", it->number) << "` (" << it->title << ")";
    std::cout << "\n";
    return;
  }
  std::cout << "\n" << term_.Bold("next: ") << result.next;
  if (result.verdict != Verdict::kCompile) std::cout << "   (stuck? `" << Typed("hint", kata.number) << "`)";
  std::cout << "\n";
  if (!result.logs.empty()) std::cout << term_.Dim("log:  " + Shown(result.logs.back())) << "\n";
}

void Commands::PrintResult(const Kata& kata, const KataResult& result) {
  PrintSteps(kata, result);
  PrintVerdict(kata, result);
  PrintStress(result);
  PrintNext(kata, result);
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
    std::string line = StressLabel(result) + fmt::format("{} shuffled repetition{} running...", result.stress_repeat,
                                                          result.stress_repeat == 1 ? "" : "s");
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
  bool changed = result.verdict != first->verdict || result.red_step != first->red_step;
  if (changed) {
    std::cout << term_.Bold("the stress repetitions changed the verdict:") << "\n";
    PrintVerdict(kata, result);
  }
  PrintStress(result);
  PrintNext(kata, result);
  return result;
}

// The stress phase's line: which steps ran again and what they found.
std::string Commands::StressLabel(const KataResult& result) {
  std::string steps;
  for (int step : result.stressed) steps += (steps.empty() ? "" : ", ") + std::to_string(step + 1);
  return "stress (step" + std::string(result.stressed.size() > 1 ? "s " : " ") + steps + "): ";
}

void Commands::PrintStress(const KataResult& result) {
  if (result.stressed.empty()) return;
  std::string line = StressLabel(result) + result.stress_summary;
  bool red = !result.stress_red_seeds.empty();
  std::cout << (red ? term_.Bold(line) : term_.Dim(line)) << "\n";
  if (red) {
    std::cout << "  replay that order: " << result.stress_replay
              << (result.stress_red_seeds.size() < result.stress_seeds.size()
                      ? "   (the step passed in the other repetitions: a red one is still red)"
                      : "")
              << "\n";
  }
}

void Commands::PrintJson(const Kata& kata, const KataResult& result) {
  json steps = json::array();
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    steps.push_back({{"number", i + 1}, {"name", kata.steps[i].name}, {"state", StepStateName(result.steps[i])}});
  }
  json logs = json::array();
  for (const auto& log : result.logs) logs.push_back(log.string());
  json out{{"kata", kata.id},     {"number", kata.number},  {"title", kata.title},
           {"verdict", VerdictName(result.verdict)},         {"steps", steps},
           {"logs", logs},        {"next", result.next},    {"seconds", result.seconds},
           {"build_seconds", result.build_seconds},          {"test_seconds", result.test_seconds},
           {"first_verdict_seconds", result.first_verdict_seconds}};
  out["red_step"] = result.red_step >= 0 ? json(result.red_step + 1) : json(nullptr);
  json stressed = json::array();
  for (int step : result.stressed) stressed.push_back(step + 1);
  out["stressed_steps"] = stressed;  // steps that ran again, repeated and shuffled
  out["stress_repeat"] = result.stress_repeat;
  if (!result.stressed.empty()) {
    out["stress"] = {{"summary", result.stress_summary},
                     {"repetitions", result.stress_repeat},
                     {"seeds", result.stress_seeds},
                     {"red_seeds", result.stress_red_seeds},
                     {"replay", result.stress_replay.empty() ? json(nullptr) : json(result.stress_replay)},
                     {"seconds", result.stress_seconds}};
  }
  out["problem"] = result.problem ? ProblemJson(*result.problem) : json(nullptr);
  out["warnings"] = result.warnings;
  std::cout << out.dump(2) << "\n";
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

// ---- progress, hint --------------------------------------------------------

void Commands::PrintProgressTable() {
  const auto& katas = Catalog();
  const Kata* current = &CurrentKata();
  int katas_green = 0;
  int steps_green = 0;
  int steps_total = 0;
  json out{{"katas", json::array()}};
  size_t width = 0;  // the title column: the longest title, within reason
  for (const auto& kata : katas) width = std::max(width, kata.title.size());
  width = std::min<size_t>(width, 48);
  size_t most_steps = 0;  // the step marks' column: as wide as the longest kata
  for (const auto& kata : katas) most_steps = std::max(most_steps, kata.steps.size());
  for (const auto& kata : katas) {
    const KataProgress* state = progress_.Find(kata.id);
    bool green = state != nullptr && state->verdict == "PASS";
    katas_green += green ? 1 : 0;
    steps_total += static_cast<int>(kata.steps.size());
    bool started = state != nullptr && !state->verdict.empty();
    std::vector<std::string> marks;
    bool current_seen = false;
    json steps = json::array();
    std::string row;
    for (size_t i = 0; i < kata.steps.size(); ++i) {
      bool done = state != nullptr && i < state->steps.size() && state->steps[i] == StepState::kGreen;
      std::string status;
      if (done) {
        status = "done";
        ++steps_green;
      } else if (!current_seen && (started || &kata == current)) {
        status = "current";
        current_seen = true;
      } else {
        status = "locked";
      }
      steps.push_back({{"number", i + 1}, {"name", kata.steps[i].name}, {"status", status}});
      row += status == "done" ? term_.Done() : status == "current" ? term_.Yellow(term_.unicode ? "▶" : ">") : term_.Pending();
    }
    std::string last = started ? state->verdict + "  " + state->at : "not run yet";
    out["katas"].push_back({{"kata", kata.id}, {"number", kata.number}, {"title", kata.title},
                            {"last_verdict", started ? json(state->verdict) : json(nullptr)},
                            {"at", started ? json(state->at) : json(nullptr)}, {"steps", steps}});
    if (!options_.json) {
      std::string title = fmt::format("{:>2}  {:<{}}", kata.number, kata.title.substr(0, width), width);
      row += std::string(most_steps - kata.steps.size(), ' ');
      std::cout << (&kata == current ? term_.Bold(title) : title) << " " << row << "  " << term_.Dim(last) << "\n";
      if (&kata == current || (started && !green)) {
        for (size_t i = 0; i < kata.steps.size(); ++i) {
          std::string status = steps[i]["status"];
          std::cout << "      " << (status == "done" ? term_.Done() : status == "current" ? term_.Yellow(term_.unicode ? "▶" : ">") : term_.Pending())
                    << " " << i + 1 << ". " << kata.steps[i].name << "  " << term_.Dim(status) << "\n";
        }
      }
    }
  }
  std::string summary = fmt::format("{} of {} katas, {} of {} steps", katas_green, katas.size(), steps_green, steps_total);
  if (options_.json) {
    out["summary"] = summary;
    out["current"] = current->id;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "\n" << term_.Bold(summary) << "\n";
    std::cout << "next: `" << Typed("run", current->number) << "`\n";
  }
}

int Commands::Progress() {
  PrintProgressTable();
  return 0;
}

int Commands::Hint(const std::string& spec) {
  const Kata& kata = Resolve(spec);
  KataProgress& state = progress_.For(kata.id);
  size_t step = 0;
  while (step < kata.steps.size() && step < state.steps.size() && state.steps[step] == StepState::kGreen) ++step;
  if (step >= kata.steps.size()) {
    std::cout << "Kata " << kata.number << " is green: no hints needed. `" << Typed("solution", kata.number)
              << "` shows the reference.\n";
    return 0;
  }
  const Step& current = kata.steps[step];
  int& shown = state.hints_shown[static_cast<int>(step)];
  int total = static_cast<int>(current.hints.size());
  if (total == 0) {
    std::cout << "Step " << step + 1 << " has no hints. Read the failing test: `" << Typed("run", kata.number) << "`\n";
    return 0;
  }
  shown = std::min(shown + 1, total);
  std::cout << term_.Bold(fmt::format("Kata {}, step {} \"{}\"", kata.number, step + 1, current.name)) << "\n";
  for (int i = 0; i < shown; ++i) {
    std::cout << "  " << term_.Yellow(fmt::format("hint {} of {}:", i + 1, total)) << " " << current.hints[static_cast<size_t>(i)] << "\n";
  }
  if (shown < total) {
    std::cout << term_.Dim(fmt::format("(`{}` again for the next one)", Typed("hint", kata.number))) << "\n";
  } else {
    std::cout << term_.Dim("(that was the last hint for this step)") << "\n";
  }
  if (state.verdict.empty()) {
    std::cout << term_.Dim(fmt::format("(kata {} has not been run yet: step 1 assumed; `{}` finds the real one)",
                                       kata.number, Typed("run", kata.number))) << "\n";
    state.verdict = "";
  }
  progress_.Save();
  return 0;
}

// ---- reset, solution -------------------------------------------------------

int Commands::Reset(const std::string& spec, bool yes) {
  const Kata& kata = FindKata(Catalog(), spec);
  SpawnOptions list;
  list.argv = {"git", "-C", options_.root.string(), "ls-tree", "--name-only", "HEAD", kata.RelativeDir() + "/"};
  ProcessResult listed = RunProcess(list);
  if (listed.exit_code != 0) {
    std::cerr << "kata reset: the starter files come from git's last commit, and git said:\n" << listed.output;
    return 1;
  }
  std::vector<std::string> starters;
  size_t start = 0;
  while (start < listed.output.size()) {
    size_t end = listed.output.find('\n', start);
    if (end == std::string::npos) end = listed.output.size();
    std::string name = fs::path(listed.output.substr(start, end - start)).filename().string();
    std::string ext = fs::path(name).extension().string();
    if (ext == ".cpp" || ext == ".h") starters.push_back(name);
    start = end + 1;
  }
  if (starters.empty()) {
    std::cerr << "kata reset: git has no starter files for " << kata.RelativeDir() << "\n";
    return 1;
  }
  std::vector<std::string> current = LearnerFiles(kata.dir);
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  fs::path backup = options_.root / ".kata-backups" / (kata.id + "-" + stamp);
  for (int i = 2; fs::exists(backup); ++i) backup = options_.root / ".kata-backups" / (kata.id + "-" + stamp + "-" + std::to_string(i));
  std::string shown_backup = backup.lexically_relative(options_.root).string();

  if (!yes) {
    if (isatty(0) == 0) {
      std::cerr << "kata reset: not a terminal, so not asking: pass --yes (or `make reset-" << kata.number
                << " YES=1`) to restore " << kata.RelativeDir()
                << "'s starter files (yours are copied to " << shown_backup << " first)\n";
      return 2;
    }
    std::cout << "Restore the starter files of kata " << kata.number << " (" << starters.size()
              << " files)? Your current files are copied to " << shown_backup << " first. [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      std::cout << "Nothing changed.\n";
      return 1;
    }
  }
  fs::create_directories(backup);
  for (const auto& file : current) fs::copy_file(kata.dir / file, backup / file);
  for (const auto& file : starters) {
    SpawnOptions show;
    show.argv = {"git", "-C", options_.root.string(), "show", "HEAD:" + kata.RelativeDir() + "/" + file};
    ProcessResult shown = RunProcess(show);
    if (shown.exit_code != 0) {
      std::cerr << "kata reset: git show failed for " << file << "; your files are safe in " << shown_backup << "\n";
      return 1;
    }
    std::ofstream(kata.dir / file, std::ios::binary | std::ios::trunc) << shown.output;
  }
  std::cout << "Backed up " << current.size() << " file(s) to " << shown_backup << "/\n";
  std::string restored;
  for (const auto& file : starters) restored += (restored.empty() ? "" : ", ") + file;
  std::cout << "Restored " << kata.RelativeDir() << "/: " << restored << "\n";
  for (const auto& file : current) {
    if (std::find(starters.begin(), starters.end(), file) == starters.end()) {
      std::cout << "Left alone (not a starter file): " << kata.RelativeDir() << "/" << file << "\n";
    }
  }
  KataProgress& state = progress_.For(kata.id);
  state.verdict.clear();
  state.steps.clear();
  progress_.Save();
  std::cout << "next: `" << Typed("run", kata.number) << "`\n";
  return 0;
}

int Commands::Solution(const std::string& spec) {
  const Kata& kata = FindKata(Catalog(), spec);
  const KataProgress* state = progress_.Find(kata.id);
  if (state == nullptr || (state->verdict != "PASS" && !state->ever_green)) {
    std::cout << "Kata " << kata.number << " is not green yet"
              << (state != nullptr && !state->verdict.empty() ? " (last verdict: " + state->verdict + ")" : "")
              << ", so the reference stays closed: working it out is the point.\n"
              << "It opens once `" << Typed("run", kata.number) << "` says PASS. Stuck? `" << Typed("hint", kata.number)
              << "`.\n";
    return 1;
  }
  std::string diff = FindProgram("git").empty() ? "diff" : "git";
  for (const auto& file : LearnerFiles(kata.solution_dir)) {
    fs::path mine = kata.dir / file;
    fs::path reference = kata.solution_dir / file;
    std::cout << term_.Bold("== solutions/" + kata.id + "/" + file) << "\n";
    SpawnOptions show;
    if (!fs::exists(mine)) {
      std::ifstream in(reference);
      std::cout << in.rdbuf() << "\n";
      continue;
    }
    if (diff == "git") {
      show.argv = {"git", "diff", "--no-index", std::string("--color=") + (term_.color ? "always" : "never"),
                   "--", mine.string(), reference.string()};
    } else {
      show.argv = {"diff", "-u", mine.string(), reference.string()};
    }
    ProcessResult shown = RunProcess(show);
    if (shown.output.empty()) {
      std::cout << "(identical to yours)\n";
    } else {
      std::string text = shown.output;
      for (const auto& path : {mine.string(), reference.string()}) {
        std::string rel = fs::path(path).lexically_relative(options_.root).string();
        for (size_t at = text.find(path); at != std::string::npos; at = text.find(path, at + rel.size())) {
          text.replace(at, path.size(), rel);
        }
      }
      std::cout << text;
    }
  }
  std::cout << term_.Dim("(- lines are yours, + lines the reference's)") << "\n";
  return 0;
}

// ---- verify, doctor --------------------------------------------------------

int Commands::Verify() {
  const auto& katas = Catalog();
  bool all_green = true;
  json results = json::array();
  for (const auto& kata : katas) {
    KataResult result = RunKata(kata);
    if (result.interrupted) {
      std::cerr << "kata: interrupted\n";
      return 130;
    }
    Record(kata, result);
    all_green = all_green && result.verdict == Verdict::kPass;
    if (options_.json) {
      results.push_back({{"kata", kata.id},
                         {"verdict", VerdictName(result.verdict)},
                         {"red_step", result.red_step >= 0 ? json(result.red_step + 1) : json(nullptr)},
                         {"problem", result.problem ? ProblemJson(*result.problem) : json(nullptr)}});
    } else {
      std::cout << term_.VerdictWord(result.verdict) << fmt::format("kata {:>2} {}", kata.number, kata.title);
      if (result.red_step >= 0) std::cout << fmt::format(" (step {})", result.red_step + 1);
      std::cout << term_.Dim(fmt::format("  {:.1f} s", result.seconds)) << "\n";
    }
  }
  if (options_.json) {
    std::cout << json{{"katas", results}, {"all_green", all_green}}.dump(2) << "\n";
  } else {
    std::cout << "\n";
    PrintProgressTable();
  }
  return all_green ? 0 : 1;
}

// ---- lint ----------------------------------------------------------------

int Commands::Lint() {
  int problems = LintKatas(options_.root, std::cout);
  if (problems > 0) {
    std::cout << "kata lint: " << problems << " problem" << (problems > 1 ? "s" : "") << "\n";
    return 1;
  }
  std::cout << "kata lint: every kata.toml agrees with its tests (" << Catalog().size() << " katas)\n";
  return 0;
}

int Commands::Doctor() {
  int problems = 0;
  auto report = [&](bool ok, const std::string& what, const std::string& fix) {
    std::cout << (ok ? term_.Green("ok  ") : term_.Red("FIX ")) << what << "\n";
    if (!ok) {
      std::cout << "     " << fix << "\n";
      ++problems;
    }
  };
  auto warn = [&](bool ok, const std::string& what, const std::string& advice) {
    std::cout << (ok ? term_.Green("ok  ") : term_.Yellow("note")) << what << "\n";
    if (!ok) std::cout << "     " << advice << "\n";
  };
  auto version = [](std::vector<std::string> argv) {
    SpawnOptions spawn;
    spawn.argv = std::move(argv);
    spawn.test_timeout_seconds = 20;
    ProcessResult result = RunProcess(spawn);
    std::string first = result.output.substr(0, result.output.find('\n'));
    return result.exit_code == 0 ? first : std::string();
  };
  std::string install = "run scripts/install-deps (Debian packages)";
  std::string cmake = version({"cmake", "--version"});
  report(!cmake.empty(), "cmake: " + (cmake.empty() ? "missing" : cmake), install);
  std::string ninja = version({"ninja", "--version"});
  report(!ninja.empty(), "ninja: " + (ninja.empty() ? "missing" : ninja), install);
  std::string gxx = version({"g++", "--version"});
  report(!gxx.empty(), "g++: " + (gxx.empty() ? "missing" : gxx), install);
  bool fast_linker = !FindProgram("mold").empty() || !FindProgram("ld.lld").empty();
  warn(fast_linker, "a fast linker (mold or lld)", "install mold or lld: links take ~0.3 s instead of ~0.05 s");
  warn(!FindProgram("gdb").empty(), "gdb (thread dumps for DEADLOCK and TIMEOUT)", "install gdb to see where each thread was stuck");
  struct Header {
    const char* path;
    const char* what;
  };
  for (const Header& header : {Header{"/usr/src/googletest/CMakeLists.txt", "GoogleTest sources"},
                               Header{"/usr/include/nlohmann/json.hpp", "nlohmann-json"},
                               Header{"/usr/include/boost/version.hpp", "Boost"},
                               Header{"/usr/include/CLI/CLI.hpp", "CLI11"},
                               Header{"/usr/include/toml++/toml.h", "toml++"},
                               Header{"/usr/include/fmt/format.h", "fmt"}}) {
    report(fs::exists(header.path), std::string(header.what) + " (" + header.path + ")", install);
  }

  std::ifstream bits_file("/proc/sys/vm/mmap_rnd_bits");
  int bits = -1;
  bits_file >> bits;
  warn(bits <= 28, "vm.mmap_rnd_bits = " + std::to_string(bits),
       "above 28 ThreadSanitizer may stop with \"unexpected memory mapping\"; the runner then re-runs under "
       "`setarch -R`; a lasting fix: sudo sysctl vm.mmap_rnd_bits=28");

  // Does a TSan binary start, and does it find a planted race?
  std::error_code error;
  fs::path dir = fs::temp_directory_path() / ("kata-doctor-" + std::to_string(getpid()));
  fs::create_directories(dir, error);
  std::ofstream(dir / "race.cpp") << "#include <thread>\nint shared = 0;\n"
                                     "int main() { std::thread t([] { shared++; }); shared++; t.join(); return 0; }\n";
  SpawnOptions compile;
  compile.argv = {"g++", "-std=c++20", "-fsanitize=thread", "-g", "-O0", (dir / "race.cpp").string(), "-o",
                  (dir / "race").string()};
  ProcessResult compiled = RunProcess(compile);
  if (compiled.exit_code != 0) {
    report(false, "compile a ThreadSanitizer program", "g++ -fsanitize=thread failed:\n" + compiled.output);
  } else {
    SpawnOptions tsan;
    tsan.argv = {(dir / "race").string()};
    tsan.extra_env = {"TSAN_OPTIONS=" + TsanOptions()};
    tsan.test_timeout_seconds = 30;
    ProcessResult ran = RunProcess(tsan);
    bool mapping = ran.output.find("unexpected memory mapping") != std::string::npos;
    bool found = ran.output.find("data race") != std::string::npos;
    if (mapping) {
      utsname name{};
      uname(&name);
      tsan.argv = {"setarch", name.machine, "-R", (dir / "race").string()};
      ProcessResult retried = RunProcess(tsan);
      bool works = retried.output.find("data race") != std::string::npos;
      report(works, "ThreadSanitizer starts only under `setarch -R` on this kernel",
             works ? "" : "even `setarch -R` did not help: sudo sysctl vm.mmap_rnd_bits=28");
      if (works) {
        std::cout << "     the runner re-runs under `setarch " << name.machine
                  << " -R` automatically; to avoid the extra run: sudo sysctl vm.mmap_rnd_bits=28\n";
      }
    } else {
      report(found, "ThreadSanitizer starts and reports a planted data race",
             "the TSan test program did not report its race:\n" + ran.output.substr(0, 800));
    }
  }
  fs::remove_all(dir, error);
  bool configured = fs::exists(options_.build_dir / "build.ninja");
  warn(configured, "build folder " + Shown(options_.build_dir),
       "not configured yet: `kata run 1` (or `cmake --preset kata`) configures it on first use");
  std::cout << (problems == 0 ? "\nEverything needed is here.\n" : "\n" + std::to_string(problems) + " thing(s) to fix.\n");
  return problems == 0 ? 0 : 1;
}

}  // namespace kata
