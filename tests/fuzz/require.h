// A fuzz target's property check: prints the property and the input, then
// aborts, so libFuzzer saves the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

inline void Require(bool holds, const char* property, std::string_view input) {
  if (holds) return;
  std::fprintf(stderr, "property violated: %s\ninput (%zu bytes): %.*s\n", property, input.size(),
               static_cast<int>(input.size()), input.data());
  std::abort();
}
