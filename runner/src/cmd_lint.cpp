// `kata lint`: every kata.toml against its tests, for the workbook's authors.
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "commands.h"
#include "typed.h"
#include "lint.h"
#include "process.h"

namespace kata {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The suites in `--gtest_list_tests` output: the lines that end in '.'
// ("Suite.", "Prefix/Suite." for parameterised ones, "Suite/0." for typed
// ones, with "  # TypeParam" comments cut).
std::vector<std::string> ListedSuites(const std::string& listing) {
  std::vector<std::string> suites;
  size_t start = 0;
  while (start < listing.size()) {
    size_t end = listing.find('\n', start);
    if (end == std::string::npos) end = listing.size();
    std::string line = listing.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line[0] == ' ') continue;
    line = line.substr(0, line.find(' '));
    if (line.empty() || line.back() != '.') continue;
    line.pop_back();
    suites.push_back(line);  // "Suite", "Prefix/Suite" or "Suite/0": StepOf knows each form
  }
  return suites;
}

}  // namespace

int Commands::Lint(const std::string& kata_spec, const std::string& binary) {
  if (!binary.empty()) {
    if (kata_spec.empty()) throw UsageError("kata lint --binary needs the kata the binary belongs to");
    const Kata& kata = FindKata(Catalog(), kata_spec);
    SpawnOptions list;
    list.argv = {binary, "--gtest_list_tests"};
    ProcessResult listed = RunProcess(list);
    if (listed.exit_code != 0) throw std::runtime_error(binary + " --gtest_list_tests failed:\n" + listed.output);
    int orphans = 0;
    for (const auto& suite : ListedSuites(listed.output)) {
      int step = kata.StepOf(suite + ".x");
      if (step < 0 || kata.steps[static_cast<size_t>(step)].learner_tests) {
        std::cout << binary << ": suite " << suite << " is in no step of katas/" << kata.id << "/kata.toml\n";
        ++orphans;
      }
    }
    if (orphans > 0) return 1;
    std::cout << "kata lint: every test of " << fs::path(binary).filename().string() << " is in a step\n";
    return 0;
  }
  int problems = LintKatas(options_.root, std::cout);
  if (problems > 0) {
    std::cout << "kata lint: " << problems << " problem" << (problems > 1 ? "s" : "") << "\n";
    return 1;
  }
  std::cout << "kata lint: every kata.toml agrees with its tests (" << Catalog().size() << " katas)\n";
  return 0;
}

}  // namespace kata
