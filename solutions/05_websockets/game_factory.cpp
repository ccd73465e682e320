#include "game_factory.h"

#include "blind_alerter.h"  // kata 4: ClockAlerter

namespace websockets {
namespace {

// A game that owns its alerter. The game is declared last, so it is
// destroyed first and cancels its alerts while the alerter still exists.
class OwnedGame final : public cli_poker::Game {
 public:
  OwnedGame(kata::Clock& clock, http_server::PlayerStore& store, kata::Duration blind_minute)
      : alerter_(clock, blind_minute), game_(alerter_, store) {}

  void Start(int players, std::ostream& alerts_to) override { game_.Start(players, alerts_to); }
  void Finish(std::string_view winner) override { game_.Finish(winner); }

 private:
  cli_poker::ClockAlerter alerter_;
  cli_poker::TexasHoldem game_;
};

}  // namespace

std::unique_ptr<cli_poker::Game> TexasHoldemFactory::NewGame() {
  return std::make_unique<OwnedGame>(clock_, store_, blind_minute_);
}

}  // namespace websockets
