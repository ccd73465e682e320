// The racer against real loopback servers that answer after a delay, with an
// error, or never (until the test ends and the server shuts down).
#include "racer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "delayed_server.h"
#include "testkit/eventually.h"
#include "testkit/test_server.h"  // the build links the test servers for files that include it
#include "testkit/threads.h"

namespace racer {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using helpers::DelayedServer;
using helpers::RaceErrorFrom;
using ::testing::HasSubstr;
namespace http = kata::http;
namespace testkit = kata::testkit;

// A URL where nothing listens: a server's, after it has closed.
std::string RefusedUrl() {
  DelayedServer closed(0ms);
  std::string url = closed.Url();
  closed.Close();
  return url;
}

// --- Step 1 -----------------------------------------------------------------

// "Slow" is a whole second: on a loaded machine the fast server's answer may
// take a while too, and it must still come first.
TEST(FasterServer, TheFastServerWins) {
  DelayedServer slow(1s);
  DelayedServer fast(0ms);

  EXPECT_EQ(Racer(slow.Url(), fast.Url()), fast.Url());
}

TEST(FasterServer, TheOrderOfTheArgumentsDoesNotMatter) {
  DelayedServer slow(1s);
  DelayedServer fast(0ms);

  EXPECT_EQ(Racer(fast.Url(), slow.Url()), fast.Url());
}

// --- Step 2 -----------------------------------------------------------------

// Sending the requests one after the other takes at least the slow server's
// 3 s; at the same time, a few milliseconds. The bound between them is wide,
// so a loaded machine never turns a correct racer red.
TEST(ConcurrentRequests, ReturnsBeforeTheSlowServerWouldHaveAnswered) {
  DelayedServer slow(3s);
  DelayedServer fast(0ms);
  auto start = Clock::now();

  std::string winner = Racer(slow.Url(), fast.Url());

  EXPECT_EQ(winner, fast.Url());
  EXPECT_LT(Clock::now() - start, 2s) << "were both requests sent at the same time?";
}

TEST(ConcurrentRequests, ReturnsEarlyWhicheverArgumentIsSlow) {
  DelayedServer slow(3s);
  DelayedServer fast(0ms);
  auto start = Clock::now();

  std::string winner = Racer(fast.Url(), slow.Url());

  EXPECT_EQ(winner, fast.Url());
  EXPECT_LT(Clock::now() - start, 2s) << "did the racer wait for the slow server?";
}

// --- Step 3 -----------------------------------------------------------------
// The workbook's own checks of step 3; how the racer gives up, what it says
// and when, is yours to test, in timeout_test.cpp.

TEST(Timeout, TheDefaultTimeoutIsTenSeconds) { EXPECT_EQ(kDefaultTimeout, 10s); }

// The servers answer, late: a racer without a timeout fails here instead of
// hanging.
TEST(Timeout, NeitherAnsweringInTimeIsARaceError) {
  DelayedServer a(3s);
  DelayedServer b(3s);

  EXPECT_THROW(Racer(a.Url(), b.Url(), 100ms), RaceError);
}

// --- Step 4 -----------------------------------------------------------------

TEST(NoLeak, TheWinnerDoesNotWaitForAServerThatNeverAnswers) {
  DelayedServer never(DelayedServer::kNever);
  DelayedServer fast(0ms);
  never.WaitUntilReady();
  fast.WaitUntilReady();
  const int threads_before = testkit::LiveThreads();
  auto start = Clock::now();

  std::string winner = Racer(never.Url(), fast.Url());  // the default, 10 s timeout

  EXPECT_EQ(winner, fast.Url());
  EXPECT_LT(Clock::now() - start, 5s) << "did the racer wait for the loser (10 s)?";
  EXPECT_TRUE(testkit::Eventually([&] { return testkit::LiveThreads() <= threads_before; }, 2s))
      << "a thread the racer started is still running: was the losing request cancelled?";
}

TEST(NoLeak, ATimeoutReturnsOnTimeAndLeavesNoThreadBehind) {
  DelayedServer never_a(DelayedServer::kNever);
  DelayedServer never_b(DelayedServer::kNever);
  never_a.WaitUntilReady();
  never_b.WaitUntilReady();
  const int threads_before = testkit::LiveThreads();
  auto start = Clock::now();

  std::string message = RaceErrorFrom([&] { Racer(never_a.Url(), never_b.Url(), 100ms); });

  auto elapsed = Clock::now() - start;
  EXPECT_GE(elapsed, 100ms) << "gave up before the timeout";
  EXPECT_LT(elapsed, 3s) << "took much longer than its 100 ms timeout";
  EXPECT_THAT(message, HasSubstr(never_a.Url()));
  EXPECT_THAT(message, HasSubstr(never_b.Url()));
  EXPECT_TRUE(testkit::Eventually([&] { return testkit::LiveThreads() <= threads_before; }, 2s))
      << "a thread the racer started is still running: were the requests cancelled?";
}

TEST(NoLeak, TheServersShutDownAtOnceAfterARace) {
  DelayedServer never(DelayedServer::kNever);
  DelayedServer fast(0ms);
  EXPECT_EQ(Racer(never.Url(), fast.Url()), fast.Url());
  auto start = Clock::now();

  never.Close();
  fast.Close();

  EXPECT_LT(Clock::now() - start, 3s) << "a server waited for its never-ending handler";
}

// --- Step 5 -----------------------------------------------------------------

TEST(FailedAnswers, AnErrorStatusDoesNotWin) {
  DelayedServer broken(0ms, http::kInternalServerError);
  DelayedServer slow(100ms);

  EXPECT_EQ(Racer(broken.Url(), slow.Url()), slow.Url());
}

TEST(FailedAnswers, ANotFoundDoesNotWinEither) {
  DelayedServer missing(0ms, http::kNotFound);
  DelayedServer slow(100ms);

  EXPECT_EQ(Racer(slow.Url(), missing.Url()), slow.Url());
}

TEST(FailedAnswers, ARefusedConnectionDoesNotWin) {
  std::string refused = RefusedUrl();
  DelayedServer slow(100ms);

  EXPECT_EQ(Racer(refused, slow.Url()), slow.Url());
}

TEST(FailedAnswers, FailsAtOnceWhenNeitherCanWin) {
  std::string refused = RefusedUrl();
  DelayedServer broken(0ms, http::kInternalServerError);
  auto start = Clock::now();

  std::string message = RaceErrorFrom([&] { Racer(broken.Url(), refused); });

  EXPECT_LT(Clock::now() - start, 5s) << "waited for the 10 s timeout although neither could win";
  EXPECT_THAT(message, HasSubstr(broken.Url()));
  EXPECT_THAT(message, HasSubstr(refused));
}

}  // namespace
}  // namespace racer
