// Step 4, the reference for the test you write: Merge is a fan-in whose
// merged stream gets every value of every input once, does not make one
// input wait for another, and ends once, only after its last input has
// ended, leaving no thread behind. Every read that could hang (a merge that
// never ends, a value that never comes) goes through NextWithin or
// ReadToEnd, which cancel the merged stream after kPrompt, so a broken Merge
// gives a failure, not a hung test.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "channel.h"
#include "pipeline.h"
#include "pipeline_tools.h"

namespace {

using kata::Channel;
using kata::Generator;
using kata::Merge;
using kata::Stream;
using leak_test::Feed;
using leak_test::NextWithin;
using leak_test::ReadToEnd;
using leak_test::ThreadCensus;

TEST(MergeClosing, EveryValueOfEveryInputArrivesExactlyOnce) {
  Stream<int> merged = Merge(Generator(1, 2, 3), Generator(10, 20), Generator(100));
  leak_test::Rest rest = ReadToEnd(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(rest.in_time) << "the merged stream did not end after its three inputs had";
  std::sort(rest.values.begin(), rest.values.end());
  EXPECT_EQ(rest.values, (std::vector<int>{1, 2, 3, 10, 20, 100}));
}

TEST(MergeClosing, AValueOnOneInputDoesNotWaitForAnother) {
  Channel<int> silent(1), talking(1);
  Stream<int> merged = Merge(Feed(silent), Feed(talking));
  talking.Send(2);
  const leak_test::Next next = NextWithin(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(next.in_time) << "a value on the second input waited for the first input to end";
  EXPECT_EQ(next.value, 2);
}

TEST(MergeClosing, ItEndsOnlyAfterItsLastInputHasEnded) {
  Channel<int> a(1), b(1), c(1);
  Stream<int> merged = Merge(Feed(a), Feed(b), Feed(c));
  a.Close();
  b.Close();
  c.Send(3);
  const leak_test::Next three = NextWithin(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(three.in_time);
  EXPECT_EQ(three.value, 3) << "the merged stream ended before its last input had";
  c.Close();
  const leak_test::Next end = NextWithin(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(end.in_time) << "the merged stream did not end after its last input had";
  EXPECT_EQ(end.value, std::nullopt);
}

TEST(MergeClosing, DestroyingItLeavesNoThreadBehind) {
  const ThreadCensus threads;
  {
    Stream<int> merged = Merge(kata::Repeat(1), kata::Repeat(2));
    int read = 0;
    while (read < 3 && merged.Recv()) ++read;
    EXPECT_EQ(read, 3) << "the merged stream of two endless inputs ended";
  }  // two endless inputs: only a stop request ends them
  EXPECT_TRUE(threads.NoneAdded()) << "a forwarder or an input outlived the merged stream";
}

}  // namespace
