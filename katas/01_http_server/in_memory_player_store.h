// A PlayerStore that keeps the scores in memory, for the server's
// integration test and for trying the server out.
//
// Thread safety: all methods may be called concurrently (step 6).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "player_store.h"

namespace http_server {

class InMemoryPlayerStore : public PlayerStore {
 public:
  std::optional<int> GetPlayerScore(std::string_view name) const override;
  void RecordWin(std::string_view name) override;

 private:
  // std::less<> lets find() take a std::string_view without a copy.
  std::map<std::string, int, std::less<>> scores_;
};

}  // namespace http_server
