// Steps 5 and 6: a click reaches every subscriber, and none is lost.
#include "button.h"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>

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
