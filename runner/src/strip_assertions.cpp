#include "strip_assertions.h"

#include <algorithm>
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
  bool statement_start = true;  // after a line break, '{', '}' or ';'
  size_t line_start = 0;
  size_t i = 0;
  while (i < source.size()) {
    char c = source[i];
    if (statement_start && StartsAssertion(source.substr(i, source.find('\n', i) - i)) &&
        source.substr(line_start, i - line_start).find_first_not_of(" \t") == std::string_view::npos) {
      // Alone at the start of its line: the statement and the lines it spans go.
      size_t next_line = source.find('\n', StatementEnd(source, i));
      out.resize(out.size() - (i - line_start));
      i = line_start = next_line == std::string_view::npos ? source.size() : next_line + 1;
      continue;
    }
    if (statement_start && c != ' ' && c != '\t' && StartsAssertion(source.substr(i, 16))) {
      // After a '{' or a ';' on the same line: only the statement goes.
      i = StatementEnd(source, i);
      continue;
    }
    if (c == '"' || c == '\'') {  // a literal, copied whole
      size_t from = i;
      for (++i; i < source.size() && source[i] != c && source[i] != '\n'; ++i) {
        if (source[i] == '\\') ++i;
      }
      i = std::min(i + 1, source.size());
      out.append(source.substr(from, i - from));
      statement_start = false;
      continue;
    }
    out += c;
    ++i;
    if (c == '\n') {
      line_start = i;
      statement_start = true;
    } else if (c == '{' || c == '}' || c == ';') {
      statement_start = true;
    } else if (c != ' ' && c != '\t') {
      statement_start = false;
    }
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

}  // namespace kata
