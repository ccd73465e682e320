// Step 4, the reference for the test you write: Close is a broadcast. Every
// receiver parked on the channel wakes with nothing, and a sender parked on
// a full channel wakes with ClosedChannel. The threads wait with a token the
// test stops on its way out, so a thread that Close left asleep is counted
// and then released: the test fails instead of hanging.
#include <gtest/gtest.h>

#include <deque>
#include <optional>
#include <stop_token>

#include "channel.h"
#include "task.h"
#include "testkit/eventually.h"

namespace {

namespace testkit = kata::testkit;
using channel_test::OnExit;
using channel_test::Task;
using kata::Channel;
using kata::ClosedChannel;

// Five receivers, not one: a Close that wakes a single thread (notify_one)
// looks right to a test with a single receiver.
TEST(CloseWakes, EveryParkedReceiverWithNothing) {
  constexpr int kReceivers = 5;
  Channel<int> channel;
  std::stop_source rescue;
  std::deque<Task<std::optional<int>>> receivers;  // a Task cannot move
  for (int i = 0; i < kReceivers; ++i) {
    receivers.emplace_back([&] { return channel.Recv(rescue.get_token()); });
  }
  OnExit release([&] { rescue.request_stop(); });
  // Parked, not merely started: otherwise a receiver may only reach Recv
  // after the Close, and find the channel closed without being woken.
  ASSERT_TRUE(testkit::Eventually([&] { return channel.WaitingReceivers() == kReceivers; }));

  channel.Close();

  auto woken = [&] {
    int n = 0;
    for (const auto& receiver : receivers) n += receiver.Done() ? 1 : 0;
    return n;
  };
  EXPECT_TRUE(testkit::Eventually([&] { return woken() == kReceivers; }))
      << woken() << " of " << kReceivers << " parked receivers woke at Close";
  rescue.request_stop();
  for (auto& receiver : receivers) EXPECT_EQ(receiver.Get(), std::nullopt);
}

// The sender is told: its value did not go, and never will.
TEST(CloseWakes, AParkedSenderWithClosedChannel) {
  Channel<int> channel(1);
  channel.Send(1);
  std::stop_source rescue;
  Task<bool> sender([&] { return channel.Send(2, rescue.get_token()); });
  OnExit release([&] { rescue.request_stop(); });
  ASSERT_TRUE(testkit::Eventually([&] { return channel.WaitingSenders() == 1; }));

  channel.Close();

  EXPECT_TRUE(testkit::Eventually([&] { return sender.Done(); }))
      << "the parked sender did not wake at Close";
  rescue.request_stop();
  EXPECT_THROW(sender.Get(), ClosedChannel);
  EXPECT_EQ(channel.Recv(), 1) << "the value buffered before Close is still delivered";
  EXPECT_EQ(channel.Recv(), std::nullopt);
}

}  // namespace
