#include "back_off.h"

#include <algorithm>

namespace limiting {

BackOff::BackOff(BackOffPolicy policy) : policy_(policy) {}

std::optional<kata::Duration> BackOff::NextWait() {
  if (retries_ >= policy_.max_retries) return std::nullopt;
  // The increment comes after the first wait, not before it: 3 s, 8 s, ...
  const kata::Duration wait = policy_.first_wait + retries_ * policy_.increment;
  ++retries_;
  return std::min(wait, policy_.max_wait);
}

void BackOff::Reset() { retries_ = 0; }

Health CheckUntilUp(kata::Clock& clock, BackOff& back_off, const std::function<bool()>& ping,
                    std::stop_token stop) {
  while (!ping()) {
    const std::optional<kata::Duration> wait = back_off.NextWait();
    if (!wait) return Health::kDown;
    if (!clock.SleepFor(*wait, stop)) return Health::kStopped;
  }
  back_off.Reset();
  return Health::kUp;
}

}  // namespace limiting
