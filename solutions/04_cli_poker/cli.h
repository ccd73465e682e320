// The command-line side of a poker night: asks for the number of players,
// starts the game, reads lines until one says "{Name} wins", finishes the game.
//
//   Please enter the number of players: 7
//   Blind is now 100
//   Chris wins
//
// Thread safety: not thread-safe; PlayPoker runs on one thread.
#pragma once

#include <iosfwd>
#include <string_view>

#include "game.h"

namespace cli_poker {

inline constexpr std::string_view kPlayerPrompt = "Please enter the number of players: ";
inline constexpr std::string_view kBadPlayerCountMessage =
    "That is not a number of players: type a whole number above zero.\n";
inline constexpr std::string_view kBadWinnerMessage =
    "That is not a winner: type '{Name} wins', for example 'Chris wins'.\n";
inline constexpr std::string_view kInputEndedMessage = "Input ended: no winner recorded.\n";

class Cli {
 public:
  Cli(std::istream& in, std::ostream& out, Game& game) : in_(in), out_(out), game_(game) {}

  // Plays one game: the prompt (again after each bad count), Start with the
  // count and this CLI's output as the alert destination, then Finish with the
  // first line of the form "{Name} wins". Reads no further than that line.
  // End of input before it: kInputEndedMessage, and the game is not finished.
  void PlayPoker();

 private:
  std::istream& in_;
  std::ostream& out_;
  Game& game_;
};

}  // namespace cli_poker
