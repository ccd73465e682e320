#include "build.h"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "process.h"

namespace kata {

namespace fs = std::filesystem;


BuildResult BuildTarget(const fs::path& root, const fs::path& build_dir, const std::string& target,
                        const fs::path& log_path, bool verbose) {
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
    bool default_dir = fs::weakly_canonical(build_dir) == fs::weakly_canonical(root / "build" / "kata");
    if (default_dir && fs::exists(root / "CMakePresets.json")) {
      configure.argv = {"cmake", "--preset", "kata"};
    } else {
      configure.argv = {"cmake", "-S", root.string(), "-B", build_dir.string(), "-G", "Ninja",
                        "-DCMAKE_BUILD_TYPE=Debug"};
    }
    std::cerr << "kata: configuring " << build_dir.string() << " (first run only; this takes a while)\n";
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
  build.on_output = echo;
  if (!FindProgram("ninja").empty()) {
    build.argv = {"ninja", "-C", build_dir.string(), target};
  } else {
    build.argv = {"cmake", "--build", build_dir.string(), "--target", target};
  }
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
