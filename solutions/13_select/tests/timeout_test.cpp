// Step 4, the reference for the test you write: a select with a one-second
// timer case, on a fake clock. It has not fired at 999 ms and fires at 1 s;
// a value that arrives first wins, and the timer is stopped with the select.
// The clock moves only when the test advances it, so "not yet" is checked
// exactly, without sleeping: the timer is still pending on the clock.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "channel.h"
#include "running.h"
#include "select.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using kata::Channel;
using kata::Select;
using select_test::OnExit;
using select_test::Running;

TEST(SelectTimesOut, NotAt999MillisecondsButAtOneSecond) {
  testkit::FakeClock clock;
  Channel<int> values(1);
  int timeouts = 0;  // written by the select's thread, read after the join
  Select select;
  select.Recv(values, [](std::optional<int>) {}).After(clock, 1s, [&] { ++timeouts; });
  Running running([&] { return select.Run(); });
  OnExit release([&] {
    if (!running.Done()) values.TrySend(0);
  });
  ASSERT_TRUE(testkit::Eventually([&] { return running.Done() || clock.PendingTimers() == 1; }));
  ASSERT_FALSE(running.Done()) << "Run returned at once; it should wait for the timer";
  ASSERT_TRUE(
      testkit::Eventually([&] { return running.Done() || values.WaitingReceivers() == 1; }));

  clock.Advance(999ms);
  EXPECT_EQ(clock.PendingTimers(), 1) << "the timer fired before its second had passed";
  EXPECT_TRUE(testkit::Never([&] { return running.Done(); }, 20ms))
      << "the select returned at 999 ms";

  clock.Advance(1ms);
  const bool returned = testkit::Eventually([&] { return running.Done(); });
  if (!returned) values.TrySend(0);  // wakes it, so that the test can end
  ASSERT_TRUE(returned) << "the timer fired at 1 s, but the select slept on";
  EXPECT_EQ(running.Get(), 1u);
  EXPECT_EQ(timeouts, 1) << "the timer case's handler should run once, from Run";
}

TEST(SelectTimesOut, AValueThatArrivesFirstWinsAndTheTimerIsStopped) {
  testkit::FakeClock clock;
  Channel<int> values(1);
  std::optional<int> got;
  bool timed_out = false;
  Select select;
  select.Recv(values, [&](std::optional<int> value) { got = value; }).After(clock, 1s, [&] {
    timed_out = true;
  });
  Running running([&] { return select.Run(); });
  OnExit release([&] {
    if (!running.Done()) values.TrySend(0);
  });
  ASSERT_TRUE(testkit::Eventually([&] { return running.Done() || clock.PendingTimers() == 1; }));
  ASSERT_FALSE(running.Done()) << "Run returned at once; it should wait for the timer";

  clock.Advance(500ms);
  values.Send(5);
  EXPECT_EQ(running.Get(), 0u);
  EXPECT_EQ(got, 5);
  EXPECT_FALSE(timed_out);
  // A timer left behind fires later into a select that has gone.
  ASSERT_EQ(clock.PendingTimers(), 0) << "the select returned and left its timer running";
  clock.Advance(1s);
  EXPECT_FALSE(timed_out);
}

}  // namespace
