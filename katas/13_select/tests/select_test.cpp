// Steps 1, 2, 3, 4, 5 and 7: a select picks a ready case, sleeps until one
// is ready, falls back on a default, times out (the workbook's test of step
// 4; yours is timeout_test.cpp), is fair, and gives way to a stop request.
#include "select.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <chrono>
#include <optional>
#include <stop_token>

#include "channel.h"
#include "running.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using kata::Channel;
using kata::Select;
using select_test::OnExit;
using select_test::Running;

// A handler for a case the test does not expect to run.
auto Ignore() {
  return [](std::optional<int>) {};
}

// --- Step 1 --- pick the ready case -----------------------------------------

TEST(SelectPicksReady, OnlyTheReadyChannelsHandlerRuns) {
  Channel<int> a(1);
  Channel<int> b(1);
  b.Send(7);
  bool a_ran = false;
  std::optional<int> from_b;
  const std::size_t chosen = Select()
                                 .Recv(a, [&](std::optional<int>) { a_ran = true; })
                                 .Recv(b, [&](std::optional<int> value) { from_b = value; })
                                 .Run();
  // First: a channel that still held a select's waker would call into it.
  ASSERT_EQ(a.WaitingReceivers(), 0) << "the select still waits on channel a after Run returned";
  ASSERT_EQ(b.WaitingReceivers(), 0) << "the select still waits on channel b after Run returned";
  EXPECT_EQ(chosen, 1u);
  EXPECT_EQ(from_b, 7);
  EXPECT_FALSE(a_ran) << "the handler of an empty channel's case ran";
  EXPECT_EQ(b.Size(), 0u);
}

TEST(SelectPicksReady, ASendCaseSendsWhereThereIsRoom) {
  Channel<int> full(1);
  full.Send(1);
  Channel<int> roomy(1);
  bool sent = false;
  const std::size_t chosen =
      Select().Send(full, 2, [] {}).Send(roomy, 3, [&] { sent = true; }).Run();
  ASSERT_EQ(full.WaitingSenders(), 0) << "the select still waits on a channel after Run returned";
  ASSERT_EQ(roomy.WaitingSenders(), 0) << "the select still waits on a channel after Run returned";
  EXPECT_EQ(chosen, 1u);
  EXPECT_TRUE(sent);
  EXPECT_EQ(roomy.TryRecv(), 3);
  EXPECT_EQ(full.TryRecv(), 1);
  EXPECT_EQ(full.TryRecv(), std::nullopt) << "the full channel's case sent its value too";
}

TEST(SelectPicksReady, ACaseSwitchedOffIsNeverChosen) {
  Channel<int> off(1);
  off.Send(1);
  Channel<int> on(1);
  on.Send(2);
  const std::size_t chosen = Select().RecvIf(false, off, Ignore()).RecvIf(true, on, Ignore()).Run();
  EXPECT_EQ(chosen, 1u);
  EXPECT_EQ(off.Size(), 1u) << "a case switched off with RecvIf(false, ...) took a value";
}

// --- Step 2 --- wait without spinning ----------------------------------------

// The OnTry seam counts the tries that found a case not ready. A select that
// sleeps tries each case once, sleeps, and once woken tries again: at most
// twice each. One that polls in a loop tries thousands of times.
TEST(SelectWaits, ParksAsAWaiterOnBothChannelsUntilASendWakesIt) {
  Channel<int> a(1);
  Channel<int> b(1);
  std::array<std::atomic<int>, 2> tries{};
  std::optional<int> from_a;  // written by the select's thread, read after the join
  Select select;
  select.Recv(a, [&](std::optional<int> value) { from_a = value; })
      .Recv(b, Ignore())
      .OnTry([&](std::size_t i) { tries.at(i).fetch_add(1); });
  Running running([&] { return select.Run(); });
  OnExit release([&] {
    if (!running.Done()) b.TrySend(0);
  });
  auto parked = [&] { return a.WaitingReceivers() == 1 && b.WaitingReceivers() == 1; };
  ASSERT_TRUE(testkit::Eventually([&] {
    return running.Done() || (parked() && tries[1] > 0 && tries[0] > 0);
  })) << "tried a "
      << tries[0] << " times, b " << tries[1] << " times (OnTry counts them)";
  ASSERT_FALSE(running.Done()) << "Run returned with no case ready";
  EXPECT_TRUE(testkit::Never([&] { return tries[0] > 2 || tries[1] > 2; }, 50ms))
      << "the select polls instead of sleeping: a tried " << tries[0] << " times, b " << tries[1];
  EXPECT_TRUE(parked()) << "a parked select counts as a waiting receiver on each channel";

  a.Send(4);
  EXPECT_EQ(running.Get(), 0u);
  EXPECT_EQ(from_a, 4);
  EXPECT_LE(tries[0], 2);
  EXPECT_LE(tries[1], 2);
}

// The window a select must not leave open: a value that arrives after the
// select has found its channel empty, and before it sleeps. The seam sends
// it there, once both channels have been tried. If the waker is registered
// only after the tries, nobody wakes the select; a value on b frees it.
TEST(SelectWaits, AValueSentAfterTheTriesBeforeTheSleepWakesIt) {
  Channel<int> a(1);
  Channel<int> b(1);
  int tried = 0;  // the seam runs on the select's thread only
  std::optional<int> from_a;
  Select select;
  select.Recv(a, [&](std::optional<int> value) { from_a = value; })
      .Recv(b, Ignore())
      .OnTry([&](std::size_t) {
        if (++tried == 2) a.TrySend(9);
      });
  Running running([&] { return select.Run(); });
  OnExit release([&] {
    if (!running.Done()) b.TrySend(0);
  });
  const bool woke = testkit::Eventually([&] { return running.Done(); });
  if (!woke) b.TrySend(0);
  ASSERT_TRUE(woke) << "a value sent after the select had tried its channel, before it slept, "
                       "never woke it: the waker must be on every channel before the first try";
  EXPECT_EQ(running.Get(), 0u);
  EXPECT_EQ(from_a, 9);
}

TEST(SelectWaits, ASendCaseWaitsForRoom) {
  Channel<int> full(1);
  full.Send(1);
  Running running([&] { return Select().Send(full, 2, [] {}).Run(); });
  OnExit release([&] {
    if (!running.Done()) full.TryRecv();
  });
  ASSERT_TRUE(testkit::Eventually([&] { return running.Done() || full.WaitingSenders() == 1; }));
  EXPECT_FALSE(running.Done()) << "a Send case on a full channel was chosen";
  EXPECT_EQ(full.Recv(), 1);
  EXPECT_EQ(running.Get(), 0u);
  EXPECT_EQ(full.Recv(), 2);
  EXPECT_EQ(full.WaitingSenders(), 0);
}

// --- Step 3 --- default ------------------------------------------------------

TEST(SelectDefault, RunsAtOnceWhenNothingIsReady) {
  Channel<int> a(1);
  bool defaulted = false;
  const std::size_t chosen = Select().Recv(a, Ignore()).Default([&] { defaulted = true; }).Run();
  EXPECT_EQ(chosen, 1u);
  EXPECT_TRUE(defaulted);
  EXPECT_EQ(a.WaitingReceivers(), 0);
}

TEST(SelectDefault, NeverRunsWhenACaseIsReady) {
  Channel<int> a(1);
  int defaults = 0;
  for (int i = 0; i < 50; ++i) {
    a.Send(i);
    std::optional<int> got;
    const std::size_t chosen = Select()
                                   .Default([&] { ++defaults; })
                                   .Recv(a, [&](std::optional<int> value) { got = value; })
                                   .Run();
    ASSERT_EQ(chosen, 1u) << "round " << i;
    EXPECT_EQ(got, i);
  }
  EXPECT_EQ(defaults, 0) << "Default ran while a case was ready";
}

// --- Step 4 --- a timer case (the workbook's half; yours is timeout_test.cpp)

TEST(SelectAfter, TheTimerCaseIsChosenOnceItsDelayHasPassed) {
  testkit::FakeClock clock;
  Channel<int> a(1);
  bool timed_out = false;
  Select select;
  select.Recv(a, Ignore()).After(clock, 10s, [&] { timed_out = true; });
  Running running([&] { return select.Run(); });
  OnExit release([&] {
    if (!running.Done()) a.TrySend(0);
  });
  ASSERT_TRUE(testkit::Eventually([&] { return running.Done() || clock.PendingTimers() == 1; }));
  ASSERT_FALSE(running.Done()) << "Run returned at once; it should wait for the timer";
  ASSERT_TRUE(testkit::Eventually([&] { return running.Done() || a.WaitingReceivers() == 1; }));
  clock.Advance(10s);
  const bool returned = testkit::Eventually([&] { return running.Done(); });
  if (!returned) a.TrySend(0);
  ASSERT_TRUE(returned) << "the select still waits once the timer has fired";
  EXPECT_EQ(running.Get(), 1u);
  EXPECT_TRUE(timed_out);
}

// --- Step 5 --- fairness -----------------------------------------------------

TEST(SelectIsFair, WithBothAlwaysReadyEachIsChosenAboutHalfTheTime) {
  constexpr int kRounds = 1000;
  Channel<int> a(1);
  Channel<int> b(1);
  a.Send(0);
  b.Send(0);
  std::array<int, 2> chosen{};
  for (int round = 0; round < kRounds; ++round) {
    const std::size_t i = Select().Recv(a, Ignore()).Recv(b, Ignore()).Run();
    ASSERT_LT(i, 2u);
    ++chosen[i];
    (i == 0 ? a : b).Send(round);  // both ready again
  }
  // Binomial(1000, 1/2): outside 400-600 about once in 10^9 runs.
  EXPECT_GE(chosen[0], 400) << "a chosen " << chosen[0] << " times, b " << chosen[1];
  EXPECT_GE(chosen[1], 400) << "a chosen " << chosen[0] << " times, b " << chosen[1];
}

// --- Step 7 --- a stop request ------------------------------------------------

TEST(SelectStops, AStopRequestWinsWhileTheSelectIsParked) {
  Channel<int> a(1);
  std::stop_source stop;
  bool stopped = false;
  Select select;
  select.Recv(a, Ignore()).Stop(stop.get_token(), [&] { stopped = true; });
  Running running([&] { return select.Run(); });
  OnExit release([&] {
    if (!running.Done()) a.TrySend(0);
  });
  ASSERT_TRUE(testkit::Eventually([&] { return running.Done() || a.WaitingReceivers() == 1; }));
  ASSERT_FALSE(running.Done()) << "Run returned with no case ready";

  stop.request_stop();
  const bool returned = testkit::Eventually([&] { return running.Done(); });
  if (!returned) a.TrySend(0);
  ASSERT_TRUE(returned) << "a parked select slept through the stop request";
  EXPECT_EQ(running.Get(), 1u);
  EXPECT_TRUE(stopped);
}

TEST(SelectStops, AStopAlreadyRequestedIsReadyAtOnce) {
  Channel<int> a(1);
  std::stop_source stop;
  stop.request_stop();
  bool defaulted = false;
  const std::size_t chosen = Select()
                                 .Recv(a, Ignore())
                                 .Stop(stop.get_token(), [] {})
                                 .Default([&] { defaulted = true; })
                                 .Run();
  EXPECT_EQ(chosen, 1u);
  EXPECT_FALSE(defaulted) << "Default ran, but the stop case was ready";
}

}  // namespace
