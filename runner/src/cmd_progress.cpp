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

void Commands::PrintProgressTable() {
  const auto& katas = Catalog();
  const Kata* current = &CurrentKata();
  int katas_green = 0;
  int steps_green = 0;
  int steps_total = 0;
  json out{{"katas", json::array()}};
  size_t width = 0;  // the title column: the longest title, within reason
  for (const auto& kata : katas) width = std::max(width, kata.title.size());
  width = std::min<size_t>(width, 48);
  size_t most_steps = 0;  // the step marks' column: as wide as the longest kata
  for (const auto& kata : katas) most_steps = std::max(most_steps, kata.steps.size());
  for (const auto& kata : katas) {
    const KataProgress* state = progress_.Find(kata.id);
    bool green = state != nullptr && state->verdict == "PASS";
    katas_green += green ? 1 : 0;
    steps_total += static_cast<int>(kata.steps.size());
    bool started = state != nullptr && !state->verdict.empty();
    std::vector<std::string> marks;
    bool current_seen = false;
    json steps = json::array();
    std::string row;
    for (size_t i = 0; i < kata.steps.size(); ++i) {
      bool done = state != nullptr && i < state->steps.size() && state->steps[i] == StepState::kGreen;
      std::string status;
      if (done) {
        status = "done";
        ++steps_green;
      } else if (!current_seen && (started || &kata == current)) {
        status = "current";
        current_seen = true;
      } else {
        status = "locked";
      }
      steps.push_back({{"number", i + 1}, {"name", kata.steps[i].name}, {"status", status}});
      row += status == "done" ? term_.Done() : status == "current" ? term_.Yellow(term_.unicode ? "▶" : ">") : term_.Pending();
    }
    std::string last = started ? state->verdict + "  " + state->at : "not run yet";
    out["katas"].push_back({{"kata", kata.id}, {"number", kata.number}, {"title", kata.title},
                            {"last_verdict", started ? json(state->verdict) : json(nullptr)},
                            {"at", started ? json(state->at) : json(nullptr)}, {"steps", steps}});
    if (!options_.json) {
      std::string title = fmt::format("{:>2}  {:<{}}", kata.number, kata.title.substr(0, width), width);
      row += std::string(most_steps - kata.steps.size(), ' ');
      std::cout << (&kata == current ? term_.Bold(title) : title) << " " << row << "  " << term_.Dim(last) << "\n";
      if (&kata == current || (started && !green)) {
        for (size_t i = 0; i < kata.steps.size(); ++i) {
          std::string status = steps[i]["status"];
          std::cout << "      " << (status == "done" ? term_.Done() : status == "current" ? term_.Yellow(term_.unicode ? "▶" : ">") : term_.Pending())
                    << " " << i + 1 << ". " << kata.steps[i].name << "  " << term_.Dim(status) << "\n";
        }
      }
    }
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
