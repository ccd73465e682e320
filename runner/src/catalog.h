// The katas, discovered from the folders katas/NN_name that hold a kata.toml.
//
// Thread safety: plain values; LoadCatalog reads the file system.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace kata {

// A mistake in how the runner was called (unknown kata, bad number): exit 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A planted bug: tests/mutants/NN_name/NAME.patch, a copy of the reference
// with one mistake. Its header comment says which step's tests catch it
// ("# step: K"), with what verdict ("# expect: FAIL"), and, for a planted
// bug of a write-the-test step, the learner's test file that must catch it
// ("# test: FILE.cpp") and what is wrong, in one line ("# bug: ...").
struct PlantedBug {
  std::string name;         // "records_under_a_fixed_name"
  std::string description;  // "records the win under a fixed name, not the one in the URL"
  std::string summary;      // the header's first line of prose (for the bug zoo when there is no description)
  std::string test_file;    // "" for a bug only the workbook's tests must catch
  std::string expect;       // "FAIL"
  int step = 0;             // 1-based
};

struct Step {
  std::string name;
  std::vector<std::string> suites;
  bool stress = false;
  std::vector<std::string> hints;
  // kind = "write-test": the learner writes the test in tests/<test_file>
  // (a skeleton; its reference is solutions/NN_name/tests/<test_file>),
  // judged against the reference and the step's planted bugs (judge.h).
  // `suites` then lists the learner's suites (those test_file defines) and
  // the workbook's own for the same behaviour.
  bool write_test = false;
  std::string test_file;
  std::vector<PlantedBug> bugs;  // the planted bugs whose `# test:` is test_file
  // Not in kata.toml: the suites the learner added to the kata's tests,
  // gathered in one last step so that they run and count (see LoadCatalog).
  bool learner_tests = false;
};

// Where a test file defines a GoogleTest suite: TEST(Suite, ...),
// TEST_F(Suite, ...), TEST_P, TYPED_TEST.
struct SuiteDefinition {
  std::string suite;
  std::filesystem::path file;
  int line = 0;
};

struct Kata {
  int number = 0;
  std::string id;  // "01_http_server"
  std::filesystem::path dir;           // <root>/katas/01_http_server
  std::filesystem::path solution_dir;  // <root>/solutions/01_http_server
  std::string title;
  std::string goal;
  std::string doc;
  double timeout_seconds = 10;
  int stress_repeat = 10;
  std::vector<std::string> uses;
  std::vector<Step> steps;

  std::string Target() const { return "kata_" + id; }
  std::string RelativeDir() const { return "katas/" + id; }
  // Step index (0-based) whose suites include this test's suite, or -1.
  int StepOf(const std::string& test) const;
  std::string Filter() const;                      // every step's suites
  std::string Filter(const std::vector<int>& steps) const;
};

// Every kata, in order. A suite defined in a kata's tests that no step of its
// kata.toml lists (a test the learner wrote) becomes part of an extra last
// step, "Your own tests": it runs on every `kata run`, and the kata is not
// green while it fails.
std::vector<Kata> LoadCatalog(const std::filesystem::path& root);

// The suites defined in the *.cpp files of a folder, in file and line order,
// each once (its first definition).
std::vector<SuiteDefinition> SuitesDefinedIn(const std::filesystem::path& tests_dir);

// "1", "01", "01_http_server" -> the kata; UsageError naming the choices otherwise.
const Kata& FindKata(const std::vector<Kata>& katas, const std::string& spec);

// The planted bugs in tests/mutants/<kata_id>/ under the workbook's root, by name.
std::vector<PlantedBug> PlantedBugs(const std::filesystem::path& root, const std::string& kata_id);

// The suites a test file defines (TEST, TEST_F, ...), in order.
std::vector<std::string> SuitesDefinedInFile(const std::filesystem::path& file);

// The learner's source files of a kata (*.cpp, *.h at the top of its folder).
std::vector<std::string> LearnerFiles(const std::filesystem::path& dir);

}  // namespace kata
