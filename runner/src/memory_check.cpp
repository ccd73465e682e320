#include "memory_check.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>

#include "build.h"
#include "run_lock.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

// Starts `argv` (setsid -f ...: it leaves this process group at once) with
// its output in `log` and no other descriptor of ours. "" or why not.
std::string SpawnInBackground(const std::vector<std::string>& argv, const fs::path& log) {
  std::vector<char*> args;
  for (const auto& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addclosefrom_np(&actions, 3);
  pid_t pid = 0;
  int error = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (error != 0) {
    return "its background build did not start (" + std::string(argv[0]) + ", output to " + log.string() +
           "): " + std::strerror(error);
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "" : "its background build did not start: see " + log.string();
}

}  // namespace

MemoryCheck::MemoryCheck(MemoryCheckOptions options, SourceContext context)
    : options_(std::move(options)), context_(std::move(context)) {
  options_.run.binary = options_.build_dir / "bin" / options_.target;
  options_.run.cancel = &cancel_;
  options_.run.verbose = false;
  built_before_ = fs::exists(options_.run.binary);
  if (!built_before_) {
    StartBackgroundBuild();
    done_ = true;
    return;
  }
  thread_ = std::jthread([this] {
    // Niced, it and the processes it starts: when the two builds want the
    // same core, the first build's verdict, which the learner waits for, goes
    // first. (Linux: a thread's nice value, which its children inherit.)
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10);
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

void MemoryCheck::StartBackgroundBuild() {
  fs::path build_log = options_.run.log_path;
  build_log.replace_extension(".build.log");
  outcome_.log_path = build_log;
  {
    RunLock probe(options_.build_dir, "kata run", RunLock::NoWait{});
    if (!probe.held()) {
      outcome_.background = "its first build is still running in the background";
      return;
    }
  }  // released: the background build takes it
  fs::path spawn_log = options_.run.log_path;
  spawn_log.replace_extension(".background.log");
  std::error_code error;
  fs::create_directories(spawn_log.parent_path(), error);  // a fresh clone's first run has no log folder yet
  outcome_.trouble = SpawnInBackground(options_.background_command, spawn_log);
  if (outcome_.trouble.empty()) {
    outcome_.background = "its first build (AddressSanitizer) runs in the background, niced; it joins your next run";
  }
}

void MemoryCheck::Work() {
  auto start = std::chrono::steady_clock::now();
  fs::path build_log = options_.run.log_path;
  build_log.replace_extension(".build.log");
  RunLock lock(options_.build_dir, "kata run", RunLock::NoWait{});
  if (!lock.held()) {
    outcome_.background = "another build is using " + options_.build_dir.string() + "; it joins a later run";
    return;
  }
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

int BuildSecondBuild(const fs::path& root, const fs::path& build_dir, const std::string& target,
                     const fs::path& log_path) {
  RunLock lock(build_dir, "the second build of " + target + ", in the background", RunLock::NoWait{});
  if (!lock.held()) return 0;
  BuildResult build = BuildTarget(root, build_dir, target, log_path, false, {}, true);
  return build.ok ? 0 : 1;
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
