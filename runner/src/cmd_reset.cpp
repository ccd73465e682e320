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
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "process.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A starter file and the commit its pristine version is taken from.
struct Starter {
  std::string file;  // "player_server.cpp"
  std::string commit;
};

ProcessResult Git(const fs::path& root, std::vector<std::string> args) {
  SpawnOptions git;
  git.argv = {"git", "-C", root.string(), "-c", "core.pager=cat"};
  git.argv.insert(git.argv.end(), args.begin(), args.end());
  return RunProcess(git);
}

// The learner writes only in katas/; the workbook's own commits always change
// something outside it too (the solution, the tests, the docs). So a starter
// file's pristine version is the one in the newest commit that touched it
// and also touched a path outside katas/: the learner's commits never count,
// and a later fix of the starter by the workbook does. (Measured on this
// repository: every starter file resolves to its newest version.) A file no
// such commit touched is the learner's own, and is left alone.
std::vector<Starter> FindStarters(const fs::path& root, const Kata& kata) {
  ProcessResult log = Git(root, {"log", "--format=@%H", "--name-only", "--full-diff", "--", kata.RelativeDir() + "/"});
  if (log.exit_code != 0) {
    throw std::runtime_error("reset: the starter files come from git's history, and git said:\n" + log.output);
  }
  std::vector<Starter> starters;
  std::string commit;
  std::vector<std::string> files;
  auto take_commit = [&] {
    bool workbook = std::any_of(files.begin(), files.end(), [](const std::string& f) { return !f.starts_with("katas/"); });
    for (const auto& path : files) {
      fs::path relative(path);
      std::string ext = relative.extension().string();
      bool top_level = relative.parent_path() == fs::path(kata.RelativeDir());
      bool known = std::any_of(starters.begin(), starters.end(), [&](const Starter& s) { return s.file == relative.filename(); });
      if (workbook && top_level && (ext == ".cpp" || ext == ".h") && !known) {
        starters.push_back({relative.filename().string(), commit});
      }
    }
    files.clear();
  };
  std::istringstream lines(log.output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("@")) {
      take_commit();
      commit = line.substr(1);
    } else if (!line.empty()) {
      files.push_back(line);
    }
  }
  take_commit();
  std::sort(starters.begin(), starters.end(), [](const Starter& a, const Starter& b) { return a.file < b.file; });
  return starters;
}

fs::path BackupFolder(const fs::path& root, const Kata& kata) {
  std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &local);
  fs::path backup = root / ".kata-backups" / (kata.id + "-" + stamp);
  for (int i = 2; fs::exists(backup); ++i) {
    backup = root / ".kata-backups" / (kata.id + "-" + stamp + "-" + std::to_string(i));
  }
  return backup;
}

// 0 to go ahead; otherwise the exit code (the learner said no, or nobody
// could be asked).
int Confirm(const Kata& kata, size_t starters, const std::string& shown_backup) {
  if (isatty(0) == 0) {
    std::cerr << "kata reset: not a terminal, so not asking: pass --yes (or `make reset-" << kata.number
              << " YES=1`) to restore " << kata.RelativeDir() << "'s starter files (yours are copied to "
              << shown_backup << " first)\n";
    return 2;
  }
  std::cout << "Restore the starter files of kata " << kata.number << " (" << starters
            << " files)? Your current files are copied to " << shown_backup << " first. [y/N] " << std::flush;
  std::string answer;
  std::getline(std::cin, answer);
  if (answer == "y" || answer == "Y" || answer == "yes") return 0;
  std::cout << "Nothing changed.\n";
  return 1;
}

// Written whole or not at all: a temporary file, checked, then renamed.
void Restore(const fs::path& root, const Kata& kata, const Starter& starter, const std::string& shown_backup) {
  ProcessResult shown = Git(root, {"show", starter.commit + ":" + kata.RelativeDir() + "/" + starter.file});
  if (shown.exit_code != 0) {
    throw std::runtime_error("reset: git show failed for " + starter.file + " at " + starter.commit.substr(0, 12) +
                             "; your files are safe in " + shown_backup);
  }
  fs::path target = kata.dir / starter.file;
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

}  // namespace

int Commands::Reset(const std::string& spec, bool yes) {
  const Kata& kata = FindKata(Catalog(), spec);
  std::vector<Starter> starters = FindStarters(options_.root, kata);
  if (starters.empty()) {
    std::cerr << "kata reset: git has no starter files for " << kata.RelativeDir() << "\n";
    return 1;
  }
  std::vector<std::string> current = LearnerFiles(kata.dir);
  fs::path backup = BackupFolder(options_.root, kata);
  std::string shown_backup = backup.lexically_relative(options_.root).string();
  if (!yes) {
    if (int refused = Confirm(kata, starters.size(), shown_backup); refused != 0) return refused;
  }
  fs::create_directories(backup);  // throws fs::filesystem_error naming the folder
  for (const auto& file : current) fs::copy_file(kata.dir / file, backup / file);  // likewise, before anything changes
  for (const auto& starter : starters) Restore(options_.root, kata, starter, shown_backup);
  std::cout << "Backed up " << current.size() << " file(s) to " << shown_backup << "/\n";
  std::string restored;
  for (const auto& starter : starters) restored += (restored.empty() ? "" : ", ") + starter.file;
  std::cout << "Restored " << kata.RelativeDir() << "/: " << restored << "\n";
  for (const auto& file : current) {
    auto is_starter = [&](const Starter& starter) { return starter.file == file; };
    if (std::none_of(starters.begin(), starters.end(), is_starter)) {
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
