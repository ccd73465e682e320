// Step 5: a WaitGroup built from a mutex and a condition variable.
#include "wait_group.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <exception>
#include <latch>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "worker.h"

namespace counter {
namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;

using helpers::Worker;

// Opens the gates when the test leaves, even by a failed ASSERT, so that no
// thread is left waiting on them.
struct OpenOnExit {
  std::vector<testkit::Gate*> gates;
  ~OpenOnExit() {
    for (auto* gate : gates) gate->Open();
  }
};

TEST(WaitGroupWaits, WaitReturnsAtOnceWhenNothingIsOutstanding) {
  WaitGroup wait_group;
  wait_group.Wait();
  wait_group.Add(2);
  wait_group.Done();
  wait_group.Done();
  wait_group.Wait();
  SUCCEED();
}

TEST(WaitGroupWaits, WaitBlocksUntilTheLastDone) {
  WaitGroup wait_group;
  testkit::Gate first;
  testkit::Gate second;
  wait_group.Add(2);
  Worker worker1([&] {
    first.Wait();
    wait_group.Done();
  });
  Worker worker2([&] {
    second.Wait();
    wait_group.Done();
  });
  Worker waiter([&] { wait_group.Wait(); });
  OpenOnExit open{{&first, &second}};

  EXPECT_TRUE(testkit::Never([&] { return waiter.Finished(); }, 10ms))
      << "Wait returned with two tasks outstanding";
  first.Open();
  worker1.Join();
  EXPECT_TRUE(testkit::Never([&] { return waiter.Finished(); }, 10ms))
      << "Wait returned with one task outstanding";
  second.Open();
  worker2.Join();
  EXPECT_TRUE(testkit::Eventually([&] { return waiter.Finished(); }))
      << "Wait did not return after the last Done";
  waiter.Join();
}

TEST(WaitGroupWaits, TheGroupCanGrowWhileItIsWaitedOn) {
  WaitGroup wait_group;
  std::atomic<int> ran = 0;
  wait_group.Add(1);
  std::jthread first([&] {
    // A task that starts two more before it finishes.
    std::vector<std::jthread> children;
    for (int i = 0; i < 2; ++i) {
      wait_group.Add(1);
      children.emplace_back([&] {
        ran.fetch_add(1);
        wait_group.Done();
      });
    }
    ran.fetch_add(1);
    wait_group.Done();
  });
  wait_group.Wait();
  EXPECT_EQ(ran.load(), 3);
}

// A condition variable may wake a waiter with nobody notifying it. WakeWaiters
// does that on purpose, again and again while a task is outstanding: Wait
// must check the count each time it wakes and go back to sleep.
TEST(WaitGroupWaits, WaitSleepsThroughSpuriousWakeUps) {
  WaitGroup wait_group;
  wait_group.Add(1);
  std::latch waiting(1);
  Worker waiter([&] {
    waiting.count_down();
    wait_group.Wait();
  });
  waiting.wait();

  EXPECT_TRUE(testkit::Never(
      [&] {
        wait_group.WakeWaiters();
        return waiter.Finished();
      },
      50ms))
      << "Wait returned after a spurious wake-up with a task outstanding";
  wait_group.Done();
  waiter.Join();
}

// Go's rule: once Wait has returned, the group may be destroyed, even though
// the Done that released it has not returned yet. Whatever Done does after
// the waiter can see the count at zero touches a destroyed group, and
// ThreadSanitizer reports it.
TEST(WaitGroupWaits, TheGroupCanBeDestroyedAsSoonAsWaitReturns) {
  for (int i = 0; i < 50; ++i) {
    auto wait_group = std::make_unique<WaitGroup>();
    wait_group->Add(1);
    std::jthread task([group = wait_group.get()] { group->Done(); });
    wait_group->Wait();
    wait_group.reset();
  }  // the task's thread is joined here, after the group is gone
  SUCCEED();
}

TEST(WaitGroupWaits, ADoneWithNothingOutstandingThrowsLogicError) {
  WaitGroup wait_group;
  wait_group.Add(1);
  wait_group.Done();
  EXPECT_THROW(wait_group.Done(), std::logic_error);
  EXPECT_THROW(wait_group.Add(-1), std::logic_error);
}

// Several threads wait on the same group: the last Done must wake them all.
TEST(WaitGroupWakesEveryWaiter, TheLastDoneReleasesAllWaiters) {
  constexpr int kWaiters = 4;
  WaitGroup wait_group;
  wait_group.Add(1);
  testkit::Gate arrived;
  std::atomic<int> released = 0;
  std::deque<Worker> waiters;  // Workers do not move
  for (int i = 0; i < kWaiters; ++i) {
    waiters.emplace_back([&] {
      arrived.Wait(0ms);  // only counts the arrival
      wait_group.Wait();
      released.fetch_add(1);
    });
  }
  ASSERT_TRUE(arrived.WaitForArrivals(kWaiters));
  EXPECT_TRUE(testkit::Never([&] { return released.load() > 0; }, 10ms))
      << "a waiter returned while a task was outstanding";

  wait_group.Done();
  bool all = testkit::Eventually([&] { return released.load() == kWaiters; }, 1s);
  EXPECT_TRUE(all) << released.load() << " of " << kWaiters << " waiters woke up";
  // If some stayed asleep, keep waking them so the test can end.
  for (int i = 0; i < 100 && released.load() < kWaiters; ++i) {
    wait_group.Add(1);
    wait_group.Done();
  }
  for (auto& waiter : waiters) waiter.Join();
}

}  // namespace
}  // namespace counter
