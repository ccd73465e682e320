// Step 6: AnyOf stops with the first of its inputs, Go's or-channel.
#include "any_of.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <optional>
#include <stop_token>
#include <vector>

#include "kata/clock.h"
#include "testkit/fake_clock.h"
#include "testkit/sync.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using kata::AnyOf;

// A stop signal that goes off at a time on a clock: Go's time.After as a
// stop_source.
class Deadline {
 public:
  Deadline(kata::Clock& clock, kata::Duration after)
      : timer_(clock.AfterFunc(after, [this] { source_.request_stop(); })) {}
  ~Deadline() { timer_.Stop(); }
  Deadline(const Deadline&) = delete;
  Deadline& operator=(const Deadline&) = delete;

  std::stop_token Token() const { return source_.get_token(); }

 private:
  std::stop_source source_;
  kata::Timer timer_;  // last: stopped before source_ goes
};

// --- Step 6 --- any of several stop signals ----------------------------------

TEST(AnyOfStops, StopsAtTheEarliestOfThreeDeadlines) {
  testkit::FakeClock clock;
  Deadline two_seconds(clock, 2s), five_minutes(clock, 5min), one_hour(clock, 1h);
  AnyOf any{two_seconds.Token(), five_minutes.Token(), one_hour.Token()};
  clock.Advance(1999ms);
  EXPECT_FALSE(any.StopRequested()) << "stopped before any deadline";
  EXPECT_EQ(any.FirstStopped(), std::nullopt);
  clock.Advance(1ms);
  EXPECT_TRUE(any.StopRequested()) << "did not stop at 2 s, the earliest deadline";
  EXPECT_TRUE(any.Token().stop_requested());
  EXPECT_EQ(any.FirstStopped(), 0u);
  clock.Advance(1h);
  EXPECT_EQ(any.FirstStopped(), 0u) << "a later deadline took the place of the first";
}

TEST(AnyOfStops, WithNoInputItNeverStops) {
  AnyOf any(std::vector<std::stop_token>{});
  EXPECT_FALSE(any.StopRequested());
  EXPECT_FALSE(any.Token().stop_possible()) << "nothing can stop it, and its token should say so";
  EXPECT_EQ(any.FirstStopped(), std::nullopt);
}

TEST(AnyOfStops, WithOneInputItStopsWithThatOne) {
  std::stop_source input;
  AnyOf any{input.get_token()};
  EXPECT_FALSE(any.StopRequested());
  input.request_stop();
  EXPECT_TRUE(any.StopRequested());
  EXPECT_EQ(any.FirstStopped(), 0u);
}

TEST(AnyOfStops, AnInputAlreadyStoppedStopsItAtOnce) {
  std::stop_source running, stopped;
  stopped.request_stop();
  AnyOf any{running.get_token(), stopped.get_token()};
  EXPECT_TRUE(any.StopRequested());
  EXPECT_EQ(any.FirstStopped(), 1u);
}

TEST(AnyOfStops, TwoInputsStoppedAtOnceOnTwoThreadsStopItOnce) {
  std::stop_source inputs[2];
  AnyOf any{inputs[0].get_token(), inputs[1].get_token()};
  std::atomic<int> runs = 0;
  std::stop_callback count(any.Token(), [&] { runs.fetch_add(1); });
  testkit::RunOnThreads(2, [&](int i) { inputs[i].request_stop(); });
  EXPECT_TRUE(any.StopRequested());
  EXPECT_EQ(runs.load(), 1);
  const std::optional<std::size_t> first = any.FirstStopped();
  ASSERT_TRUE(first.has_value()) << "stopped, but no input is named first";
  EXPECT_LT(*first, 2u);
}

TEST(AnyOfStops, DestroyingItRemovesEveryCallback) {
  std::stop_source old_input, new_input;
  std::optional<AnyOf> any;
  any.emplace(std::vector<std::stop_token>{old_input.get_token()});
  any.reset();
  any.emplace(std::vector<std::stop_token>{new_input.get_token()});  // the same storage
  old_input.request_stop();
  EXPECT_FALSE(any->StopRequested())
      << "stopping an input of an AnyOf already destroyed reached the AnyOf now in its place";
}

}  // namespace
