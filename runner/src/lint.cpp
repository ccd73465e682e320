#include "lint.h"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "catalog.h"
#include "real_sleeps.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

const std::set<std::string> kKataKeys = {"title", "goal", "doc", "timeout_seconds", "stress_repeat", "uses", "steps"};
const std::set<std::string> kStepKeys = {"name", "suites", "stress", "hints", "kind", "test_file"};

std::string Where(const fs::path& file, const toml::node& node) {
  return file.string() + ":" + std::to_string(node.source().begin.line);
}

// Collects the problems of one kata, each as "file:line: what".
class Linter {
 public:
  Linter(const fs::path& root, const Kata& kata, std::ostream& out)
      : root_(root), kata_(kata), out_(out), file_(fs::path("katas") / kata.id / "kata.toml") {}

  int Run() {
    toml::table table = toml::parse_file((root_ / file_).string());
    LintTopLevel(table);
    if (const auto* steps = table["steps"].as_array()) {
      int number = 0;
      for (const auto& element : *steps) LintStep(element, ++number);
    }
    LintSuites();
    return problems_;
  }

 private:
  void Report(const std::string& where, const std::string& what) {
    out_ << where << ": " << what << "\n";
    ++problems_;
  }

  void LintTopLevel(const toml::table& table) {
    for (const auto& [key, node] : table) {
      if (!kKataKeys.contains(std::string(key.str()))) {
        Report(Where(file_, node), "unknown key '" + std::string(key.str()) +
                                       "' (known: title goal doc timeout_seconds stress_repeat uses steps)");
      }
    }
    for (const char* key : {"title", "goal", "doc"}) {
      if (!table[key].is_string() || table[key].value_or(std::string()).empty()) {
        Report(file_.string(), std::string("'") + key + "' is missing or empty");
      }
    }
  }

  void LintStep(const toml::node& element, int number) {
    const auto* step = element.as_table();
    std::string label = "step " + std::to_string(number);
    if (step == nullptr) {
      Report(Where(file_, element), label + " is not a table");
      return;
    }
    for (const auto& [key, node] : *step) {
      if (!kStepKeys.contains(std::string(key.str()))) {
        Report(Where(file_, node), label + ": unknown key '" + std::string(key.str()) + "' (known: name suites stress hints kind test_file)");
      }
    }
    const auto* suites = (*step)["suites"].as_array();
    if (suites == nullptr || suites->empty()) Report(Where(file_, *step), label + ": no suites");
    const auto* hints = (*step)["hints"].as_array();
    if (hints == nullptr || hints->empty()) {
      Report(Where(file_, *step), label + ": no hints");
    } else {
      for (const auto& hint : *hints) {
        if (hint.value_or(std::string()).empty()) Report(Where(file_, hint), label + ": an empty hint");
      }
    }
    if ((*step)["name"].value_or(std::string()).empty()) Report(Where(file_, *step), label + ": no name");
    if (static_cast<size_t>(number) <= kata_.steps.size() && kata_.steps[static_cast<size_t>(number - 1)].write_test) {
      LintWriteTest(kata_.steps[static_cast<size_t>(number - 1)], Where(file_, *step), label, number);
    }
  }

  // A write-the-test step: the skeleton and its reference exist, the step
  // lists every suite the skeleton defines, and at least four planted bugs
  // name the file, each with its one-line description, for this step.
  void LintWriteTest(const Step& step, const std::string& where, const std::string& label, int number) {
    fs::path skeleton = kata_.dir / "tests" / step.test_file;
    fs::path reference = root_ / "solutions" / kata_.id / "tests" / step.test_file;
    if (!fs::exists(skeleton)) Report(where, label + ": no skeleton katas/" + kata_.id + "/tests/" + step.test_file);
    if (!fs::exists(reference)) Report(where, label + ": no reference solutions/" + kata_.id + "/tests/" + step.test_file);
    // The reference shows the learner how: it never sleeps for real.
    std::ifstream in(reference);
    std::stringstream source;
    source << in.rdbuf();
    for (const auto& sleep : RealSleeps(source.str())) {
      Report("solutions/" + kata_.id + "/tests/" + step.test_file + ":" + std::to_string(sleep.line),
             "the reference test sleeps for real (" + sleep.call + "): use a gate, a seam or a fake clock");
    }
    for (const auto& suite : SuitesDefinedInFile(skeleton)) {
      if (std::find(step.suites.begin(), step.suites.end(), suite) == step.suites.end()) {
        Report(where, label + ": suite " + suite + " of " + step.test_file + " is not in its suites");
      }
    }
    if (step.bugs.size() < 4) {
      Report(where, label + ": " + std::to_string(step.bugs.size()) + " planted bugs name " + step.test_file +
                        " (`# test:` in tests/mutants/" + kata_.id + "/*.patch); a write-test step needs at least 4");
    }
    for (const auto& bug : step.bugs) {
      std::string patch = "tests/mutants/" + kata_.id + "/" + bug.name + ".patch";
      if (bug.description.empty()) Report(patch, "no '# bug:' line (the one-line description a learner is shown)");
      if (bug.step != number) Report(patch, "'# step: " + std::to_string(bug.step) + "', but its test file is step " +
                                                std::to_string(number) + "'s");
    }
  }

  // The suites the tests define against those the steps list.
  void LintSuites() {
    std::vector<SuiteDefinition> defined = SuitesDefinedIn(kata_.dir / "tests");
    std::set<std::string> listed;
    for (const auto& step : kata_.steps) {
      if (!step.learner_tests) listed.insert(step.suites.begin(), step.suites.end());
    }
    for (const auto& definition : defined) {
      if (!listed.contains(definition.suite)) {
        Report(fs::relative(definition.file, root_).string() + ":" + std::to_string(definition.line),
               "suite " + definition.suite + " is in no step of " + file_.string());
      }
    }
    for (const auto& suite : listed) {
      bool found = std::any_of(defined.begin(), defined.end(), [&](const SuiteDefinition& d) { return d.suite == suite; });
      if (!found) Report(file_.string(), "suite " + suite + " is listed but no test in katas/" + kata_.id + "/tests defines it");
    }
  }

  const fs::path& root_;
  const Kata& kata_;
  std::ostream& out_;
  fs::path file_;
  int problems_ = 0;
};

int LintKata(const fs::path& root, const Kata& kata, std::ostream& out) { return Linter(root, kata, out).Run(); }

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
