#include "in_memory_league_store.h"

#include "testkit/todo.h"

namespace json_league {

std::optional<int> InMemoryLeagueStore::GetPlayerScore(std::string_view name) const {
  std::scoped_lock lock(mutex_);
  auto it = wins_.find(name);
  if (it == wins_.end()) return std::nullopt;
  return it->second;
}

void InMemoryLeagueStore::RecordWin(std::string_view name) {
  std::scoped_lock lock(mutex_);
  auto it = wins_.find(name);
  if (it == wins_.end()) {
    wins_.emplace(std::string(name), 1);
  } else {
    ++it->second;
  }
}

std::vector<Player> InMemoryLeagueStore::GetLeague() const {
  // TODO: every player in wins_, in order of name.
  KATA_TODO("return every player in wins_ with their wins");
}

}  // namespace json_league
