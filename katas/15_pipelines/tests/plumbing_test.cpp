// Steps 6, 7 and 8: a channel read with a way out (OrDone), a stream split
// in two (Tee), and a stream of streams flattened (Bridge).
#include <gtest/gtest.h>

#include <memory>
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

// A stream of the given streams, made on the test's thread (a KATA_TODO
// thrown on a stream's own thread would end the program).
Stream<Stream<int>> StreamOf(std::vector<Stream<int>> parts) {
  auto owned = std::make_shared<std::vector<Stream<int>>>(std::move(parts));
  return Stream<Stream<int>>(0, [owned](Sender<Stream<int>> out, std::stop_token stop) {
    for (Stream<int>& part : *owned) {
      if (!out.Send(std::move(part), stop)) return;
    }
  });
}

template <typename... Parts>
Stream<Stream<int>> StreamOf(Parts... parts) {
  std::vector<Stream<int>> all;
  (all.push_back(std::move(parts)), ...);
  return StreamOf(std::move(all));
}

TEST(BridgeFlattens, TheValuesOfEachStreamOneStreamAfterTheOther) {
  Stream<int> flat = kata::Bridge(
      StreamOf(Generator(1, 2), Generator(3), Generator(std::vector<int>{}), Generator(4, 5, 6)));
  std::vector<int> got;
  for (int value : flat) got.push_back(value);
  EXPECT_EQ(got, (std::vector<int>{1, 2, 3, 4, 5, 6}));
}

TEST(BridgeFlattens, DestroyingItStopsTheStreamItReadsAndTheStreamOfStreams) {
  const ThreadCensus threads;
  {
    Stream<int> flat = kata::Bridge(StreamOf(Repeat(0), Repeat(1)));
    EXPECT_EQ(flat.Recv(), 0);
    EXPECT_EQ(flat.Recv(), 0);
  }
  EXPECT_TRUE(threads.NoneAdded()) << "a stream outlived the bridge";
}

}  // namespace
