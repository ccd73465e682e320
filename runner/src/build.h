// Builds one kata's test binary through CMake/Ninja and, when that fails,
// finds the first compiler error worth showing.
//
// Thread safety: not thread-safe (runs child processes).
#pragma once

#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "verdict.h"

namespace kata {

struct BuildResult {
  bool ok = false;
  std::string log;
  std::filesystem::path log_path;
  double seconds = 0;
  bool configured = false;  // had to run CMake's configure step first
  bool interrupted = false;  // Ctrl-C
};

// Configures the build folder when it has no build.ninja yet (`cmake --preset
// kata` for the default folder, `--preset memory` for build/memory), then
// builds `target` with one ninja call. `quiet`: no progress line (a build
// that runs beside another); `cancel`: stops the build when it turns true.
BuildResult BuildTarget(const std::filesystem::path& root, const std::filesystem::path& build_dir,
                        const std::string& target, const std::filesystem::path& log_path, bool verbose,
                        const std::vector<std::string>& also = {},  // more targets, in the same ninja call
                        bool quiet = false, const std::atomic<bool>* cancel = nullptr);

// The first error in a compiler or linker log, trimmed: "file:line: message"
// plus the source line the compiler echoed. Paths relative to the root.
// A parse error ("expected ';' before ...") also shows the line before the
// one GCC names; an error inside a system or library header is traced back
// through "required from here" to the learner's line; an undefined symbol
// is demangled and its declaring header and defining file are named.
// (compile_errors.cpp)
Problem FirstCompileError(const std::string& log, const SourceContext& context);

// The compiler's warnings in the learner's files, one line each:
// "katas/08_counter/counter.cpp:6: warning: unused variable 'x' [-Wunused-variable]".
std::vector<std::string> LearnerWarnings(const std::string& log, const SourceContext& context);

}  // namespace kata
