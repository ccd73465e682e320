#include "player.h"

#include <ostream>

namespace json_league {

void PrintTo(const Player& player, std::ostream* out) {
  *out << "{\"" << player.name << "\", " << player.wins << "}";
}

}  // namespace json_league
