// The commands the runner tells the learner to type ("next: make hint-1"),
// in the form that works in their shell: `make hint-1` when the runner was
// started by the Makefile (which sets KATA_FRONT=make), `kata hint 1` when a
// `kata` on the PATH is this runner, otherwise the runner's path.
//
// Thread safety: reads the environment once; safe from any thread after.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kata {

// verb: run, hint, solution, reset, progress, watch, doctor, verify.
// `seed` only with run (replays a stress repetition).
std::string Typed(std::string_view verb, std::optional<int> number = std::nullopt,
                  std::optional<int> seed = std::nullopt);

}  // namespace kata
