// libFuzzer target: the runner's readers of tool output, on arbitrary text:
// kata::AnalyzeRun (runner/src/verdict.cpp) as a test binary's output, with
// the process's other facts (exit status, signal, time-out, gdb's thread
// dump) taken from the first byte, and kata::FirstCompileError
// (runner/src/build.cpp) as a compiler's log.
//
// Proves, besides "no crash, no ASan or UBSan report, no exception": they
// finish quickly on any text up to 64 KiB (their std::regex matching
// included: libFuzzer's -timeout fails a slow input), every problem found
// has a headline, a run that exited 0 on its own with no report has no
// problem, and a compile error always has a headline.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "build.h"
#include "process.h"
#include "verdict.h"

namespace {

constexpr std::size_t kMaxInput = 64 * 1024;

void Require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "property violated: %s\n", property);
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > kMaxInput) return 0;
  const uint8_t facts = data[0];
  const std::string text(reinterpret_cast<const char*>(data + 1), size - 1);

  kata::SourceContext context;
  context.root = "/work/main";
  context.source_dir = "/work/main";
  context.learner_prefix = (facts & 0x80) != 0 ? "" : "katas/01_http_server/";

  kata::ProcessResult process;
  process.output = text;
  process.exit_code = facts & 0x03;
  process.term_signal = (facts & 0x04) != 0 ? 6 : 0;
  process.timed_out = (facts & 0x08) != 0;
  process.all_blocked = (facts & 0x10) != 0;
  process.stopped_early = process.all_blocked && (facts & 0x20) != 0;
  if ((facts & 0x40) != 0) {
    process.thread_dump = text;  // the same text as gdb's backtraces
    process.thread_states = "101 S, 102 S";
  }

  try {
    const kata::RunAnalysis analysis = kata::AnalyzeRun(process, context);
    for (const auto& problem : analysis.problems) {
      Require(!problem.headline.empty(), "every problem has a headline");
    }
    const bool clean_exit =
        process.exit_code == 0 && process.term_signal == 0 && !process.timed_out;
    if (clean_exit && analysis.tsan_reports == 0 && analysis.memory_reports == 0 &&
        text.find("[  FAILED  ] ") == std::string::npos &&
        text.find("terminate called") == std::string::npos) {
      Require(analysis.problems.empty(), "a clean exit with nothing reported has no problem");
    }
    if (process.timed_out) {
      Require(!analysis.problems.empty(), "a run stopped at the time limit has a problem");
    }
    kata::CondenseThreadDump(text, context);

    const kata::Problem compile = kata::FirstCompileError(text, context);
    Require(compile.verdict == kata::Verdict::kCompile, "a compile error is a COMPILE verdict");
    Require(!compile.headline.empty(), "a compile error has a headline");
  } catch (const std::exception& error) {
    std::fprintf(stderr, "exception escaped: %s\n", error.what());
    Require(false, "no exception escapes the output readers");
  }
  return 0;
}
