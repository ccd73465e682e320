#include "progress.h"

#include <fstream>
#include <nlohmann/json.hpp>

namespace kata {

using nlohmann::json;

std::string StepStateName(StepState state) {
  switch (state) {
    case StepState::kGreen: return "green";
    case StepState::kRed: return "red";
    case StepState::kNotRun: return "not_run";
  }
  return "not_run";
}

Progress::Progress(std::filesystem::path file) : file_(std::move(file)) {}

const KataProgress* Progress::Find(const std::string& kata_id) const {
  auto it = katas_.find(kata_id);
  return it == katas_.end() ? nullptr : &it->second;
}

std::string Progress::Load() {
  katas_.clear();
  std::ifstream in(file_);
  if (!in) return "";
  try {
    json state = json::parse(in);
    for (const auto& [id, entry] : state.at("katas").items()) {
      KataProgress kata;
      kata.verdict = entry.value("verdict", "");
      kata.at = entry.value("at", "");
      kata.ever_green = entry.value("ever_green", false);
      kata.survivors = entry.value("survivors", std::vector<std::string>{});
      kata.survivors_shown = entry.value("survivors_shown", 0);
      const json steps = entry.value("steps", json::array());
      const json hints = entry.value("hints_shown", json::object());
      for (const auto& step : steps) {
        std::string name = step.get<std::string>();
        kata.steps.push_back(name == "green" ? StepState::kGreen : name == "red" ? StepState::kRed : StepState::kNotRun);
      }
      for (const auto& [step, count] : hints.items()) {
        kata.hints_shown[std::stoi(step)] = count.get<int>();
      }
      katas_[id] = std::move(kata);
    }
    return "";
  } catch (const std::exception& error) {
    katas_.clear();
    return "the progress file " + file_.string() + " was unreadable (" + error.what() +
           "); starting afresh: it is rebuilt as you run katas";
  }
}

void Progress::Save() const {
  json state;
  state["version"] = 1;
  state["katas"] = json::object();
  for (const auto& [id, kata] : katas_) {
    json entry;
    entry["verdict"] = kata.verdict;
    entry["at"] = kata.at;
    entry["ever_green"] = kata.ever_green;
    entry["survivors"] = kata.survivors;
    entry["survivors_shown"] = kata.survivors_shown;
    entry["steps"] = json::array();
    for (auto step : kata.steps) entry["steps"].push_back(StepStateName(step));
    entry["hints_shown"] = json::object();
    for (const auto& [step, count] : kata.hints_shown) entry["hints_shown"][std::to_string(step)] = count;
    state["katas"][id] = entry;
  }
  std::error_code error;
  std::filesystem::create_directories(file_.parent_path(), error);
  std::filesystem::path temp = file_;
  temp += ".tmp";
  {
    std::ofstream out(temp);
    out << state.dump(2) << "\n";
    if (!out) return;  // derived data: failing to save is not fatal
  }
  std::filesystem::rename(temp, file_, error);
}

}  // namespace kata
