// Step 6: a closed channel's case, and Merge2, which forwards two channels
// into one until both are closed.
#include "merge.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "channel.h"
#include "running.h"
#include "select.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using kata::Channel;
using kata::Merge2;
using kata::Select;
using select_test::OnExit;
using select_test::Running;

TEST(SelectMerges, AClosedChannelIsReadyWithNothingOnceDrained) {
  Channel<int> a(2);
  a.Send(1);
  a.Close();
  std::vector<std::optional<int>> got;
  for (int i = 0; i < 3; ++i) {
    Select().Recv(a, [&](std::optional<int> value) { got.push_back(value); }).Run();
  }
  EXPECT_EQ(got, (std::vector<std::optional<int>>{1, std::nullopt, std::nullopt}));
}

// A closed channel is always ready, so a loop that keeps its case on spins:
// it registers on the closed channel, finds it ready, and again. Switched
// off (RecvIf(false, ...)), the case waits on nothing, and Merge2 sleeps on
// the open channel alone. Merge2 first parks on both channels; one is then
// closed: once Merge2 has let go of it, it must never wait on it again.
TEST(SelectMerges, AClosedChannelsCaseIsSwitchedOff) {
  Channel<int> closing(1);
  Channel<int> open(1);
  Channel<int> out(4);
  Running merging([&] {
    Merge2(closing, open, out);
    return std::size_t{0};
  });
  OnExit release([&] {
    if (!closing.Closed()) closing.Close();
    if (!open.Closed()) open.Close();
  });
  ASSERT_TRUE(testkit::Eventually([&] {
    return merging.Done() || (closing.WaitingReceivers() == 1 && open.WaitingReceivers() == 1);
  }));
  ASSERT_FALSE(merging.Done()) << "Merge2 returned while both channels were open";

  closing.Close();
  ASSERT_TRUE(testkit::Eventually([&] { return closing.WaitingReceivers() == 0; }));
  EXPECT_TRUE(testkit::Never([&] { return closing.WaitingReceivers() != 0; }, 50ms))
      << "Merge2 keeps waiting on the closed channel: its case must be switched off";
  EXPECT_TRUE(testkit::Eventually([&] { return open.WaitingReceivers() == 1; }))
      << "Merge2 does not wait on the channel that is still open";
  ASSERT_FALSE(merging.Done()) << "Merge2 returned while one channel was still open";

  open.Send(1);
  open.Send(2);
  open.Close();
  EXPECT_EQ(merging.Get(), 0u);
  EXPECT_EQ(out.TryRecv(), 1);
  EXPECT_EQ(out.TryRecv(), 2);
  EXPECT_EQ(out.TryRecv(), std::nullopt);
}

constexpr std::int64_t kStride = 1'000'000;

// Two producers send 200 values each, producer * kStride + 1 ..., and close
// their channel; Merge2 forwards them into out, which the merging thread
// closes once Merge2 has returned; a fourth thread reads out to the end.
TEST(SelectMerges, ForwardsEverythingAndReturnsOnceBothAreClosed) {
  constexpr int kPerProducer = 200;
  const std::array<Channel<std::int64_t>, 2> in{Channel<std::int64_t>(4), Channel<std::int64_t>(4)};
  Channel<std::int64_t> out(8);
  std::vector<std::int64_t> received;
  testkit::RunOnThreads(4, [&](int i) {
    if (i < 2) {
      for (int k = 1; k <= kPerProducer; ++k) in.at(i).Send(i * kStride + k);
      in.at(i).Close();
    } else if (i == 2) {
      // Also when Merge2 throws or returns early: the reader and the
      // producers must not be left waiting.
      OnExit finish([&] {
        out.Close();
        for (const auto& channel : in) {
          for (std::int64_t ignored : channel) (void)ignored;
        }
      });
      Merge2(in[0], in[1], out);
    } else {
      for (std::int64_t value : out) received.push_back(value);
    }
  });

  std::array<std::int64_t, 2> last{0, 0};
  for (std::int64_t value : received) {
    const auto producer = static_cast<std::size_t>(value / kStride);
    ASSERT_LT(producer, 2u) << "value " << value << " was never sent";
    EXPECT_GT(value, last.at(producer)) << "producer " << producer << "'s values out of order";
    last.at(producer) = value;
  }
  EXPECT_EQ(received.size(), 2u * kPerProducer);
  EXPECT_EQ(last[0], kPerProducer);
  EXPECT_EQ(last[1], kStride + kPerProducer);
}

}  // namespace
