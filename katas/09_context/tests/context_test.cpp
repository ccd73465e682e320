// Steps 5 and 6: a tree of contexts, and deadlines on a fake clock.
#include "context.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <exception>
#include <latch>
#include <memory>
#include <string>
#include <thread>

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

// Go's contract: Err() says nothing while Done() is false, and says why once
// it is true. The test cancels one new context after another; a watcher
// thread checks the context being cancelled now, again and again. The moment
// between a Stop that records the reason and its request for the stop is
// short, so the test goes on until the watcher has seen two thousand
// contexts go from running to stopped under its eyes (or for a second, on a
// machine too busy to run both threads at once).
TEST(ContextTree, ErrSaysWhyExactlyWhenDoneIsTrue) {
  constexpr int kMaxContexts = 100'000;
  constexpr int kEnoughSeen = 2000;
  const auto give_up = std::chrono::steady_clock::now() + 1s;
  auto contexts = std::make_unique<std::unique_ptr<Context>[]>(kMaxContexts);
  std::atomic<int> current = -1;  // the context being cancelled now
  std::atomic<int> seen_stopping = 0;
  std::string broken;  // written by the watcher, read after it has joined
  {
    std::jthread watcher([&](std::stop_token stop) {
      try {
        int last = -1;
        bool last_done = true;
        while (!stop.stop_requested()) {
          const int i = current.load();
          if (i < 0) continue;
          const Context& context = *contexts[i];
          Reason before = context.Err();
          bool done = context.Done();
          Reason after = context.Err();
          if (before != Reason::kNone && !done) {
            broken = "Err() gave a reason while Done() was still false";
          } else if (done && after == Reason::kNone) {
            broken = "Err() gave kNone after Done() was true";
          }
          if (!broken.empty()) break;
          if (i == last && !last_done && done) seen_stopping.fetch_add(1);
          last = i;
          last_done = done;
        }
      } catch (const std::exception& error) {
        broken = error.what();
      }
    });
    for (int i = 0; i < kMaxContexts && seen_stopping.load() < kEnoughSeen &&
                    std::chrono::steady_clock::now() < give_up;
         ++i) {
      contexts[i] = std::make_unique<Context>();
      current.store(i);
      contexts[i]->Cancel();
    }
  }  // the watcher is stopped and joined here
  EXPECT_EQ(broken, "");
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
