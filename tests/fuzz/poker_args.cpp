// libFuzzer target: the checks of what a user types: kata::IsValidName
// (support/src/player_name.cpp, the name rule poker_server and poker_cli
// share) on arbitrary bytes as a player's name (it comes from a URL, a
// websocket or a terminal), and poker_server's ParseArgs
// (apps/poker_server/poker_server.cpp) on arbitrary bytes split at '\0' into
// a command line.
//
// Proves, besides "no crash, no ASan or UBSan report":
// - IsValidName agrees with an independent check written here from the
//   Unicode standard's table of well-formed UTF-8 (Table 3-7): 1 to
//   kMaxNameBytes bytes, well-formed, no C0 or C1 control character, no DEL;
// - ParseArgs either returns options that make sense (a port from 0 to
//   65535, a positive blind unit, a host and a database that are not empty)
//   or throws UsageError with a message; nothing else escapes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "kata/player_name.h"
#include "poker_server.h"

#include "require.h"

namespace {

// Well-formed UTF-8 by Table 3-7 of the Unicode standard: each lead byte
// with the exact range its second byte may take, which is how overlong
// forms, surrogates and code points past U+10FFFF are excluded.
bool IsPrintableUtf8(std::string_view text) {
  std::size_t i = 0;
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  while (i < text.size()) {
    const unsigned char lead = byte(i);
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    std::size_t continuation = 0;
    if (lead < 0x20 || lead == 0x7F) return false;  // C0 controls, DEL
    if (lead < 0x80) {
      continuation = 0;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      continuation = 1;
      if (lead == 0xC2) low = 0xA0;  // U+0080..U+009F: the C1 controls
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      continuation = 2;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      continuation = 3;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (text.size() - i - 1 < continuation) return false;
    for (std::size_t k = 1; k <= continuation; ++k) {
      const unsigned char next = byte(i + k);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) return false;
    }
    i += continuation + 1;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const bool expected =
      !input.empty() && input.size() <= kata::kMaxNameBytes && IsPrintableUtf8(input);
  Require(kata::IsValidName(input) == expected,
          "IsValidName accepts exactly 1..64 bytes of printable UTF-8", input);

  std::vector<std::string_view> args;
  for (std::size_t start = 0; start <= input.size();) {
    std::size_t end = input.find('\0', start);
    if (end == std::string_view::npos) end = input.size();
    args.push_back(input.substr(start, end - start));
    start = end + 1;
  }
  if (input.empty()) args.clear();
  try {
    const poker_server::Options options = poker_server::ParseArgs(args);
    Require(options.port >= 0 && options.port <= 65535, "the port is from 0 to 65535", input);
    Require(options.blind_unit.count() > 0, "the blind unit is positive", input);
    Require(!options.host.empty(), "the host is not empty", input);
    Require(!options.db.empty(), "the database path is not empty", input);
  } catch (const poker_server::UsageError& error) {
    const std::string_view what = error.what();
    Require(!what.empty(), "a usage error says what is wrong", input);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "ParseArgs threw something other than UsageError: %s\n", error.what());
    Require(false, "ParseArgs throws only UsageError", input);
  } catch (...) {
    Require(false, "ParseArgs throws only UsageError", input);
  }
  return 0;
}
