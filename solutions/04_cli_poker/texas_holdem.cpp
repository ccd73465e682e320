#include <chrono>
#include <stdexcept>
#include <string>

#include "game.h"

namespace cli_poker {

TexasHoldem::~TexasHoldem() { alerter_.CancelAll(); }

void TexasHoldem::Start(int players, std::ostream& alerts_to) {
  if (players < 1)
    throw std::invalid_argument("TexasHoldem::Start: " + std::to_string(players) + " players");
  const Duration interval = std::chrono::minutes(5 + players);
  Duration at{0};
  for (const int amount : kBlindAmounts) {
    alerter_.ScheduleAlertAt(at, amount, alerts_to);
    at += interval;
  }
}

void TexasHoldem::Finish(std::string_view winner) {
  alerter_.CancelAll();
  store_.RecordWin(winner);
}

}  // namespace cli_poker
