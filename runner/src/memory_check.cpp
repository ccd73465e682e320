#include "memory_check.h"

#include <chrono>
#include <cstdlib>

#include "build.h"

namespace kata {

namespace fs = std::filesystem;

MemoryCheck::MemoryCheck(MemoryCheckOptions options, SourceContext context)
    : options_(std::move(options)), context_(std::move(context)) {
  options_.run.binary = options_.build_dir / "bin" / options_.target;
  options_.run.cancel = &cancel_;
  options_.run.verbose = false;
  built_before_ = fs::exists(options_.run.binary);
  thread_ = std::jthread([this] {
    Work();
    done_ = true;
  });
}

MemoryCheck::~MemoryCheck() {
  cancel_ = true;  // a run that ended early (a build error) does not wait for this one
}

MemoryOutcome MemoryCheck::Wait(const std::atomic<bool>* cancel) {
  while (cancel != nullptr && !done_) {
    if (*cancel) cancel_ = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (thread_.joinable()) thread_.join();
  outcome_.built_before = built_before_;
  return outcome_;
}

void MemoryCheck::Work() {
  auto start = std::chrono::steady_clock::now();
  fs::path build_log = options_.run.log_path;
  build_log.replace_extension(".build.log");
  BuildResult build = BuildTarget(options_.root, options_.build_dir, options_.target, build_log, false, {}, true,
                                  &cancel_);
  outcome_.build_seconds = build.seconds;
  if (cancel_) return;
  if (!build.ok) {
    outcome_.trouble = "the second build (AddressSanitizer) did not build: see " + build_log.string();
    return;
  }
  // Every step in one process first: when nothing is found, that is the
  // whole check. Only a report sends it step by step, to find the first
  // step that has one (the process stopped at the report it met first).
  std::vector<std::string> filters = {options_.run.filter};
  for (size_t pass = 0; pass < 2; ++pass) {
    for (const auto& filter : filters) {
      TestRunOptions step = options_.run;
      step.filter = filter;
      TestRun run = RunTests(step, context_);
      outcome_.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      outcome_.log_path = run.log_path;
      if (run.process.cancelled || run.process.interrupted || run.process.timed_out) return;  // the first build's
      outcome_.problems.clear();
      for (const auto& problem : run.analysis.problems) {
        if (problem.verdict == Verdict::kMemory || problem.verdict == Verdict::kUb) outcome_.problems.push_back(problem);
      }
      if (!outcome_.problems.empty()) break;
    }
    if (outcome_.problems.empty() || options_.step_filters.size() < 2) break;
    filters = options_.step_filters;
  }
  outcome_.ran = true;
}

fs::path MemoryBuildDir(const fs::path& root, const fs::path& build_dir, const fs::path& given) {
  if (const char* memory = std::getenv("KATA_MEMORY"); memory != nullptr && std::string(memory) == "0") return {};
  if (!given.empty()) return given;
  std::error_code error;
  bool default_layout = fs::weakly_canonical(build_dir, error) == fs::weakly_canonical(root / "build" / "kata", error) &&
                        fs::exists(root / "CMakePresets.json");
  return default_layout ? root / "build" / "memory" : fs::path();
}

}  // namespace kata
