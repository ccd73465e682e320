// A player of the poker league: a name and a number of wins.
//
// Thread safety: a plain value.
#pragma once

#include <iosfwd>
#include <string>

namespace json_league {

struct Player {
  std::string name;
  int wins = 0;

  friend bool operator==(const Player&, const Player&) = default;
};

// How GoogleTest prints a Player in a failure message: {"Cleo", 32}.
void PrintTo(const Player& player, std::ostream* out);

}  // namespace json_league
