// Step 6: you write these tests. Every click wakes every waiting subscriber,
// and no click falls into a gap: not the one between a subscriber's start
// and its first look at the click count, not the one while a handler runs.
// The workbook judges your tests: they must pass against a correct Button
// and fail against each of five broken ones (`make kata-10` says how many
// yours catch).
//
// The tools: a testkit::Gate (testkit/sync.h) holds a thread until you
// Open() it; WaitForArrivals(n) waits until n threads are held. A handler can
// wait on one, and so can Button's before_listening seam (button.h), which
// each new subscriber calls before it reads the click count.
// testkit::Eventually and testkit::Never (testkit/eventually.h) wait for a
// condition, or make sure it stays false for a while, without sleeping;
// testkit::RunOnThreads runs a function on several threads at once. A sleep
// is never the tool: it hopes for an interleaving that a gate forces.
#include <gtest/gtest.h>

#include "button.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "testkit/todo.h"

namespace sync_toolbox {
namespace {

namespace testkit = kata::testkit;

class ClickWakesEveryWaiter : public testkit::NoThreadLeaks {};

TEST_F(ClickWakesEveryWaiter, OneClickRunsEveryWaitingHandler) {
  KATA_TODO("three subscribers, one click: each handler runs once");
}

TEST_F(ClickWakesEveryWaiter, AClickRightAfterSubscribeReturnsIsNeverLost) {
  KATA_TODO(
      "hold a new subscriber in before_listening: Subscribe does not return meanwhile; let it "
      "go: a click made right after Subscribe returned runs the handler");
}

TEST_F(ClickWakesEveryWaiter, AClickWhileTheHandlerRunsIsHandledAfterIt) {
  KATA_TODO(
      "hold a handler inside its first run and click again: once it is let go, it runs a "
      "second time");
}

TEST_F(ClickWakesEveryWaiter, AHeldHandlerDoesNotHoldUpTheOthers) {
  KATA_TODO(
      "hold a handler inside its run; meanwhile another subscriber subscribes, a click comes, "
      "and its handler runs");
}

TEST_F(ClickWakesEveryWaiter, ClicksFromManyThreadsAllCount) {
  KATA_TODO("a few threads click a few times each, all at once: every handler runs once per click");
}

}  // namespace
}  // namespace sync_toolbox
