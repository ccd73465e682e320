#include "gtest_output.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <utility>

#include "parse_util.h"

namespace kata {

using parse::StartsWith;
using parse::Trim;

namespace {

const std::regex& FailureLine() {
  static const std::regex kFailureLine(R"(^(.*):(\d+): Failure$)");
  return kFailureLine;
}

// The first failure block: "file:line: Failure" and the lines that follow it.
size_t FirstFailure(const std::vector<std::string>& lines) {
  for (size_t j = 0; j < lines.size(); ++j) {
    if (IsFailureStart(lines[j])) return j;
  }
  return lines.size();
}

// "KATA_TODO at file:line in fn: message": the headline and location, or false.
bool FindTodo(const std::vector<std::string>& lines, std::string& headline, std::string& location) {
  static const std::regex kTodo(R"(KATA_TODO at ([^ :]+):(\d+) in [^:]+(::[^:]+)*: .*)");
  std::smatch match;
  for (const auto& text : lines) {
    if (!std::regex_search(text, match, kTodo)) continue;
    headline = match[0].str();
    if (!headline.empty() && headline.back() == '"') headline.pop_back();
    size_t quote = headline.find("\" thrown");
    if (quote != std::string::npos) headline = headline.substr(0, quote);
    location = match[1].str() + ":" + match[2].str();
    return true;
  }
  return false;
}

// gtest's 'C++ exception with description "map::at" thrown in the test body.'
bool FindException(const std::vector<std::string>& lines, size_t begin, std::string& what, std::string& where) {
  static const std::regex kException(R"(^C\+\+ exception with description \"(.*)\" thrown in (.*?)\.?$)");
  std::smatch match;
  for (size_t j = begin; j < lines.size(); ++j) {
    if (!std::regex_match(lines[j], match, kException)) continue;
    what = match[1].str();
    where = match[2].str();
    return true;
  }
  return false;
}

}  // namespace

bool IsFailureStart(const std::string& line) {
  return line == "unknown file: Failure" || std::regex_match(line, FailureLine());
}

std::string KnownExceptionType(const std::string& what) {
  static const std::pair<std::regex, const char*> kKnown[] = {
      {std::regex(R"(^(map|unordered_map|vector|array|deque|bitset)::(at|_M_range_check).*)"), "std::out_of_range"},
      {std::regex(R"(^basic_string::(at|substr|_M_check|_M_replace|compare|copy|erase|insert|replace).*)"),
       "std::out_of_range"},
      {std::regex(R"(^(stoi|stol|stoll|stoul|stoull|stof|stod|stold)$)"), "std::invalid_argument or std::out_of_range"},
      {std::regex(R"(^std::bad_alloc$)"), "std::bad_alloc"},
      {std::regex(R"(^bad optional access$)"), "std::bad_optional_access"},
      {std::regex(R"(^std::bad_function_call$)"), "std::bad_function_call"},
      {std::regex(R"(^\[json\.exception\.(\w+)\.\d+\].*)"), "nlohmann::json::"},
  };
  std::smatch match;
  for (const auto& [pattern, type] : kKnown) {
    if (!std::regex_match(what, match, pattern)) continue;
    std::string name = type;
    if (name == "nlohmann::json::") name += match[1].str();
    return name;
  }
  return "";
}

std::string FindThrowSite(const std::string& what, const SourceContext& context) {
  if (context.learner_prefix.empty() || what.size() < 8) return "";
  std::filesystem::path dir = context.root / context.learner_prefix;
  std::vector<std::filesystem::path> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    std::string ext = entry.path().extension().string();
    if (entry.is_regular_file() && (ext == ".cpp" || ext == ".h")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  // The message may be built from pieces ("... (" + std::to_string(n) + ")"):
  // the longest prefix that ends a word and is in a file, down to 8 characters.
  for (size_t length = what.size(); length >= 8; --length) {
    if (length < what.size() && std::isalnum(static_cast<unsigned char>(what[length]))) continue;
    std::string piece = what.substr(0, length);
    for (const auto& file : files) {
      std::ifstream in(file);
      std::string line;
      for (int number = 1; std::getline(in, line); ++number) {
        if (line.find('"' + piece) != std::string::npos) {
          return context.learner_prefix + file.filename().string() + ":" + std::to_string(number);
        }
      }
    }
  }
  return "";
}

Problem FailureProblem(const std::string& test, const std::vector<std::string>& test_lines,
                       const SourceContext& context) {
  Problem problem;
  problem.verdict = Verdict::kFail;
  problem.test = test;
  size_t begin = FirstFailure(test_lines);
  for (size_t j = begin; j < test_lines.size() && problem.details.size() < 12; ++j) {
    if (j > begin && IsFailureStart(test_lines[j])) break;
    problem.details.push_back("  " + test_lines[j]);
  }
  std::string todo;
  std::string what;
  std::string where;
  std::smatch match;
  if (FindTodo(test_lines, todo, problem.location)) {
    problem.headline = todo;
  } else if (FindException(test_lines, begin, what, where)) {
    std::string type = KnownExceptionType(what);
    problem.headline = "an exception" + (type.empty() ? "" : " (" + type + ")") + " escaped " + where +
                       ": what() = \"" + what + "\"";
    problem.kind = "exception";
    problem.location = FindThrowSite(what, context);
  } else if (begin < test_lines.size() && std::regex_match(test_lines[begin], match, FailureLine())) {
    bool in_repo = false;
    problem.location = parse::RelativePath(match[1].str(), context, in_repo) + ":" + match[2].str();
    problem.headline = "assertion failed at " + problem.location;
  } else {
    problem.headline = "the test failed";
  }
  return problem;
}

Termination ReadTermination(const std::vector<std::string>& lines, size_t i) {
  std::string said = Trim(lines[i]);
  std::string what;
  if (i + 1 < lines.size() && StartsWith(Trim(lines[i + 1]), "what():")) what = Trim(Trim(lines[i + 1]).substr(7));
  if (parse::Contains(said, "without an active exception")) {
    return {"a std::thread was destroyed while still joinable (std::terminate: " + said +
                "): join() or detach() it first, or use std::jthread",
            "thread-not-joined"};
  }
  static const std::regex kThrowing(R"(terminate called after throwing an instance of '(.*)')");
  std::smatch match;
  if (std::regex_search(said, match, kThrowing)) {
    return {"uncaught exception " + match[1].str() + (what.empty() ? "" : ": what() = \"" + what + "\""),
            "exception"};
  }
  return {"uncaught exception (" + said + (what.empty() ? "" : ": " + what) + ")", "exception"};
}

bool ReadAssertion(const std::string& line, std::string& headline) {
  // glibc: "prog: file:line: function: Assertion `expr' failed."
  static const std::regex kAssertion(R"(^[^ ]+: (.+?):(\d+): (.*): Assertion [`'](.*)' failed\.$)");
  std::smatch match;
  if (!std::regex_match(line, match, kAssertion)) return false;
  headline = "assertion failed: " + match[4].str() + "  (in " + parse::Clip(ShortFunction(match[3].str())) + ", " +
             match[1].str() + ":" + match[2].str() + ")";
  return true;
}

}  // namespace kata
