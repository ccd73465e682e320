// Steps 5, 6 and 7: range-for, many senders and receivers at once, and the
// two ends of a channel.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "channel.h"
#include "task.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using channel_test::Task;
using kata::Channel;
using kata::Receiver;
using kata::Sender;

// --- Step 5 --- range-for ----------------------------------------------------

// Sends every letter of the text, then closes: the owner of a channel writes
// and closes it.
void SendLetters(Channel<char> out, const std::string& text) {
  for (char letter : text) out.Send(letter);
  out.Close();
}

TEST(ChannelRange, ARangeForReadsUntilTheChannelIsClosed) {
  const std::string text =
      "Four score and seven years ago our fathers brought forth on this continent, a new "
      "nation, conceived in Liberty, and dedicated to the proposition that all men are "
      "created equal.";
  std::string expected = text;
  for (char& c : expected) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  // Room for the whole text: were the range-for still to be written, the
  // producer could not be left blocked in Send for ever.
  Channel<char> letters(text.size());
  Task<bool> producer([&] {
    SendLetters(letters, text);
    return true;
  });
  std::string upper;
  for (char letter : letters) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));

  EXPECT_TRUE(producer.Get());
  EXPECT_EQ(upper, expected);
}

TEST(ChannelRange, ARangeOverAClosedEmptyChannelRunsNoIteration) {
  Channel<int> channel(2);
  channel.Close();
  int iterations = 0;
  for (int value : channel) iterations += value + 1;
  EXPECT_EQ(iterations, 0);
}

TEST(ChannelRange, ARangeDrainsWhatWasBufferedBeforeClose) {
  Channel<int> channel(3);
  channel.Send(1);
  channel.Send(2);
  channel.Send(3);
  channel.Close();
  int sum = 0;
  for (int value : channel) sum += value;
  EXPECT_EQ(sum, 6);
}

// --- Step 6 --- many senders, many receivers ---------------------------------

// Each producer sends per_producer values, producer * kStride + 1 ... ; the
// last producer to finish closes the channel. Consumers range over it.
struct Received {
  std::mutex mutex;
  std::vector<std::vector<std::int64_t>> by_consumer;  // guarded by mutex
};

constexpr std::int64_t kStride = 1'000'000;

void RunManyToMany(Channel<std::int64_t> channel, int producers, int consumers, int per_producer,
                   Received& received) {
  std::atomic<int> producing = producers;
  received.by_consumer.assign(consumers, {});
  testkit::RunOnThreads(producers + consumers, [&](int i) {
    if (i < producers) {
      for (int k = 1; k <= per_producer; ++k) channel.Send(i * kStride + k);
      if (producing.fetch_sub(1) == 1) channel.Close();
      return;
    }
    std::vector<std::int64_t> mine;
    for (std::int64_t value : channel) mine.push_back(value);
    std::scoped_lock lock(received.mutex);
    received.by_consumer[i - producers] = std::move(mine);
  });
}

// Every value arrived exactly once, and each consumer saw each producer's
// values in the order they were sent.
void ExpectEachValueOnceInOrder(const Received& received, int producers, int per_producer) {
  std::vector<std::int64_t> all;
  for (const auto& mine : received.by_consumer) {
    std::vector<std::int64_t> last(producers, 0);
    for (std::int64_t value : mine) {
      const auto producer = static_cast<std::size_t>(value / kStride);
      ASSERT_LT(producer, last.size()) << "value " << value << " was never sent";
      EXPECT_GT(value, last[producer]) << "producer " << producer << "'s values out of order";
      last[producer] = value;
    }
    all.insert(all.end(), mine.begin(), mine.end());
  }
  ASSERT_EQ(all.size(), static_cast<std::size_t>(producers * per_producer));
  std::sort(all.begin(), all.end());
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end()) << "a value arrived twice";
  std::int64_t sum = 0;
  for (std::int64_t value : all) sum += value % kStride;
  EXPECT_EQ(sum, std::int64_t{producers} * per_producer * (per_producer + 1) / 2);
}

TEST(ChannelManyToMany, FourSendersFourReceiversBufferedEight) {
  Received received;
  RunManyToMany(Channel<std::int64_t>(8), 4, 4, 1000, received);
  ExpectEachValueOnceInOrder(received, 4, 1000);  // the sum is 4 x 500500
}

TEST(ChannelManyToMany, TwoSendersTwoReceiversThroughARendezvous) {
  Received received;
  RunManyToMany(Channel<std::int64_t>(0), 2, 2, 100, received);
  ExpectEachValueOnceInOrder(received, 2, 100);
}

// A receiver that polls with TryRecv while two senders fill the channel.
TEST(ChannelManyToMany, TryRecvPollsWhileOthersSend) {
  constexpr int kPerProducer = 200;
  Channel<int> channel(4);
  std::int64_t sum = 0;
  int count = 0;
  testkit::RunOnThreads(3, [&](int i) {
    if (i < 2) {
      for (int k = 1; k <= kPerProducer; ++k) channel.Send(k);
      return;
    }
    const auto give_up = std::chrono::steady_clock::now() + 10s;
    while (count < 2 * kPerProducer && std::chrono::steady_clock::now() < give_up) {
      if (auto value = channel.TryRecv()) {
        sum += *value;
        ++count;
      } else {
        std::this_thread::yield();
      }
    }
  });
  EXPECT_EQ(count, 2 * kPerProducer);
  EXPECT_EQ(sum, 2 * kPerProducer * (kPerProducer + 1) / 2);
}

// --- Step 7 --- the two ends -------------------------------------------------

template <typename End>
constexpr bool kCanSend = requires(const End& end) { end.Send(1); };
template <typename End>
constexpr bool kCanTrySend = requires(const End& end) { end.TrySend(1); };
template <typename End>
constexpr bool kCanClose = requires(const End& end) { end.Close(); };
template <typename End>
constexpr bool kCanRecv = requires(const End& end) { end.Recv(); };
template <typename End>
constexpr bool kCanTryRecv = requires(const End& end) { end.TryRecv(); };
template <typename End>
constexpr bool kCanRange = requires(const End& end) { end.begin(); };

TEST(ChannelEnds, AReceiverCannotSendOrClose) {
  EXPECT_FALSE(kCanSend<Receiver<int>>) << "Receiver<int> has a Send";
  EXPECT_FALSE(kCanTrySend<Receiver<int>>) << "Receiver<int> has a TrySend";
  EXPECT_FALSE(kCanClose<Receiver<int>>) << "Receiver<int> has a Close: closing is the sender's";
  EXPECT_TRUE(kCanRecv<Receiver<int>>);
  EXPECT_TRUE(kCanTryRecv<Receiver<int>>);
  EXPECT_TRUE(kCanRange<Receiver<int>>);
}

TEST(ChannelEnds, ASenderCannotReceive) {
  EXPECT_FALSE(kCanRecv<Sender<int>>) << "Sender<int> has a Recv";
  EXPECT_FALSE(kCanTryRecv<Sender<int>>) << "Sender<int> has a TryRecv";
  EXPECT_FALSE(kCanRange<Sender<int>>) << "a range-for over a Sender<int> compiles";
  EXPECT_TRUE(kCanSend<Sender<int>>);
  EXPECT_TRUE(kCanClose<Sender<int>>);
}

TEST(ChannelEnds, OneEndDoesNotTurnIntoTheOther) {
  EXPECT_FALSE((std::is_convertible_v<Sender<int>, Receiver<int>>)) << "a Sender became a Receiver";
  EXPECT_FALSE((std::is_convertible_v<Receiver<int>, Sender<int>>)) << "a Receiver became a Sender";
  EXPECT_TRUE((std::is_convertible_v<Channel<int>, Sender<int>>));
  EXPECT_TRUE((std::is_convertible_v<Channel<int>, Receiver<int>>));
}

// Only sends: the signature says so.
void Countdown(Sender<int> out, int from) {
  for (int i = from; i > 0; --i) out.Send(i);
  out.Close();
}

// Only receives.
int Total(Receiver<int> in) {
  int total = 0;
  for (int value : in) total += value;
  return total;
}

TEST(ChannelEnds, ASenderAndAReceiverOfOneChannelTalk) {
  Channel<int> channel(10);  // room for all ten: a broken Receiver cannot leave the sender stuck
  Task<bool> producer([&] {
    Countdown(channel, 10);
    return true;
  });
  Task<int> consumer([&] { return Total(channel); });
  EXPECT_TRUE(producer.Get());
  EXPECT_EQ(consumer.Get(), 55);
  EXPECT_TRUE(channel.Closed());
}

}  // namespace
