// Steps 1-4: the handler writes the store's data, and when the request is
// cancelled it stops the store's work and writes nothing. Time is fake.
#include "server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>

#include "testkit/eventually.h"
#include "testkit/fake_clock.h"
#include "testkit/sync.h"

namespace context {
namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;

const std::string kData = "hello, world";

class StubStore : public Store {
 public:
  std::optional<std::string> Fetch(std::stop_token) override { return kData; }
  void Cancel() override {}
};

// The second spy of Learn Go with Tests: Fetch takes 100 ms of fake time
// and ignores the token; only Cancel() cuts it short. Given a `wind_down` gate, a cancelled Fetch then
// takes a moment to finish, as a real store's clean-up would: it returns
// once the gate opens, or after 50 ms.
class SpyStore : public Store {
 public:
  explicit SpyStore(testkit::FakeClock& clock, testkit::Gate* wind_down = nullptr)
      : clock_(clock), wind_down_(wind_down) {}
  std::optional<std::string> Fetch(std::stop_token) override {
    struct MarkReturned {
      std::atomic<bool>& returned;
      ~MarkReturned() { returned.store(true); }
    } mark_returned{returned_};
    if (!clock_.SleepFor(100ms, cancel_.get_token())) {
      if (wind_down_) wind_down_->Wait(50ms);
      return std::nullopt;
    }
    return kData;
  }
  void Cancel() override {
    cancelled_.store(true);
    cancel_.request_stop();
  }
  bool Cancelled() const { return cancelled_.load(); }
  bool FetchReturned() const { return returned_.load(); }

 private:
  testkit::FakeClock& clock_;
  testkit::Gate* const wind_down_;
  std::stop_source cancel_;
  std::atomic<bool> cancelled_ = false;
  std::atomic<bool> returned_ = false;
};

// A store that is down: Fetch throws.
class FailingStore : public Store {
 public:
  struct Down : std::runtime_error {
    Down() : std::runtime_error("store is down") {}
  };
  std::optional<std::string> Fetch(std::stop_token) override { throw Down(); }
  void Cancel() override {}
};

// The third spy of Learn Go with Tests: builds the data one character per
// 10 ms of fake time, checking the token between characters.
class SlowBuilderStore : public Store {
 public:
  explicit SlowBuilderStore(testkit::FakeClock& clock) : clock_(clock) {}
  std::optional<std::string> Fetch(std::stop_token cancelled) override {
    std::string built;
    for (char c : kData) {
      if (!clock_.SleepFor(10ms, cancelled)) {
        built_.store(static_cast<int>(built.size()));
        return std::nullopt;
      }
      built += c;
    }
    built_.store(static_cast<int>(built.size()));
    return built;
  }
  void Cancel() override {}
  int Built() const { return built_.load(); }

 private:
  testkit::FakeClock& clock_;
  std::atomic<int> built_ = -1;
};

class SpyResponseWriter : public ResponseWriter {
 public:
  void Write(std::string_view body) override {
    std::scoped_lock lock(mutex_);
    written_ = true;
    body_ = body;
  }
  bool Written() const {
    std::scoped_lock lock(mutex_);
    return written_;
  }
  std::string Body() const {
    std::scoped_lock lock(mutex_);
    return body_;
  }

 private:
  mutable std::mutex mutex_;
  bool written_ = false;
  std::string body_;
};

// Moves fake time on by 5 ms whenever a thread is parked on the clock, until
// the test ends: the store's waits pass without a real sleep. Given a
// `resume_when`, it stops once at 5 ms (where the tests cancel the request)
// until that holds, or for at most 2 s of real time, so the handler gets to
// react before the store's 100 ms are over, however slow the machine is.
class TimeKeeper {
 public:
  explicit TimeKeeper(testkit::FakeClock& clock, std::function<bool()> resume_when = {})
      : thread_([&clock, resume_when = std::move(resume_when)](std::stop_token stop) {
          bool paused = !resume_when;
          while (!stop.stop_requested()) {
            if (!clock.WaitForSleepers(1, 5ms)) continue;
            clock.Advance(5ms);
            if (!paused) {
              paused = true;
              testkit::Eventually([&] { return resume_when() || stop.stop_requested(); });
            }
          }
        }) {}

 private:
  std::jthread thread_;
};

class ServerWrites : public testkit::NoThreadLeaks {};
class ServerNotCancelled : public testkit::NoThreadLeaks {};
class ServerCancelsTheStore : public testkit::NoThreadLeaks {};
class ServerPassesTheTokenDown : public testkit::NoThreadLeaks {};

// --- Step 1 -------------------------------------------------------------------

TEST_F(ServerWrites, TheStoresData) {
  StubStore store;
  Server server(store);
  SpyResponseWriter writer;

  server.Serve(Request{}, writer);

  EXPECT_EQ(writer.Body(), "hello, world");
}

// What Fetch throws reaches Serve's caller, on the caller's thread: once Serve
// runs Fetch on a thread of its own (step 3), that thread must catch it and
// hand it over, as kata 7's workers do. An exception that leaves a thread's
// function is std::terminate.
TEST_F(ServerWrites, AFailingFetchThrowsToTheCallerAndWritesNothing) {
  FailingStore store;
  Server server(store);
  SpyResponseWriter writer;

  EXPECT_THROW(server.Serve(Request{}, writer), FailingStore::Down);

  EXPECT_FALSE(writer.Written());
}

// --- Step 2 -------------------------------------------------------------------

TEST_F(ServerNotCancelled, WritesTheDataAndNeverCancelsTheStore) {
  testkit::FakeClock clock;
  SpyStore store(clock);
  Server server(store);
  SpyResponseWriter writer;
  std::stop_source request;
  TimeKeeper time(clock);

  server.Serve(Request{request.get_token()}, writer);

  EXPECT_EQ(writer.Body(), "hello, world");
  EXPECT_FALSE(store.Cancelled()) << "the store was told to cancel a request nobody cancelled";
}

// --- Step 3 -------------------------------------------------------------------

TEST_F(ServerCancelsTheStore, ACancelledRequestCancelsTheFetchAndWritesNothing) {
  testkit::FakeClock clock;
  testkit::Gate serve_returned;
  SpyStore store(clock, &serve_returned);
  Server server(store);
  SpyResponseWriter writer;
  std::stop_source request;
  auto cancel_at_5ms = clock.AfterFunc(5ms, [&] { request.request_stop(); });
  TimeKeeper time(clock, [&] { return store.Cancelled(); });

  server.Serve(Request{request.get_token()}, writer);
  const bool fetch_returned = store.FetchReturned();
  serve_returned.Open();

  EXPECT_TRUE(store.Cancelled()) << "store was not told to cancel";
  EXPECT_FALSE(writer.Written()) << "wrote \"" << writer.Body() << "\" for a cancelled request";
  EXPECT_TRUE(fetch_returned) << "Serve returned while Fetch was still running: whatever the fetch "
                                 "thread touches after that may be gone";
  // A Serve that left its fetch behind: let it end before the store goes away.
  EXPECT_TRUE(testkit::Eventually([&] { return store.FetchReturned(); }));
}

// --- Step 4 -------------------------------------------------------------------

TEST_F(ServerPassesTheTokenDown, TheStoreSeesTheCancellationAndStopsBuilding) {
  testkit::FakeClock clock;
  SlowBuilderStore store(clock);
  Server server(store);
  SpyResponseWriter writer;
  std::stop_source request;
  auto cancel_at_5ms = clock.AfterFunc(5ms, [&] { request.request_stop(); });
  TimeKeeper time(clock, [&] { return store.Built() >= 0; });

  server.Serve(Request{request.get_token()}, writer);

  EXPECT_LE(store.Built(), 1) << "the store built " << store.Built()
                              << " characters: it never saw the request's token";
  EXPECT_GE(store.Built(), 0) << "Fetch was never called";
  EXPECT_FALSE(writer.Written());
}

}  // namespace
}  // namespace context
