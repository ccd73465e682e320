// `kata hint N`: the current step's hints, one more each time.
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

// A WEAK write-the-test step: each hint describes one more planted bug the
// learner's tests let through (the code only once the kata is green:
// `kata mutants N`).
int Commands::HintSurvivor(const Kata& kata, size_t step, KataProgress& state) {
  int total = static_cast<int>(state.survivors.size());
  state.survivors_shown = std::clamp(state.survivors_shown + 1, 1, total);
  std::cout << term_.Bold(fmt::format("Kata {}, step {} \"{}\": broken implementations your tests let through",
                                      kata.number, step + 1, kata.steps[step].name))
            << "\n";
  for (int i = 0; i < state.survivors_shown; ++i) {
    std::cout << "  " << term_.Yellow(fmt::format("{} of {}:", i + 1, total)) << " "
              << state.survivors[static_cast<size_t>(i)] << "\n";
  }
  std::cout << term_.Dim(state.survivors_shown < total
                             ? fmt::format("(`{}` again for the next one)", Typed("hint", kata.number))
                             : std::string("(that is every one; write a test each of them fails)"))
            << "\n";
  progress_.Save();
  return 0;
}

int Commands::Hint(const std::string& spec) {
  const Kata& kata = Resolve(spec);
  KataProgress& state = progress_.For(kata.id);
  size_t step = 0;
  while (step < kata.steps.size() && step < state.steps.size() && state.steps[step] == StepState::kGreen) ++step;
  if (step >= kata.steps.size()) {
    std::cout << "Kata " << kata.number << " is green: no hints needed. `" << Typed("solution", kata.number)
              << "` shows the reference.\n";
    return 0;
  }
  const Step& current = kata.steps[step];
  if (current.write_test && !state.survivors.empty()) return HintSurvivor(kata, step, state);
  int& shown = state.hints_shown[static_cast<int>(step)];
  int total = static_cast<int>(current.hints.size());
  if (total == 0) {
    std::cout << "Step " << step + 1 << " has no hints. Read the failing test: `" << Typed("run", kata.number) << "`\n";
    return 0;
  }
  shown = std::min(shown + 1, total);
  std::cout << term_.Bold(fmt::format("Kata {}, step {} \"{}\"", kata.number, step + 1, current.name)) << "\n";
  for (int i = 0; i < shown; ++i) {
    std::cout << "  " << term_.Yellow(fmt::format("hint {} of {}:", i + 1, total)) << " " << current.hints[static_cast<size_t>(i)] << "\n";
  }
  if (shown < total) {
    std::cout << term_.Dim(fmt::format("(`{}` again for the next one)", Typed("hint", kata.number))) << "\n";
  } else {
    std::cout << term_.Dim("(that was the last hint for this step)") << "\n";
  }
  if (state.verdict.empty()) {
    std::cout << term_.Dim(fmt::format("(kata {} has not been run yet: step 1 assumed; `{}` finds the real one)",
                                       kata.number, Typed("run", kata.number))) << "\n";
    state.verdict = "";
  }
  progress_.Save();
  return 0;
}

}  // namespace kata
