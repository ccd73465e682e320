#include "player_json.h"

#include <nlohmann/json.hpp>

namespace json_league {

void to_json(nlohmann::json& json, const Player& player) {
  json = nlohmann::json{{"Name", player.name}, {"Wins", player.wins}};
}

void from_json(const nlohmann::json& json, Player& player) {
  json.at("Name").get_to(player.name);
  json.at("Wins").get_to(player.wins);
}

}  // namespace json_league
