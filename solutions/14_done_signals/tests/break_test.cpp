// Step 2, the reference for the test you write: breaking out of a range over
// CountTo(10) once a value is greater than 5, as in the classic example of a
// leaking generator. The loop sees exactly 0 to 6, and the rest is still
// there to read, 7 to 9, then the end. Destroying the stream returns at
// once and leaves no thread behind: the destruction runs on a thread of its
// own, so a stream that hangs gives a failure, not a hung test.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "channel.h"
#include "leak_check.h"
#include "stream.h"
#include "streams.h"

namespace {

using leak_test::Background;
using leak_test::kPrompt;
using leak_test::ThreadCensus;

TEST(BreakingOut, TheLoopGetsEveryValueUpToTheBreak) {
  auto numbers = kata::CountTo(10);
  std::vector<int> seen;
  for (int i : numbers) {
    seen.push_back(i);
    if (i > 5) break;
  }
  EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
  // Read on: the break lost nothing, and the stream still ends at 9. (So
  // this test does not rely on the destructor either.)
  std::vector<int> rest;
  while (std::optional<int> i = numbers.Recv()) rest.push_back(*i);
  EXPECT_EQ(rest, (std::vector<int>{7, 8, 9}));
}

TEST(BreakingOut, LeavesNoThreadBehind) {
  const ThreadCensus threads;
  std::optional<kata::Stream<int>> numbers(kata::CountTo(10));
  const kata::Receiver<int> rescue = *numbers;  // a second handle on the stream's channel
  for (int i : *numbers) {
    if (i > 5) break;
  }
  Background destroy([&] { numbers.reset(); });
  const bool returned = destroy.ReturnsWithin(kPrompt);
  if (!returned) {
    while (rescue.Recv()) {  // takes what a producer that ignores stop still sends
    }
  }
  destroy.Join();
  EXPECT_TRUE(returned) << "destroying the stream after a break did not return: its producer "
                           "waits for a receiver that is gone";

  EXPECT_TRUE(threads.NoneAdded()) << "a thread started with the stream outlived it";
}

}  // namespace
