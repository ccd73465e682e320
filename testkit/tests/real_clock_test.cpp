// The real clock: timers fire on its own thread, in deadline order; Stop and
// the destructor leave nothing running. Delays are a few milliseconds.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include "kata/clock.h"
#include "testkit/eventually.h"

namespace kata {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;

TEST(RealClock, FiresTimersOnItsOwnThreadInDeadlineOrder) {
  RealClock clock;
  std::mutex mutex;
  std::vector<int> fired;
  std::thread::id fired_on;
  const TimePoint start = clock.Now();
  clock.AfterFunc(10ms, [&] {
    std::scoped_lock lock(mutex);
    fired.push_back(2);
  });
  clock.AfterFunc(1ms, [&] {
    std::scoped_lock lock(mutex);
    fired.push_back(1);
    fired_on = std::this_thread::get_id();
  });

  EXPECT_TRUE(testkit::Eventually([&] {
    std::scoped_lock lock(mutex);
    return fired.size() == 2;
  }));
  std::scoped_lock lock(mutex);
  EXPECT_THAT(fired, ElementsAre(1, 2));
  EXPECT_NE(fired_on, std::this_thread::get_id());
  EXPECT_GE(clock.Now() - start, 10ms);
}

TEST(RealClock, StopBeforeTheDeadlineMeansItNeverFires) {
  std::atomic<int> fired{0};
  {
    RealClock clock;
    Timer timer = clock.AfterFunc(1h, [&] { ++fired; });
    EXPECT_TRUE(timer.Stop());
    clock.AfterFunc(1h, [&] { ++fired; });  // dropped by the destructor
  }
  EXPECT_EQ(fired, 0);
}

TEST(RealClock, SleepForReturnsTrueOnceTheDelayPassed) {
  RealClock clock;
  const TimePoint start = clock.Now();
  EXPECT_TRUE(clock.SleepFor(2ms, std::stop_token{}));
  EXPECT_GE(clock.Now() - start, 2ms);
}

TEST(RealClock, SleepForEndsEarlyOnAStopRequest) {
  RealClock clock;
  std::atomic<bool> result{true};
  const TimePoint start = clock.Now();
  std::jthread sleeper([&](std::stop_token stop) { result = clock.SleepFor(1h, stop); });
  sleeper.request_stop();
  sleeper.join();
  EXPECT_FALSE(result);
  EXPECT_LT(clock.Now() - start, 10s);
}

}  // namespace
}  // namespace kata
