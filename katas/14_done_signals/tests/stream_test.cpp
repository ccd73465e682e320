// Steps 1, 2, 3 and 4: a stream ends, stops when its owner breaks out of the
// loop or cancels it, and a worker waiting on a channel nobody sends to
// still stops.
#include "stream.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <random>
#include <stop_token>
#include <string>
#include <vector>

#include "channel.h"
#include "leak_check.h"
#include "streams.h"
#include "testkit/eventually.h"

namespace {

namespace testkit = kata::testkit;
using kata::Channel;
using kata::Sender;
using kata::Stream;
using leak_test::Background;
using leak_test::kPrompt;
using leak_test::ThreadCensus;

// --- Step 1 --- a stream that ends -------------------------------------------

TEST(StreamEnds, TheStreamEndsWhenItsProducerReturns) {
  Stream<std::string> words(1, [](Sender<std::string> out, std::stop_token stop) {
    out.Send("done", stop);
    out.Send("signals", stop);
  });
  EXPECT_EQ(words.Recv(), "done");
  EXPECT_EQ(words.Recv(), "signals");
  EXPECT_EQ(words.Recv(), std::nullopt) << "the stream did not end when its producer returned";
  EXPECT_EQ(words.Recv(), std::nullopt);
}

TEST(StreamEnds, CountToTenGivesZeroToNineThenEnds) {
  std::vector<int> got;
  for (int i : kata::CountTo(10)) got.push_back(i);
  EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

TEST(StreamEnds, CountToZeroGivesNothing) {
  kata::Stream<int> none = kata::CountTo(0);
  EXPECT_EQ(none.Recv(), std::nullopt);
}

// --- Step 2 --- break out early ----------------------------------------------

TEST(StreamBreaks, LeavingTheLoopStopsTheProducerAndWaitsForIt) {
  const ThreadCensus threads;
  bool saw_stop = false;  // plain: read only after the stream has joined its thread
  {
    Stream<int> numbers(0, [&](Sender<int> out, std::stop_token stop) {
      for (int i = 0;; ++i) {
        if (!out.Send(i, stop)) break;
      }
      saw_stop = stop.stop_requested();
    });
    for (int i : numbers) {
      if (i == 2) break;
    }
  }
  EXPECT_TRUE(saw_stop) << "the producer returned without being asked to stop";
  EXPECT_TRUE(threads.NoneAdded()) << "the stream's thread outlived the stream";
}

// --- Step 3 --- cancel -------------------------------------------------------

TEST(StreamCancels, TakeThreeRandomNumbersThenCancel) {
  const ThreadCensus threads;
  std::mt19937 expected(2026);
  std::vector<std::uint32_t> got;
  auto randoms = kata::RandomNumbers(2026);
  for (std::uint32_t n : randoms) {
    got.push_back(n);
    if (got.size() == 3) randoms.Cancel();
  }
  ASSERT_EQ(got.size(), 3u) << "the range went on after Cancel()";
  for (std::uint32_t n : got) EXPECT_EQ(n, static_cast<std::uint32_t>(expected()));
  EXPECT_TRUE(threads.NoneAdded()) << "the producer of an endless stream outlived Cancel()";
}

TEST(StreamCancels, WhenCancelReturnsTheProducerHasReturned) {
  bool returned = false;  // plain: Cancel() must have joined the producer before the test reads it
  Stream<int> numbers(0, [&](Sender<int> out, std::stop_token stop) {
    for (int i = 0; out.Send(i, stop); ++i) {
    }
    returned = true;
  });
  EXPECT_EQ(numbers.Recv(), 0);
  numbers.Cancel();
  // Read at once, before anything else touches the stream: only the join
  // in Cancel() orders the producer's write before this read.
  EXPECT_TRUE(returned) << "Cancel() returned before the producer did";
}

TEST(StreamCancels, CancellingTwiceIsHarmless) {
  auto numbers = kata::CountTo(3);
  numbers.Cancel();
  numbers.Cancel();
  EXPECT_EQ(numbers.Recv(), std::nullopt);
}

// --- Step 4 --- a worker blocked on receive ----------------------------------

TEST(WorkerStops, UpperForwardsEveryWordInUpperCase) {
  Channel<std::string> words(3);
  words.Send("done");
  words.Send("channel");
  words.Close();
  std::vector<std::string> got;
  for (std::string word : kata::Upper(words)) got.push_back(word);
  EXPECT_EQ(got, (std::vector<std::string>{"DONE", "CHANNEL"}));
}

TEST(WorkerStops, AWorkerWaitingOnAChannelNobodySendsToStops) {
  const ThreadCensus threads;
  Channel<std::string> nobody;  // nothing is ever sent on it
  std::optional<Stream<std::string>> upper(kata::Upper(nobody));
  ASSERT_TRUE(testkit::Eventually([&] { return nobody.WaitingReceivers() == 1; }))
      << "the worker never waited on its input";

  Background cancel([&] { upper->Cancel(); });
  const bool returned = cancel.ReturnsWithin(kPrompt);
  if (!returned) nobody.Close();  // frees a worker that did not see stop, so the test can end
  cancel.Join();
  EXPECT_TRUE(returned) << "Cancel() did not return: the worker waiting on a channel nobody "
                           "sends to did not see the stop request";
  EXPECT_EQ(upper->Recv(), std::nullopt) << "the worker's stream did not end when it stopped";
  upper.reset();
  EXPECT_TRUE(threads.NoneAdded()) << "the worker outlived its stream";
}

}  // namespace
