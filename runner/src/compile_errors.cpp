// FirstCompileError and LearnerWarnings (build.h): the compiler's and the
// linker's log, read for the one error worth showing and the learner's warnings.
#include <cxxabi.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>

#include "build.h"
#include "parse_util.h"

namespace kata {

namespace fs = std::filesystem;
using parse::StartsWith;

namespace {

const std::regex& ErrorLine() {
  static const std::regex kError(R"(^(.+?):(\d+):(?:(\d+):)? (?:fatal )?error: (.*)$)");
  return kError;
}

std::string Relative(const std::string& path, const SourceContext& context) {
  bool in_repo = false;
  // clang names the standard headers "/usr/bin/../lib/gcc/.../include/c++/12/mutex".
  std::string normal = !path.empty() && path.front() == '/' ? fs::path(path).lexically_normal().string() : path;
  std::string relative = parse::RelativePath(normal, context, in_repo);
  return relative;
}

bool IsLearnerPath(const std::string& relative, const SourceContext& context) {
  return !context.learner_prefix.empty() && StartsWith(relative, context.learner_prefix);
}

// Line `number` of a file in the root, or "" when it cannot be read.
std::string SourceLine(const SourceContext& context, const std::string& relative, int number) {
  std::ifstream in(relative.front() == '/' ? fs::path(relative) : context.root / relative);
  std::string line;
  for (int i = 1; i <= number && std::getline(in, line); ++i) {
    if (i == number) return line;
  }
  return "";
}

std::string Echo(int number, const std::string& text) {
  std::string digits = std::to_string(number);
  return "  " + std::string(digits.size() < 5 ? 5 - digits.size() : 0, ' ') + digits + " | " + text;
}

// Index of the first error line, preferring one in the learner's folder.
int ChooseError(const std::vector<std::string>& lines, const SourceContext& context) {
  int first = -1;
  std::smatch match;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!std::regex_match(lines[i], match, ErrorLine())) continue;
    if (first < 0) first = static_cast<int>(i);
    if (IsLearnerPath(Relative(match[1].str(), context), context)) return static_cast<int>(i);
  }
  return first;
}

// An error inside a header the learner did not write: the learner's line.
// g++ says so before the error ("In instantiation of ...", then
// "learner.cpp:9:31:   required from here"), clang after it
// ("learner.cpp:9:20: note: in instantiation of ... requested here").
bool RequiredFrom(const std::vector<std::string>& lines, size_t error, const SourceContext& context,
                  std::string& file, int& number, std::string& instantiation) {
  static const std::regex kRequired(R"(^(.+?):(\d+):(\d+):\s+required from .*$)");
  static const std::regex kInstantiation(R"(^.+?: In instantiation of (.*):$)");
  static const std::regex kRequested(R"(^(.+?):(\d+):(\d+): note: in instantiation of (.*) requested here$)");
  std::smatch match;
  for (size_t j = error + 1; j < lines.size() && !std::regex_match(lines[j], match, ErrorLine()); ++j) {
    if (std::regex_match(lines[j], match, kRequested) && IsLearnerPath(Relative(match[1].str(), context), context)) {
      file = Relative(match[1].str(), context);
      number = parse::LineNumber(match[2].str());
      instantiation = match[4].str();
      return true;
    }
  }
  bool found = false;
  for (size_t j = error; j-- > 0;) {
    if (std::regex_match(lines[j], match, ErrorLine())) break;  // the previous diagnostic
    if (!found && std::regex_match(lines[j], match, kRequired) &&
        IsLearnerPath(Relative(match[1].str(), context), context)) {
      file = Relative(match[1].str(), context);
      number = parse::LineNumber(match[2].str());
      found = true;
    } else if (found && std::regex_match(lines[j], match, kInstantiation)) {
      instantiation = match[1].str();
      break;
    }
  }
  return found;
}

Problem CompilerError(const std::vector<std::string>& lines, size_t chosen, const SourceContext& context) {
  Problem problem;
  problem.verdict = Verdict::kCompile;
  std::smatch match;
  std::regex_match(lines[chosen], match, ErrorLine());
  std::string file = Relative(match[1].str(), context);
  int number = parse::LineNumber(match[2].str());
  std::string message = match[4].str();
  problem.location = file + ":" + match[2].str();
  problem.headline = problem.location + ": error: " + message;
  std::string learner_file;
  int learner_line = 0;
  std::string instantiation;
  if (!IsLearnerPath(file, context) && RequiredFrom(lines, chosen, context, learner_file, learner_line, instantiation)) {
    problem.location = learner_file + ":" + std::to_string(learner_line);
    problem.headline = problem.location + ": error (inside " + file + ":" + match[2].str() + "): " + message;
    problem.details.push_back(Echo(learner_line, SourceLine(context, learner_file, learner_line)));
    if (!instantiation.empty()) problem.details.push_back("  which instantiates " + parse::Clip(instantiation));
    problem.kind = "required-from";
    return problem;
  }
  // g++ names the token after the mistake ("expected ';' before 'return'"),
  // often the next line's first; clang the place where it was missing.
  bool parse_error = StartsWith(message, "expected ") && message.find(" before ") != std::string::npos;
  if (parse_error && number > 1) {
    std::string before = SourceLine(context, file, number - 1);
    if (!parse::Trim(before).empty()) problem.details.push_back(Echo(number - 1, before) + "   <- the line before");
    problem.kind = "parse-error";
  }
  // g++ echoes the source line and a caret under it, numbered; clang
  // without the number, so the line is read from the file instead.
  size_t echoed = problem.details.size();
  for (size_t j = chosen + 1; j < lines.size() && j <= chosen + 2; ++j) {
    if (lines[j].find(" | ") == std::string::npos) break;
    problem.details.push_back("  " + lines[j]);
  }
  if (problem.details.size() == echoed && IsLearnerPath(file, context)) {
    std::string source = SourceLine(context, file, number);
    if (!parse::Trim(source).empty()) problem.details.push_back(Echo(number, source));
  }
  return problem;
}

bool CMakeError(const std::vector<std::string>& lines, const SourceContext& context, Problem& problem) {
  static const std::regex kCMakeError(R"(^CMake Error at (.+?):(\d+) \((\w+)\):?$)");
  std::smatch match;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!std::regex_match(lines[i], match, kCMakeError)) continue;
    problem.location = Relative(match[1].str(), context) + ":" + match[2].str();
    std::string message;
    for (size_t j = i + 1; j < lines.size() && j < i + 8; ++j) {
      if (lines[j].empty()) {
        if (!message.empty() && j + 1 < lines.size() && lines[j + 1].rfind("    ", 0) == 0) continue;
        if (!message.empty()) break;
        continue;
      }
      if (lines[j].rfind("Call Stack", 0) == 0) break;
      size_t start = lines[j].find_first_not_of(' ');
      if (start == std::string::npos) continue;
      message += (message.empty() ? "" : " ") + lines[j].substr(start);
    }
    problem.headline = "CMake failed at " + problem.location + ": " + message;
    problem.details.push_back("  (the build configuration, not a C++ file: a source file added, removed or renamed?)");
    return true;
  }
  return false;
}

std::string Demangle(const std::string& symbol) {
  std::string name = symbol;
  if (!name.empty() && (name.front() == '`' || name.front() == '\'')) name.erase(0, 1);
  if (!name.empty() && name.back() == '\'') name.pop_back();
  if (!StartsWith(name, "_Z")) return name;
  int status = 0;
  std::unique_ptr<char, decltype(&std::free)> demangled(abi::__cxa_demangle(name.c_str(), nullptr, nullptr, &status),
                                                        &std::free);
  return status == 0 && demangled ? std::string(demangled.get()) : name;
}

// "ns::Class::Method(int) const" -> {"Class", "Method"}; the class is "" for a free function.
std::pair<std::string, std::string> ClassAndFunction(const std::string& symbol) {
  std::string name = ShortFunction(symbol);
  size_t last = name.rfind("::");
  std::string function = last == std::string::npos ? name : name.substr(last + 2);
  if (last == std::string::npos) return {"", function};
  std::string scope = name.substr(0, last);
  size_t previous = scope.rfind("::");
  std::string owner = previous == std::string::npos ? scope : scope.substr(previous + 2);
  return {owner, function};
}

// The learner's header that declares `function` (in `owner`'s class when it
// has one): "katas/08_counter/counter.h:8", and its .cpp when there is one.
struct Declaration {
  std::string where;
  std::string define_in;
};

Declaration FindDeclaration(const std::string& symbol, const SourceContext& context) {
  Declaration out;
  if (context.learner_prefix.empty()) return out;
  auto [owner, function] = ClassAndFunction(symbol);
  static const std::regex kIdentifier(R"(^[A-Za-z_]\w*$)");
  if (!std::regex_match(function, kIdentifier) || (!owner.empty() && !std::regex_match(owner, kIdentifier))) return out;
  std::error_code error;
  fs::path dir = context.root / context.learner_prefix;
  std::vector<fs::path> headers;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.path().extension() == ".h" || entry.path().extension() == ".hpp") headers.push_back(entry.path());
  }
  std::sort(headers.begin(), headers.end());
  std::regex declares("\\b" + function + "\\s*\\(");
  std::regex owns("\\b(class|struct)\\s+" + owner + "\\b");
  for (const auto& header : headers) {
    std::ifstream in(header);
    std::string line;
    bool in_owner = owner.empty();
    for (int number = 1; std::getline(in, line); ++number) {
      if (!owner.empty() && std::regex_search(line, owns)) in_owner = true;
      if (!in_owner || !std::regex_search(line, declares)) continue;
      std::string name = header.filename().string();
      out.where = context.learner_prefix + name + ":" + std::to_string(number);
      fs::path source = dir / (header.stem().string() + ".cpp");
      if (fs::exists(source, error)) out.define_in = context.learner_prefix + source.filename().string();
      return out;
    }
  }
  return out;
}

bool LinkError(const std::vector<std::string>& lines, const SourceContext& context, Problem& problem) {
  static const std::regex kUndefined(R"(undefined (?:reference to|symbol:) (.*)$)");
  static const std::regex kReferencedBy(R"(>>> referenced by ([^ ]+?):(\d+))");
  std::smatch match;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (!std::regex_search(lines[i], match, kUndefined)) continue;
    std::string symbol = Demangle(parse::Trim(match[1].str()));
    Declaration declaration = FindDeclaration(symbol, context);
    problem.kind = "link";
    problem.headline = "link error: " + symbol + " is used but never defined";
    if (!declaration.where.empty()) problem.details.push_back("  declared at " + declaration.where);
    for (size_t j = i + 1; j < lines.size() && j < i + 4; ++j) {
      std::smatch where;
      if (std::regex_search(lines[j], where, kReferencedBy)) {
        problem.details.push_back("  used at " + where[1].str() + ":" + where[2].str());
        break;
      }
    }
    if (i > 0 && lines[i - 1].find("in function") != std::string::npos) {
      problem.details.push_back("  " + Relative(lines[i - 1], context));
    }
    problem.location = !declaration.define_in.empty() ? declaration.define_in : declaration.where;
    problem.details.push_back(!declaration.define_in.empty()
                                  ? "  define it in " + declaration.define_in + " (or check its signature there)"
                                  : "  (a function declared in a header but not defined, or a source file missing)");
    return true;
  }
  return false;
}

}  // namespace

Problem FirstCompileError(const std::string& log, const SourceContext& context) {
  std::vector<std::string> lines = parse::SplitLines(log);
  int chosen = ChooseError(lines, context);
  if (chosen >= 0) return CompilerError(lines, static_cast<size_t>(chosen), context);
  Problem problem;
  problem.verdict = Verdict::kCompile;
  // CMake re-running itself (a file was added or removed) can fail too.
  if (CMakeError(lines, context, problem) || LinkError(lines, context, problem)) return problem;
  for (const auto& line : lines) {
    if (line.find("error") != std::string::npos || line.find("FAILED") != std::string::npos) {
      problem.headline = Relative(line, context);
      return problem;
    }
  }
  problem.headline = "the build failed";
  return problem;
}

std::vector<std::string> LearnerWarnings(const std::string& log, const SourceContext& context) {
  static const std::regex kWarning(R"(^(.+?):(\d+):(?:\d+:)? warning: (.*)$)");
  std::vector<std::string> out;
  std::smatch match;
  for (const auto& line : parse::SplitLines(log)) {
    if (!std::regex_match(line, match, kWarning)) continue;
    std::string file = Relative(match[1].str(), context);
    if (!IsLearnerPath(file, context) || parse::IsTestFile(file)) continue;
    std::string shown = file + ":" + match[2].str() + ": warning: " + match[3].str();
    if (std::find(out.begin(), out.end(), shown) == out.end()) out.push_back(shown);
  }
  return out;
}

}  // namespace kata
