// Where each websocket connection gets its game: a fresh TexasHoldem (kata 4)
// with a blind alerter of its own, so that finishing or abandoning one game
// cancels that game's alerts and nobody else's.
//
// Thread safety: NewGame may be called from many threads at once; each game
// it returns belongs to the caller.
#pragma once

#include <memory>

#include "game.h"  // kata 4: cli_poker::Game, TexasHoldem
#include "kata/clock.h"
#include "player_store.h"  // kata 1

namespace websockets {

class GameFactory {
 public:
  virtual ~GameFactory() = default;
  virtual std::unique_ptr<cli_poker::Game> NewGame() = 0;
};

class TexasHoldemFactory final : public GameFactory {
 public:
  // One blind minute lasts `blind_minute` on `clock` (a minute in play, a
  // few milliseconds in tests). `clock` and `store` must outlive the games.
  TexasHoldemFactory(kata::Clock& clock, http_server::PlayerStore& store,
                     kata::Duration blind_minute = std::chrono::minutes(1))
      : clock_(clock), store_(store), blind_minute_(blind_minute) {}

  std::unique_ptr<cli_poker::Game> NewGame() override;

 private:
  kata::Clock& clock_;
  http_server::PlayerStore& store_;
  const kata::Duration blind_minute_;
};

}  // namespace websockets
