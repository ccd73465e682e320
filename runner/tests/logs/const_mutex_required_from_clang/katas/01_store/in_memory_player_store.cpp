#include "in_memory_player_store.h"

void InMemoryPlayerStore::RecordWin(const std::string& name) {
  std::scoped_lock lock(mutex_);
  ++scores_[name];
}

int InMemoryPlayerStore::GetPlayerScore(const std::string& name) const {
  std::scoped_lock lock(mutex_);
  auto it = scores_.find(name);
  return it == scores_.end() ? 0 : it->second;
}
