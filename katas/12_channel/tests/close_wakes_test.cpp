// Step 4: you write these tests. Close is a broadcast: every receiver
// parked on the channel must wake and get nothing (std::nullopt), and a
// sender parked on a full channel must wake and throw ClosedChannel. The
// workbook judges your tests: they must pass against a correct Channel and
// fail against each of four broken ones (`make kata-12` says how many yours
// catch).
//
// The tools: channel_test::Task (task.h) runs a function on a thread of its
// own; Done() says whether it has returned, Get() joins and returns or
// rethrows. WaitingReceivers() and WaitingSenders() count the threads parked
// on the channel, so you can wait (testkit::Eventually, no sleeping) until
// they are parked before you close it. A thread that Close fails to wake
// would hang your test at its join: park them with Recv(token) or
// Send(value, token), and stop the token on the way out (OnExit in task.h
// runs even when an ASSERT leaves the test early).
#include <gtest/gtest.h>

#include "channel.h"
#include "task.h"
#include "testkit/eventually.h"
#include "testkit/todo.h"

namespace {

TEST(CloseWakes, EveryParkedReceiverWithNothing) {
  KATA_TODO(
      "park several receivers on an empty channel (more than one), close it: every one of them "
      "wakes, and each "
      "gets std::nullopt");
}

TEST(CloseWakes, AParkedSenderWithClosedChannel) {
  KATA_TODO(
      "fill a channel of capacity 1, park a second Send on it, close it: the sender wakes and "
      "throws "
      "ClosedChannel, and the buffered value is still received");
}

}  // namespace
