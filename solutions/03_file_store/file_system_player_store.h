// A LeagueStore that keeps the league in a JSON file, so wins survive a
// restart. The file holds a JSON array of players (kata 2's format).
//
// The league is sorted by wins, highest first; players with the same number
// of wins are in order of name (byte by byte, as std::string compares), so
// the order never depends on the history of the file.
//
// Every RecordWin saves the whole league before it returns, crash-safely: it
// writes a temporary file next to the league, flushes it to disk, and renames
// it over the league. A process killed at any moment leaves the old league or
// the new one, never a mix. Only one store may use a file at a time.
//
// Thread safety: all methods may be called concurrently. Writers take turns;
// readers never wait for the disk.
#pragma once

#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "league_store.h"  // kata 2
#include "player.h"        // kata 2

namespace file_store {

using json_league::Player;

class FileSystemPlayerStore : public json_league::LeagueStore {
 public:
  // Reads the league in `path`. A missing file is created and an empty one
  // initialised, both to an empty league. Anything else that is not a league
  // (bad JSON, a wrong shape, a player listed twice), or a file that cannot
  // be read or created, throws std::runtime_error naming the file and the
  // problem, and leaves the file as it was.
  explicit FileSystemPlayerStore(std::string path);

  std::vector<Player> GetLeague() const override;
  std::optional<int> GetPlayerScore(std::string_view name) const override;

  // Adds a win and saves the league. If the save fails (a name that is not
  // valid UTF-8, a full disk) it throws, and neither the file nor the league
  // in memory has the win.
  void RecordWin(std::string_view name) override;

  // Adds a win for each name (a name listed twice gets two) and saves the
  // league once. All or nothing: if the save fails it throws, and none of the
  // wins is in the file or in memory. (Not in the kata: poker_server's group
  // commit uses it to share one save among wins that arrive together.)
  void RecordWins(std::span<const std::string> names);

 private:
  const std::string path_;
  std::mutex write_mutex_;      // one writer at a time, held across its save
  mutable std::mutex mutex_;    // guards league_; never held during I/O
  std::vector<Player> league_;  // sorted; guarded by mutex_
};

}  // namespace file_store
