#include "rate_limiter.h"

#include <algorithm>
#include <stdexcept>

namespace limiting {

RateLimiter::RateLimiter(kata::Clock& clock, int burst, kata::Duration interval)
    : clock_(clock), burst_(burst), interval_(interval), tokens_(burst), refilled_at_(clock.Now()) {
  if (burst <= 0) throw std::invalid_argument("RateLimiter: the burst must be positive");
  if (interval <= kata::Duration::zero()) {
    throw std::invalid_argument("RateLimiter: the interval must be positive");
  }
}

bool RateLimiter::TakeLocked(kata::TimePoint now) {
  const auto earned = (now - refilled_at_) / interval_;
  if (earned > 0) {
    tokens_ = static_cast<int>(std::min<decltype(earned)>(burst_, tokens_ + earned));
    // Time spent full is not saved up: a full bucket starts earning again
    // from now.
    refilled_at_ = tokens_ == burst_ ? now : refilled_at_ + earned * interval_;
  }
  if (tokens_ == 0) return false;
  --tokens_;
  return true;
}

bool RateLimiter::TryAcquire() {
  std::scoped_lock lock(mutex_);
  return TakeLocked(clock_.Now());
}

bool RateLimiter::Wait(std::stop_token stop) {
  while (true) {
    kata::Duration wait;
    {
      std::scoped_lock lock(mutex_);
      const kata::TimePoint now = clock_.Now();
      if (TakeLocked(now)) return true;
      wait = refilled_at_ + interval_ - now;
    }
    // On the clock, never for real, and without the lock: another caller may
    // take the token first, and then this one waits again.
    if (!clock_.SleepFor(wait, stop)) return false;
  }
}

}  // namespace limiting
