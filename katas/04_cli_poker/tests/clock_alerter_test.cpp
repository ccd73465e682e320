// Step 6: the real alerter on a clock it is given. The fake clock moves only
// when the test advances it, so an hour of blinds takes no time at all.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "blind_alerter.h"
#include "cli_poker_doubles.h"
#include "game.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"

namespace cli_poker {
namespace {

using namespace std::chrono_literals;
using testing::LockedOutput;
using testing::SpyPlayerStore;
namespace testkit = kata::testkit;

TEST(ClockAlerter, WritesTheAlertOnceItsTimeHasCome) {
  testkit::FakeClock clock;
  ClockAlerter alerter(clock);
  std::ostringstream out;

  alerter.ScheduleAlertAt(10min, 200, out);
  clock.Advance(9min);
  EXPECT_EQ(out.str(), "") << "the alert came early";
  clock.Advance(1min);
  EXPECT_EQ(out.str(), "Blind is now 200\n");
}

TEST(ClockAlerter, ABlindMinuteCanBeShorterThanAMinute) {
  testkit::FakeClock clock;
  ClockAlerter alerter(clock, 1s);
  std::ostringstream out;

  alerter.ScheduleAlertAt(10min, 200, out);
  clock.Advance(9s);
  EXPECT_EQ(out.str(), "");
  clock.Advance(1s);
  EXPECT_EQ(out.str(), "Blind is now 200\n");
}

TEST(ClockAlerter, AGameOfFiveFiresItsAlertsInOrderAsTimePasses) {
  testkit::FakeClock clock;
  ClockAlerter alerter(clock);
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);
  std::ostringstream out;

  game.Start(5, out);
  EXPECT_EQ(alerter.PendingAlerts(), 11);
  clock.Advance(0min);
  EXPECT_EQ(out.str(), "Blind is now 100\n");
  clock.Advance(10min);
  EXPECT_EQ(out.str(), "Blind is now 100\nBlind is now 200\n");
  EXPECT_EQ(alerter.PendingAlerts(), 9);
  clock.Advance(90min);

  EXPECT_EQ(out.str(),
            "Blind is now 100\nBlind is now 200\nBlind is now 300\nBlind is now 400\n"
            "Blind is now 500\nBlind is now 600\nBlind is now 800\nBlind is now 1000\n"
            "Blind is now 2000\nBlind is now 4000\nBlind is now 8000\n");
  EXPECT_EQ(alerter.PendingAlerts(), 0);
}

TEST(ClockAlerter, AlertsScheduledOutOfOrderFireInTimeOrder) {
  testkit::FakeClock clock;
  ClockAlerter alerter(clock);
  std::ostringstream out;

  alerter.ScheduleAlertAt(20min, 300, out);
  alerter.ScheduleAlertAt(10min, 200, out);
  clock.Advance(1h);

  EXPECT_EQ(out.str(), "Blind is now 200\nBlind is now 300\n");
}

TEST(ClockAlerter, OnTheRealClockAlertsArriveFromItsTimerThread) {
  kata::RealClock clock;
  LockedOutput out;
  ClockAlerter alerter(clock, 2ms);

  alerter.ScheduleAlertAt(0min, 100, out.Stream());
  alerter.ScheduleAlertAt(1min, 200, out.Stream());

  // Once no alert is pending, both have been written.
  EXPECT_TRUE(testkit::Eventually([&] { return alerter.PendingAlerts() == 0; }));
  EXPECT_EQ(out.Str(), "Blind is now 100\nBlind is now 200\n");
}

}  // namespace
}  // namespace cli_poker
