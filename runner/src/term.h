// Terminal styling: colour and Unicode marks on a terminal, plain ASCII
// otherwise (a pipe, a file, NO_COLOR, TERM=dumb).
//
// Thread safety: set up once in main, then read-only.
#pragma once

#include <string>
#include <string_view>

#include "verdict.h"

namespace kata {

struct Term {
  bool color = false;
  bool unicode = false;
  bool is_tty = false;

  static Term Detect(bool no_color_flag);
  std::string Paint(std::string_view text, std::string_view code) const;
  std::string Bold(std::string_view text) const { return Paint(text, "1"); }
  std::string Dim(std::string_view text) const { return Paint(text, "2"); }
  std::string Green(std::string_view text) const { return Paint(text, "32"); }
  std::string Red(std::string_view text) const { return Paint(text, "31"); }
  std::string Yellow(std::string_view text) const { return Paint(text, "33"); }
  std::string VerdictWord(Verdict verdict) const;  // padded, coloured
  std::string Done() const { return Green(unicode ? "✓" : "+"); }
  std::string Red_() const { return Red(unicode ? "✗" : "x"); }
  std::string Pending() const { return Dim(unicode ? "·" : "."); }
};

}  // namespace kata
