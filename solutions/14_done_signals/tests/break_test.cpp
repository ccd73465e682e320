// Step 2, the reference for the test you write: breaking out of a range over
// CountTo(10) after 6 (when a value is greater than 5, as in the classic
// example of a leaking generator). The values up to the break are the right
// ones; destroying the stream returns at once, checked on a thread of its own
// so that a stream that hangs gives a failure, not a hung test; and no
// thread is left behind.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "background.h"
#include "channel.h"
#include "stream.h"
#include "streams.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace {

namespace testkit = kata::testkit;
using leak_test::Background;
using leak_test::kPrompt;

TEST(BreakingOut, TheLoopGetsEveryValueUpToTheBreak) {
  std::vector<int> got;
  for (int i : kata::CountTo(10)) {
    got.push_back(i);
    if (i > 5) break;
  }
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
}

TEST(BreakingOut, DestroyingTheStreamReturnsPromptly) {
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
}

TEST(BreakingOut, NoThreadIsLeftBehind) {
  const int baseline = testkit::LiveThreads();
  {
    std::optional<kata::Stream<int>> numbers(kata::CountTo(10));
    const kata::Receiver<int> rescue = *numbers;
    for (int i : *numbers) {
      if (i > 5) break;
    }
    Background destroy([&] { numbers.reset(); });
    if (!destroy.ReturnsWithin(kPrompt)) {
      while (rescue.Recv()) {
      }
    }
    destroy.Join();
  }
  const bool back =
      testkit::Eventually([&] { return testkit::LiveThreads() <= baseline; }, kPrompt);
  EXPECT_TRUE(back) << testkit::LiveThreads() << " threads alive after the stream was destroyed, "
                    << baseline << " before it was made";
}

}  // namespace
