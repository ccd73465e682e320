// Step 2: you write these tests. Break out of a range over CountTo(10) once
// a value is greater than 5. The workbook judges your tests: they must pass
// against a correct CountTo and fail against each of four broken ones
// (`make kata-14` says how many yours catch).
//
// The tools: a Stream is a Receiver, so `const kata::Receiver<int> rescue =
// numbers;` is a second handle on its channel, and `rescue.Recv()` takes
// what the producer still sends; std::optional<kata::Stream<int>> lets you
// destroy a stream when you choose (reset()); Background (background.h) runs
// a function on a thread of its own and says whether it returned within
// kPrompt; testkit::LiveThreads() (testkit/sync.h) counts the process's
// threads, and testkit::Eventually (testkit/eventually.h) waits for a
// condition without sleeping.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "background.h"
#include "channel.h"
#include "stream.h"
#include "streams.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "testkit/todo.h"

namespace {

TEST(BreakingOut, TheLoopGetsEveryValueUpToTheBreak) {
  KATA_TODO(
      "range over CountTo(10) and break once a value is greater than 5: which values did the loop "
      "see? (then read "
      "the rest, so that this test does not depend on the destructor)");
}

TEST(BreakingOut, LeavesNoThreadBehind) {
  KATA_TODO(
      "count the threads, break out as above, then destroy the stream on a Background thread: it "
      "returns within "
      "kPrompt (if it does not, read the rest through a second Receiver, so that your test ends), "
      "and the count "
      "is back where it was");
}

}  // namespace
