// A poker night: Start schedules the blind alerts for the number of players
// through a BlindAlerter, Finish records the winner and stops the alerts.
//
// Thread safety: TexasHoldem's methods may be called from any thread, as far
// as its alerter and store allow (ClockAlerter and the katas' stores do).
// The alerter and the store must outlive the game.
#pragma once

#include <array>
#include <chrono>
#include <iosfwd>
#include <string_view>

#include "player_store.h"

namespace cli_poker {

using Duration = std::chrono::steady_clock::duration;  // the same as kata::Duration

// Where the game sends its blind alerts. ClockAlerter (blind_alerter.h) is the
// real one; tests use a spy.
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
