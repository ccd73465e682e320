#include "lint.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "catalog.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kKataKeys = {"title", "goal", "doc", "timeout_seconds", "stress_repeat", "uses", "steps"};
const std::set<std::string> kStepKeys = {"name", "suites", "stress", "hints"};

std::string Where(const fs::path& file, const toml::node& node) {
  return file.string() + ":" + std::to_string(node.source().begin.line);
}

int LintKata(const fs::path& root, const Kata& kata, std::ostream& out) {
  int problems = 0;
  auto report = [&](const std::string& where, const std::string& what) {
    out << where << ": " << what << "\n";
    ++problems;
  };
  fs::path file = fs::path("katas") / kata.id / "kata.toml";
  toml::table table = toml::parse_file((root / file).string());
  for (const auto& [key, node] : table) {
    if (!kKataKeys.contains(std::string(key.str()))) {
      report(Where(file, node), "unknown key '" + std::string(key.str()) + "' (known: title goal doc timeout_seconds "
                                "stress_repeat uses steps)");
    }
  }
  for (const char* key : {"title", "goal", "doc"}) {
    if (!table[key].is_string() || table[key].value_or(std::string()).empty()) {
      report(file.string(), std::string("'") + key + "' is missing or empty");
    }
  }
  if (const auto* steps = table["steps"].as_array()) {
    int number = 0;
    for (const auto& element : *steps) {
      ++number;
      const auto* step = element.as_table();
      std::string label = "step " + std::to_string(number);
      if (step == nullptr) {
        report(Where(file, element), label + " is not a table");
        continue;
      }
      for (const auto& [key, node] : *step) {
        if (!kStepKeys.contains(std::string(key.str()))) {
          report(Where(file, node), label + ": unknown key '" + std::string(key.str()) + "' (known: name suites stress hints)");
        }
      }
      const auto* suites = (*step)["suites"].as_array();
      if (suites == nullptr || suites->empty()) report(Where(file, *step), label + ": no suites");
      const auto* hints = (*step)["hints"].as_array();
      if (hints == nullptr || hints->empty()) {
        report(Where(file, *step), label + ": no hints");
      } else {
        for (const auto& hint : *hints) {
          if (hint.value_or(std::string()).empty()) report(Where(file, hint), label + ": an empty hint");
        }
      }
      if ((*step)["name"].value_or(std::string()).empty()) report(Where(file, *step), label + ": no name");
    }
  }

  // The suites the tests define against those the steps list.
  std::vector<SuiteDefinition> defined = SuitesDefinedIn(kata.dir / "tests");
  std::set<std::string> listed;
  for (const auto& step : kata.steps) {
    if (step.learner_tests) continue;
    listed.insert(step.suites.begin(), step.suites.end());
  }
  for (const auto& definition : defined) {
    if (!listed.contains(definition.suite)) {
      report(fs::relative(definition.file, root).string() + ":" + std::to_string(definition.line),
             "suite " + definition.suite + " is in no step of " + file.string());
    }
  }
  for (const auto& suite : listed) {
    bool found = std::any_of(defined.begin(), defined.end(),
                             [&](const SuiteDefinition& d) { return d.suite == suite; });
    if (!found) report(file.string(), "suite " + suite + " is listed but no test in katas/" + kata.id + "/tests defines it");
  }
  return problems;
}

}  // namespace

int LintKatas(const fs::path& root, std::ostream& out) {
  int problems = 0;
  for (const auto& kata : LoadCatalog(root)) {
    try {
      problems += LintKata(root, kata, out);
    } catch (const toml::parse_error& error) {
      out << "katas/" << kata.id << "/kata.toml:" << error.source().begin.line << ": " << error.description() << "\n";
      ++problems;
    }
  }
  return problems;
}

}  // namespace kata
