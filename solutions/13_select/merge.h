// Merge2: Go's fan-in of two channels, written with Select.
//
// Thread safety: Merge2 blocks its caller; the channels may be used by any
// thread meanwhile.
#pragma once

#include <optional>

#include "channel.h"
#include "select.h"

namespace kata {

// Forwards every value of `a` and `b` to `out` as it arrives, and returns
// once both are closed and drained. It does not close `out`: that is the
// caller's, who may merge more into it.
template <typename T>
void Merge2(const Channel<T>& a, const Channel<T>& b, const Channel<T>& out) {
  bool a_open = true;
  bool b_open = true;
  // A closed channel is always ready: its case is switched off once it has
  // said so, or the loop would spin on it.
  auto forward = [&out](bool& open) {
    return [&out, &open](std::optional<T> value) {
      if (value) {
        out.Send(std::move(*value));
      } else {
        open = false;
      }
    };
  };
  while (a_open || b_open) {
    Select().RecvIf(a_open, a, forward(a_open)).RecvIf(b_open, b, forward(b_open)).Run();
  }
}

}  // namespace kata
