// `kata progress`: every kata and step, done / current / locked.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"
#include <set>

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// "done", "current" or "locked" for each step of a kata: the first step not
// done is current when the kata was started or is the current kata.
std::vector<std::string> StepStatuses(const Kata& kata, const KataProgress* state, bool current_kata) {
  bool started = state != nullptr && !state->verdict.empty();
  bool current_seen = false;
  std::vector<std::string> statuses;
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    bool done = state != nullptr && i < state->steps.size() && state->steps[i] == StepState::kGreen;
    if (done) {
      statuses.push_back("done");
    } else if (!current_seen && (started || current_kata)) {
      statuses.push_back("current");
      current_seen = true;
    } else {
      statuses.push_back("locked");
    }
  }
  return statuses;
}

std::string Mark(const Term& term, const std::string& status) {
  if (status == "done") return term.Done();
  if (status == "current") return term.Yellow(term.unicode ? "▶" : ">");
  return term.Pending();
}

// One kata's line of the table (and its steps, one a line, when it is the
// current kata or started and not green).
void PrintKataRow(const Term& term, const Kata& kata, const KataProgress* state, const std::vector<std::string>& statuses,
                  bool current_kata, size_t width, size_t most_steps) {
  bool started = state != nullptr && !state->verdict.empty();
  std::string row;
  for (const auto& status : statuses) row += Mark(term, status);
  row += std::string(most_steps - kata.steps.size(), ' ');
  std::string last = started ? state->verdict + "  " + state->at : "not run yet";
  std::string title = fmt::format("{:>2}  {:<{}}", kata.number, kata.title.substr(0, width), width);
  std::cout << (current_kata ? term.Bold(title) : title) << " " << row << "  " << term.Dim(last) << "\n";
  if (!current_kata && !(started && state->verdict != "PASS")) return;
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    std::cout << "      " << Mark(term, statuses[i]) << " " << i + 1 << ". " << kata.steps[i].name << "  "
              << term.Dim(statuses[i]) << "\n";
  }
}

json KataJson(const Kata& kata, const KataProgress* state, const std::vector<std::string>& statuses) {
  bool started = state != nullptr && !state->verdict.empty();
  json steps = json::array();
  for (size_t i = 0; i < kata.steps.size(); ++i) {
    steps.push_back({{"number", i + 1}, {"name", kata.steps[i].name}, {"status", statuses[i]}});
  }
  return {{"kata", kata.id}, {"number", kata.number}, {"title", kata.title},
          {"last_verdict", started ? json(state->verdict) : json(nullptr)},
          {"at", started ? json(state->at) : json(nullptr)}, {"steps", steps}};
}

}  // namespace

void Commands::PrintProgressTable() {
  const auto& katas = Catalog();
  const Kata* current = &CurrentKata();
  size_t width = 0;       // the title column: the longest title, within reason
  size_t most_steps = 0;  // the step marks' column: as wide as the longest kata
  for (const auto& kata : katas) {
    width = std::max(width, kata.title.size());
    most_steps = std::max(most_steps, kata.steps.size());
  }
  width = std::min<size_t>(width, 48);
  int katas_green = 0;
  int steps_green = 0;
  int steps_total = 0;
  json out{{"katas", json::array()}};
  for (const auto& kata : katas) {
    const KataProgress* state = progress_.Find(kata.id);
    katas_green += state != nullptr && state->verdict == "PASS" ? 1 : 0;
    steps_total += static_cast<int>(kata.steps.size());
    std::vector<std::string> statuses = StepStatuses(kata, state, &kata == current);
    steps_green += static_cast<int>(std::count(statuses.begin(), statuses.end(), "done"));
    out["katas"].push_back(KataJson(kata, state, statuses));
    if (!options_.json) PrintKataRow(term_, kata, state, statuses, &kata == current, width, most_steps);
  }
  std::string summary = fmt::format("{} of {} katas, {} of {} steps", katas_green, katas.size(), steps_green, steps_total);
  if (options_.json) {
    out["summary"] = summary;
    out["current"] = current->id;
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "\n" << term_.Bold(summary) << "\n";
    std::cout << "next: `" << Typed("run", current->number) << "`\n";
  }
}

int Commands::Progress() {
  PrintProgressTable();
  return 0;
}

}  // namespace kata
