// Step 3, the reference for the test you write: Racer gives up when neither
// server has answered within the timeout, with a RaceError naming both URLs,
// on time; an answer within the timeout still wins, at once.
//
// The servers answer after 3 s rather than never: a broken racer that
// ignores the timeout, or waits for the servers, then fails an assertion
// after a few seconds instead of hanging until the run is killed. Every
// bound is loose: 2 s against a 100 ms timeout or an answer that comes at
// once, on a loaded two-core machine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "delayed_server.h"
#include "racer.h"
#include "testkit/test_server.h"  // the build links the test servers for files that include it

namespace racer {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using helpers::DelayedServer;
using helpers::RaceErrorFrom;
using ::testing::HasSubstr;

constexpr auto kSlow = 3s;   // how long the slow servers take to answer
constexpr auto kLoose = 2s;  // "at once" and "on time", on a busy machine

// RaceErrorFrom catches only a RaceError: any other exception fails the test.
TEST(RacerTimeout, NeitherAnsweringInTimeIsARaceErrorNamingBoth) {
  DelayedServer a(kSlow);
  DelayedServer b(kSlow);

  std::string message = RaceErrorFrom([&] { Racer(a.Url(), b.Url(), 100ms); });

  EXPECT_THAT(message, HasSubstr(a.Url()));
  EXPECT_THAT(message, HasSubstr(b.Url()));
}

TEST(RacerTimeout, GivesUpOnTime) {
  DelayedServer a(kSlow);
  DelayedServer b(kSlow);
  auto start = Clock::now();

  RaceErrorFrom([&] { Racer(a.Url(), b.Url(), 100ms); });

  auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 100ms) << "gave up before the timeout";
  EXPECT_LT(elapsed, kLoose) << "did the racer wait for the slow servers?";
}

// The fast server second, then first: a racer that returns its first
// argument whenever anybody answers must not pass by luck.
TEST(RacerTimeout, AnAnswerWithinTheTimeoutWinsAtOnce) {
  DelayedServer slow(kSlow);
  DelayedServer fast(0ms);

  auto start = Clock::now();
  EXPECT_EQ(Racer(slow.Url(), fast.Url(), 5s), fast.Url());
  EXPECT_LT(Clock::now() - start, kLoose)
      << "did the racer wait for the timeout, or the slow server?";

  start = Clock::now();
  EXPECT_EQ(Racer(fast.Url(), slow.Url(), 5s), fast.Url());
  EXPECT_LT(Clock::now() - start, kLoose)
      << "did the racer wait for the timeout, or the slow server?";
}

}  // namespace
}  // namespace racer
