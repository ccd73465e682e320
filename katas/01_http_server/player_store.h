// Where the player server gets its scores and records its wins.
//
// Thread safety: a real server calls these from many threads at once, so an
// implementation used behind one must allow concurrent calls.
#pragma once

#include <optional>
#include <string_view>

namespace http_server {

class PlayerStore {
 public:
  virtual ~PlayerStore() = default;

  // The player's number of wins, or std::nullopt when the store has never
  // heard of the player (a player with 0 wins is not missing).
  virtual std::optional<int> GetPlayerScore(std::string_view name) const = 0;

  // Adds one win for the player, who need not be known yet.
  virtual void RecordWin(std::string_view name) = 0;
};

}  // namespace http_server
