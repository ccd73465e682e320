// Steps 5, 6 and 7: GatherAndProcess asks A and B at once and C after them;
// the first failure is the answer; and the whole call has one budget of
// 50 ms on a fake clock, or less if its caller has less.
#include "gather.h"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <utility>

#include "context.h"
#include "group_tools.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"
#include "testkit/sync.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using group_test::Background;
using group_test::kPrompt;
using group_test::ThreadCensus;

// One fake service: it runs the test's `answer`, counts its calls, and
// keeps the stop token of its last call for the test to look at.
class FakeService {
 public:
  using Answer = std::function<std::string(const std::string&, std::stop_token)>;

  explicit FakeService(Answer answer) : answer_(std::move(answer)) {}

  std::string operator()(const std::string& input, std::stop_token stop) {
    {
      std::scoped_lock lock(mutex_);
      ++calls_;
      stop_ = stop;
    }
    return answer_(input, stop);
  }

  int Calls() const {
    std::scoped_lock lock(mutex_);
    return calls_;
  }

  // Whether its last call has been asked to stop.
  bool StopRequested() const {
    std::scoped_lock lock(mutex_);
    return stop_.stop_requested();
  }

 private:
  Answer answer_;
  mutable std::mutex mutex_;
  int calls_ = 0;         // guarded by mutex_
  std::stop_token stop_;  // guarded by mutex_
};

// The three services, each a FakeService. C's input is "<a>,<b>".
class FakeServices : public kata::Services {
 public:
  FakeServices(FakeService::Answer a, FakeService::Answer b, FakeService::Answer c)
      : a_(std::move(a)), b_(std::move(b)), c_(std::move(c)) {}

  std::string A(const std::string& input, std::stop_token stop) override { return a_(input, stop); }
  std::string B(const std::string& input, std::stop_token stop) override { return b_(input, stop); }
  std::string C(const std::string& a, const std::string& b, std::stop_token stop) override {
    return c_(a + "," + b, stop);
  }

  FakeService& a() { return a_; }
  FakeService& b() { return b_; }
  FakeService& c() { return c_; }

 private:
  FakeService a_;
  FakeService b_;
  FakeService c_;
};

// An answer "<name>(<input>)", given after `delay` on the fake clock; when it
// is stopped first, the service gives up by throwing "<name> stopped".
FakeService::Answer After(testkit::FakeClock& clock, kata::Duration delay, std::string name) {
  return [&clock, delay, name](const std::string& input, std::stop_token stop) {
    if (!clock.SleepFor(delay, stop)) throw std::runtime_error(name + " stopped");
    return name + "(" + input + ")";
  };
}

FakeService::Answer Fails(std::string message) {
  return [message](const std::string&, std::stop_token) -> std::string {
    throw std::runtime_error(message);
  };
}

// Waits until n services sleep on the clock. If the call returns first, it
// rethrows what the call threw (a KATA_TODO, say), or fails.
::testing::AssertionResult Sleeping(testkit::FakeClock& clock, int n, Background& call) {
  testkit::Eventually([&] { return clock.Sleepers() >= n || call.Done(); });
  if (clock.Sleepers() >= n) return ::testing::AssertionSuccess();
  if (call.Done()) call.Join();
  return ::testing::AssertionFailure()
         << clock.Sleepers() << " of " << n << " services waiting on the clock";
}

// --- Step 5 --- A and B at once, then C --------------------------------------

TEST(GatherRuns, AAndBRunAtOnceAndCGetsBothAnswers) {
  testkit::FakeClock clock;
  testkit::Rendezvous a_and_b(2);
  auto at_once = [&a_and_b](std::string name) -> FakeService::Answer {
    return [&a_and_b, name](const std::string& input, std::stop_token) {
      a_and_b.Arrive();
      return name + "(" + input + ")";
    };
  };
  FakeServices services(at_once("a"), at_once("b"), [](const std::string& input, std::stop_token) {
    return "c(" + input + ")";
  });
  context::Context caller;

  EXPECT_EQ(kata::GatherAndProcess(caller, "pepper", services, clock), "c(a(pepper),b(pepper))");
  EXPECT_TRUE(a_and_b.WasMet()) << "A and B did not run at the same time";
  EXPECT_EQ(services.c().Calls(), 1);
}

// --- Step 6 --- the first failure is the answer ------------------------------

TEST(GatherErrors, WhenAFailsItsErrorIsTheAnswerBIsStoppedAndCIsNeverAsked) {
  testkit::FakeClock clock;
  testkit::Gate a_may_fail;
  FakeServices services(
      [&](const std::string&, std::stop_token) -> std::string {
        a_may_fail.Wait();
        throw std::runtime_error("A is down");
      },
      After(clock, 1h, "b"), After(clock, 0ms, "c"));
  context::Context caller;
  Background call([&] { kata::GatherAndProcess(caller, "pepper", services, clock); });
  ASSERT_TRUE(Sleeping(clock, 1, call)) << "B was not called";
  a_may_fail.Open();  // A fails while B is busy

  const bool returned = call.ReturnsWithin(kPrompt);
  if (!returned) clock.Advance(1h);  // B finishes, so the test ends
  try {
    call.Join();
    ADD_FAILURE() << "GatherAndProcess returned an answer although A failed";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "A is down");
  }
  EXPECT_TRUE(returned) << "GatherAndProcess did not return once A had failed";
  EXPECT_TRUE(services.b().StopRequested()) << "B was not stopped";
  EXPECT_EQ(services.c().Calls(), 0) << "C was asked although A had failed";
}

TEST(GatherErrors, WhenCFailsItsErrorIsTheAnswer) {
  testkit::FakeClock clock;
  FakeServices services(After(clock, 0ms, "a"), After(clock, 0ms, "b"), Fails("C is down"));
  context::Context caller;
  try {
    kata::GatherAndProcess(caller, "pepper", services, clock);
    ADD_FAILURE() << "GatherAndProcess returned an answer although C failed";
  } catch (const std::runtime_error& error) {
    EXPECT_STREQ(error.what(), "C is down");
  }
  EXPECT_EQ(services.c().Calls(), 1);
}

// --- Step 7 --- one budget for the whole call --------------------------------

// A answers at 10 ms, B at 30 ms, and C would take an hour: the call's
// budget runs out at 50 ms after its start, in the middle of C.
TEST(GatherDeadline, TheWholeCallEndsAt50msNotAt49) {
  const ThreadCensus threads;
  testkit::FakeClock clock;
  FakeServices services(After(clock, 10ms, "a"), After(clock, 30ms, "b"), After(clock, 1h, "c"));
  {
    context::Context caller;
    Background call([&] { kata::GatherAndProcess(caller, "pepper", services, clock); });
    ASSERT_TRUE(Sleeping(clock, 2, call)) << "A and B were not both called";
    clock.Advance(10ms);  // A answers
    clock.Advance(20ms);  // B answers
    ASSERT_TRUE(Sleeping(clock, 1, call)) << "C was not called once A and B had answered";

    clock.Advance(19ms);
    EXPECT_FALSE(services.c().StopRequested()) << "C was stopped at 49 ms";
    EXPECT_FALSE(call.Done()) << "the call returned at 49 ms";

    clock.Advance(1ms);
    EXPECT_TRUE(services.c().StopRequested()) << "C was not stopped at 50 ms";
    const bool returned = call.ReturnsWithin(kPrompt);
    if (!returned) clock.Advance(1h);  // C answers, so the test ends
    EXPECT_THROW(call.Join(), kata::DeadlineExceeded);
    EXPECT_TRUE(returned) << "GatherAndProcess did not return at 50 ms";
  }
  EXPECT_EQ(services.c().Calls(), 1);
  EXPECT_TRUE(threads.NoneAdded()) << "GatherAndProcess left a thread behind";
}

TEST(GatherDeadline, ACallersEarlierDeadlineWins) {
  testkit::FakeClock clock;
  FakeServices services(After(clock, 10ms, "a"), After(clock, 1h, "b"), After(clock, 0ms, "c"));
  context::Context root;
  const std::unique_ptr<context::Context> caller = root.WithTimeout(clock, 20ms);
  Background call([&] { kata::GatherAndProcess(*caller, "pepper", services, clock); });
  ASSERT_TRUE(Sleeping(clock, 2, call)) << "A and B were not both called";

  clock.Advance(19ms);  // A answers at 10 ms
  EXPECT_FALSE(services.b().StopRequested()) << "B was stopped at 19 ms";

  clock.Advance(1ms);
  EXPECT_TRUE(services.b().StopRequested()) << "B was not stopped at the caller's 20 ms";
  const bool returned = call.ReturnsWithin(kPrompt);
  if (!returned) clock.Advance(1h);
  EXPECT_THROW(call.Join(), kata::DeadlineExceeded);
  EXPECT_TRUE(returned) << "GatherAndProcess did not return at the caller's deadline";
  EXPECT_EQ(services.c().Calls(), 0);
}

TEST(GatherDeadline, ACallerWhoCancelsGetsCancelled) {
  testkit::FakeClock clock;
  FakeServices services(After(clock, 10ms, "a"), After(clock, 1h, "b"), After(clock, 0ms, "c"));
  context::Context root;
  const std::unique_ptr<context::Context> caller = root.WithCancel();
  Background call([&] { kata::GatherAndProcess(*caller, "pepper", services, clock); });
  ASSERT_TRUE(Sleeping(clock, 2, call)) << "A and B were not both called";

  caller->Cancel();
  EXPECT_TRUE(services.b().StopRequested()) << "B was not stopped when the caller cancelled";
  const bool returned = call.ReturnsWithin(kPrompt);
  if (!returned) clock.Advance(1h);
  EXPECT_THROW(call.Join(), kata::Cancelled);
  EXPECT_TRUE(returned) << "GatherAndProcess did not return when the caller cancelled";
  EXPECT_EQ(services.c().Calls(), 0);
}

}  // namespace
