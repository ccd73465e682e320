#include <chrono>

#include "game.h"
#include "testkit/todo.h"

namespace cli_poker {

TexasHoldem::~TexasHoldem() {
  // TODO (step 7): a game destroyed before Finish cancels its alerts.
}

void TexasHoldem::Start(int players, std::ostream& alerts_to) {
  (void)players;
  (void)alerts_to;
  // TODO: schedule one alert per amount in kBlindAmounts.
  KATA_TODO("schedule the blind alerts with alerter_.ScheduleAlertAt");
}

void TexasHoldem::Finish(std::string_view winner) {
  (void)winner;
  // TODO: record the winner's win in store_.
  KATA_TODO("record the winner's win in store_");
}

}  // namespace cli_poker
