#include "in_memory_player_store.h"

#include "testkit/todo.h"

namespace http_server {

std::optional<int> InMemoryPlayerStore::GetPlayerScore(std::string_view name) const {
  (void)name;
  // TODO: the player's wins, or std::nullopt for a player never seen.
  KATA_TODO("look the player up in scores_");
}

void InMemoryPlayerStore::RecordWin(std::string_view name) {
  (void)name;
  // TODO: one more win for the player, starting from zero.
  KATA_TODO("add one win for the player to scores_");
}

}  // namespace http_server
