// A Player as JSON, with nlohmann/json: {"Name": "Cleo", "Wins": 32}.
//
// to_json and from_json let nlohmann/json convert a Player, and so a
// std::vector<Player>, both ways: nlohmann::json json = player;
// json.get<Player>(). nlohmann finds them by argument-dependent lookup, so
// they live in Player's namespace. Only json_fwd.hpp is included here; code
// that needs a league as text uses league_json.h and never sees the library.
//
// Thread safety: free functions on values; safe to call concurrently.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "player.h"

namespace json_league {

void to_json(nlohmann::json& json, const Player& player);
void from_json(const nlohmann::json& json, Player& player);

}  // namespace json_league
