// Steps 5 and 6: a click reaches every subscriber, and none is lost.
#include "button.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <stdexcept>

#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace sync_toolbox {
namespace {

namespace testkit = kata::testkit;

class ButtonBroadcast : public testkit::NoThreadLeaks {};
class ButtonNoLostClick : public testkit::NoThreadLeaks {};

// --- Step 5 -------------------------------------------------------------------

TEST_F(ButtonBroadcast, OneClickRunsEveryHandlerOnce) {
  std::atomic<int> maximised = 0;
  std::atomic<int> mouse_clicked = 0;
  std::atomic<int> dialog_shown = 0;
  auto all_are = [&](int n) {
    return maximised.load() == n && mouse_clicked.load() == n && dialog_shown.load() == n;
  };

  Button button;
  button.Subscribe([&] { maximised.fetch_add(1); });
  button.Subscribe([&] { mouse_clicked.fetch_add(1); });
  button.Subscribe([&] { dialog_shown.fetch_add(1); });

  button.Click();
  EXPECT_TRUE(testkit::Eventually([&] { return all_are(1); }))
      << "handlers run: maximise " << maximised.load() << ", mouse " << mouse_clicked.load()
      << ", dialog " << dialog_shown.load();

  button.Click();
  EXPECT_TRUE(testkit::Eventually([&] { return all_are(2); }))
      << "handlers run: maximise " << maximised.load() << ", mouse " << mouse_clicked.load()
      << ", dialog " << dialog_shown.load();
}

TEST_F(ButtonBroadcast, AButtonWithoutClicksRunsNoHandler) {
  std::atomic<int> runs = 0;
  {
    Button button;
    button.Subscribe([&] { runs.fetch_add(1); });
  }  // the destructor stops and joins the subscriber
  EXPECT_EQ(runs.load(), 0);
}

// A handler may use the button itself: subscribe another handler, click
// again. Called under the button's lock, it would lock that lock a second
// time on the same thread and hang.
TEST_F(ButtonBroadcast, AHandlerMaySubscribeAndClick) {
  std::atomic<int> first_runs = 0;
  std::atomic<int> late_runs = 0;
  Button button;
  button.Subscribe([&] {
    if (first_runs.fetch_add(1) == 0) {
      button.Subscribe([&] { late_runs.fetch_add(1); });
      button.Click();
    }
  });

  button.Click();

  EXPECT_TRUE(testkit::Eventually([&] { return first_runs.load() == 2 && late_runs.load() == 1; }))
      << "first handler ran " << first_runs.load() << " times (want 2), the late one "
      << late_runs.load() << " (want 1)";
}

// A handler that throws must not take the process down (an exception that
// leaves a thread's function is std::terminate). Its subscriber stops, the
// others go on, and Close rethrows the exception on the test's thread.
TEST_F(ButtonBroadcast, AThrowingHandlerReachesCloseAndSparesTheOthers) {
  std::atomic<int> thrown = 0;
  std::atomic<int> shown = 0;
  Button button;
  button.Subscribe([&] {
    thrown.fetch_add(1);
    throw std::runtime_error("maximise failed");
  });
  button.Subscribe([&] { shown.fetch_add(1); });

  button.Click();
  button.Click();

  EXPECT_TRUE(testkit::Eventually([&] { return thrown.load() == 1 && shown.load() == 2; }))
      << "the throwing handler ran " << thrown.load() << " times (want 1: its subscriber stops), "
      << "the other " << shown.load() << " (want 2)";
  EXPECT_THROW(button.Close(), std::runtime_error);
}

// --- Step 6 -------------------------------------------------------------------

// A click right after Subscribe returns must reach every subscriber. This
// test waits without a deadline: a lost wake-up hangs it, and the runner
// reports the hang (TIMEOUT or DEADLOCK) with the test that was running.
TEST_F(ButtonNoLostClick, AClickRightAfterSubscribingReachesEverySubscriber) {
  constexpr int kRounds = 20;
  constexpr int kSubscribers = 3;
  for (int round = 0; round < kRounds; ++round) {
    std::latch handled(kSubscribers);
    Button button;
    for (int i = 0; i < kSubscribers; ++i) button.Subscribe([&] { handled.count_down(); });
    button.Click();
    handled.wait();
  }
  SUCCEED();
}

}  // namespace
}  // namespace sync_toolbox
