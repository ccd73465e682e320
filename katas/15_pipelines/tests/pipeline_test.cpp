// Steps 1, 2, 3, 6, 7 and 8: stages joined with `|`, Take and Repeat, a
// pipeline torn down from its tail, a channel read with a way out (OrDone),
// a stream split in two (Tee), and a stream of streams flattened (Bridge).
#include "pipeline.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <stop_token>
#include <utility>
#include <vector>

#include "channel.h"
#include "pipeline_tools.h"
#include "testkit/eventually.h"

namespace {

using kata::Add;
using kata::Channel;
using kata::Generator;
using kata::Multiply;
using kata::Repeat;
using kata::Sender;
using kata::Stream;
using kata::Take;
using leak_test::Background;
using leak_test::kPrompt;
using leak_test::NextWithin;
using leak_test::ThreadCensus;

std::vector<int> All(const Stream<int>& stream) {
  std::vector<int> values;
  for (int value : stream) values.push_back(value);
  return values;
}

// --- Step 1 --- stages joined with | -----------------------------------------

TEST(StagesCompose, TheGeneratorGivesItsValuesInOrderThenEnds) {
  Stream<int> numbers = Generator(1, 2, 3, 4);
  EXPECT_EQ(All(numbers), (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(numbers.Recv(), std::nullopt);
}

TEST(StagesCompose, AddThenMultiplyGivesFourSixEightTen) {
  EXPECT_EQ(All(Generator(1, 2, 3, 4) | Add(1) | Multiply(2)), (std::vector<int>{4, 6, 8, 10}));
}

TEST(StagesCompose, TheOrderOfTheStagesIsTheOrderOfThePipe) {
  EXPECT_EQ(All(Generator(1, 2, 3, 4) | Multiply(2) | Add(1)), (std::vector<int>{3, 5, 7, 9}));
}

TEST(StagesCompose, AnEmptyGeneratorEndsEveryStageAfterIt) {
  EXPECT_EQ(All(Generator(std::vector<int>{}) | Add(1) | Multiply(2)), std::vector<int>{});
}

// --- Step 2 --- Take and Repeat ----------------------------------------------

TEST(TakeAndRepeat, TakeTenOfRepeatOneGivesTenOnes) {
  EXPECT_EQ(All(Take(10, Repeat(1))), std::vector<int>(10, 1));
}

TEST(TakeAndRepeat, RepeatGoesRoundItsValues) {
  EXPECT_EQ(All(Repeat(1, 2, 3) | Take(7)), (std::vector<int>{1, 2, 3, 1, 2, 3, 1}));
}

TEST(TakeAndRepeat, TakeOfAShorterStreamGivesWhatThereIs) {
  EXPECT_EQ(All(Generator(5, 6) | Take(3)), (std::vector<int>{5, 6}));
}

TEST(TakeAndRepeat, RepeatStopsOnceTakeIsDoneWhileTheStreamIsStillHeld) {
  const ThreadCensus threads;
  Stream<int> ones = Take(3, Repeat(1));
  EXPECT_EQ(All(ones), (std::vector<int>{1, 1, 1}));
  // `ones` is still alive: its thread, and Repeat's, must have returned by
  // themselves once the third value was out.
  EXPECT_TRUE(threads.NoneAdded()) << "Repeat (or Take) still runs after Take had its values";
}

// --- Step 3 --- teardown from the tail ---------------------------------------

TEST(TeardownFromTheTail, DestroyingAnEndlessPipelineStopsEveryStage) {
  const ThreadCensus threads;
  std::optional<Stream<int>> pipeline(Repeat(1) | Add(1) | Multiply(2));
  EXPECT_EQ(pipeline->Recv(), 4);
  EXPECT_EQ(pipeline->Recv(), 4);
  Background destroy([&] { pipeline.reset(); });
  EXPECT_TRUE(destroy.ReturnsWithin(kPrompt))
      << "destroying the tail did not return: a stage waits without its stop token";
  destroy.Join();
  EXPECT_TRUE(threads.NoneAdded()) << "a stage outlived the pipeline";
}

TEST(TeardownFromTheTail, CancellingTheTailEndsItsRangeAndStopsEveryStage) {
  const ThreadCensus threads;
  Stream<int> pipeline = Repeat(1, 2) | Add(1) | Multiply(2) | Add(0);
  std::vector<int> seen;
  for (int value : pipeline) {
    seen.push_back(value);
    if (seen.size() == 2) pipeline.Cancel();
  }
  EXPECT_EQ(seen, (std::vector<int>{4, 6})) << "the range went on after Cancel()";
  EXPECT_TRUE(threads.NoneAdded()) << "a stage upstream outlived Cancel() on the tail";
}

TEST(TeardownFromTheTail, AStageThatEndsStopsTheStagesBeforeIt) {
  const ThreadCensus threads;
  Stream<int> pipeline = Repeat(7) | Add(1) | Take(2) | Multiply(2);
  EXPECT_EQ(All(pipeline), (std::vector<int>{16, 16}));
  EXPECT_TRUE(threads.NoneAdded()) << "Repeat or Add still runs after Take had its values";
}

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
