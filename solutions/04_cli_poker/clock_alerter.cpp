#include <chrono>
#include <ostream>
#include <string>
#include <utility>

#include "blind_alerter.h"

namespace cli_poker {
namespace {

// `at` counts blind minutes; one lasts `blind_minute` on the clock.
Duration OnTheClock(Duration at, Duration blind_minute) {
  using Minutes = std::chrono::duration<double, std::ratio<60>>;
  return std::chrono::duration_cast<Duration>(Minutes(at).count() * blind_minute);
}

}  // namespace

ClockAlerter::ClockAlerter(kata::Clock& clock, Duration blind_minute)
    : clock_(clock), blind_minute_(blind_minute) {}

ClockAlerter::~ClockAlerter() { CancelAll(); }

void ClockAlerter::ScheduleAlertAt(Duration at, int amount, std::ostream& to) {
  std::string line = "Blind is now " + std::to_string(amount) + "\n";
  // Held while scheduling, so that an alert due at once cannot try to remove
  // itself before it has been added.
  std::scoped_lock lock(mutex_);
  const std::uint64_t id = next_id_++;
  auto alert = [this, id, &to, line = std::move(line)] {
    // One unformatted write: the stream's formatting state stays the CLI's.
    to.write(line.data(), static_cast<std::streamsize>(line.size()));
    to.flush();
    std::scoped_lock lock(mutex_);
    pending_.erase(id);
  };
  pending_.emplace(id, clock_.AfterFunc(OnTheClock(at, blind_minute_), std::move(alert)));
}

void ClockAlerter::CancelAll() {
  std::map<std::uint64_t, kata::Timer> cancelled;
  {
    std::scoped_lock lock(mutex_);
    cancelled.swap(pending_);
  }
  // Outside the lock: Stop waits for an alert that is being written, and
  // that alert needs mutex_ to finish.
  for (auto& [id, timer] : cancelled) timer.Stop();
}

int ClockAlerter::PendingAlerts() const {
  std::scoped_lock lock(mutex_);
  return static_cast<int>(pending_.size());
}

}  // namespace cli_poker
