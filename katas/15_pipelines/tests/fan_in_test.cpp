// Steps 4 and 5: fan-in (Merge) and fan-out with fan-in (ProcessAndGather).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <vector>

#include "channel.h"
#include "pipeline.h"
#include "pipeline_tools.h"
#include "testkit/sync.h"

namespace {

namespace testkit = kata::testkit;
using kata::Channel;
using kata::Generator;
using kata::Merge;
using kata::ProcessAndGather;
using kata::Repeat;
using kata::Stream;
using leak_test::Feed;
using leak_test::NextWithin;
using leak_test::ReadToEnd;
using leak_test::ThreadCensus;

int Same(int v) { return v; }

std::vector<int> Sorted(std::vector<int> values) {
  std::sort(values.begin(), values.end());
  return values;
}

// --- Step 4 --- fan-in ------------------------------------------------------

TEST(MergeFansIn, ThreeStreamsGiveEveryValueOnceThenEnd) {
  Stream<int> merged = Merge(Generator(1, 2, 3), Generator(10, 20), Generator(100));
  const leak_test::Rest rest = ReadToEnd(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(rest.in_time) << "the merged stream did not end after its inputs had";
  EXPECT_EQ(Sorted(rest.values), (std::vector<int>{1, 2, 3, 10, 20, 100}));
}

TEST(MergeFansIn, TheMergedStreamStaysOpenUntilTheLastInputEnds) {
  Channel<int> a(4), b(4), c(4);
  Stream<int> merged = Merge(Feed(a), Feed(b), Feed(c));
  a.Close();
  b.Close();
  c.Send(3);
  const leak_test::Next three = NextWithin(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(three.in_time && three.value == 3)
      << "a value sent on the last open input did not arrive once the others had ended";
  c.Close();
  const leak_test::Next end = NextWithin(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(end.in_time) << "the merged stream did not end once its last input had";
  EXPECT_EQ(end.value, std::nullopt);
}

TEST(MergeFansIn, AnEmptyMergeEndsAtOnce) {
  Stream<int> merged = Merge(std::vector<Stream<int>>{});
  const leak_test::Next end = NextWithin(merged, [&] { merged.Cancel(); });
  EXPECT_TRUE(end.in_time && !end.value) << "a merge of nothing did not end";
}

TEST(MergeFansIn, DestroyingItStopsTheForwardersAndTheInputs) {
  const ThreadCensus threads;
  {
    Stream<int> merged = Merge(Repeat(1), Repeat(2), Generator(3));
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(merged.Recv().has_value());
  }
  EXPECT_TRUE(threads.NoneAdded()) << "a forwarder or an input outlived the merged stream";
}

// --- Step 5 --- fan-out, fan-in ----------------------------------------------

TEST(FanOut, FourWorkersAreInFlightAtOnce) {
  const ThreadCensus threads;
  testkit::Rendezvous four(4);
  auto square = [&four](int v) {
    const testkit::Rendezvous::Inside inside(four);
    return v * v;
  };
  Stream<int> squares = ProcessAndGather(Generator(1, 2, 3, 4, 5, 6, 7, 8), square, 4);
  const leak_test::Rest rest = ReadToEnd(squares, [&] { squares.Cancel(); });
  EXPECT_TRUE(four.WasMet()) << "the workers did not run at once";
  EXPECT_LE(four.Peak(), 4) << "more than 4 workers ran at once";
  EXPECT_TRUE(rest.in_time) << "the gathered stream did not end after its input had";
  EXPECT_EQ(Sorted(rest.values), (std::vector<int>{1, 4, 9, 16, 25, 36, 49, 64}));
  EXPECT_TRUE(threads.NoneAdded()) << "a worker outlived the end of the gathered stream";
}

TEST(FanOut, EveryValueIsProcessedExactlyOnce) {
  std::vector<int> inputs(50);
  std::iota(inputs.begin(), inputs.end(), 1);
  std::atomic<int> calls = 0;
  auto twice = [&calls](int v) {
    calls.fetch_add(1);
    return 2 * v;
  };
  Stream<int> doubled = ProcessAndGather(Generator(inputs), twice, 3);
  const leak_test::Rest rest = ReadToEnd(doubled, [&] { doubled.Cancel(); });
  EXPECT_TRUE(rest.in_time);
  EXPECT_EQ(calls.load(), 50);
  std::vector<int> expected(50);
  std::transform(inputs.begin(), inputs.end(), expected.begin(), [](int v) { return 2 * v; });
  EXPECT_EQ(Sorted(rest.values), expected);
}

TEST(FanOut, DestroyingItStopsEveryWorker) {
  const ThreadCensus threads;
  {
    Stream<int> ones = ProcessAndGather(Repeat(1), Same, 4);
    for (int i = 0; i < 6; ++i) EXPECT_EQ(ones.Recv(), 1);
  }
  EXPECT_TRUE(threads.NoneAdded()) << "a worker or the input outlived the gathered stream";
}

TEST(FanOut, NoWorkerIsAnError) {
  EXPECT_THROW(ProcessAndGather(Generator(1), Same, 0), std::invalid_argument);
}

}  // namespace
