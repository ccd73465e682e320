// Group commit: wins that arrive together share one save.
//
// A win is acknowledged (RecordWin returns) only once it is in the file,
// flushed to disk: kata 3's store saves the whole league, crash-safely, for
// every win. Saving is the slow part (two fsyncs, about a millisecond or more
// each), and while one save is under way more wins queue up. So the first
// caller in line becomes the leader: it takes every win queued so far, saves
// them with one RecordWins, and wakes their callers; a win that arrives
// during that save waits for the next leader, and the next save. A database
// does the same with its log. Nothing is acknowledged before its save, and a
// save that fails is retried win by win, so one bad win does not fail the
// others in its group.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "file_system_player_store.h"  // kata 3
#include "league_store.h"              // kata 2

namespace poker_server {

class GroupCommit : public json_league::LeagueStore {
 public:
  explicit GroupCommit(file_store::FileSystemPlayerStore& store) : store_(store) {}

  std::vector<json_league::Player> GetLeague() const override { return store_.GetLeague(); }
  std::optional<int> GetPlayerScore(std::string_view name) const override {
    return store_.GetPlayerScore(name);
  }

  // Returns once the win is saved (or throws what its save threw).
  void RecordWin(std::string_view name) override;

  // How many saves have recorded how many wins, for the benchmark's report.
  struct Counts {
    long saves = 0;
    long wins = 0;
  };
  Counts Totals() const;

  // Saves finished so far, failed ones included: the league changes only
  // when this grows (LeagueCache keys on it).
  long Saves() const;

 private:
  struct Pending {
    std::string name;
    bool done = false;
    std::exception_ptr error;
  };
  void Save(const std::vector<Pending*>& group);

  file_store::FileSystemPlayerStore& store_;
  mutable std::mutex mutex_;
  std::condition_variable done_;
  std::vector<Pending*> queue_;  // guarded by mutex_: wins waiting for a leader
  bool saving_ = false;          // guarded by mutex_: a leader is saving
  Counts counts_;                // guarded by mutex_
};

}  // namespace poker_server
