// Blind alerts: the game tells a BlindAlerter when each blind goes up, and the
// alerter writes "Blind is now 200" to the destination when the time comes.
//
// ClockAlerter is the real one. It schedules every alert on the kata::Clock it
// is given: a RealClock in the app, testkit::FakeClock in tests.
//
// Thread safety: ClockAlerter's methods may be called from any thread, also
// while alerts fire on the clock's thread. Alerts for one destination never
// overlap (the clock fires one timer at a time), but they may run while other
// threads write to the same destination: give it a thread-safe stream.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <ostream>

#include "kata/clock.h"

namespace cli_poker {

using Duration = kata::Duration;

class BlindAlerter {
 public:
  virtual ~BlindAlerter() = default;

  // Writes "Blind is now {amount}\n" to `to` once `at` has passed (measured
  // in blind minutes from now). `to` must outlive the alert or its cancel.
  virtual void ScheduleAlertAt(Duration at, int amount, std::ostream& to) = 0;

  // Cancels every alert not yet written. When it returns, no alert is being
  // written and none will be.
  virtual void CancelAll() = 0;
};

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
