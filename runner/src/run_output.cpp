// How `kata run` prints its result: the steps, the verdict, the stress line, what to do next; or JSON.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"
#include "summary.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Quote(const std::string& text) { return "\"" + text + "\""; }

json ProblemJson(const Problem& problem) {
  return json{{"verdict", VerdictName(problem.verdict)},
              {"test", problem.test},
              {"headline", problem.headline},
              {"location", problem.location},
              {"details", problem.details}};
}

namespace {

// The compiler's warnings in the learner's files: shown, never hidden in the log.
void PrintWarnings(const KataResult& result, const Term& term) {
  if (result.warnings.empty()) return;
  std::cout << term.Yellow("warnings in your files:") << "\n";
  for (const auto& warning : result.warnings) std::cout << "  " << warning << "\n";
}

}  // namespace

void Commands::PrintSteps(const Kata& kata, const KataResult& result, bool title) {
  if (title) std::cout << term_.Bold(fmt::format("Kata {}: {}", kata.number, kata.title)) << "\n";
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
  PrintMemory(result);
  PrintNext(kata, result);
}

// The second build's line: what it found, unless that is the verdict shown.
void Commands::PrintMemory(const KataResult& result) {
  if (!result.memory_trouble.empty()) std::cout << term_.Bold("memory check: " + result.memory_trouble) << "\n";
  if (!result.memory_background.empty()) std::cout << term_.Dim("memory check: " + result.memory_background) << "\n";
  if (!result.memory_checked || result.verdict == Verdict::kMemory || result.verdict == Verdict::kUb) return;
  std::string found;
  for (const auto& one : result.memory_found) found += (found.empty() ? "" : ", ") + one;
  std::string line = "memory check (AddressSanitizer, UndefinedBehaviorSanitizer): " +
                     (found.empty() ? "nothing found" : found) + fmt::format(" ({:.1f} s)", result.memory_seconds);
  std::cout << (found.empty() ? term_.Dim(line) : term_.Bold(line)) << "\n";
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
           {"first_verdict_seconds", result.first_verdict_seconds}, {"judge_seconds", result.judge_seconds},
           {"memory_seconds", result.memory_seconds}, {"memory_checked", result.memory_checked},
           {"survivors", result.survivors}};
  if (!result.memory_background.empty()) out["memory_background"] = result.memory_background;
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

}  // namespace kata
