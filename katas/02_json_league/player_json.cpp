#include "player_json.h"

#include <nlohmann/json.hpp>

#include "testkit/todo.h"

namespace json_league {

// {"Name": "Cleo", "Wins": 32}
void to_json(nlohmann::json& json, const Player& player) {
  (void)json;
  (void)player;
  // TODO: an object with the keys "Name" and "Wins".
  KATA_TODO("build the JSON object {\"Name\": ..., \"Wins\": ...} for the player");
}

void from_json(const nlohmann::json& json, Player& player) {
  (void)json;
  (void)player;
  // TODO: read "Name" and "Wins"; a missing key must throw (json.at does).
  KATA_TODO("read the player's \"Name\" and \"Wins\" from the JSON object");
}

}  // namespace json_league
