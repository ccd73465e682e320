// Step 6, the reference for the test you write: every click wakes every
// waiting subscriber, and no click falls into a gap. Each gap is forced, not
// hoped for: a testkit::Gate holds a subscriber in it (the button's
// before_listening seam, or the handler itself) while the test clicks, and
// the test waits for signals (Eventually, WaitForArrivals), never for time.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "button.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace sync_toolbox {
namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;

class ClickWakesEveryWaiter : public testkit::NoThreadLeaks {};

// How long the test waits for a subscriber to get somewhere (into its
// handler, to a gate): ample on a loaded machine, where it takes well under a
// millisecond, and what each failing check costs against a broken button.
constexpr auto kDeadline = 1s;

// Opens a gate when the test ends, however it ends: no thread stays held.
struct OpenOnExit {
  testkit::Gate& gate;
  ~OpenOnExit() { gate.Open(); }
};

// Three subscribers wait; one click must wake all three. A click that wakes
// only one (notify_one) leaves two handlers that never run.
TEST_F(ClickWakesEveryWaiter, OneClickRunsEveryWaitingHandler) {
  std::atomic<int> runs[3] = {0, 0, 0};
  Button button;
  for (auto& count : runs) button.Subscribe([&count] { count.fetch_add(1); });

  button.Click();

  auto each_ran_once = [&] {
    return runs[0].load() == 1 && runs[1].load() == 1 && runs[2].load() == 1;
  };
  EXPECT_TRUE(testkit::Eventually(each_ran_once, kDeadline))
      << "handlers run: " << runs[0].load() << ", " << runs[1].load() << ", " << runs[2].load()
      << " (want 1 each)";
}

// The gap between a subscriber's start and its first look at the click
// count: the seam holds the subscriber there. Subscribe must not return
// meanwhile, and the click made right after it returns must be handled.
TEST_F(ClickWakesEveryWaiter, AClickRightAfterSubscribeReturnsIsNeverLost) {
  testkit::Gate starting;  // the new subscriber waits here before it reads the count
  std::atomic<int> runs = 0;
  std::atomic<bool> clicked = false;
  Button button([&] { starting.Wait(10s); });
  std::jthread subscriber([&] {
    button.Subscribe([&] { runs.fetch_add(1); });
    button.Click();
    clicked.store(true);
  });
  OpenOnExit open_on_exit{starting};
  ASSERT_TRUE(starting.WaitForArrivals(1, kDeadline));

  EXPECT_TRUE(testkit::Never([&] { return clicked.load(); }, 50ms))
      << "Subscribe returned while its subscriber had not read the click count yet";
  starting.Open();
  subscriber.join();

  EXPECT_TRUE(testkit::Eventually([&] { return runs.load() == 1; }, kDeadline))
      << "the handler ran " << runs.load()
      << " times for the click made right after Subscribe returned";
}

// The gap while a handler runs: a second click then must run the handler a
// second time once the first run is over. A subscriber that checks the count,
// runs the handler, and then takes the count as seen has lost that click.
TEST_F(ClickWakesEveryWaiter, AClickWhileTheHandlerRunsIsHandledAfterIt) {
  testkit::Gate busy;  // the handler's first run waits here
  std::atomic<int> runs = 0;
  Button button;
  button.Subscribe([&] {
    if (runs.fetch_add(1) == 0) busy.Wait(10s);
  });
  OpenOnExit open_on_exit{busy};

  button.Click();
  ASSERT_TRUE(busy.WaitForArrivals(1, kDeadline));
  button.Click();
  busy.Open();

  EXPECT_TRUE(testkit::Eventually([&] { return runs.load() == 2; }, kDeadline))
      << "the handler ran " << runs.load() << " times for two clicks";
}

// Handlers run side by side: one held in its handler must not keep another
// subscriber from handling a click. The held one goes first, on every run:
// the other subscribes only once it is held.
TEST_F(ClickWakesEveryWaiter, AHeldHandlerDoesNotHoldUpTheOthers) {
  testkit::Gate slow;  // the slow handler waits here
  std::atomic<int> quick_runs = 0;
  Button button;
  button.Subscribe([&] { slow.Wait(10s); });
  OpenOnExit open_on_exit{slow};
  button.Click();
  ASSERT_TRUE(slow.WaitForArrivals(1, kDeadline));

  button.Subscribe([&] { quick_runs.fetch_add(1); });
  button.Click();

  EXPECT_TRUE(testkit::Eventually([&] { return quick_runs.load() == 1; }, kDeadline))
      << "the second handler did not run while the first was held";
}

// Clicks from several threads at once: each one counts, for every handler.
TEST_F(ClickWakesEveryWaiter, ClicksFromManyThreadsAllCount) {
  constexpr int kClickers = 4;
  constexpr int kClicksEach = 5;
  constexpr int kClicks = kClickers * kClicksEach;
  std::atomic<int> first_runs = 0;
  std::atomic<int> second_runs = 0;
  Button button;
  button.Subscribe([&] { first_runs.fetch_add(1); });
  button.Subscribe([&] { second_runs.fetch_add(1); });

  testkit::RunOnThreads(kClickers, [&](int) {
    for (int i = 0; i < kClicksEach; ++i) button.Click();
  });

  auto each_ran_once_per_click = [&] {
    return first_runs.load() == kClicks && second_runs.load() == kClicks;
  };
  EXPECT_TRUE(testkit::Eventually(each_ran_once_per_click, kDeadline))
      << "handlers ran " << first_runs.load() << " and " << second_runs.load() << " times for "
      << kClicks << " clicks";
}

}  // namespace
}  // namespace sync_toolbox
