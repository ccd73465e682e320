// `kata doctor`: the toolchain, the dependencies and ThreadSanitizer on this kernel.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"
#include <sys/utsname.h>
#include <unistd.h>

#include "process.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The doctor's findings, one line each: "ok", "FIX" (counted) or "note".
class Checklist {
 public:
  explicit Checklist(const Term& term) : term_(term) {}

  void Require(bool ok, const std::string& what, const std::string& fix) {
    std::cout << (ok ? term_.Green("ok  ") : term_.Red("FIX ")) << what << "\n";
    if (!ok) {
      std::cout << "     " << fix << "\n";
      ++problems_;
    }
  }
  void Recommend(bool ok, const std::string& what, const std::string& advice) {
    std::cout << (ok ? term_.Green("ok  ") : term_.Yellow("note")) << what << "\n";
    if (!ok) std::cout << "     " << advice << "\n";
  }
  int problems() const { return problems_; }

 private:
  const Term& term_;
  int problems_ = 0;
};

const char* const kInstall = "run scripts/install-deps (Debian packages)";

// The first line of `argv`'s output when it exits 0, else "".
std::string VersionOf(std::vector<std::string> argv) {
  SpawnOptions spawn;
  spawn.argv = std::move(argv);
  spawn.test_timeout_seconds = 20;
  ProcessResult result = RunProcess(spawn);
  std::string first = result.output.substr(0, result.output.find('\n'));
  return result.exit_code == 0 ? first : std::string();
}

void CheckToolchain(Checklist& checklist) {
  // clang++-14 builds the katas (the kata preset); g++ brings the standard
  // library both use, and is the second toolchain (the gcc preset).
  for (const char* tool : {"cmake", "ninja", "clang++-14", "g++"}) {
    std::string version = VersionOf({tool, "--version"});
    checklist.Require(!version.empty(), std::string(tool) + ": " + (version.empty() ? "missing" : version), kInstall);
  }
  bool fast_linker = !FindProgram("mold").empty() || !FindProgram("ld.lld").empty();
  checklist.Recommend(fast_linker, "a fast linker (mold or lld)",
                      "install mold or lld: links take ~0.3 s instead of ~0.05 s");
  checklist.Recommend(!FindProgram("gdb").empty(), "gdb (thread dumps for DEADLOCK and TIMEOUT)",
                      "install gdb to see where each thread was stuck");
  struct Header {
    const char* path;
    const char* what;
  };
  for (const Header& header : {Header{"/usr/src/googletest/CMakeLists.txt", "GoogleTest sources"},
                               Header{"/usr/include/nlohmann/json.hpp", "nlohmann-json"},
                               Header{"/usr/include/boost/version.hpp", "Boost"},
                               Header{"/usr/include/CLI/CLI.hpp", "CLI11"},
                               Header{"/usr/include/toml++/toml.h", "toml++"},
                               Header{"/usr/include/fmt/format.h", "fmt"}}) {
    checklist.Require(fs::exists(header.path), std::string(header.what) + " (" + header.path + ")", kInstall);
  }
}

// Runs the planted-race program; under `setarch -R` when TSan cannot map
// its memory with this kernel's address randomisation.
void CheckTsanRuns(Checklist& checklist, const fs::path& program) {
  SpawnOptions tsan;
  tsan.argv = {program.string()};
  tsan.extra_env = {"TSAN_OPTIONS=" + TsanOptions()};
  tsan.test_timeout_seconds = 30;
  ProcessResult ran = RunProcess(tsan);
  if (ran.output.find("unexpected memory mapping") == std::string::npos) {
    checklist.Require(ran.output.find("data race") != std::string::npos,
                      "ThreadSanitizer starts and reports a planted data race",
                      "the TSan test program did not report its race:\n" + ran.output.substr(0, 800));
    return;
  }
  utsname name{};
  uname(&name);
  tsan.argv = {"setarch", name.machine, "-R", program.string()};
  bool works = RunProcess(tsan).output.find("data race") != std::string::npos;
  checklist.Require(works, "ThreadSanitizer starts only under `setarch -R` on this kernel",
                    works ? "" : "even `setarch -R` did not help: sudo sysctl vm.mmap_rnd_bits=28");
  if (works) {
    std::cout << "     the runner re-runs under `setarch " << name.machine
              << " -R` automatically; to avoid the extra run: sudo sysctl vm.mmap_rnd_bits=28\n";
  }
}

// The C++ compiler a configured build folder uses (CMakeCache.txt), else the
// kata preset's.
std::string BuildCompiler(const fs::path& build_dir) {
  std::ifstream cache(build_dir / "CMakeCache.txt");
  for (std::string line; std::getline(cache, line);) {
    const std::string key = "CMAKE_CXX_COMPILER:";
    if (line.rfind(key, 0) == 0 && line.find('=') != std::string::npos) return line.substr(line.find('=') + 1);
  }
  return "clang++-14";
}

// The second build's sanitizers: does a planted overflow give its report?
void CheckMemorySanitizers(Checklist& checklist, const std::string& compiler, const fs::path& dir) {
  std::ofstream(dir / "overflow.cpp") << "#include <vector>\n"
                                         "int main(int argc, char**) { std::vector<int> v(3); int* p = v.data(); "
                                         "return p[argc + 2]; }\n";
  SpawnOptions compile;
  compile.argv = {compiler, "-std=c++20", "-fsanitize=address,undefined", "-fno-sanitize-recover=undefined", "-g",
                  "-O0", (dir / "overflow.cpp").string(), "-o", (dir / "overflow").string()};
  ProcessResult compiled = RunProcess(compile);
  if (compiled.exit_code != 0) {
    checklist.Require(false, "compile an AddressSanitizer program (the second build, MEMORY and UB)",
                      compiler + " -fsanitize=address,undefined failed:\n" + compiled.output.substr(0, 800));
    return;
  }
  SpawnOptions run;
  run.argv = {(dir / "overflow").string()};
  run.test_timeout_seconds = 30;
  ProcessResult ran = RunProcess(run);
  checklist.Require(ran.output.find("heap-buffer-overflow") != std::string::npos,
                    "AddressSanitizer and UndefinedBehaviorSanitizer report a planted overflow (the second build)",
                    "the test program did not report its overflow:\n" + ran.output.substr(0, 800));
}

// Does a TSan binary start on this kernel, and does it find a planted race?
void CheckThreadSanitizer(Checklist& checklist, const std::string& compiler) {
  std::ifstream bits_file("/proc/sys/vm/mmap_rnd_bits");
  int bits = -1;
  bits_file >> bits;
  checklist.Recommend(bits <= 28, "vm.mmap_rnd_bits = " + std::to_string(bits),
                      "above 28 ThreadSanitizer may stop with \"unexpected memory mapping\"; the runner then re-runs "
                      "under `setarch -R`; a lasting fix: sudo sysctl vm.mmap_rnd_bits=28");
  std::error_code error;
  fs::path dir = fs::temp_directory_path() / ("kata-doctor-" + std::to_string(getpid()));
  fs::create_directories(dir, error);
  std::ofstream(dir / "race.cpp") << "#include <thread>\nint shared = 0;\n"
                                     "int main() { std::thread t([] { shared++; }); shared++; t.join(); return 0; }\n";
  SpawnOptions compile;
  compile.argv = {compiler, "-std=c++20", "-fsanitize=thread", "-g", "-O0", (dir / "race.cpp").string(), "-o",
                  (dir / "race").string()};
  ProcessResult compiled = RunProcess(compile);
  if (compiled.exit_code != 0) {
    checklist.Require(false, "compile a ThreadSanitizer program", compiler + " -fsanitize=thread failed:\n" + compiled.output);
  } else {
    CheckTsanRuns(checklist, dir / "race");
  }
  CheckMemorySanitizers(checklist, compiler, dir);
  fs::remove_all(dir, error);
}

}  // namespace

int Commands::Doctor() {
  Checklist checklist(term_);
  CheckToolchain(checklist);
  std::string compiler = BuildCompiler(options_.build_dir);
  std::string version = VersionOf({compiler, "--version"});
  checklist.Require(!version.empty(), "the build's compiler: " + compiler + (version.empty() ? "" : " (" + version + ")"),
                    "it does not run: " + std::string(kInstall));
  CheckThreadSanitizer(checklist, compiler);
  bool configured = fs::exists(options_.build_dir / "build.ninja");
  checklist.Recommend(configured, "build folder " + Shown(options_.build_dir),
                      "not configured yet: `kata run 1` (or `cmake --preset kata`) configures it on first use");
  int problems = checklist.problems();
  std::cout << (problems == 0 ? "\nEverything needed is here.\n" : "\n" + std::to_string(problems) + " thing(s) to fix.\n");
  return problems == 0 ? 0 : 1;
}

}  // namespace kata
