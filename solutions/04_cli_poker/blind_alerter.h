// The real BlindAlerter (game.h): it writes "Blind is now 200" to the
// destination when the time comes.
//
// It schedules every alert on the kata::Clock it is given: a RealClock in the
// app, testkit::FakeClock in tests.
//
// Thread safety: ClockAlerter's methods may be called from any thread, also
// while alerts fire on the clock's thread. Alerts for one destination never
// overlap (the clock fires one timer at a time), but they may run while other
// threads write to the same destination: give it a thread-safe stream.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <map>
#include <mutex>

#include "game.h"  // BlindAlerter
#include "kata/clock.h"

namespace cli_poker {

class ClockAlerter final : public BlindAlerter {
 public:
  // One blind minute lasts `blind_minute` on the clock (a minute in play; a
  // second or less in demos and tests).
  explicit ClockAlerter(kata::Clock& clock, Duration blind_minute = std::chrono::minutes(1));
  ~ClockAlerter() override;  // cancels what is pending
  ClockAlerter(const ClockAlerter&) = delete;
  ClockAlerter& operator=(const ClockAlerter&) = delete;

  void ScheduleAlertAt(Duration at, int amount, std::ostream& to) override;
  void CancelAll() override;

  // Alerts scheduled and neither written nor cancelled yet.
  int PendingAlerts() const;

 private:
  kata::Clock& clock_;
  const Duration blind_minute_;
  mutable std::mutex mutex_;
  std::map<std::uint64_t, kata::Timer> pending_;  // guarded by mutex_
  std::uint64_t next_id_ = 0;                     // guarded by mutex_
};

}  // namespace cli_poker
