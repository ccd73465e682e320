#include "player_json.h"

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>

namespace json_league {

void to_json(nlohmann::json& json, const Player& player) {
  json = nlohmann::json{{"Name", player.name}, {"Wins", player.wins}};
}

void from_json(const nlohmann::json& json, Player& player) {
  json.at("Name").get_to(player.name);
  // A whole number that fits an int: get_to alone would read true as 1, 2.5
  // as 2 and 4294967296 as 0, and 1e300 would be undefined behaviour.
  const nlohmann::json& wins = json.at("Wins");
  if (!wins.is_number_integer()) {
    throw nlohmann::json::type_error::create(302, "Wins must be a whole number", &wins);
  }
  const bool fits =
      wins.is_number_unsigned()
          ? wins.get<std::uint64_t>() <= std::uint64_t{std::numeric_limits<int>::max()}
          : wins.get<std::int64_t>() >= std::numeric_limits<int>::min() &&
                wins.get<std::int64_t>() <= std::numeric_limits<int>::max();
  if (!fits) throw nlohmann::json::out_of_range::create(406, "Wins must fit an int", &wins);
  player.wins = wins.get<int>();
}

}  // namespace json_league
