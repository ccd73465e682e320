// A LeagueStore that keeps the wins in memory, for the server's integration
// test and for trying the server out. Its league is in order of name.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <map>  // and std::less<>, without the cost of <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "league_store.h"
#include "player.h"

namespace json_league {

class InMemoryLeagueStore : public LeagueStore {
 public:
  std::optional<int> GetPlayerScore(std::string_view name) const override;
  void RecordWin(std::string_view name) override;
  std::vector<Player> GetLeague() const override;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, int, std::less<>> wins_;  // guarded by mutex_
};

}  // namespace json_league
