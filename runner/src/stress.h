// The stress phase of `kata run`: a kata's concurrency steps run again in
// separate processes, each with GoogleTest's shuffle under its own seed, as
// many at a time as there are cores. A race that shows once in ten runs is
// then caught, counted ("RACE in 3 of 10 repetitions") and replayable: the
// seed of a red repetition reorders the tests the same way again
// (`make kata-N SEED=S`).
//
// Thread safety: RunStress runs the repetitions on threads of its own and
// returns when they have all ended; call it from one thread.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "run_tests.h"
#include "verdict.h"

namespace kata {

struct StressOptions {
  TestRunOptions run;          // binary, filter (the stress steps), timeout
  int repetitions = 10;
  std::optional<int> seed;     // replay one repetition with this seed
  std::filesystem::path log_dir;
  std::string log_prefix;      // "08_counter" -> 08_counter.stress-3.log
};

struct Repetition {
  int seed = 0;
  TestRun run;
  std::optional<Problem> worst;  // the most serious problem, if any
};

struct StressOutcome {
  std::vector<Repetition> repetitions;  // those that ran, in seed order
  int planned = 0;                      // how many were to run
  bool stopped_early = false;  // a repetition hung or crashed: no more were started
  bool interrupted = false;
  bool cancelled = false;      // by StressOptions::run.cancel (a new save in watch)
  double seconds = 0;          // wall time of the whole phase

  // The red repetitions, in order.
  std::vector<const Repetition*> Red() const;
  // "RACE in 3 of 10 shuffled repetitions (first at seed 1234)", or
  // "10 shuffled repetitions clean".
  std::string Summary() const;
};

StressOutcome RunStress(const StressOptions& options, const SourceContext& context);

}  // namespace kata
