// A league as JSON text: [{"Name": "Cleo", "Wins": 32}, {"Name": "Chris", "Wins": 20}].
//
// Built on the Player mapping of player_json.h, but free of the JSON library:
// a file that includes this header compiles as fast as one that does not.
//
// Thread safety: free functions on values; safe to call concurrently.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "player.h"

namespace json_league {

// The league as a compact JSON array, in the order given. Throws if a name is
// not valid UTF-8 (JSON text must be).
std::string EncodeLeague(const std::vector<Player>& league);

// Text that is not a JSON array of players (bad JSON, a player without a
// "Name" string or a "Wins" number, ...). what() says what is wrong.
class LeagueFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The league in `text`, in the order written; throws LeagueFormatError.
std::vector<Player> DecodeLeague(std::string_view text);

}  // namespace json_league
