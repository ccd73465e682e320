// Step 4: you write these tests. A select with a timer case,
// After(clock, 1s, ...), must not fire before its second has passed, must
// fire once it has, and must give way to a value that comes first. The
// workbook judges your tests: they must pass against a correct Select and
// fail against each of four broken ones (`make kata-13` says how many yours
// catch).
//
// The tools: testkit::FakeClock (testkit/fake_clock.h) moves only when you
// call Advance; WaitForTimers(n) waits until n timers are started, and
// PendingTimers() counts those that have neither fired nor been stopped.
// Running (running.h) runs the select on a thread of its own, so that you
// can advance the clock while it waits; OnExit frees it if the test stops
// early. testkit::Eventually and testkit::Never (testkit/eventually.h) wait
// for a condition, or make sure it stays false for a while, without sleeping.
#include <gtest/gtest.h>

#include "channel.h"
#include "running.h"
#include "select.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"
#include "testkit/todo.h"

namespace {

TEST(SelectTimesOut, NotAt999MillisecondsButAtOneSecond) {
  KATA_TODO(
      "a select on an empty channel and After(clock, 1s): at 999 ms the timer has not fired and "
      "the select still "
      "waits; at 1 s the timer's case is chosen and its handler runs once");
}

TEST(SelectTimesOut, AValueThatArrivesFirstWinsAndTheTimerIsStopped) {
  KATA_TODO(
      "the same select, and a value sent at 500 ms: the channel's case is chosen with that value, "
      "the timer's "
      "handler never runs, and no timer is left pending on the clock");
}

}  // namespace
