// A poker night: Start schedules the blind alerts for the number of players,
// Finish records the winner and stops the alerts.
//
// Thread safety: TexasHoldem's methods may be called from any thread, as far
// as its alerter and store allow (ClockAlerter and the katas' stores do).
#pragma once

#include <array>
#include <ostream>
#include <string_view>

#include "blind_alerter.h"
#include "player_store.h"

namespace cli_poker {

// The blinds, in the order they come, one every (5 + players) minutes
// starting at minute 0.
inline constexpr std::array<int, 11> kBlindAmounts = {100, 200,  300,  400,  500, 600,
                                                      800, 1000, 2000, 4000, 8000};

class Game {
 public:
  virtual ~Game() = default;

  // Starts a game for `players` (at least 1); blind alerts go to `alerts_to`.
  virtual void Start(int players, std::ostream& alerts_to) = 0;

  // Ends the game with `winner`'s win; no alert comes after it.
  virtual void Finish(std::string_view winner) = 0;
};

class TexasHoldem final : public Game {
 public:
  TexasHoldem(BlindAlerter& alerter, http_server::PlayerStore& store)
      : alerter_(alerter), store_(store) {}
  ~TexasHoldem() override;  // a game left unfinished cancels its alerts
  TexasHoldem(const TexasHoldem&) = delete;
  TexasHoldem& operator=(const TexasHoldem&) = delete;

  void Start(int players, std::ostream& alerts_to) override;
  void Finish(std::string_view winner) override;

 private:
  BlindAlerter& alerter_;
  http_server::PlayerStore& store_;
};

}  // namespace cli_poker
