#include <chrono>
#include <ostream>
#include <string>

#include "blind_alerter.h"
#include "testkit/todo.h"

namespace cli_poker {

ClockAlerter::ClockAlerter(kata::Clock& clock, Duration blind_minute)
    : clock_(clock), blind_minute_(blind_minute) {}

ClockAlerter::~ClockAlerter() {
  // TODO (step 7): cancel what is still pending.
}

void ClockAlerter::ScheduleAlertAt(Duration at, int amount, std::ostream& to) {
  (void)at;
  (void)amount;
  (void)to;
  // TODO: clock_.AfterFunc(delay, fn), where fn writes "Blind is now {amount}\n" to `to`.
  KATA_TODO("schedule the alert on clock_ and keep its Timer in pending_");
}

void ClockAlerter::CancelAll() {
  // TODO (step 7): stop every pending Timer.
  KATA_TODO("stop every Timer in pending_");
}

int ClockAlerter::PendingAlerts() const { KATA_TODO("count the alerts in pending_"); }

}  // namespace cli_poker
