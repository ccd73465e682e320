// `kata solution N`: once the kata is green, the reference and a diff against the learner's files.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"
#include "process.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

int Commands::Solution(const std::string& spec) {
  const Kata& kata = FindKata(Catalog(), spec);
  const KataProgress* state = progress_.Find(kata.id);
  if (state == nullptr || (state->verdict != "PASS" && !state->ever_green)) {
    std::cout << "Kata " << kata.number << " is not green yet"
              << (state != nullptr && !state->verdict.empty() ? " (last verdict: " + state->verdict + ")" : "")
              << ", so the reference stays closed: working it out is the point.\n"
              << "It opens once `" << Typed("run", kata.number) << "` says PASS. Stuck? `" << Typed("hint", kata.number)
              << "`.\n";
    return 1;
  }
  std::string diff = FindProgram("git").empty() ? "diff" : "git";
  for (const auto& file : LearnerFiles(kata.solution_dir)) {
    fs::path mine = kata.dir / file;
    fs::path reference = kata.solution_dir / file;
    std::cout << term_.Bold("== solutions/" + kata.id + "/" + file) << "\n";
    SpawnOptions show;
    if (!fs::exists(mine)) {
      std::ifstream in(reference);
      std::cout << in.rdbuf() << "\n";
      continue;
    }
    if (diff == "git") {
      show.argv = {"git", "diff", "--no-index", std::string("--color=") + (term_.color ? "always" : "never"),
                   "--", mine.string(), reference.string()};
    } else {
      show.argv = {"diff", "-u", mine.string(), reference.string()};
    }
    ProcessResult shown = RunProcess(show);
    if (shown.output.empty()) {
      std::cout << "(identical to yours)\n";
    } else {
      std::string text = shown.output;
      for (const auto& path : {mine.string(), reference.string()}) {
        std::string rel = fs::path(path).lexically_relative(options_.root).string();
        for (size_t at = text.find(path); at != std::string::npos; at = text.find(path, at + rel.size())) {
          text.replace(at, path.size(), rel);
        }
      }
      std::cout << text;
    }
  }
  std::cout << term_.Dim("(- lines are yours, + lines the reference's)") << "\n";
  return 0;
}

}  // namespace kata
