#include "process.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <thread>

extern char** environ;

namespace kata {

volatile std::sig_atomic_t g_interrupted = 0;

namespace {

using Clock = std::chrono::steady_clock;

void OnInterrupt(int) { g_interrupted = 1; }

std::vector<std::string> BuildEnvironment(const std::vector<std::string>& extra) {
  std::map<std::string, std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string_view entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env[std::string(entry.substr(0, eq))] = std::string(entry.substr(eq + 1));
  }
  for (const auto& entry : extra) {
    auto eq = entry.find('=');
    env[entry.substr(0, eq)] = eq == std::string::npos ? "" : entry.substr(eq + 1);
  }
  std::vector<std::string> out;
  for (const auto& [name, value] : env) out.push_back(name + "=" + value);
  return out;
}

struct ThreadSample {
  std::map<std::string, char> states;
  std::map<std::string, long long> cpu_ticks;  // utime + stime per thread
};

ThreadSample SampleThreads(pid_t pid) {
  ThreadSample sample;
  std::string task_dir = "/proc/" + std::to_string(pid) + "/task";
  DIR* dir = opendir(task_dir.c_str());
  if (dir == nullptr) return sample;
  while (dirent* entry = readdir(dir)) {
    if (entry->d_name[0] == '.') continue;
    std::ifstream stat(task_dir + "/" + entry->d_name + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    auto paren = text.rfind(')');
    if (paren == std::string::npos) continue;
    std::istringstream fields(text.substr(paren + 2));
    std::vector<std::string> parts;
    std::string part;
    while (fields >> part) parts.push_back(part);
    if (parts.size() < 13) continue;
    sample.states[entry->d_name] = parts[0][0];
    sample.cpu_ticks[entry->d_name] = std::atoll(parts[11].c_str()) + std::atoll(parts[12].c_str());
  }
  closedir(dir);
  return sample;
}

// True when, over half a second, no thread made progress: every thread is
// waiting for something that will not happen. A thread makes progress when
// it is runnable in most samples or uses more than a few ticks of CPU; the
// sanitizer's own background thread wakes briefly every 100 ms and so is
// neither (a busy loop is both, even on a loaded machine).
bool AllThreadsBlocked(pid_t pid, std::string& description) {
  constexpr int kSamples = 5;
  std::vector<ThreadSample> samples;
  for (int i = 0; i < kSamples; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    samples.push_back(SampleThreads(pid));
  }
  const ThreadSample& first = samples.front();
  const ThreadSample& last = samples.back();
  bool progress = false;
  for (const auto& [tid, state] : last.states) {
    int runnable = 0;
    for (const auto& sample : samples) {
      auto it = sample.states.find(tid);
      if (it != sample.states.end() && it->second == 'R') ++runnable;
    }
    auto before = first.cpu_ticks.find(tid);
    long long used = before == first.cpu_ticks.end() ? 0 : last.cpu_ticks.at(tid) - before->second;
    if (runnable > kSamples / 2 || used > 3) progress = true;
    if (!description.empty()) description += ", ";
    description += tid + " " + state;
  }
  return !last.states.empty() && !progress;
}

}  // namespace

void InstallInterruptHandler() {
  struct sigaction action {};
  action.sa_handler = OnInterrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: poll() returns EINTR
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

std::string FindProgram(std::string_view name) {
  if (name.find('/') != std::string_view::npos) {
    return access(std::string(name).c_str(), X_OK) == 0 ? std::string(name) : "";
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  std::istringstream stream(dirs);
  std::string dir;
  while (std::getline(stream, dir, ':')) {
    std::string candidate = dir + "/" + std::string(name);
    if (access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

namespace {

// The child's process id and the read end of the pipe that carries its output.
struct Child {
  pid_t pid = -1;
  int output_fd = -1;
};

// Forks and execs options.argv in a process group of its own, stdin from
// /dev/null, stdout and stderr into one pipe. False (with the reason in
// result.output) when the pipe or the fork failed.
bool StartChild(const SpawnOptions& options, Child& child, ProcessResult& result) {
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) {
    result.spawn_failed = true;
    result.output = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  std::vector<std::string> env = BuildEnvironment(options.extra_env);
  std::vector<char*> argv;
  for (const auto& arg : options.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  for (const auto& entry : env) envp.push_back(const_cast<char*>(entry.c_str()));
  envp.push_back(nullptr);
  std::string program = FindProgram(options.argv.at(0));

  pid_t pid = fork();
  if (pid < 0) {
    result.spawn_failed = true;
    result.output = std::string("fork: ") + std::strerror(errno);
    close(fds[0]);
    close(fds[1]);
    return false;
  }
  if (pid == 0) {
    setpgid(0, 0);
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    int null_fd = open("/dev/null", O_RDONLY);
    if (null_fd >= 0) dup2(null_fd, 0);
    dup2(fds[1], 1);
    dup2(fds[1], 2);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) _exit(127);
    if (!program.empty()) execve(program.c_str(), argv.data(), envp.data());
    const char* message = "kata: cannot run ";
    (void)!write(2, message, std::strlen(message));
    (void)!write(2, argv[0], std::strlen(argv[0]));
    (void)!write(2, "\n", 1);
    _exit(127);
  }
  setpgid(pid, pid);
  close(fds[1]);
  child = {pid, fds[0]};
  return true;
}

double SecondsSince(Clock::time_point then) { return std::chrono::duration<double>(Clock::now() - then).count(); }

Clock::time_point After(double seconds) {
  return Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

// Reads the child's output until the pipe closes, or until it is interrupted,
// cancelled, past its per-test limit, or (quiet for a while) every thread is
// blocked. Returns whether the pipe is still open.
bool FollowOutput(const SpawnOptions& options, const Child& child, ProcessResult& result,
                  Clock::time_point& last_output) {
  const std::string run_marker = "[ RUN      ]";
  auto deadline = After(options.test_timeout_seconds);
  size_t scanned = 0;
  auto next_blocked_check = last_output;
  std::optional<Clock::time_point> sanitizer_failed_at;
  // After a lock-order report the verdict is DEADLOCK whatever follows, and
  // a run that then goes quiet has most likely hung on that very cycle: a
  // second of silence is enough before looking at the threads.
  bool lock_order_reported = false;
  while (true) {
    // TSan's own CHECK failed (a stack overflow, mostly): the process will
    // only hang or die now. A second to print the rest, then it is stopped.
    if (sanitizer_failed_at && SecondsSince(*sanitizer_failed_at) >= 1) {
      result.sanitizer_failed = true;
      return true;
    }
    if (g_interrupted || (options.cancel != nullptr && options.cancel->load())) {
      result.interrupted = true;
      result.cancelled = !g_interrupted;
      return true;
    }
    if (options.test_timeout_seconds > 0 && Clock::now() >= deadline) {
      result.timed_out = true;
      return true;
    }
    // Quiet for a while: if no thread can move, waiting for the limit would
    // only make the learner wait too.
    const double quiet_seconds = lock_order_reported ? std::min(1.0, options.quiet_seconds_before_deadlock_check)
                                                     : options.quiet_seconds_before_deadlock_check;
    if (options.inspect_on_timeout && quiet_seconds > 0 && SecondsSince(last_output) >= quiet_seconds &&
        Clock::now() >= next_blocked_check) {
      if (AllThreadsBlocked(child.pid, result.thread_states)) {
        result.timed_out = result.stopped_early = result.all_blocked = true;
        return true;
      }
      result.thread_states.clear();
      next_blocked_check = Clock::now() + std::chrono::seconds(2);
    }
    pollfd pfd{child.output_fd, POLLIN, 0};
    int ready = poll(&pfd, 1, 100);
    if (ready < 0 && errno != EINTR) return true;
    if (ready <= 0) continue;
    char buffer[65536];
    ssize_t n = read(child.output_fd, buffer, sizeof buffer);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) return false;
    result.output.append(buffer, static_cast<size_t>(n));
    last_output = Clock::now();
    if (options.on_output) options.on_output(std::string_view(buffer, static_cast<size_t>(n)));
    // Each test that starts gets the full time again.
    size_t from = scanned > 64 ? scanned - 64 : 0;  // a marker may straddle two reads
    if (result.output.find(run_marker, from) != std::string::npos) deadline = After(options.test_timeout_seconds);
    if (!sanitizer_failed_at && result.output.find("ThreadSanitizer: CHECK failed", from) != std::string::npos) {
      sanitizer_failed_at = Clock::now();
    }
    if (result.output.find("ThreadSanitizer: lock-order-inversion", from) != std::string::npos) {
      lock_order_reported = true;
    }
    scanned = result.output.size();
  }
}

// At the time limit: whether any thread could still move, and gdb's
// backtrace of every thread (where gdb is installed).
void InspectStoppedChild(pid_t pid, ProcessResult& result) {
  if (!result.stopped_early) result.all_blocked = AllThreadsBlocked(pid, result.thread_states);
  std::string gdb = FindProgram("gdb");
  if (gdb.empty()) return;
  SpawnOptions dump;
  dump.argv = {gdb, "-nx", "-batch", "-p", std::to_string(pid), "-ex", "set pagination off",
               "-ex", "thread apply all bt"};
  dump.test_timeout_seconds = 20;
  result.thread_dump = RunProcess(dump).output;
}

// What is left in the pipe once the group is dead or has exited.
void DrainPipe(int fd, std::string& output) {
  char buffer[65536];
  int flags = fcntl(fd, F_GETFL);
  fcntl(fd, F_SETFL, flags | O_NONBLOCK);
  for (int i = 0; i < 100; ++i) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n > 0) {
      output.append(buffer, static_cast<size_t>(n));
      continue;
    }
    if (n == 0 || errno != EAGAIN) break;
    pollfd pfd{fd, POLLIN, 0};
    if (poll(&pfd, 1, 50) <= 0) break;
  }
}

// Waits for the child and records how it ended: its exit code, or the
// signal that killed it (unless the runner killed it).
void ReapChild(pid_t pid, ProcessResult& result) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
    if (result.exit_code == 127 && result.output.find("kata: cannot run") != std::string::npos) {
      result.spawn_failed = true;
    }
  } else if (WIFSIGNALED(status) && !result.timed_out && !result.interrupted && !result.sanitizer_failed) {
    result.term_signal = WTERMSIG(status);
  }
}

}  // namespace

ProcessResult RunProcess(const SpawnOptions& options) {
  ProcessResult result;
  auto start = Clock::now();
  Child child;
  if (!StartChild(options, child, result)) return result;
  auto last_output = Clock::now();
  bool open_pipe = FollowOutput(options, child, result, last_output);
  if (result.timed_out || result.interrupted || result.sanitizer_failed) {
    result.quiet_seconds = SecondsSince(last_output);
    if (result.timed_out && options.inspect_on_timeout) InspectStoppedChild(child.pid, result);
    kill(-child.pid, SIGKILL);
    kill(child.pid, SIGKILL);
  }
  if (open_pipe) DrainPipe(child.output_fd, result.output);
  close(child.output_fd);
  ReapChild(child.pid, result);
  result.seconds = SecondsSince(start);
  return result;
}

}  // namespace kata
