// Steps 1, 2 and 3: a pressure gauge lets ten calls run at once and refuses
// the eleventh at once; a call that throws gives its token back; and over
// HTTP the eleventh request gets 429 while ten are held.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "held_calls.h"
#include "kata/http.h"
#include "limited_server.h"
#include "pressure_gauge.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "testkit/test_server.h"

namespace {

namespace http = kata::http;
namespace testkit = kata::testkit;
using gauge_test::HeldCalls;
using limiting::NoCapacity;
using limiting::PressureGauge;

// What a call of Process that should be refused did: the message of the
// NoCapacity it threw, "" if it threw nothing. Other exceptions pass.
std::string RefusalOf(PressureGauge& gauge, bool& ran) {
  try {
    gauge.Process([&] { ran = true; });
  } catch (const NoCapacity& refused) {
    return refused.what();
  }
  return "";
}

// --- Step 1 --- ten at once, and not eleven ----------------------------------

TEST(PressureGaugeLimits, TheEleventhCallIsRefusedAtOnce) {
  PressureGauge gauge(10);
  HeldCalls held(gauge, 10);
  ASSERT_TRUE(held.AllInside()) << "a gauge of 10 must let 10 calls run at once";

  bool ran = false;
  EXPECT_EQ(RefusalOf(gauge, ran), "no more capacity")
      << "the eleventh call must be refused with NoCapacity";
  EXPECT_FALSE(ran) << "the refused call's work ran";
  EXPECT_EQ(held.Inside(), 10) << "the eleventh call waited for a token instead of being refused";
}

TEST(PressureGaugeLimits, WhenOneFinishesTheNextCallRuns) {
  PressureGauge gauge(10);
  HeldCalls held(gauge, 10);
  ASSERT_TRUE(held.AllInside());
  held.Let(0);
  ASSERT_TRUE(held.Finished(1)) << "a call let go did not return";

  bool ran = false;
  gauge.Process([&] { ran = true; });
  EXPECT_TRUE(ran) << "one call had finished, so its token was free for the next one";
}

TEST(PressureGaugeLimits, ManyCallersNeverMoreThanTheLimitInside) {
  PressureGauge gauge(10);
  testkit::Rendezvous ten(10, gauge_test::kHold);  // the first ten wait here until all ten are in
  std::atomic<int> inside = 0;
  std::atomic<int> peak = 0;
  std::atomic<int> ran = 0;
  std::atomic<int> refused = 0;
  testkit::RunOnThreads(20, [&](int) {
    try {
      gauge.Process([&] {
        const int now = inside.fetch_add(1) + 1;
        int seen = peak.load();
        while (now > seen && !peak.compare_exchange_weak(seen, now)) {
        }
        ran.fetch_add(1);
        ten.Arrive();
        inside.fetch_sub(1);
      });
    } catch (const NoCapacity&) {
      refused.fetch_add(1);
    }
  });
  EXPECT_LE(peak.load(), 10) << "more calls ran at once than the limit";
  EXPECT_TRUE(ten.WasMet()) << "ten calls should have run at once";
  EXPECT_EQ(ran.load() + refused.load(), 20);
}

TEST(PressureGaugeLimits, ALimitOutOfRangeIsAnError) {
  EXPECT_THROW(PressureGauge(0), std::invalid_argument);
  EXPECT_THROW(PressureGauge(-1), std::invalid_argument);
}

// --- Step 2 --- work that throws ---------------------------------------------

TEST(ThrowingWork, TheExceptionPassesThroughAndTheTokenComesBack) {
  PressureGauge gauge(1);
  for (int i = 0; i < 3; ++i) {
    EXPECT_THROW(gauge.Process([] { throw std::out_of_range("no such player"); }),
                 std::out_of_range);
  }
  bool ran = false;
  gauge.Process([&] { ran = true; });
  EXPECT_TRUE(ran) << "a gauge of 1 whose work threw had no token left for the next call";
}

// --- Step 3 --- too many requests --------------------------------------------

// A server whose work waits at a gate the test opens, then answers "done".
// Ten requests through a loopback socket take longer to arrive than ten
// calls on threads: the work waits twice as long as a held call does.
class HeldServer {
 public:
  HeldServer()
      : handler_(gauge_,
                 [this] {
                   working_.fetch_add(1);
                   release_.Wait(2 * gauge_test::kHold);
                   return std::string("done");
                 }),
        server_(handler_, 12) {}  // ten held, the eleventh, and one to spare

  std::string Url() const { return server_.Url(); }
  int Working() const { return working_.load(); }
  void Release() { release_.Open(); }

 private:
  PressureGauge gauge_{10};
  std::atomic<int> working_ = 0;
  testkit::Gate release_;
  limiting::LimitedServer handler_;
  testkit::TestServer server_;  // last: stopped before what its handler uses
};

TEST(TooManyRequests, TheEleventhRequestGets429WhileTenAreHeld) {
  HeldServer server;
  std::vector<http::Response> answers(10);
  {
    std::vector<std::jthread> clients;
    for (int i = 0; i < 10; ++i) {
      clients.emplace_back([&, i] {
        try {
          answers[i] = testkit::HttpClient(server.Url()).Get("/request");
        } catch (const std::exception& error) {
          answers[i].status = 0;
          answers[i].body = error.what();
        }
      });
    }
    const bool held = static_cast<bool>(
        testkit::Eventually([&] { return server.Working() == 10; }, gauge_test::kHold));
    if (held) {
      const http::Response refused = testkit::HttpClient(server.Url()).Get("/request");
      EXPECT_EQ(refused.status, 429) << "with ten requests held, the eleventh must be refused";
      EXPECT_EQ(refused.body, "Too many requests");
    }
    server.Release();
    ASSERT_TRUE(held) << server.Working() << " of 10 requests reached the work";
  }
  for (const http::Response& answer : answers) {
    EXPECT_EQ(answer.status, 200) << answer.body;
    EXPECT_EQ(answer.body, "done");
  }
}

TEST(TooManyRequests, OnceTheHeldRequestsAreDoneTheNextIsServed) {
  HeldServer server;
  server.Release();
  testkit::HttpClient client(server.Url());
  for (int i = 0; i < 12; ++i) {
    const http::Response answer = client.Get("/request");
    EXPECT_EQ(answer.status, 200) << "request " << i << ": " << answer.body;
    EXPECT_EQ(answer.body, "done");
  }
}

}  // namespace
