#include "racer.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "kata/http_get.h"

namespace racer {

namespace http = kata::http;
using Clock = std::chrono::steady_clock;

namespace {

// What the two requests report back to the caller.
struct Finish {
  std::mutex mutex;
  std::condition_variable changed;
  std::optional<std::string> winner;  // guarded by mutex
  int failed = 0;                     // guarded by mutex
};

bool Answers(const std::string& url, std::stop_token stop, Clock::time_point deadline) {
  try {
    int status = http::Get(url, std::move(stop), deadline).status;
    return status >= 200 && status < 300;
  } catch (const std::exception&) {
    return false;  // refused, cancelled, timed out: no answer
  }
}

}  // namespace

std::string Racer(std::string_view a, std::string_view b, std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  Finish finish;
  bool timed_out = false;
  auto request = [&finish, deadline](std::stop_token stop, std::string url) {
    bool answered = Answers(url, std::move(stop), deadline);
    {
      std::scoped_lock lock(finish.mutex);
      if (!answered) {
        ++finish.failed;
      } else if (!finish.winner) {
        finish.winner = std::move(url);
      }
    }
    finish.changed.notify_all();
  };
  {
    // Leaving this block requests both threads' stop tokens and joins them:
    // the loser's GET is cancelled, and no thread outlives the call.
    std::jthread first(request, std::string(a));
    std::jthread second(request, std::string(b));
    std::unique_lock lock(finish.mutex);
    bool decided = finish.changed.wait_until(lock, deadline,
                                             [&] { return finish.winner || finish.failed == 2; });
    if (finish.winner) return *finish.winner;
    timed_out = !decided;
  }
  if (!timed_out) {
    throw RaceError("racer: neither " + std::string(a) + " nor " + std::string(b) +
                    " answered with a 2xx status");
  }
  throw RaceError("racer: timed out after " + std::to_string(timeout.count()) + " ms waiting for " +
                  std::string(a) + " and " + std::string(b));
}

}  // namespace racer
