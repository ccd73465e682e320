// Steps 1, 2 and 3: stages joined with `|`, Take and Repeat, and a pipeline
// torn down from its tail.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "pipeline.h"
#include "pipeline_tools.h"

namespace {

using kata::Add;
using kata::Generator;
using kata::Multiply;
using kata::Repeat;
using kata::Stream;
using kata::Take;
using leak_test::Background;
using leak_test::kPrompt;
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

}  // namespace
