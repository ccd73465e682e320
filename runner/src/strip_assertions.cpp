#include "strip_assertions.h"

#include <array>

namespace kata {

namespace {

bool StartsAssertion(std::string_view text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return false;
  text.remove_prefix(first);
  constexpr std::array<std::string_view, 4> kStarts = {"EXPECT_", "ASSERT_", "FAIL()", "ADD_FAILURE()"};
  for (auto start : kStarts) {
    if (text.starts_with(start)) return true;
  }
  return false;
}

// The index just past the ';' that ends the statement starting at `at`.
size_t StatementEnd(std::string_view text, size_t at) {
  int depth = 0;
  for (size_t i = at; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"' || c == '\'') {
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (text[i] == '\\') ++i;
      }
    } else if (c == '(' || c == '{' || c == '[') {
      ++depth;
    } else if (c == ')' || c == '}' || c == ']') {
      --depth;
    } else if (c == ';' && depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

}  // namespace

std::string WithoutAssertions(std::string_view source) {
  std::string out;
  size_t at = 0;
  while (at < source.size()) {
    size_t line_end = source.find('\n', at);
    if (line_end == std::string_view::npos) line_end = source.size();
    if (StartsAssertion(source.substr(at, line_end - at))) {
      size_t end = StatementEnd(source, at);
      size_t next_line = source.find('\n', end);
      at = next_line == std::string_view::npos ? source.size() : next_line + 1;
      continue;
    }
    out.append(source.substr(at, line_end - at));
    out += '\n';
    at = line_end + 1;
  }
  return out;
}

}  // namespace kata
