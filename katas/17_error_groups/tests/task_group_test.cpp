// Steps 1-4: a group of tasks is waited for as a whole, its first failure
// wins and stops the others, and a limit bounds how many run at once.
#include "task_group.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <stop_token>
#include <string>

#include "group_tools.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace {

namespace testkit = kata::testkit;
using group_test::Background;
using group_test::kBriefly;
using group_test::ParkUntilStopped;
using group_test::TaskFailed;
using kata::TaskGroup;

// --- Step 1 --- a group of tasks ---------------------------------------------

TEST(TaskGroupRuns, WaitReturnsOnceAllThreeTasksHaveRun) {
  TaskGroup group;
  std::atomic<int> ran = 0;
  for (int i = 0; i < 3; ++i) {
    group.Go([&](std::stop_token) { ran.fetch_add(1); });
  }
  group.Wait();
  EXPECT_EQ(ran.load(), 3);
}

TEST(TaskGroupRuns, TheTasksRunAtOnceOnThreadsOfTheirOwn) {
  testkit::Rendezvous all_three(3);
  TaskGroup group;
  for (int i = 0; i < 3; ++i) {
    group.Go([&](std::stop_token) { all_three.Arrive(); });
  }
  group.Wait();
  EXPECT_TRUE(all_three.WasMet());
}

TEST(TaskGroupRuns, WaitingForNoTaskReturnsAtOnce) {
  TaskGroup group;
  group.Wait();
  EXPECT_FALSE(group.Token().stop_requested());
}

// --- Step 2 --- the first failure wins ---------------------------------------

// The second task fails only once the first failure has stopped the group,
// so which one is first is not left to chance.
TEST(TaskGroupFirstError, ALaterFailureDoesNotReplaceTheFirst) {
  TaskGroup group;
  bool second_finished = false;  // plain: read only after Wait has joined its task
  group.Go([](std::stop_token) { throw TaskFailed("the first"); });
  group.Go([&](std::stop_token stop) {
    ParkUntilStopped(stop);
    second_finished = true;
    throw TaskFailed("the second");
  });
  try {
    group.Wait();
    ADD_FAILURE() << "Wait returned without rethrowing a failure";
  } catch (const TaskFailed& error) {
    EXPECT_STREQ(error.what(), "the first");
  }
  EXPECT_TRUE(second_finished) << "Wait rethrew before the second task had finished";
}

TEST(TaskGroupFirstError, ManyFailingAtOnceGiveOneOfTheirErrors) {
  constexpr int kTasks = 8;
  std::latch start(kTasks);
  TaskGroup group;
  for (int i = 0; i < kTasks; ++i) {
    group.Go([&start, i](std::stop_token) {
      start.arrive_and_wait();
      throw TaskFailed(std::to_string(i));
    });
  }
  try {
    group.Wait();
    ADD_FAILURE() << "Wait returned without rethrowing a failure";
  } catch (const TaskFailed& error) {
    const int which = std::stoi(error.what());
    EXPECT_TRUE(which >= 0 && which < kTasks) << error.what();
  }
}

TEST(TaskGroupFirstError, AnythingThrownTravelsAsItIs) {
  TaskGroup group;
  group.Go([](std::stop_token) { throw 42; });
  try {
    group.Wait();
    ADD_FAILURE() << "Wait returned without rethrowing the int the task threw";
  } catch (int thrown) {
    EXPECT_EQ(thrown, 42);
  }
}

// --- Step 3 --- a failure stops the others -----------------------------------

TEST(TaskGroupStops, AFailureStopsTheOtherTasks) {
  TaskGroup group;
  std::atomic<int> stopped = 0;
  auto wait_for_stop = [&](std::stop_token stop) {
    ParkUntilStopped(stop);
    stopped.fetch_add(1);
  };
  group.Go(wait_for_stop);
  group.Go([](std::stop_token) { throw TaskFailed("task 2"); });
  group.Go(wait_for_stop);
  EXPECT_THROW(group.Wait(), TaskFailed);
  EXPECT_EQ(stopped.load(), 2);
  EXPECT_TRUE(group.Token().stop_requested());
}

TEST(TaskGroupStops, TheParentsStopStopsTheTasks) {
  std::stop_source parent;
  TaskGroup group(parent.get_token());
  std::atomic<int> stopped = 0;
  for (int i = 0; i < 2; ++i) {
    group.Go([&](std::stop_token stop) {
      ParkUntilStopped(stop);
      stopped.fetch_add(1);
    });
  }
  parent.request_stop();
  group.Wait();  // a stop is no failure: nothing to rethrow
  EXPECT_EQ(stopped.load(), 2);
}

TEST(TaskGroupStops, AGroupOfAStoppedParentStartsStopped) {
  std::stop_source parent;
  parent.request_stop();
  TaskGroup group(parent.get_token());
  EXPECT_TRUE(group.Token().stop_requested());
}

TEST(TaskGroupStops, DestroyingTheGroupStopsAndJoinsItsTasks) {
  std::atomic<bool> returned = false;
  {
    TaskGroup group;
    group.Go([&](std::stop_token stop) {
      ParkUntilStopped(stop);
      returned.store(true);
    });
  }  // no Wait: an early return or an exception skipped it
  EXPECT_TRUE(returned.load());
}

// --- Step 4 --- a limit ------------------------------------------------------

// How many tasks are inside at once, and the most there ever were.
class Gauge {
 public:
  void Enter() {
    std::scoped_lock lock(mutex_);
    peak_ = std::max(peak_, ++inside_);
  }
  void Leave() {
    std::scoped_lock lock(mutex_);
    --inside_;
  }
  int Peak() const {
    std::scoped_lock lock(mutex_);
    return peak_;
  }

 private:
  mutable std::mutex mutex_;
  int inside_ = 0;  // guarded by mutex_
  int peak_ = 0;    // guarded by mutex_
};

TEST(TaskGroupLimit, WithALimitOfTwoAtMostTwoRunAndAllSixComplete) {
  TaskGroup group;
  group.SetLimit(2);
  Gauge running;
  testkit::Gate release;
  std::atomic<int> completed = 0;
  // Go waits for a free place, so the tasks are started from a thread of
  // their own while the test holds the first two.
  Background owner([&] {
    for (int i = 0; i < 6; ++i) {
      group.Go([&](std::stop_token) {
        running.Enter();
        release.Wait();
        running.Leave();
        completed.fetch_add(1);
      });
    }
    group.Wait();
  });
  EXPECT_TRUE(release.WaitForArrivals(2));
  EXPECT_TRUE(testkit::Never([&] { return release.Arrived() > 2; }, kBriefly))
      << "a third task started while two were running";
  release.Open();
  owner.Join();
  EXPECT_EQ(running.Peak(), 2);
  EXPECT_EQ(completed.load(), 6);
}

TEST(TaskGroupLimit, ALimitBelowOneIsAnError) {
  TaskGroup group;
  EXPECT_THROW(group.SetLimit(0), std::invalid_argument);
}

}  // namespace
