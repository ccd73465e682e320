// `kata verify`: every kata as the learner has it now.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

int Commands::Verify() {
  const auto& katas = Catalog();
  bool all_green = true;
  json results = json::array();
  for (const auto& kata : katas) {
    KataResult result = RunKata(kata);
    if (result.interrupted) {
      std::cerr << "kata: interrupted\n";
      return 130;
    }
    Record(kata, result);
    all_green = all_green && result.verdict == Verdict::kPass;
    if (options_.json) {
      results.push_back({{"kata", kata.id},
                         {"verdict", VerdictName(result.verdict)},
                         {"red_step", result.red_step >= 0 ? json(result.red_step + 1) : json(nullptr)},
                         {"problem", result.problem ? ProblemJson(*result.problem) : json(nullptr)}});
    } else {
      std::cout << term_.VerdictWord(result.verdict) << fmt::format("kata {:>2} {}", kata.number, kata.title);
      if (result.red_step >= 0) std::cout << fmt::format(" (step {})", result.red_step + 1);
      std::cout << term_.Dim(fmt::format("  {:.1f} s", result.seconds)) << "\n";
    }
  }
  if (options_.json) {
    std::cout << json{{"katas", results}, {"all_green", all_green}}.dump(2) << "\n";
  } else {
    std::cout << "\n";
    PrintProgressTable();
  }
  return all_green ? 0 : 1;
}

}  // namespace kata
