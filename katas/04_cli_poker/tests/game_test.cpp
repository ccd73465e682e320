// Steps 3 and 7: the game schedules the blinds (spy alerter), and finishing
// or destroying it stops them (the real alerter, on a fake and a real clock).
#include "game.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <latch>
#include <mutex>
#include <sstream>
#include <streambuf>
#include <string>
#include <thread>
#include <vector>

#include "cli_poker_doubles.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"
#include "testkit/threads.h"

namespace cli_poker {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using namespace std::chrono_literals;
using testing::Describe;
using testing::LockedOutput;
using testing::ScheduledAlert;
using testing::SpyBlindAlerter;
using testing::SpyPlayerStore;
namespace testkit = kata::testkit;

// Compares the whole schedule, one readable failure per wrong entry.
void ExpectSchedule(const std::vector<ScheduledAlert>& got,
                    const std::vector<ScheduledAlert>& want) {
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (i >= got.size()) {
      ADD_FAILURE() << "alert #" << i + 1 << " (" << Describe(want[i]) << ") was never scheduled";
      continue;
    }
    if (Describe(got[i]) != Describe(want[i])) {
      ADD_FAILURE() << "alert #" << i + 1 << ": wanted " << Describe(want[i]) << ", got "
                    << Describe(got[i]);
    }
  }
  for (std::size_t i = want.size(); i < got.size(); ++i) {
    ADD_FAILURE() << "alert #" << i + 1 << " (" << Describe(got[i]) << ") was not expected";
  }
}

int Lines(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

// An output whose first write blocks until the test releases it: it holds an
// alert in the middle of being written, on the thread that fired it.
class HeldOutput {
 public:
  std::ostream& Stream() { return stream_; }
  void WaitUntilHeld() { buffer_.held.wait(); }
  void Release() { buffer_.release.count_down(); }
  std::string Str() const {
    std::scoped_lock lock(buffer_.mutex);
    return buffer_.text;
  }

 private:
  struct Buffer : std::streambuf {
    std::streamsize xsputn(const char* s, std::streamsize n) override {
      if (first_write) {  // only ever the alert's thread writes here
        first_write = false;
        held.count_down();
        release.wait();
      }
      std::scoped_lock lock(mutex);
      text.append(s, static_cast<std::size_t>(n));
      return n;
    }
    int_type overflow(int_type c) override {
      if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
      const char ch = traits_type::to_char_type(c);
      return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
    }
    bool first_write = true;
    std::latch held{1};
    std::latch release{1};
    mutable std::mutex mutex;
    std::string text;
  };
  Buffer buffer_;
  std::ostream stream_{&buffer_};
};

// --- Step 3 -----------------------------------------------------------------

TEST(GameStart, SchedulesEveryBlindForFivePlayers) {
  SpyBlindAlerter alerter;
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);
  std::ostringstream out;

  game.Start(5, out);

  ExpectSchedule(alerter.Alerts(), {{0min, 100},
                                    {10min, 200},
                                    {20min, 300},
                                    {30min, 400},
                                    {40min, 500},
                                    {50min, 600},
                                    {60min, 800},
                                    {70min, 1000},
                                    {80min, 2000},
                                    {90min, 4000},
                                    {100min, 8000}});
}

TEST(GameStart, SendsEveryAlertToTheGivenDestination) {
  SpyBlindAlerter alerter;
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);
  std::ostringstream out;

  game.Start(5, out);

  ASSERT_FALSE(alerter.Alerts().empty());
  for (const auto& alert : alerter.Alerts()) {
    EXPECT_EQ(alert.to, &out) << Describe(alert) << " goes elsewhere";
  }
  EXPECT_THAT(store.WinCalls(), IsEmpty()) << "starting a game records no win";
}

// --- Step 7 -----------------------------------------------------------------

TEST(GameFinish, RecordsTheWinnerAndCancelsTheAlerts) {
  SpyBlindAlerter alerter;
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);
  std::ostringstream out;
  game.Start(5, out);

  game.Finish("Ruth");

  EXPECT_THAT(store.WinCalls(), ElementsAre("Ruth"));
  EXPECT_GE(alerter.Cancels(), 1);
}

TEST(GameFinish, NoAlertFiresAfterFinish) {
  testkit::FakeClock clock;
  ClockAlerter alerter(clock);
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);
  std::ostringstream out;
  game.Start(5, out);
  clock.Advance(10min);
  ASSERT_EQ(out.str(), "Blind is now 100\nBlind is now 200\n");

  game.Finish("Ruth");
  clock.Advance(24h);

  EXPECT_EQ(out.str(), "Blind is now 100\nBlind is now 200\n");
  EXPECT_EQ(alerter.PendingAlerts(), 0);
  EXPECT_EQ(clock.PendingTimers(), 0) << "Finish left timers on the clock";
  EXPECT_THAT(store.WinCalls(), ElementsAre("Ruth"));
}

// An alert is half-way through its write when the game is finished from
// another thread. Finish must wait for it (or the caller could destroy the
// stream under it), and must not deadlock while it waits.
TEST(GameFinish, FinishWaitsForAnAlertBeingWrittenWithoutDeadlock) {
  testkit::FakeClock clock;
  ClockAlerter alerter(clock);
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);
  HeldOutput out;
  game.Start(5, out.Stream());
  std::jthread advancer([&] { clock.Advance(0min); });  // fires "Blind is now 100"
  out.WaitUntilHeld();

  std::atomic<bool> finished{false};
  std::jthread finisher([&] {
    game.Finish("Ruth");
    finished = true;
  });
  EXPECT_TRUE(testkit::Never([&] { return finished.load(); }, 20ms))
      << "Finish returned while an alert was still being written";
  out.Release();
  EXPECT_TRUE(testkit::Eventually([&] { return finished.load(); }))
      << "Finish never returned: does CancelAll hold mutex_ while it waits for the alert?";
  advancer.join();
  finisher.join();

  EXPECT_EQ(out.Str(), "Blind is now 100\n");
  clock.Advance(24h);
  EXPECT_EQ(out.Str(), "Blind is now 100\n") << "an alert came after Finish";
  EXPECT_THAT(store.WinCalls(), ElementsAre("Ruth"));
}

// On the real clock, with a blind minute of 20 microseconds: the whole
// schedule (100 blind minutes) takes 2 ms.
constexpr Duration kFastMinute = 20us;

// Waits until the real clock has passed `after`: it fires timers in deadline
// order, so an alert still scheduled before then would have fired first.
void WaitUntilPast(kata::Clock& clock, Duration after) {
  std::atomic<bool> passed{false};
  clock.AfterFunc(after, [&] { passed = true; });
  ASSERT_TRUE(testkit::Eventually([&] { return passed.load(); }));
}

TEST(GameFinish, AlertsCountDownAsTheyFireOnTheRealClock) {
  kata::RealClock clock;
  LockedOutput out;
  ClockAlerter alerter(clock, kFastMinute);
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);

  game.Start(5, out.Stream());

  EXPECT_TRUE(testkit::Eventually([&] { return alerter.PendingAlerts() == 0; }));
  EXPECT_EQ(Lines(out.Str()), 11);
  EXPECT_TRUE(out.Str().ends_with("Blind is now 4000\nBlind is now 8000\n")) << out.Str();
}

TEST(GameFinish, FinishingFromAnotherThreadStopsTheAlerts) {
  kata::RealClock clock;
  LockedOutput out;
  ClockAlerter alerter(clock, kFastMinute * 5);
  SpyPlayerStore store;
  TexasHoldem game(alerter, store);

  game.Start(5, out.Stream());
  ASSERT_TRUE(testkit::Eventually([&] { return Lines(out.Str()) >= 2; }));
  std::jthread([&] { game.Finish("Ruth"); }).join();
  const std::string at_finish = out.Str();
  WaitUntilPast(clock, 100 * kFastMinute * 5);

  EXPECT_EQ(out.Str(), at_finish) << "an alert came after Finish";
  EXPECT_EQ(alerter.PendingAlerts(), 0);
  EXPECT_THAT(store.WinCalls(), ElementsAre("Ruth"));
}

TEST(GameFinish, DestroyingTheGameMidScheduleLeavesNothingBehind) {
  const int threads_before = testkit::LiveThreads();
  LockedOutput out;
  std::string at_destruction;
  {
    kata::RealClock clock;
    ClockAlerter alerter(clock, kFastMinute * 5);
    {
      SpyPlayerStore store;
      TexasHoldem game(alerter, store);
      game.Start(5, out.Stream());
      ASSERT_TRUE(testkit::Eventually([&] { return Lines(out.Str()) >= 2; }));
    }  // the game goes mid-schedule
    at_destruction = out.Str();
    EXPECT_EQ(alerter.PendingAlerts(), 0);
    WaitUntilPast(clock, 100 * kFastMinute * 5);
    EXPECT_EQ(out.Str(), at_destruction) << "an alert came after the game was destroyed";
  }
  EXPECT_TRUE(testkit::Eventually([&] { return testkit::LiveThreads() <= threads_before; }))
      << "a thread was left behind";
}

}  // namespace
}  // namespace cli_poker
