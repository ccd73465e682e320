// Kata 1's PlayerStore, grown by the league: every player and their wins.
//
// Thread safety: a real server calls these from many threads at once, so an
// implementation used behind one must allow concurrent calls.
#pragma once

#include <vector>

#include "player.h"
#include "player_store.h"  // kata 1: GetPlayerScore and RecordWin

namespace json_league {

class LeagueStore : public http_server::PlayerStore {
 public:
  // Every player the store knows, with their wins, in an order each store
  // documents.
  virtual std::vector<Player> GetLeague() const = 0;
};

}  // namespace json_league
