#include "real_sleeps.h"

#include <array>
#include <cctype>

namespace kata {

namespace {

bool IsIdentifierChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

// The source with comments and the insides of string and character
// literals blanked out (newlines kept, so line numbers still hold).
std::string CodeOnly(std::string_view source) {
  std::string code(source);
  for (size_t i = 0; i < code.size(); ++i) {
    if (code.compare(i, 2, "//") == 0) {
      for (; i < code.size() && code[i] != '\n'; ++i) code[i] = ' ';
    } else if (code.compare(i, 2, "/*") == 0) {
      size_t end = code.find("*/", i + 2);
      end = end == std::string::npos ? code.size() : end + 2;
      for (; i < end; ++i) {
        if (code[i] != '\n') code[i] = ' ';
      }
      --i;
    } else if (code[i] == '"' && i > 0 && code[i - 1] == 'R' &&
               code.find('(', i) != std::string::npos) {
      // A raw string literal: R"delimiter( ... )delimiter".
      size_t open = code.find('(', i);
      std::string close = ")" + code.substr(i + 1, open - i - 1) + "\"";
      size_t end = code.find(close, open);
      end = end == std::string::npos ? code.size() : end + close.size();
      for (; i < end; ++i) {
        if (code[i] != '\n') code[i] = ' ';
      }
      --i;
    } else if (code[i] == '"' || (code[i] == '\'' && (i == 0 || !IsIdentifierChar(code[i - 1])))) {
      // A string or character literal (a quote after a digit is a digit
      // separator, as in 50'000).
      char quote = code[i];
      for (++i; i < code.size() && code[i] != quote && code[i] != '\n'; ++i) {
        if (code[i] == '\\' && i + 1 < code.size()) code[i++] = ' ';
        code[i] = ' ';
      }
    }
  }
  return code;
}

// The qualified name that ends at `end` (exclusive): "std::this_thread::sleep_for".
std::string QualifiedNameBefore(const std::string& code, size_t end) {
  size_t begin = end;
  while (begin > 0 && (IsIdentifierChar(code[begin - 1]) || code[begin - 1] == ':')) --begin;
  return code.substr(begin, end - begin);
}

}  // namespace

std::vector<SleepCall> RealSleeps(std::string_view source) {
  constexpr std::array<std::string_view, 6> kSleeps = {
      "sleep_for", "sleep_until", "sleep", "usleep", "nanosleep", "clock_nanosleep"};
  std::string code = CodeOnly(source);
  std::vector<SleepCall> found;
  int line = 1;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i] == '\n') ++line;
    if (!IsIdentifierChar(code[i]) || (i > 0 && IsIdentifierChar(code[i - 1]))) continue;
    size_t end = i;
    while (end < code.size() && IsIdentifierChar(code[end])) ++end;
    std::string_view word(code.data() + i, end - i);
    size_t paren = code.find_first_not_of(" \t", end);
    bool called = paren != std::string::npos && code[paren] == '(';
    bool member = i > 0 && (code[i - 1] == '.' || (i > 1 && code.compare(i - 2, 2, "->") == 0));
    bool is_sleep = false;
    for (auto name : kSleeps) is_sleep = is_sleep || word == name;
    // sleep_for and sleep_until are real only as std::this_thread's.
    std::string name = QualifiedNameBefore(code, end);
    bool thread_sleep = word.starts_with("sleep_")
                            ? name.find("this_thread::") != std::string::npos || name == word
                            : true;
    if (is_sleep && called && !member && thread_sleep) found.push_back({line, name});
    i = end - 1;
  }
  return found;
}

}  // namespace kata
