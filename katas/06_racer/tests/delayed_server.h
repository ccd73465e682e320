// The racer's tests' tools: a loopback server that answers after a delay,
// and a helper that catches the RaceError a race throws.
//
//   DelayedServer slow(3s);           // answers 200 OK after 3 s
//   DelayedServer broken(0ms, 500);   // answers 500 at once
//   std::string message = RaceErrorFrom([&] { Racer(slow.Url(), broken.Url(), 100ms); });
//
// A delay ends early when the server shuts down (the test ends, or Close()),
// so a slow or never-answering server never makes a passing test slow.
//
// Thread safety: a DelayedServer's handlers run on the server's own threads;
// the test calls its methods from the test's thread.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>

#include "racer.h"
#include "testkit/test_server.h"

namespace racer::helpers {

// A test server that waits `delay` before answering with `status`, or until
// the server shuts down, whichever comes first. GET /ready answers at once:
// the tests use it to know that the server's worker threads are up before
// counting threads.
class DelayedServer {
 public:
  static constexpr auto kNever = std::chrono::hours(24);

  explicit DelayedServer(std::chrono::milliseconds delay, int status = kata::http::kOk)
      : delay_(delay),
        status_(status),
        server_([this](const kata::http::Request& request, kata::http::Response& response) {
          if (request.path != "/ready") Pause(delay_);
          response.status = status_;
        }) {}

  std::string Url() const { return server_.Url() + "/race"; }
  void Close() { server_.Close(); }
  void WaitUntilReady() { kata::testkit::HttpClient(server_.Url()).Get("/ready"); }

 private:
  void Pause(std::chrono::milliseconds delay) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    wake.wait_for(lock, server_.StopToken(), delay, [] { return false; });
  }

  const std::chrono::milliseconds delay_;
  const int status_;
  kata::testkit::TestServer server_;
};

// The message of the RaceError that `race` throws; a test failure if it
// returns instead. Any other exception passes through (and fails the test).
inline std::string RaceErrorFrom(const std::function<void()>& race) {
  try {
    race();
  } catch (const RaceError& error) {
    return error.what();
  }
  ADD_FAILURE() << "Racer returned instead of throwing RaceError";
  return "";
}

}  // namespace racer::helpers
