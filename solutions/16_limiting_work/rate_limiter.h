// RateLimiter: paces calls. Up to `burst` calls go ahead at once; after that,
// one more each `interval`. A limiter left alone fills up again, one call per
// interval, up to `burst`: a token bucket.
//
//   kata::RealClock clock;
//   limiting::RateLimiter limiter(clock, 3, 200ms);
//   for (const Request& request : requests) {
//     if (!limiter.Wait(stop)) return;  // stopped while waiting its turn
//     Send(request);                    // at 0, 0, 0, 200, 400 ms, ...
//   }
//
// It waits on the clock it is given, so a test moves time on with a fake one.
//
// Thread safety: Wait may be called from any number of threads at once; each
// call takes its own turn.
#pragma once

#include <mutex>
#include <stop_token>

#include "kata/clock.h"

namespace limiting {

class RateLimiter {
 public:
  // Throws std::invalid_argument unless burst > 0 and interval > 0.
  // `clock` must outlive the limiter.
  RateLimiter(kata::Clock& clock, int burst, kata::Duration interval);
  RateLimiter(const RateLimiter&) = delete;
  RateLimiter& operator=(const RateLimiter&) = delete;

  // Takes a turn if one is free now (true); false at once otherwise. For a
  // caller that would rather refuse than wait (Go's Allow).
  bool TryAcquire();

  // Waits until the caller may go ahead (true), or until stop is requested
  // (false: the caller has not taken a turn).
  bool Wait(std::stop_token stop = {});

 private:
  // Adds the tokens earned since refilled_at_, then takes one if there is
  // one. The caller holds mutex_.
  bool TakeLocked(kata::TimePoint now);

  kata::Clock& clock_;
  const int burst_;
  const kata::Duration interval_;
  std::mutex mutex_;
  int tokens_;                   // guarded by mutex_: calls that may go ahead now
  kata::TimePoint refilled_at_;  // guarded by mutex_: when the last token was earned
};

}  // namespace limiting
