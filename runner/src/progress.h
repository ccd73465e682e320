// The learner's progress: derived data in <build>/kata-progress.json. A
// missing or corrupt file is treated as "nothing done yet" and rewritten by
// the next run; it never stops the runner.
//
// Thread safety: not thread-safe; one runner process at a time writes it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace kata {

enum class StepState { kNotRun, kGreen, kRed };

struct KataProgress {
  std::string verdict;  // "" when never run
  std::string at;       // when that verdict was reached
  std::vector<StepState> steps;
  std::map<int, int> hints_shown;  // step index -> how many hints shown
  bool ever_green = false;
  // The planted bugs the learner's tests let through at the last run (a
  // write-the-test step, WEAK), and how many of them a hint has described.
  std::vector<std::string> survivors;
  int survivors_shown = 0;
};

class Progress {
 public:
  explicit Progress(std::filesystem::path file);
  // Reads the file; returns a note when it was corrupt (and so ignored).
  std::string Load();
  void Save() const;

  KataProgress& For(const std::string& kata_id) { return katas_[kata_id]; }
  const KataProgress* Find(const std::string& kata_id) const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::map<std::string, KataProgress> katas_;
};

std::string StepStateName(StepState state);

}  // namespace kata
