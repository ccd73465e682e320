#include "run_tests.h"

#include <sys/utsname.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>

#include "thread_dump.h"

namespace kata {

std::string TsanOptions() {
  // No halt_on_error: later tests still run and report. history_size=5 (of
  // 0-7; default 2) so the earlier access of a race still has its stack
  // ("[failed to restore the stack]" otherwise). handle_abort gives
  // abort() and uncaught exceptions a stack; second_deadlock_stack shows where
  // both mutexes of a lock-order inversion were taken.
  std::string options = "second_deadlock_stack=1:history_size=5:handle_abort=1:exitcode=66:color=never";
  if (const char* user = std::getenv("TSAN_OPTIONS"); user != nullptr && *user != '\0') {
    options += std::string(":") + user;
  }
  return options;
}

std::string Timestamp() {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &local);
  return buffer;
}

namespace {

// A crash that left no frame (a stack overflow TSan had no room to report):
// that one test again under gdb, which stops at the fault with the stack
// whole; its innermost frames show the recursion. Only on such a crash, so
// the cost (a few seconds) is paid only then.
std::string BacktraceUnderGdb(const SpawnOptions& spawn, const std::string& test) {
  std::string gdb = FindProgram("gdb");
  if (gdb.empty()) return "";
  SpawnOptions again = spawn;
  again.argv = {gdb, "-nx", "-batch", "-ex", "set pagination off", "-ex", "run", "-ex", "bt 40", "--args"};
  for (const auto& arg : spawn.argv) {
    again.argv.push_back(arg.starts_with("--gtest_filter=") ? "--gtest_filter=" + test : arg);
  }
  again.inspect_on_timeout = false;
  again.test_timeout_seconds = 60;
  again.on_output = nullptr;
  std::string output = RunProcess(again).output;
  return output.empty() ? "(gdb printed nothing)\n" : output;
}

}  // namespace

TestRun RunTests(const TestRunOptions& options, const SourceContext& context) {
  TestRun run;
  SpawnOptions spawn;
  spawn.argv = {options.binary.string(), "--gtest_color=no", "--gtest_filter=" + options.filter};
  if (options.repeat > 1) {
    spawn.argv.push_back("--gtest_repeat=" + std::to_string(options.repeat));
    spawn.argv.push_back("--gtest_shuffle");
  }
  if (options.shuffle_seed) {
    if (options.repeat <= 1) spawn.argv.push_back("--gtest_shuffle");
    spawn.argv.push_back("--gtest_random_seed=" + std::to_string(*options.shuffle_seed));
  }
  spawn.extra_env = {"TSAN_OPTIONS=" + TsanOptions(), "GTEST_COLOR=no"};
  spawn.test_timeout_seconds = options.timeout_seconds;
  spawn.inspect_on_timeout = true;
  spawn.cancel = options.cancel;
  if (options.verbose) {
    spawn.on_output = [](std::string_view chunk) { std::cout << chunk << std::flush; };
  }
  run.process = RunProcess(spawn);
  run.analysis = AnalyzeRun(run.process, context);
  if (run.analysis.tsan_mapping_error) {
    // Some kernels place memory where TSan cannot work (vm.mmap_rnd_bits > 28);
    // without address randomisation it can.
    utsname name{};
    uname(&name);
    std::vector<std::string> argv = {"setarch", name.machine, "-R"};
    argv.insert(argv.end(), spawn.argv.begin(), spawn.argv.end());
    spawn.argv = argv;
    run.process = RunProcess(spawn);
    run.analysis = AnalyzeRun(run.process, context);
    run.used_setarch = true;
  }
  std::string backtrace;
  if (const Problem* frameless = FramelessCrash(run.analysis); frameless != nullptr) {
    backtrace = BacktraceUnderGdb(spawn, frameless->test);
    ExplainFramelessCrash(run.analysis, backtrace, context);
  }
  run.log_path = options.log_path;
  if (!run.log_path.empty()) {
    std::error_code error;
    std::filesystem::create_directories(run.log_path.parent_path(), error);
    std::ofstream log(run.log_path);
    log << "$";
    for (const auto& arg : spawn.argv) log << ' ' << arg;
    log << "\n# TSAN_OPTIONS=" << TsanOptions() << "\n";
    log << run.process.output;
    if (run.process.timed_out) {
      log << "\n# kata: killed at the time limit (" << options.timeout_seconds << " s per test)";
      log << "\n# thread states: " << run.process.thread_states << "\n";
    }
    if (!run.process.thread_dump.empty()) log << "\n# gdb thread apply all bt:\n" << run.process.thread_dump;
    if (!backtrace.empty()) log << "\n" << kGdbBacktraceMarker << "\n" << backtrace;
  }
  return run;
}

void PrintProblem(const Problem& problem, const Term& term, const std::string& label) {
  std::cout << term.VerdictWord(problem.verdict) << label;
  if (!problem.test.empty()) std::cout << (label.empty() ? "" : ": ") << term.Bold(problem.test);
  std::cout << "\n  " << problem.headline << "\n";
  for (const auto& line : problem.details) std::cout << line << "\n";
}

}  // namespace kata
