#include "file_system_player_store.h"

#include "league_json.h"  // kata 2: EncodeLeague, DecodeLeague
#include "testkit/todo.h"

namespace file_store {

FileSystemPlayerStore::FileSystemPlayerStore(std::string path) : path_(std::move(path)) {
  // TODO: read the league from path_ into league_.
  KATA_TODO("read the league in path_ into league_");
}

std::vector<Player> FileSystemPlayerStore::GetLeague() const {
  // TODO: the league, sorted by wins (step 4).
  KATA_TODO("return the league");
}

std::optional<int> FileSystemPlayerStore::GetPlayerScore(std::string_view name) const {
  (void)name;
  // TODO: the player's wins, or std::nullopt for a player not in the league.
  KATA_TODO("find the player's wins in the league");
}

void FileSystemPlayerStore::RecordWin(std::string_view name) {
  (void)name;
  // TODO: one more win for the player (a new player starts at 1), then save
  // the whole league to path_.
  KATA_TODO("add a win to the league and save it to the file");
}

}  // namespace file_store
