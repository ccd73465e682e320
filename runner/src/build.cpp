#include "build.h"

#include <algorithm>
#include <fstream>
#include <iostream>
#include <regex>

#include "process.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

std::string Relative(const std::string& path, const SourceContext& context) {
  std::string root = context.root.string();
  if (!root.empty() && root.back() != '/') root += '/';
  if (!root.empty() && path.compare(0, root.size(), root) == 0) return path.substr(root.size());
  return path;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    // Cut, as SplitLines in verdict.cpp does: std::regex recurses once per
    // character, and a line of some 30,000 characters overflowed the stack.
    lines.push_back(text.substr(start, std::min<size_t>(end - start, 8192)));
    start = end + 1;
  }
  return lines;
}

}  // namespace

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

Problem FirstCompileError(const std::string& log, const SourceContext& context) {
  Problem problem;
  problem.verdict = Verdict::kCompile;
  std::vector<std::string> lines = Lines(log);
  static const std::regex kError(R"(^(.+?):(\d+):(?:(\d+):)? (?:fatal )?error: (.*)$)");
  static const std::regex kUndefined(R"(undefined (?:reference to|symbol:) (.*)$)");
  static const std::regex kReferencedBy(R"(>>> referenced by ([^ ]+?):(\d+))");
  std::smatch match;
  // Prefer an error in the learner's folder; else the first error at all.
  int first = -1;
  int learner = -1;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (std::regex_match(lines[i], match, kError)) {
      if (first < 0) first = static_cast<int>(i);
      std::string file = Relative(match[1].str(), context);
      if (learner < 0 && !context.learner_prefix.empty() && file.rfind(context.learner_prefix, 0) == 0) {
        learner = static_cast<int>(i);
      }
    }
  }
  int chosen = learner >= 0 ? learner : first;
  if (chosen >= 0) {
    std::regex_match(lines[static_cast<size_t>(chosen)], match, kError);
    std::string file = Relative(match[1].str(), context);
    problem.location = file + ":" + match[2].str();
    problem.headline = problem.location + ": error: " + match[4].str();
    // gcc echoes the source line and a caret under it.
    for (size_t j = static_cast<size_t>(chosen) + 1; j < lines.size() && j <= static_cast<size_t>(chosen) + 2; ++j) {
      if (lines[j].find(" | ") == std::string::npos) break;
      problem.details.push_back("  " + lines[j]);
    }
    return problem;
  }
  // CMake re-running itself (a file was added or removed) can fail too.
  static const std::regex kCMakeError(R"(^CMake Error at (.+?):(\d+) \((\w+)\):?$)");
  for (size_t i = 0; i < lines.size(); ++i) {
    if (std::regex_match(lines[i], match, kCMakeError)) {
      problem.location = Relative(match[1].str(), context) + ":" + match[2].str();
      std::string message;
      for (size_t j = i + 1; j < lines.size() && j < i + 8; ++j) {
        if (lines[j].empty()) {
          if (!message.empty() && j + 1 < lines.size() && lines[j + 1].rfind("    ", 0) == 0) continue;
          if (!message.empty()) break;
          continue;
        }
        if (lines[j].rfind("Call Stack", 0) == 0) break;
        size_t start = lines[j].find_first_not_of(' ');
        if (start == std::string::npos) continue;
        message += (message.empty() ? "" : " ") + lines[j].substr(start);
      }
      problem.headline = "CMake failed at " + problem.location + ": " + message;
      problem.details.push_back("  (the build configuration, not a C++ file: a source file added, removed or renamed?)");
      return problem;
    }
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    if (std::regex_search(lines[i], match, kUndefined)) {
      problem.headline = "link error: undefined reference to " + match[1].str();
      for (size_t j = i + 1; j < lines.size() && j < i + 4; ++j) {
        std::smatch where;
        if (std::regex_search(lines[j], where, kReferencedBy)) {
          problem.details.push_back("  referenced by " + where[1].str() + ":" + where[2].str());
          break;
        }
      }
      if (i > 0 && lines[i - 1].find("in function") != std::string::npos) {
        problem.details.push_back("  " + Relative(lines[i - 1], context));
      }
      problem.details.push_back("  (a function declared in a header but not defined, or a source file missing)");
      return problem;
    }
  }
  for (const auto& line : lines) {
    if (line.find("error") != std::string::npos || line.find("FAILED") != std::string::npos) {
      problem.headline = Relative(line, context);
      return problem;
    }
  }
  problem.headline = "the build failed";
  return problem;
}

}  // namespace kata
