// libFuzzer target: kata::ParseDuration (support/src/clock.cpp), the apps'
// --blind-unit, on arbitrary bytes.
//
// Proves, besides "no crash, no ASan or UBSan report" (signed overflow
// included): it returns nullopt or a positive duration, and what it accepts
// is exactly "<digits><unit>" with a unit of us, ms, s, m or min, converted
// without loss or overflow. The expected value is computed here in 128-bit
// arithmetic, so a number that wraps around (such as 9223372036854775807m)
// must be refused, never read as a negative or smaller duration.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ratio>
#include <string_view>

#include "kata/clock.h"

#include "require.h"

namespace {

// Ticks of kata::Duration in one unit, or 0 for text that is not a unit.
__int128 TicksPerUnit(std::string_view unit) {
  using Period = kata::Duration::period;
  static_assert(Period::num == 1, "a Duration tick is a fraction of a second");
  const __int128 per_second = Period::den;
  if (unit == "us") return per_second / 1'000'000;
  if (unit == "ms") return per_second / 1'000;
  if (unit == "s") return per_second;
  if (unit == "m" || unit == "min") return per_second * 60;
  return 0;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::optional<kata::Duration> parsed = kata::ParseDuration(text);

  // What the contract says it should be, independently.
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  const __int128 per_unit = TicksPerUnit(text.substr(digits));
  const __int128 most = kata::Duration::max().count();
  __int128 value = 0;
  bool fits = digits > 0 && per_unit > 0;
  for (std::size_t i = 0; fits && i < digits; ++i) {
    value = value * 10 + (text[i] - '0');
    fits = value * per_unit <= most;  // stops before __int128 could overflow
  }
  const bool expected = fits && value > 0;

  if (!parsed) {
    Require(!expected, "a positive number of us, ms, s, m or min that fits is accepted", text);
    return 0;
  }
  Require(parsed->count() > 0, "an accepted duration is positive", text);
  Require(expected, "only a positive number and a unit that fit are accepted", text);
  Require(parsed->count() == value * per_unit, "the duration is the number times the unit", text);
  return 0;
}
