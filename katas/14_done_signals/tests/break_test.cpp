// Step 2: you write these tests. Break out of a range over CountTo(10) once
// a value is greater than 5. The workbook judges your tests: they must pass
// against a correct CountTo and fail against each of four broken ones
// (`make kata-14` says how many yours catch).
//
// The tools: a Stream is a Receiver, so `const kata::Receiver<int> rescue =
// numbers;` is a second handle on its channel, and `rescue.Recv()` takes
// what the producer still sends; std::optional<kata::Stream<int>> lets you
// destroy a stream when you choose (reset()). In leak_check.h: Background
// runs a function on a thread of its own and says whether it returned within
// kPrompt; a ThreadCensus notes the threads alive when it is made, and
// NoneAdded() waits until no other thread is left.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "channel.h"
#include "leak_check.h"
#include "stream.h"
#include "streams.h"
#include "testkit/todo.h"

namespace {

TEST(BreakingOut, TheLoopGetsEveryValueUpToTheBreak) {
  KATA_TODO(
      "range over CountTo(10) and break once a value is greater than 5: which values did the "
      "loop see? Then read on through the stream: what is left, and does it end?");
}

TEST(BreakingOut, LeavesNoThreadBehind) {
  KATA_TODO(
      "take a ThreadCensus, break out as above, then destroy the stream on a Background thread: "
      "it returns within kPrompt (if not, read the rest through a second Receiver, so that your "
      "test ends), and no thread is added");
}

}  // namespace
