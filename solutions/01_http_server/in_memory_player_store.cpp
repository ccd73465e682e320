#include "in_memory_player_store.h"

namespace http_server {

std::optional<int> InMemoryPlayerStore::GetPlayerScore(std::string_view name) const {
  std::scoped_lock lock(mutex_);
  auto it = scores_.find(name);
  if (it == scores_.end()) return std::nullopt;
  return it->second;
}

void InMemoryPlayerStore::RecordWin(std::string_view name) {
  std::scoped_lock lock(mutex_);
  auto it = scores_.find(name);
  if (it == scores_.end()) {
    scores_.emplace(std::string(name), 1);
  } else {
    ++it->second;
  }
}

}  // namespace http_server
