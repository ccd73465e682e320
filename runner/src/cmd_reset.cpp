// `kata reset N`: the starter files back, the learner's saved first.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"
#include <chrono>
#include <ctime>
#include <stdexcept>

#include "process.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

int Commands::Reset(const std::string& spec, bool yes) {
  const Kata& kata = FindKata(Catalog(), spec);
  SpawnOptions list;
  list.argv = {"git", "-C", options_.root.string(), "ls-tree", "--name-only", "HEAD", kata.RelativeDir() + "/"};
  ProcessResult listed = RunProcess(list);
  if (listed.exit_code != 0) {
    std::cerr << "kata reset: the starter files come from git's last commit, and git said:\n" << listed.output;
    return 1;
  }
  std::vector<std::string> starters;
  size_t start = 0;
  while (start < listed.output.size()) {
    size_t end = listed.output.find('\n', start);
    if (end == std::string::npos) end = listed.output.size();
    std::string name = fs::path(listed.output.substr(start, end - start)).filename().string();
    std::string ext = fs::path(name).extension().string();
    if (ext == ".cpp" || ext == ".h") starters.push_back(name);
    start = end + 1;
  }
  if (starters.empty()) {
    std::cerr << "kata reset: git has no starter files for " << kata.RelativeDir() << "\n";
    return 1;
  }
  std::vector<std::string> current = LearnerFiles(kata.dir);
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  fs::path backup = options_.root / ".kata-backups" / (kata.id + "-" + stamp);
  for (int i = 2; fs::exists(backup); ++i) backup = options_.root / ".kata-backups" / (kata.id + "-" + stamp + "-" + std::to_string(i));
  std::string shown_backup = backup.lexically_relative(options_.root).string();

  if (!yes) {
    if (isatty(0) == 0) {
      std::cerr << "kata reset: not a terminal, so not asking: pass --yes (or `make reset-" << kata.number
                << " YES=1`) to restore " << kata.RelativeDir()
                << "'s starter files (yours are copied to " << shown_backup << " first)\n";
      return 2;
    }
    std::cout << "Restore the starter files of kata " << kata.number << " (" << starters.size()
              << " files)? Your current files are copied to " << shown_backup << " first. [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") {
      std::cout << "Nothing changed.\n";
      return 1;
    }
  }
  fs::create_directories(backup);  // throws fs::filesystem_error naming the folder
  for (const auto& file : current) fs::copy_file(kata.dir / file, backup / file);  // likewise, before anything changes
  for (const auto& file : starters) {
    SpawnOptions show;
    show.argv = {"git", "-C", options_.root.string(), "-c", "core.pager=cat", "show", "HEAD:" + kata.RelativeDir() + "/" + file};
    ProcessResult shown = RunProcess(show);
    if (shown.exit_code != 0) {
      std::cerr << "kata reset: git show failed for " << file << "; your files are safe in " << shown_backup << "\n";
      return 1;
    }
    // Written whole or not at all: a temporary file, checked, then renamed.
    fs::path target = kata.dir / file;
    fs::path temporary = target;
    temporary += ".kata-reset";
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << shown.output;
    out.close();
    std::error_code renamed;
    if (!out) {
      fs::remove(temporary, renamed);
      throw std::runtime_error("reset: cannot write " + target.string() + "; your files are safe in " + shown_backup);
    }
    fs::rename(temporary, target, renamed);
    if (renamed) {
      throw std::runtime_error("reset: cannot replace " + target.string() + " (" + renamed.message() +
                               "); your files are safe in " + shown_backup);
    }
  }
  std::cout << "Backed up " << current.size() << " file(s) to " << shown_backup << "/\n";
  std::string restored;
  for (const auto& file : starters) restored += (restored.empty() ? "" : ", ") + file;
  std::cout << "Restored " << kata.RelativeDir() << "/: " << restored << "\n";
  for (const auto& file : current) {
    if (std::find(starters.begin(), starters.end(), file) == starters.end()) {
      std::cout << "Left alone (not a starter file): " << kata.RelativeDir() << "/" << file << "\n";
    }
  }
  KataProgress& state = progress_.For(kata.id);
  state.verdict.clear();
  state.steps.clear();
  progress_.Save();
  std::cout << "next: `" << Typed("run", kata.number) << "`\n";
  return 0;
}

}  // namespace kata
