// The judge of a write-the-test step: the learner's test, built against the
// reference solution and against each of the step's planted bugs (CMake's
// kata_add_judge builds the binaries), must pass on the first and fail on
// every other. A test that fails on the reference asks for something the
// task does not (FAIL); one that passes on a planted bug is WEAK.
//
// Thread safety: Judge runs the binaries on threads of its own and returns
// when they are done; call it from one thread at a time.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "catalog.h"
#include "verdict.h"

namespace kata {

struct JudgedBinary {
  const PlantedBug* bug = nullptr;  // nullptr: the reference
  std::filesystem::path binary;
};

struct JudgeOptions {
  std::filesystem::path reference;      // the test against the reference solution
  std::vector<JudgedBinary> mutants;    // the test against each planted bug
  std::filesystem::path log_dir;
  std::string log_prefix;               // "01_http_server.judge"
  double timeout_seconds = 10;
};

struct Judgement {
  Verdict verdict = Verdict::kPass;
  std::optional<Problem> problem;  // FAIL (invalid) or WEAK, with the step's test set by the caller
  int caught = 0;
  int total = 0;
  std::vector<const PlantedBug*> survivors;  // in the step's order
  std::vector<std::string> caught_by;        // per mutant: the verdict that caught it, or "survived"
  double seconds = 0;
};

// The filter that runs only the learner's suites of a write-test step (the
// suites its test file defines).
std::string WrittenTestFilter(const Kata& kata, const Step& step);

// The judge binaries `cmake/Katas.cmake` builds for a step, in the build's bin/.
JudgeOptions JudgeBinaries(const Kata& kata, const Step& step, const std::filesystem::path& bin_dir);

// Runs the reference first (an invalid test is not judged further), then
// every planted bug, as many at once as the machine has cores.
Judgement Judge(const Kata& kata, const Step& step, const JudgeOptions& options, const SourceContext& context);

}  // namespace kata
