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

struct Step {
  std::string name;
  std::vector<std::string> suites;
  bool stress = false;
  std::vector<std::string> hints;
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

// The learner's source files of a kata (*.cpp, *.h at the top of its folder).
std::vector<std::string> LearnerFiles(const std::filesystem::path& dir);

}  // namespace kata
