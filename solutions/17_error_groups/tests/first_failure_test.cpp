// Step 2, the reference for the test you write: two tasks fail, in an order
// the test forces (the second fails only once the first failure has stopped
// the group). Wait rethrows the first one, as it was thrown, and only once
// the second task has finished: the test holds the second task at a gate,
// watches Wait on a thread of its own for a moment, and only then lets the
// second task go.
#include <gtest/gtest.h>

#include <atomic>
#include <stop_token>

#include "group_tools.h"
#include "task_group.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace {

namespace testkit = kata::testkit;
using group_test::Background;
using group_test::kBriefly;
using group_test::ParkUntilStopped;
using group_test::TaskFailed;

TEST(FirstFailure, WaitRethrowsTheFirstFailureAsItWasThrown) {
  kata::TaskGroup group;
  group.Go([](std::stop_token) { throw TaskFailed("the first"); });
  group.Go([](std::stop_token stop) {
    ParkUntilStopped(stop);  // the first failure stops the group
    throw TaskFailed("the second");
  });
  try {
    group.Wait();
    ADD_FAILURE() << "Wait returned, and rethrew nothing";
  } catch (const TaskFailed& error) {
    EXPECT_STREQ(error.what(), "the first");
  } catch (const std::exception& error) {
    ADD_FAILURE() << "Wait threw an exception of another type, with the message \"" << error.what()
                  << "\": not the task's own exception";
  }
}

TEST(FirstFailure, WaitRethrowsOnlyOnceEveryTaskHasFinished) {
  kata::TaskGroup group;
  testkit::Gate release;
  std::atomic<bool> second_finished = false;
  group.Go([](std::stop_token) { throw TaskFailed("the first"); });
  group.Go([&](std::stop_token stop) {
    ParkUntilStopped(stop);
    release.Wait();
    second_finished.store(true);
  });
  // Once the second task is at the gate, the first failure is recorded.
  ASSERT_TRUE(release.WaitForArrivals(1));

  Background wait([&] { group.Wait(); });
  EXPECT_TRUE(testkit::Never([&] { return wait.Done(); }, kBriefly))
      << "Wait returned while the second task was still running";
  release.Open();
  EXPECT_THROW(wait.Join(), TaskFailed);
  EXPECT_TRUE(second_finished.load());
}

}  // namespace
