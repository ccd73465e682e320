// Hand-written test doubles for LeagueStore.
//
// StubLeagueStore answers GetPlayerScore and GetLeague from fixed tables (a
// stub) and records every RecordWin call (a spy), as kata 1's stub did.
//
// Thread safety: not thread-safe; use from the test's thread only.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "league_store.h"
#include "player.h"

namespace json_league::testing {

class StubLeagueStore : public LeagueStore {
 public:
  explicit StubLeagueStore(std::map<std::string, int, std::less<>> scores = {},
                           std::vector<Player> league = {})
      : scores_(std::move(scores)), league_(std::move(league)) {}

  std::optional<int> GetPlayerScore(std::string_view name) const override {
    auto it = scores_.find(name);
    if (it == scores_.end()) return std::nullopt;
    return it->second;
  }

  void RecordWin(std::string_view name) override { win_calls_.emplace_back(name); }

  std::vector<Player> GetLeague() const override { return league_; }

  // Every name RecordWin was called with, in order.
  const std::vector<std::string>& WinCalls() const { return win_calls_; }

 private:
  std::map<std::string, int, std::less<>> scores_;
  std::vector<Player> league_;
  std::vector<std::string> win_calls_;
};

}  // namespace json_league::testing
