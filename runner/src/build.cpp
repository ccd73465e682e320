#include "build.h"

#include <algorithm>
#include <fstream>
#include <iostream>

#include <unistd.h>

#include <chrono>
#include <regex>

#include "process.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

// Shows a long build's progress on stderr, from ninja's "[12/57]" lines: a
// line that updates itself on a terminal, a few plain lines in a pipe. A
// build of a few steps (a learner's edit) shows nothing.
class BuildProgress {
 public:
  explicit BuildProgress(std::string target) : target_(std::move(target)), tty_(isatty(STDERR_FILENO) != 0) {}
  ~BuildProgress() {
    if (shown_ && tty_) std::cerr << "\r\033[K" << std::flush;
  }

  void Feed(std::string_view chunk) {
    static const std::regex kStep(R"(\[(\d+)/(\d+)\])");
    pending_.append(chunk);
    size_t end;
    while ((end = pending_.find('\n')) != std::string::npos) {
      std::string line = pending_.substr(0, end);
      pending_.erase(0, end + 1);
      std::smatch match;
      if (line.size() < 4096 && std::regex_search(line, match, kStep)) Show(std::stoi(match[1]), std::stoi(match[2]));
    }
  }

 private:
  static constexpr int kBigBuild = 10;

  void Show(int done, int total) {
    if (total < kBigBuild) return;
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (tty_) {
      std::cerr << "\r\033[Kkata: building " << target_ << ": " << done << "/" << total << " ("
                << static_cast<int>(elapsed) << " s)" << std::flush;
      shown_ = true;
      return;
    }
    int quarter = done * 4 / total;
    if (!shown_ || quarter > last_quarter_) {
      std::cerr << "kata: building " << target_ << ": " << done << "/" << total << " steps ("
                << static_cast<int>(elapsed) << " s)" << (shown_ ? "" : "; a kata's first build takes a while") << "\n";
      shown_ = true;
      last_quarter_ = quarter;
    }
  }

  std::string target_;
  bool tty_;
  bool shown_ = false;
  int last_quarter_ = 0;
  std::string pending_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace


BuildResult BuildTarget(const fs::path& root, const fs::path& build_dir, const std::string& target,
                        const fs::path& log_path, bool verbose, const std::vector<std::string>& also, bool quiet,
                        const std::atomic<bool>* cancel) {
  BuildResult result;
  std::string log;
  auto echo = [verbose](std::string_view chunk) {
    if (verbose) std::cout << chunk << std::flush;
  };
  if (!fs::exists(build_dir / "build.ninja")) {
    result.configured = true;
    SpawnOptions configure;
    configure.cwd = root.string();
    configure.on_output = echo;
    configure.cancel = cancel;
    std::string preset;
    for (const char* name : {"kata", "memory"}) {
      if (fs::weakly_canonical(build_dir) == fs::weakly_canonical(root / "build" / name)) preset = name;
    }
    if (!preset.empty() && fs::exists(root / "CMakePresets.json")) {
      configure.argv = {"cmake", "--preset", preset};
    } else {
      configure.argv = {"cmake", "-S", root.string(), "-B", build_dir.string(), "-G", "Ninja",
                        "-DCMAKE_BUILD_TYPE=Debug"};
    }
    if (!quiet) std::cerr << "kata: configuring " << build_dir.string() << " (first run only; this takes a while)\n";
    ProcessResult configured = RunProcess(configure);
    result.interrupted = configured.interrupted;
    log += configured.output;
    result.seconds += configured.seconds;
    if (configured.exit_code != 0) {
      result.log = log;
      result.log_path = log_path;
      std::error_code error;
      fs::create_directories(log_path.parent_path(), error);
      std::ofstream(log_path) << log;
      return result;
    }
  }
  SpawnOptions build;
  build.cancel = cancel;
  BuildProgress progress(target);
  build.on_output = [&](std::string_view chunk) {
    if (quiet) return;
    echo(chunk);
    if (!verbose) progress.Feed(chunk);
  };
  if (!FindProgram("ninja").empty()) {
    build.argv = {"ninja", "-C", build_dir.string(), target};
  } else {
    build.argv = {"cmake", "--build", build_dir.string(), "--target", target};
  }
  build.argv.insert(build.argv.end(), also.begin(), also.end());
  ProcessResult built = RunProcess(build);
  result.interrupted = built.interrupted;
  log += built.output;
  result.seconds += built.seconds;
  result.ok = built.exit_code == 0;
  result.log = std::move(log);
  result.log_path = log_path;
  std::error_code error;
  fs::create_directories(log_path.parent_path(), error);
  std::ofstream(log_path) << result.log;
  return result;
}

}  // namespace kata
