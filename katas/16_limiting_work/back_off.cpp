#include "back_off.h"

#include <algorithm>

#include "testkit/todo.h"

namespace limiting {

BackOff::BackOff(BackOffPolicy policy) : policy_(policy) {}

std::optional<kata::Duration> BackOff::NextWait() {
  // TODO (step 6): 3 s, 8 s, 13 s, 18 s (never more than max_wait), then
  // std::nullopt once max_retries waits have been handed out.
  KATA_TODO("hand out the next wait, or nothing after the last retry");
}

void BackOff::Reset() {
  // TODO (step 6)
  KATA_TODO("start the schedule over");
}

Health CheckUntilUp(kata::Clock& clock, BackOff& back_off, const std::function<bool()>& ping,
                    std::stop_token stop) {
  (void)clock;
  (void)back_off;
  (void)ping;
  (void)stop;
  // TODO (step 6): ping; while it fails, wait on the clock as the back-off
  // says, and give up when it has no wait left.
  KATA_TODO("ping until the server answers, backing off between failures");
}

}  // namespace limiting
