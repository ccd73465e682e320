#include "term.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace kata {

Term Term::Detect(bool no_color_flag) {
  Term term;
  term.is_tty = isatty(1) != 0;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term_name = std::getenv("TERM");
  bool dumb = term_name != nullptr && std::strcmp(term_name, "dumb") == 0;
  bool plain = no_color_flag || (no_color != nullptr && *no_color != '\0') || dumb;
  term.color = term.is_tty && !plain;
  term.unicode = term.color;
  return term;
}

std::string Term::Paint(std::string_view text, std::string_view code) const {
  if (!color) return std::string(text);
  return "\033[" + std::string(code) + "m" + std::string(text) + "\033[0m";
}

std::string Term::VerdictWord(Verdict verdict) const {
  std::string word(VerdictName(verdict));
  word.resize(9, ' ');
  return verdict == Verdict::kPass ? Bold(Green(word)) : Bold(Red(word));
}

}  // namespace kata
