// Steps 5 and 6: a tree of contexts, and deadlines on a fake clock.
#include "context.h"

#include <gtest/gtest.h>

#include <chrono>

#include "testkit/fake_clock.h"

namespace context {
namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;

// --- Step 5 -------------------------------------------------------------------

TEST(ContextTree, CancellingTheParentStopsTheChild) {
  Context parent;
  auto child = parent.WithCancel();
  auto grandchild = child->WithCancel();
  EXPECT_FALSE(grandchild->Done());

  parent.Cancel();

  EXPECT_TRUE(child->Done());
  EXPECT_TRUE(grandchild->Done());
  EXPECT_TRUE(grandchild->Token().stop_requested());
  EXPECT_EQ(grandchild->Err(), Reason::kCancelled);
}

TEST(ContextTree, CancellingTheChildLeavesTheParentRunning) {
  Context parent;
  auto child = parent.WithCancel();

  child->Cancel();

  EXPECT_TRUE(child->Done());
  EXPECT_EQ(child->Err(), Reason::kCancelled);
  EXPECT_FALSE(parent.Done());
  EXPECT_EQ(parent.Err(), Reason::kNone);
}

TEST(ContextTree, AChildOfAStoppedParentIsBornStopped) {
  Context parent;
  parent.Cancel();
  EXPECT_TRUE(parent.WithCancel()->Done());
}

TEST(ContextTree, ADestroyedChildIsNoLongerLinkedToItsParent) {
  Context parent;
  {
    auto child = parent.WithCancel();
  }
  auto survivor = parent.WithCancel();
  parent.Cancel();  // must not touch the destroyed child
  EXPECT_TRUE(survivor->Done());
}

// --- Step 6 -------------------------------------------------------------------

TEST(ContextDeadline, StopsExactlyAtTheDeadline) {
  testkit::FakeClock clock;
  Context root;
  auto call = root.WithTimeout(clock, 50ms);
  EXPECT_EQ(call->Deadline(), clock.Now() + 50ms);

  clock.Advance(49ms);
  EXPECT_FALSE(call->Done()) << "stopped before the deadline";
  EXPECT_EQ(call->Err(), Reason::kNone);

  clock.Advance(1ms);
  EXPECT_TRUE(call->Done());
  EXPECT_EQ(call->Err(), Reason::kDeadlineExceeded);
}

TEST(ContextDeadline, CancellingBeforeTheDeadlineSaysCancelled) {
  testkit::FakeClock clock;
  Context root;
  auto call = root.WithTimeout(clock, 50ms);

  call->Cancel();
  clock.Advance(50ms);

  EXPECT_EQ(call->Err(), Reason::kCancelled);
}

TEST(ContextDeadline, AChildCannotOutliveItsParentsDeadline) {
  testkit::FakeClock clock;
  Context root;
  auto parent = root.WithTimeout(clock, 50ms);
  auto child = parent->WithTimeout(clock, 1min);
  EXPECT_EQ(child->Deadline(), parent->Deadline());

  clock.Advance(50ms);

  EXPECT_TRUE(child->Done());
  EXPECT_EQ(child->Err(), Reason::kDeadlineExceeded);
}

// Cox-Buday's locale lookup: work that needs a minute under a one-second
// budget fails at once instead of timing out a second later.
TEST(ContextDeadline, WorkThatCannotFinishInTimeIsRefusedUpFront) {
  testkit::FakeClock clock;
  Context root;
  auto greeting = root.WithTimeout(clock, 1s);

  EXPECT_FALSE(greeting->HasTimeFor(1min, clock));
  EXPECT_TRUE(greeting->HasTimeFor(500ms, clock));
  EXPECT_TRUE(root.HasTimeFor(1min, clock)) << "no deadline, all the time in the world";
}

}  // namespace
}  // namespace context
