#include "league_json.h"

#include <nlohmann/json.hpp>

#include "player_json.h"

namespace json_league {

std::string EncodeLeague(const std::vector<Player>& league) {
  return nlohmann::json(league).dump();
}

std::vector<Player> DecodeLeague(std::string_view text) {
  try {
    return nlohmann::json::parse(text).get<std::vector<Player>>();
  } catch (const nlohmann::json::exception& error) {
    throw LeagueFormatError(error.what());
  }
}

}  // namespace json_league
