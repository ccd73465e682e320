#include "kata/player_name.h"

namespace kata {
namespace {

// The length of the UTF-8 sequence starting at `text[0]`, or 0 if it is not
// a valid one (overlong forms, surrogates and code points past U+10FFFF are
// not valid) or it encodes a control character (C0, DEL, C1).
std::size_t PrintableSequenceLength(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char first = byte(0);
  std::size_t length = first < 0x80             ? 1
                       : (first & 0xE0) == 0xC0 ? 2
                       : (first & 0xF0) == 0xE0 ? 3
                       : (first & 0xF8) == 0xF0 ? 4
                                                : 0;
  if (length == 0 || length > text.size()) return 0;
  char32_t code = length == 1 ? first : first & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  if (code < 0x20 || (code >= 0x7F && code < 0xA0)) return 0;
  return length;
}

}  // namespace

std::optional<std::string> NameProblem(std::string_view name) {
  if (name.empty()) return "a player's name cannot be empty";
  if (name.size() > kMaxNameBytes) {
    return "a player's name is at most " + std::to_string(kMaxNameBytes) + " bytes";
  }
  while (!name.empty()) {
    std::size_t length = PrintableSequenceLength(name);
    if (length == 0) return "a player's name must be printable UTF-8";
    name.remove_prefix(length);
  }
  return std::nullopt;
}

}  // namespace kata
