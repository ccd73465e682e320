// Hand-written test doubles for PlayerStore.
//
// StubPlayerStore answers GetPlayerScore from a fixed table (a stub: canned
// answers to the questions the server asks). It also records every RecordWin
// call so a test can check what the server told the store (a spy).
//
// Thread safety: not thread-safe; use from the test's thread only.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "player_store.h"

namespace http_server::testing {

class StubPlayerStore : public PlayerStore {
 public:
  explicit StubPlayerStore(std::map<std::string, int, std::less<>> scores = {})
      : scores_(std::move(scores)) {}

  std::optional<int> GetPlayerScore(std::string_view name) const override {
    auto it = scores_.find(name);
    if (it == scores_.end()) return std::nullopt;
    return it->second;
  }

  void RecordWin(std::string_view name) override { win_calls_.emplace_back(name); }

  // Every name RecordWin was called with, in order.
  const std::vector<std::string>& WinCalls() const { return win_calls_; }

 private:
  std::map<std::string, int, std::less<>> scores_;
  std::vector<std::string> win_calls_;
};

}  // namespace http_server::testing
