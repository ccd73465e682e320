// Merge2: Go's fan-in of two channels, written with Select.
//
// Thread safety: Merge2 blocks its caller; the channels may be used by any
// thread meanwhile.
#pragma once

#include <optional>

#include "channel.h"
#include "select.h"
#include "testkit/todo.h"

namespace kata {

// Forwards every value of `a` and `b` to `out` as it arrives, and returns
// once both are closed and drained. It does not close `out`: that is the
// caller's, who may merge more into it.
template <typename T>
void Merge2(const Channel<T>& a, const Channel<T>& b, const Channel<T>& out) {
  (void)a;
  (void)b;
  (void)out;
  // TODO (step 6): a Select in a loop, one case per channel still open.
  KATA_TODO("merge two channels into one");
}

}  // namespace kata
