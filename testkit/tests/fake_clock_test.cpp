// The fake clock: time moves only on Advance; timers fire in deadline order
// on the advancing thread; sleepers park until their deadline or a stop.
#include "testkit/fake_clock.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <string>
#include <thread>
#include <vector>

#include "testkit/eventually.h"

namespace kata::testkit {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(FakeClock, NowMovesOnlyWhenAdvanced) {
  FakeClock clock;
  const TimePoint start = clock.Now();
  EXPECT_EQ(clock.Now(), start);
  clock.Advance(90s);
  EXPECT_EQ(clock.Now() - start, 90s);
  clock.Advance(-5s);  // ignored
  EXPECT_EQ(clock.Now() - start, 90s);
}

TEST(FakeClock, TimersFireOnlyOnceTheirDeadlineIsPassed) {
  FakeClock clock;
  std::vector<std::string> fired;
  clock.AfterFunc(10min, [&] { fired.push_back("ten"); });

  clock.Advance(9min);
  EXPECT_THAT(fired, IsEmpty());
  clock.Advance(1min);
  EXPECT_THAT(fired, ElementsAre("ten"));
  clock.Advance(1h);
  EXPECT_THAT(fired, ElementsAre("ten")) << "a timer fires once";
}

TEST(FakeClock, TimersFireInDeadlineOrderTiesInScheduleOrder) {
  FakeClock clock;
  const TimePoint start = clock.Now();
  std::vector<std::string> fired;
  std::vector<Duration> fired_at;
  auto record = [&](std::string name) {
    return [&, name] {
      fired.push_back(name);
      fired_at.push_back(clock.Now() - start);
    };
  };
  clock.AfterFunc(20min, record("c"));
  clock.AfterFunc(0min, record("a"));
  clock.AfterFunc(10min, record("b1"));
  clock.AfterFunc(10min, record("b2"));

  clock.Advance(1h);

  EXPECT_THAT(fired, ElementsAre("a", "b1", "b2", "c"));
  EXPECT_THAT(fired_at,
              ElementsAre(Duration(0min), Duration(10min), Duration(10min), Duration(20min)))
      << "while a timer runs, Now() is its deadline";
  EXPECT_EQ(clock.Now() - start, 1h);
}

TEST(FakeClock, AdvanceByZeroFiresWhatIsDueNow) {
  FakeClock clock;
  int fired = 0;
  clock.AfterFunc(0s, [&] { ++fired; });
  EXPECT_EQ(fired, 0) << "AfterFunc never runs the function itself";
  clock.Advance(0s);
  EXPECT_EQ(fired, 1);
}

TEST(FakeClock, TimersScheduledByTimersFireWithinTheSameAdvance) {
  FakeClock clock;
  std::vector<int> fired;
  clock.AfterFunc(1min, [&] {
    fired.push_back(1);
    clock.AfterFunc(1min, [&] { fired.push_back(2); });
    clock.AfterFunc(5min, [&] { fired.push_back(3); });
  });

  clock.Advance(3min);
  EXPECT_THAT(fired, ElementsAre(1, 2));
  clock.Advance(3min);
  EXPECT_THAT(fired, ElementsAre(1, 2, 3));
}

TEST(FakeClock, StopCancelsAPendingTimer) {
  FakeClock clock;
  int fired = 0;
  Timer timer = clock.AfterFunc(1min, [&] { ++fired; });
  EXPECT_TRUE(timer.Pending());
  EXPECT_EQ(clock.PendingTimers(), 1);

  EXPECT_TRUE(timer.Stop());
  EXPECT_FALSE(timer.Pending());
  EXPECT_EQ(clock.PendingTimers(), 0);
  clock.Advance(1h);
  EXPECT_EQ(fired, 0);
  EXPECT_FALSE(timer.Stop()) << "already stopped";
}

TEST(FakeClock, StopAfterFiringReturnsFalse) {
  FakeClock clock;
  Timer timer = clock.AfterFunc(1min, [] {});
  clock.Advance(1min);
  EXPECT_FALSE(timer.Stop());
  EXPECT_FALSE(Timer().Stop()) << "an empty handle stops nothing";
}

TEST(FakeClock, ATimerMayStopItselfAndOthers) {
  FakeClock clock;
  Timer self;
  Timer later;
  bool stopped_self = true;
  self = clock.AfterFunc(1min, [&] {
    stopped_self = self.Stop();
    later.Stop();
  });
  int later_fired = 0;
  later = clock.AfterFunc(2min, [&] { ++later_fired; });

  clock.Advance(5min);
  EXPECT_FALSE(stopped_self) << "a running timer cannot be stopped, and Stop must not deadlock";
  EXPECT_EQ(later_fired, 0);
}

TEST(FakeClock, StopWaitsForAFunctionRunningOnAnotherThread) {
  FakeClock clock;
  std::latch entered(1);
  std::latch release(1);
  std::latch stopping(1);
  int value = 0;  // written by the timer, read after Stop: Stop must order them
  Timer timer = clock.AfterFunc(1s, [&] {
    entered.count_down();
    release.wait();
    value = 42;
  });
  std::jthread advancer([&] { clock.Advance(1s); });
  entered.wait();

  int seen = 0;
  std::jthread stopper([&] {
    stopping.count_down();
    timer.Stop();
    seen = value;
  });
  stopping.wait();
  release.count_down();
  stopper.join();

  EXPECT_EQ(seen, 42) << "Stop returned while the function was still running";
}

TEST(FakeClockSleep, ParksUntilAdvancePassesTheDeadline) {
  FakeClock clock;
  std::atomic<int> woke{0};
  std::atomic<bool> result{false};
  std::jthread sleeper([&](std::stop_token stop) {
    result = clock.SleepFor(10s, stop);
    woke = 1;
  });

  ASSERT_TRUE(clock.WaitForSleepers(1));
  EXPECT_EQ(clock.Sleepers(), 1);
  clock.Advance(9s);
  EXPECT_EQ(woke, 0);
  EXPECT_EQ(clock.Sleepers(), 1);
  clock.Advance(1s);
  sleeper.join();
  EXPECT_TRUE(result);
  EXPECT_EQ(clock.Sleepers(), 0);
}

TEST(FakeClockSleep, AStopRequestWakesTheSleeperWithFalse) {
  FakeClock clock;
  std::atomic<bool> result{true};
  std::jthread sleeper([&](std::stop_token stop) { result = clock.SleepFor(1h, stop); });
  ASSERT_TRUE(clock.WaitForSleepers(1));

  sleeper.request_stop();
  sleeper.join();

  EXPECT_FALSE(result);
  EXPECT_EQ(clock.Sleepers(), 0);
}

TEST(FakeClockSleep, ZeroDelayReturnsAtOnce) {
  FakeClock clock;
  EXPECT_TRUE(clock.SleepFor(0s, std::stop_token{}));
  EXPECT_EQ(clock.Sleepers(), 0);
}

TEST(FakeClockSleep, WaitForSleepersTimesOutWhenNobodySleeps) {
  FakeClock clock;
  EXPECT_FALSE(clock.WaitForSleepers(1, 10ms));
}

TEST(FakeClockSleep, ManySleepersWakeEachAtTheirOwnDeadline) {
  FakeClock clock;
  constexpr int kSleepers = 4;
  std::atomic<int> awake{0};
  std::vector<std::jthread> sleepers;
  for (int i = 1; i <= kSleepers; ++i) {
    sleepers.emplace_back([&, i](std::stop_token stop) {
      if (clock.SleepFor(std::chrono::seconds(i), stop)) ++awake;
    });
  }
  ASSERT_TRUE(clock.WaitForSleepers(kSleepers));

  clock.Advance(2s);
  EXPECT_TRUE(Eventually([&] { return awake == 2 && clock.Sleepers() == kSleepers - 2; }))
      << "the 1 s and 2 s sleepers wake, the others stay parked";
  clock.Advance(2s);
  for (auto& t : sleepers) t.join();
  EXPECT_EQ(awake, kSleepers);
}

// A test that steps a sleeper in lock-step: wait until it is parked, advance
// by its nap, again. A sleeper whose deadline has passed but that has not
// woken yet is not parked any more: counting it would let the test advance
// again before the nap ended, and the sleeper would nap fewer times.
TEST(FakeClockSleep, WaitForSleepersCountsOnlySleepersWithADeadlineAhead) {
  constexpr int kNaps = 100;
  FakeClock clock;
  std::atomic<int> naps{0};
  std::jthread sleeper([&](std::stop_token stop) {
    while (naps < kNaps && clock.SleepFor(10ms, stop)) ++naps;
  });

  for (int i = 0; i < kNaps; ++i) {
    ASSERT_TRUE(clock.WaitForSleepers(1)) << "after " << i << " advances";
    clock.Advance(10ms);
  }

  EXPECT_TRUE(Eventually([&] { return naps == kNaps; })) << naps << " naps of " << kNaps;
  EXPECT_EQ(clock.Sleepers(), 0);
}

TEST(FakeClock, WaitForTimersSeesTimersScheduledOnAnotherThread) {
  FakeClock clock;
  std::atomic<int> fired{0};
  std::jthread scheduler([&] {
    clock.AfterFunc(1s, [&] { ++fired; });
    clock.AfterFunc(2s, [&] { ++fired; });
  });
  ASSERT_TRUE(clock.WaitForTimers(2));
  clock.Advance(2s);
  EXPECT_EQ(fired, 2);
}

}  // namespace
}  // namespace kata::testkit
