// Back-off: how long a health checker waits before it tries a failing server
// again. The first retry waits 3 s, each later one 5 s longer (8 s, 13 s,
// 18 s), never longer than 60 s; after 4 retries the checker gives up. A
// check that succeeds starts the schedule over.
//
//   limiting::BackOff back_off;  // 3 s, 8 s, 13 s, 18 s, then give up
//   kata::RealClock clock;
//   switch (limiting::CheckUntilUp(clock, back_off, [&] { return Ping(server); }, stop)) {
//     case limiting::Health::kUp: ...
//     case limiting::Health::kDown: MarkOutOfService(server); ...
//     case limiting::Health::kStopped: return;
//   }
//
// Thread safety: a BackOff belongs to one checker, on one thread at a time.
// CheckUntilUp may be called from any thread, with a BackOff of its own.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <stop_token>

#include "kata/clock.h"

namespace limiting {

struct BackOffPolicy {
  kata::Duration first_wait = std::chrono::seconds(3);
  kata::Duration increment = std::chrono::seconds(5);  // added before each later wait
  kata::Duration max_wait = std::chrono::seconds(60);  // no wait is longer
  int max_retries = 4;                                 // retries before giving up
};

class BackOff {
 public:
  explicit BackOff(BackOffPolicy policy = {});

  // The wait before the next retry, or std::nullopt when max_retries retries
  // have been made since the last Reset: give up.
  std::optional<kata::Duration> NextWait();

  // A check succeeded: the next failure waits first_wait again, with every
  // retry available.
  void Reset();

 private:
  const BackOffPolicy policy_;
  int retries_ = 0;  // waits handed out since the last Reset
};

enum class Health { kUp, kDown, kStopped };

// Pings until `ping` returns true (kUp, and `back_off` is reset), or until
// the back-off gives up after its last retry has failed too (kDown), waiting
// on `clock` between attempts. Returns kStopped when stop is requested during
// a wait. The first ping is at once.
Health CheckUntilUp(kata::Clock& clock, BackOff& back_off, const std::function<bool()>& ping,
                    std::stop_token stop = {});

}  // namespace limiting
