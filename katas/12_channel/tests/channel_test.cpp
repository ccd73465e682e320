// Steps 1, 2, 3 and 4: a channel buffers, blocks, hands over, gives up on
// stop, and closes.
#include "channel.h"

#include <gtest/gtest.h>

#include <chrono>
#include <deque>
#include <optional>
#include <stop_token>
#include <string>

#include "task.h"
#include "testkit/eventually.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using channel_test::OnExit;
using channel_test::Task;
using kata::Channel;
using kata::ClosedChannel;

// --- Step 1 --- a buffered FIFO ----------------------------------------------

TEST(ChannelBuffers, HoldsUpToItsCapacityWithNoReceiver) {
  Channel<int> channel(4);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(channel.TrySend(i)) << "value " << i;
  EXPECT_FALSE(channel.TrySend(4)) << "a fifth value went into a channel of capacity 4";
  EXPECT_EQ(channel.Size(), 4u);
  EXPECT_EQ(channel.Capacity(), 4u);
}

TEST(ChannelBuffers, GivesTheValuesBackInTheOrderTheyWereSent) {
  Channel<int> channel(4);
  for (int i = 0; i < 4; ++i) channel.Send(i);  // room for each: no wait
  for (int i = 0; i < 4; ++i) EXPECT_EQ(channel.Recv(), i);
  EXPECT_EQ(channel.Size(), 0u);
}

TEST(ChannelBuffers, TryRecvOnAnEmptyChannelGivesNothing) {
  Channel<std::string> channel(2);
  EXPECT_EQ(channel.TryRecv(), std::nullopt);
  channel.Send("hello");
  EXPECT_EQ(channel.TryRecv(), "hello");
  EXPECT_EQ(channel.TryRecv(), std::nullopt);
}

TEST(ChannelBuffers, CopiesAreHandlesToTheSameChannel) {
  Channel<int> channel(1);
  const Channel<int> copy = channel;
  channel.Send(42);
  EXPECT_EQ(copy.Size(), 1u);
  EXPECT_EQ(copy.Recv(), 42);
  EXPECT_EQ(channel.Size(), 0u);
}

// --- Step 2 --- waiting, and the rendezvous ----------------------------------

TEST(ChannelBlocks, RecvWaitsForASend) {
  Channel<int> channel(1);
  Task<std::optional<int>> receiver([&] { return channel.Recv(); });
  OnExit release([&] {
    if (!receiver.Done()) channel.TrySend(0);
  });
  ASSERT_TRUE(
      testkit::Eventually([&] { return receiver.Done() || channel.WaitingReceivers() == 1; }));
  EXPECT_FALSE(receiver.Done()) << "Recv on an empty channel returned instead of waiting";
  channel.Send(7);
  EXPECT_EQ(receiver.Get(), 7);
  EXPECT_EQ(channel.WaitingReceivers(), 0);
}

TEST(ChannelBlocks, SendOnAFullChannelWaitsForRoom) {
  Channel<int> channel(2);
  channel.Send(1);
  channel.Send(2);
  Task<bool> sender([&] {
    channel.Send(3);
    return true;
  });
  OnExit release([&] {
    if (!sender.Done()) channel.TryRecv();
  });
  ASSERT_TRUE(testkit::Eventually([&] { return sender.Done() || channel.WaitingSenders() == 1; }));
  EXPECT_FALSE(sender.Done()) << "Send on a full channel returned instead of waiting";
  EXPECT_EQ(channel.Recv(), 1);
  EXPECT_TRUE(sender.Get());
  EXPECT_EQ(channel.Recv(), 2);
  EXPECT_EQ(channel.Recv(), 3);
}

TEST(ChannelRendezvous, SendReturnsOnlyOnceAReceiverHasTakenTheValue) {
  Channel<int> channel;  // capacity 0
  EXPECT_EQ(channel.Capacity(), 0u);
  Task<bool> sender([&] {
    channel.Send(42);
    return true;
  });
  OnExit release([&] {
    if (!sender.Done()) channel.TryRecv();
  });
  ASSERT_TRUE(testkit::Eventually([&] { return sender.Done() || channel.WaitingSenders() == 1; }));
  EXPECT_FALSE(sender.Done()) << "Send on a rendezvous channel returned with nobody receiving";
  EXPECT_EQ(channel.Recv(), 42);
  EXPECT_TRUE(sender.Get());
  EXPECT_EQ(channel.WaitingSenders(), 0);
}

TEST(ChannelRendezvous, TrySendSucceedsOnlyWhenAReceiverIsWaiting) {
  Channel<int> channel(0);
  EXPECT_FALSE(channel.TrySend(1)) << "TrySend on a rendezvous channel with no receiver";
  EXPECT_EQ(channel.TryRecv(), std::nullopt) << "the value of a failed TrySend was kept";

  Task<std::optional<int>> receiver([&] { return channel.Recv(); });
  OnExit release([&] {
    if (!receiver.Done()) channel.TrySend(0);
  });
  ASSERT_TRUE(
      testkit::Eventually([&] { return receiver.Done() || channel.WaitingReceivers() == 1; }));
  EXPECT_TRUE(channel.TrySend(5)) << "TrySend with a receiver parked in Recv";
  EXPECT_EQ(receiver.Get(), 5);
}

// --- Step 3 --- give up when stop is requested -------------------------------

TEST(ChannelStops, RecvGivesUpWhenStopIsRequested) {
  Channel<int> channel(1);
  std::stop_source stop;
  Task<std::optional<int>> receiver([&] { return channel.Recv(stop.get_token()); });
  OnExit release([&] { stop.request_stop(); });
  ASSERT_TRUE(
      testkit::Eventually([&] { return receiver.Done() || channel.WaitingReceivers() == 1; }));
  EXPECT_FALSE(receiver.Done()) << "Recv(token) on an empty channel returned before stop";

  stop.request_stop();
  EXPECT_EQ(receiver.Get(), std::nullopt);
  EXPECT_EQ(channel.WaitingReceivers(), 0);
  channel.Send(3);
  EXPECT_EQ(channel.TryRecv(), 3) << "the channel no longer works after a Recv gave up";
}

TEST(ChannelStops, SendGivesUpWhenStopIsRequestedAndKeepsNothing) {
  Channel<int> channel(2);
  channel.Send(1);
  channel.Send(2);
  std::stop_source stop;
  Task<bool> sender([&] { return channel.Send(3, stop.get_token()); });
  OnExit release([&] {
    stop.request_stop();
    if (!sender.Done()) channel.TryRecv();
  });
  ASSERT_TRUE(testkit::Eventually([&] { return sender.Done() || channel.WaitingSenders() == 1; }));
  EXPECT_FALSE(sender.Done()) << "Send(value, token) on a full channel returned before stop";

  stop.request_stop();
  const bool gave_up = testkit::Eventually([&] { return sender.Done(); });
  if (!gave_up) (void)channel.Recv();  // room for the sender, so that the test can end
  ASSERT_TRUE(gave_up) << "Send(value, token) on a full channel still waits after stop";
  EXPECT_FALSE(sender.Get()) << "Send(value, token) said it sent after stop";
  EXPECT_EQ(channel.Recv(), 1);
  EXPECT_EQ(channel.Recv(), 2);
  EXPECT_EQ(channel.TryRecv(), std::nullopt) << "the value of a Send that gave up was kept";
}

// On a rendezvous channel the value is already offered when stop comes: the
// Send takes it back, so that no receiver gets a value whose Send said false.
TEST(ChannelStops, ARendezvousSendTakesItsValueBackOnStop) {
  Channel<int> channel(0);
  std::stop_source stop;
  Task<bool> sender([&] { return channel.Send(9, stop.get_token()); });
  OnExit release([&] { stop.request_stop(); });
  ASSERT_TRUE(testkit::Eventually([&] { return sender.Done() || channel.WaitingSenders() == 1; }));

  stop.request_stop();
  EXPECT_FALSE(sender.Get());
  EXPECT_EQ(channel.TryRecv(), std::nullopt) << "a value whose Send gave up was still there";
  EXPECT_EQ(channel.WaitingSenders(), 0);

  Task<std::optional<int>> receiver([&] { return channel.Recv(); });
  channel.Send(4);
  EXPECT_EQ(receiver.Get(), 4) << "the channel no longer works after a Send gave up";
}

TEST(ChannelStops, AStopAlreadyRequestedGivesUpWithoutWaiting) {
  std::stop_source stop;
  stop.request_stop();
  Channel<int> empty(1);
  EXPECT_EQ(empty.Recv(stop.get_token()), std::nullopt);

  Channel<int> full(1);
  full.Send(1);
  Task<bool> sender([&] { return full.Send(2, stop.get_token()); });
  const bool gave_up = testkit::Eventually([&] { return sender.Done(); });
  if (!gave_up) (void)full.Recv();  // room for the sender, so that the test can end
  ASSERT_TRUE(gave_up) << "Send(value, token) with stop already requested waits on a full channel";
  EXPECT_FALSE(sender.Get());
  EXPECT_EQ(full.Size(), 1u);
}

// Requesting stop on one receiver's token wakes every thread parked on the
// same condition variable (that is how condition_variable_any honours a
// stop_token). A receiver that was not stopped must find nothing to take and
// go back to sleep.
TEST(ChannelStops, StoppingOneReceiverLeavesTheOthersWaiting) {
  Channel<int> channel(1);
  std::stop_source stop;
  Task<std::optional<int>> plain([&] { return channel.Recv(); });
  Task<std::optional<int>> stoppable([&] { return channel.Recv(stop.get_token()); });
  OnExit release([&] {
    stop.request_stop();
    if (!plain.Done()) channel.TrySend(0);
  });
  ASSERT_TRUE(testkit::Eventually([&] { return channel.WaitingReceivers() == 2; }))
      << channel.WaitingReceivers() << " of 2 receivers parked";

  stop.request_stop();
  EXPECT_EQ(stoppable.Get(), std::nullopt);
  ASSERT_TRUE(testkit::Never([&] { return plain.Done(); }, 50ms))
      << "Recv() returned with nothing to receive when another receiver was stopped";
  // TrySend, not Send: a Recv that took from an empty deque has left it in
  // pieces, and a Send could wait for room for ever.
  const bool sent = channel.TrySend(5);
  ASSERT_TRUE(sent) << "no room in an empty channel of capacity 1";
  EXPECT_EQ(plain.Get(), 5);
}

// --- Step 4 --- close --------------------------------------------------------

TEST(ChannelCloses, BufferedValuesAreStillReceivedThenNothingForEver) {
  Channel<int> channel(4);
  channel.Send(1);
  channel.Send(2);
  channel.Close();
  EXPECT_TRUE(channel.Closed());
  EXPECT_EQ(channel.Recv(), 1);
  EXPECT_EQ(channel.Recv(), 2);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(channel.Recv(), std::nullopt) << "read " << i;
  EXPECT_EQ(channel.TryRecv(), std::nullopt);
}

TEST(ChannelCloses, SendingOnAClosedChannelThrows) {
  Channel<int> channel(4);
  channel.Close();
  EXPECT_THROW(channel.Send(1), ClosedChannel);
  EXPECT_THROW(channel.TrySend(1), ClosedChannel);
  EXPECT_EQ(channel.Size(), 0u);
}

TEST(ChannelCloses, ClosingTwiceThrows) {
  Channel<int> channel;
  channel.Close();
  EXPECT_THROW(channel.Close(), ClosedChannel);
}

// Close waking the threads parked on the channel is yours to test:
// tests/close_wakes_test.cpp.

}  // namespace
