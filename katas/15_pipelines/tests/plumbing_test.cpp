// Steps 6, 7 and 8: a channel read with a way out (OrDone), a stream split
// in two (Tee), and a stream of streams flattened (Bridge).
#include <gtest/gtest.h>

#include <optional>
#include <stop_token>
#include <utility>
#include <vector>

#include "channel.h"
#include "pipeline.h"
#include "pipeline_tools.h"

namespace {

using kata::Channel;
using kata::Generator;
using kata::Repeat;
using kata::Sender;
using kata::Stream;
using leak_test::NextWithin;
using leak_test::ThreadCensus;

// --- Step 6 --- or-done ------------------------------------------------------

TEST(OrDoneStops, IterationStopsOnDoneThoughTheSourceNeverCloses) {
  const ThreadCensus threads;
  Channel<int> source(4);  // never closed
  source.Send(1);
  source.Send(2);
  std::stop_source done;
  std::vector<int> seen;
  for (int value : kata::OrDone(done.get_token(), source)) {
    seen.push_back(value);
    if (seen.size() == 2) done.request_stop();
  }
  EXPECT_EQ(seen, (std::vector<int>{1, 2}));
  EXPECT_TRUE(threads.NoneAdded()) << "OrDone's thread outlived its stream";
}

TEST(OrDoneStops, ItEndsWhenTheSourceEnds) {
  Channel<int> source(2);
  source.Send(7);
  source.Close();
  std::stop_source done;
  Stream<int> values = kata::OrDone(done.get_token(), source);
  EXPECT_EQ(values.Recv(), 7);
  EXPECT_EQ(values.Recv(), std::nullopt);
}

TEST(OrDoneStops, DestroyingTheStreamStopsItWithoutDone) {
  const ThreadCensus threads;
  Channel<int> source;  // nobody ever sends
  std::stop_source done;
  {
    Stream<int> values = kata::OrDone(done.get_token(), source);
    ASSERT_TRUE(kata::testkit::Eventually([&] { return source.WaitingReceivers() == 1; }));
  }
  EXPECT_TRUE(threads.NoneAdded()) << "OrDone's thread outlived its stream";
}

// --- Step 7 --- tee ----------------------------------------------------------

TEST(TeeSplits, BothOutputsGetEveryValueInOrder) {
  auto [first, second] = kata::Tee(Generator(1, 2, 3, 4));
  for (int want = 1; want <= 4; ++want) {
    EXPECT_EQ(first.Recv(), want);
    EXPECT_EQ(second.Recv(), want);
  }
  EXPECT_EQ(first.Recv(), std::nullopt);
  EXPECT_EQ(second.Recv(), std::nullopt);
}

TEST(TeeSplits, WhileTheFirstReaderPausesTheSecondStillGetsTheCurrentValue) {
  auto [first, second] = kata::Tee(Generator(1, 2, 3));
  const leak_test::Next next = NextWithin(second, [&first = first] { first.Cancel(); });
  EXPECT_TRUE(next.in_time) << "the second reader waited for the first one to read";
  EXPECT_EQ(next.value, 1);
}

TEST(TeeSplits, WhileTheSecondReaderPausesTheFirstStillGetsTheCurrentValue) {
  auto [first, second] = kata::Tee(Generator(1, 2, 3));
  const leak_test::Next next = NextWithin(first, [&first = first] { first.Cancel(); });
  EXPECT_TRUE(next.in_time) << "the first reader waited for the second one to read";
  EXPECT_EQ(next.value, 1);
}

TEST(TeeSplits, DestroyingTheOutputsStopsTheTeeAndItsInput) {
  const ThreadCensus threads;
  {
    auto [first, second] = kata::Tee(Repeat(5));
    EXPECT_EQ(first.Recv(), 5);
    EXPECT_EQ(second.Recv(), 5);
  }
  EXPECT_TRUE(threads.NoneAdded()) << "the tee or its input outlived both outputs";
}

// --- Step 8 --- bridge -------------------------------------------------------

TEST(BridgeFlattens, TheValuesOfEachStreamOneStreamAfterTheOther) {
  Stream<Stream<int>> streams(0, [](Sender<Stream<int>> out, std::stop_token stop) {
    if (!out.Send(Generator(1, 2), stop)) return;
    if (!out.Send(Generator(3), stop)) return;
    if (!out.Send(Generator(std::vector<int>{}), stop)) return;
    out.Send(Generator(4, 5, 6), stop);
  });
  std::vector<int> got;
  for (int value : kata::Bridge(std::move(streams))) got.push_back(value);
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3, 4, 5, 6}));
}

TEST(BridgeFlattens, DestroyingItStopsTheStreamItReadsAndTheStreamOfStreams) {
  const ThreadCensus threads;
  {
    Stream<Stream<int>> endless(0, [](Sender<Stream<int>> out, std::stop_token stop) {
      for (int i = 0; out.Send(Repeat(i), stop); ++i) {
      }
    });
    Stream<int> flat = kata::Bridge(std::move(endless));
    EXPECT_EQ(flat.Recv(), 0);
    EXPECT_EQ(flat.Recv(), 0);
  }
  EXPECT_TRUE(threads.NoneAdded()) << "a stream outlived the bridge";
}

}  // namespace
