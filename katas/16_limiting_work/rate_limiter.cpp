#include "rate_limiter.h"

#include <algorithm>
#include <stdexcept>

#include "testkit/todo.h"

namespace limiting {

RateLimiter::RateLimiter(kata::Clock& clock, int burst, kata::Duration interval)
    : clock_(clock),
      burst_(burst),
      interval_(interval),
      tokens_(burst),
      refilled_at_(clock.Now()) {}

bool RateLimiter::TakeLocked(kata::TimePoint now) {
  (void)now;
  // TODO (step 5): add the tokens earned since refilled_at_ (one per
  // interval, never more than burst_), then take one if there is one.
  KATA_TODO("earn the tokens due by now, then take one");
}

bool RateLimiter::TryAcquire() {
  // TODO (step 5)
  KATA_TODO("take a turn if one is free now");
}

bool RateLimiter::Wait(std::stop_token stop) {
  (void)stop;
  // TODO (step 5): take a turn; when there is none, sleep on clock_ until the
  // next one is earned, and try again. False when stopped.
  KATA_TODO("wait on the clock until a turn is free");
}

}  // namespace limiting
