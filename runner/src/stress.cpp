#include "stress.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <random>
#include <thread>

namespace kata {

namespace {

// GoogleTest takes seeds from 1 to 99999.
constexpr int kMaxSeed = 99999;

std::optional<Problem> Worst(const std::vector<Problem>& problems) {
  std::optional<Problem> worst;
  for (const auto& problem : problems) {
    if (!worst || Severity(problem.verdict) > Severity(worst->verdict)) worst = problem;
  }
  return worst;
}

// A repetition that hangs or dies costs seconds each time: after one, the
// rest would only repeat the wait.
bool Stops(const Repetition& repetition) {
  if (repetition.run.process.interrupted) return true;
  if (!repetition.worst) return false;
  Verdict verdict = repetition.worst->verdict;
  return verdict == Verdict::kDeadlock || verdict == Verdict::kTimeout || verdict == Verdict::kCrash;
}

}  // namespace

std::vector<const Repetition*> StressOutcome::Red() const {
  std::vector<const Repetition*> red;
  for (const auto& repetition : repetitions) {
    if (repetition.worst) red.push_back(&repetition);
  }
  return red;
}

std::string StressOutcome::Summary() const {
  auto red = Red();
  if (red.empty()) {
    return fmt::format("{} shuffled repetition{} clean ({:.1f} s)", repetitions.size(),
                       repetitions.size() == 1 ? "" : "s", seconds);
  }
  const Repetition* worst = red.front();
  for (const auto* repetition : red) {
    if (Severity(repetition->worst->verdict) > Severity(worst->worst->verdict)) worst = repetition;
  }
  std::string text = fmt::format("{} in {} of {} shuffled repetition{} (seed {})", VerdictName(worst->worst->verdict),
                                 red.size(), repetitions.size(), repetitions.size() == 1 ? "" : "s", worst->seed);
  int skipped = planned - static_cast<int>(repetitions.size());
  if (stopped_early && skipped > 0) {
    text += fmt::format("; the other {} were not started after it", skipped);
  }
  return text;
}

StressOutcome RunStress(const StressOptions& options, const SourceContext& context) {
  auto start = std::chrono::steady_clock::now();
  StressOutcome outcome;
  std::vector<int> seeds;
  if (options.seed) {
    seeds.push_back(*options.seed);
  } else {
    // Consecutive seeds from a random start that leaves room for all of them.
    int count = std::clamp(options.repetitions, 1, kMaxSeed);
    std::random_device random;
    int first = static_cast<int>(random() % static_cast<unsigned>(kMaxSeed - count + 1)) + 1;
    for (int i = 0; i < count; ++i) seeds.push_back(first + i);
  }
  outcome.planned = static_cast<int>(seeds.size());

  std::vector<std::optional<Repetition>> done(seeds.size());
  std::atomic<size_t> next = 0;
  std::atomic<bool> stop = false;
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  size_t workers = std::min<size_t>(cores, seeds.size());
  {
    std::vector<std::jthread> threads;
    for (size_t w = 0; w < workers; ++w) {
      threads.emplace_back([&] {
        auto cancelled = [&] { return options.run.cancel != nullptr && options.run.cancel->load(); };
        for (size_t i = next++; i < seeds.size() && !stop && !cancelled(); i = next++) {
          TestRunOptions run = options.run;
          run.repeat = 1;
          run.shuffle_seed = seeds[i];
          run.log_path = options.log_dir / fmt::format("{}.stress-{}.log", options.log_prefix, i + 1);
          Repetition repetition;
          repetition.seed = seeds[i];
          repetition.run = RunTests(run, context);
          if (repetition.run.process.cancelled) break;  // says nothing about the code: dropped
          repetition.worst = Worst(repetition.run.analysis.problems);
          if (!repetition.worst && !repetition.run.analysis.completed) {
            // Ended without gtest's summary and without a classified problem.
            repetition.worst = Problem{Verdict::kCrash, repetition.run.analysis.running_test,
                                       "the repetition ended before its tests had run", {}, ""};
          }
          if (Stops(repetition)) stop = true;
          done[i] = std::move(repetition);
        }
      });
    }
  }
  for (auto& repetition : done) {
    if (!repetition) continue;
    outcome.interrupted = outcome.interrupted || repetition->run.process.interrupted;
    outcome.repetitions.push_back(std::move(*repetition));
  }
  outcome.cancelled = options.run.cancel != nullptr && options.run.cancel->load();
  outcome.stopped_early = stop && !outcome.interrupted;
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return outcome;
}

}  // namespace kata
