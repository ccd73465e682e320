#include "catalog.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <toml++/toml.h>

#include "parse_util.h"
#include "typed.h"
#include "verdict.h"

namespace kata {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> StringArray(const toml::node_view<const toml::node>& node) {
  std::vector<std::string> out;
  if (const auto* array = node.as_array()) {
    for (const auto& element : *array) {
      if (auto value = element.value<std::string>()) out.push_back(*value);
    }
  }
  return out;
}

// The suites of the kata's tests that kata.toml does not list become the
// last step.
void AddLearnerTests(Kata& kata) {
  std::set<std::string> listed;
  for (const auto& step : kata.steps) listed.insert(step.suites.begin(), step.suites.end());
  Step own;
  own.name = "Your own tests";
  own.learner_tests = true;
  for (const auto& definition : SuitesDefinedIn(kata.dir / "tests")) {
    if (!listed.contains(definition.suite)) own.suites.push_back(definition.suite);
  }
  if (own.suites.empty()) return;
  own.hints = {"These are the suites you added to katas/" + kata.id + "/tests: no step of kata.toml lists them, so "
               "they run last, after every given step. Read the failing assertion as you would any other."};
  kata.steps.push_back(std::move(own));
}

// kind = "write-test" (else the default, "given"): the learner's test file
// and the planted bugs that name it.
void ReadStepKind(const Kata& kata, const toml::table& table, Step& step, const std::vector<PlantedBug>& bugs) {
  std::string kind = table["kind"].value_or(std::string("given"));
  if (kind != "given" && kind != "write-test") {
    throw std::runtime_error("katas/" + kata.id + "/kata.toml:" + std::to_string(table.source().begin.line) +
                             ": kind must be \"given\" or \"write-test\", not \"" + kind + "\"");
  }
  step.write_test = kind == "write-test";
  step.test_file = table["test_file"].value_or(std::string());
  if (step.write_test && step.test_file.empty()) {
    throw std::runtime_error("katas/" + kata.id + "/kata.toml:" + std::to_string(table.source().begin.line) +
                             ": a write-test step needs test_file");
  }
  for (const auto& bug : bugs) {
    if (step.write_test && bug.test_file == step.test_file) step.bugs.push_back(bug);
  }
}

Kata ParseKata(const fs::path& dir) {
  Kata kata;
  kata.id = dir.filename().string();
  kata.number = std::stoi(kata.id.substr(0, 2));
  kata.dir = dir;
  kata.solution_dir = dir.parent_path().parent_path() / "solutions" / kata.id;
  fs::path file = dir / "kata.toml";
  toml::table table;
  try {
    table = toml::parse_file(file.string());
  } catch (const toml::parse_error& error) {
    std::ostringstream message;
    message << "katas/" << kata.id << "/kata.toml:" << error.source().begin.line << ": " << error.description();
    throw std::runtime_error(message.str());
  }
  const auto& view = std::as_const(table);
  kata.title = view["title"].value_or(kata.id);
  kata.goal = view["goal"].value_or(std::string());
  kata.doc = view["doc"].value_or(std::string());
  kata.timeout_seconds = view["timeout_seconds"].value_or(10.0);
  if (auto integer = view["timeout_seconds"].value<int64_t>()) kata.timeout_seconds = static_cast<double>(*integer);
  kata.stress_repeat = static_cast<int>(view["stress_repeat"].value_or(int64_t{10}));
  kata.uses = StringArray(view["uses"]);
  std::vector<PlantedBug> bugs = PlantedBugs(dir.parent_path().parent_path(), kata.id);
  if (const auto* steps = view["steps"].as_array()) {
    for (const auto& element : *steps) {
      const auto* step_table = element.as_table();
      if (step_table == nullptr) continue;
      const auto& st = *step_table;
      Step step;
      step.name = st["name"].value_or(std::string("step"));
      step.suites = StringArray(st["suites"]);
      step.stress = st["stress"].value_or(false);
      step.hints = StringArray(st["hints"]);
      ReadStepKind(kata, st, step, bugs);
      kata.steps.push_back(std::move(step));
    }
  }
  if (kata.steps.empty()) throw std::runtime_error("katas/" + kata.id + "/kata.toml: no [[steps]]");
  AddLearnerTests(kata);
  return kata;
}

}  // namespace

int Kata::StepOf(const std::string& test) const {
  for (const auto& suite : SuiteCandidates(test)) {
    for (size_t i = 0; i < steps.size(); ++i) {
      if (std::find(steps[i].suites.begin(), steps[i].suites.end(), suite) != steps[i].suites.end()) {
        return static_cast<int>(i);
      }
    }
  }
  return -1;
}

std::string Kata::Filter(const std::vector<int>& indices) const {
  std::string filter;
  for (int index : indices) {
    for (const auto& suite : steps[static_cast<size_t>(index)].suites) {
      if (!filter.empty()) filter += ':';
      filter += suite + ".*:*/" + suite + ".*:" + suite + "/*";
    }
  }
  return filter;
}

std::string Kata::Filter() const {
  std::vector<int> all;
  for (size_t i = 0; i < steps.size(); ++i) all.push_back(static_cast<int>(i));
  return Filter(all);
}

std::vector<SuiteDefinition> SuitesDefinedIn(const fs::path& tests_dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(tests_dir, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".cpp") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  static const std::regex kDefinition(R"(^\s*(?:TEST|TEST_F|TEST_P|TYPED_TEST|TYPED_TEST_P)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,)");
  std::vector<SuiteDefinition> out;
  std::set<std::string> seen;
  for (const auto& file : files) {
    std::ifstream in(file);
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
      ++number;
      if (line.find("TEST") == std::string::npos) continue;
      std::smatch match;
      if (std::regex_search(line, match, kDefinition) && seen.insert(match[1].str()).second) {
        out.push_back({match[1].str(), file, number});
      }
    }
  }
  return out;
}

std::vector<PlantedBug> PlantedBugs(const fs::path& root, const std::string& kata_id) {
  std::vector<PlantedBug> bugs;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(root / "tests" / "mutants" / kata_id, error)) {
    if (entry.path().extension() != ".patch") continue;
    PlantedBug bug;
    bug.name = entry.path().stem().string();
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line) && line.starts_with("#")) {
      auto value = [&](std::string_view key) { return parse::Trim(line.substr(key.size())); };
      if (line.starts_with("# step:")) bug.step = std::atoi(value("# step:").c_str());
      if (line.starts_with("# expect:")) bug.expect = value("# expect:");
      if (line.starts_with("# test:")) bug.test_file = value("# test:");
      if (line.starts_with("# bug:")) bug.description = value("# bug:");
      bool field = line.starts_with("# step:") || line.starts_with("# expect:") || line.starts_with("# test:") ||
                   line.starts_with("# bug:");
      // The prose's first sentence, which may run over several lines.
      bool sentence_done = bug.summary.ends_with('.') || bug.summary.ends_with(':');
      if (!field && !sentence_done) bug.summary += (bug.summary.empty() ? "" : " ") + parse::Trim(line.substr(1));
    }
    bugs.push_back(std::move(bug));
  }
  std::sort(bugs.begin(), bugs.end(), [](const PlantedBug& a, const PlantedBug& b) { return a.name < b.name; });
  return bugs;
}

std::vector<std::string> SuitesDefinedInFile(const fs::path& file) {
  std::vector<std::string> out;
  for (const auto& definition : SuitesDefinedIn(file.parent_path())) {
    if (definition.file.filename() == file.filename()) out.push_back(definition.suite);
  }
  return out;
}

std::vector<Kata> LoadCatalog(const fs::path& root) {
  std::vector<Kata> katas;
  fs::path katas_dir = root / "katas";
  std::error_code error;
  if (!fs::is_directory(katas_dir, error)) {
    throw UsageError("no katas/ folder in " + root.string() + " (use --root to point at the workbook)");
  }
  static const std::regex kName(R"([0-9][0-9]_.+)");
  for (const auto& entry : fs::directory_iterator(katas_dir)) {
    std::string name = entry.path().filename().string();
    if (entry.is_directory() && std::regex_match(name, kName) && fs::exists(entry.path() / "kata.toml")) {
      katas.push_back(ParseKata(entry.path()));
    }
  }
  std::sort(katas.begin(), katas.end(), [](const Kata& a, const Kata& b) { return a.id < b.id; });
  return katas;
}

const Kata& FindKata(const std::vector<Kata>& katas, const std::string& spec) {
  if (katas.empty()) throw UsageError("there are no katas (no katas/NN_name/kata.toml)");
  std::string range = "there are katas " + std::to_string(katas.front().number) + " to " +
                      std::to_string(katas.back().number) + " (`" + Typed("progress") + "` lists them)";
  if (spec.empty()) throw UsageError("which kata? " + range);
  bool numeric = std::all_of(spec.begin(), spec.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (numeric) {
    int number = spec.size() > 4 ? -1 : std::stoi(spec);
    for (const auto& kata : katas) {
      if (kata.number == number) return kata;
    }
    throw UsageError("no kata " + spec + ": " + range);
  }
  for (const auto& kata : katas) {
    if (kata.id == spec) return kata;
  }
  throw UsageError("no kata '" + spec + "': " + range);
}

std::vector<std::string> LearnerFiles(const fs::path& dir) {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".cpp" || ext == ".h")) files.push_back(entry.path().filename().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace kata
