#include "cli.h"

#include <charconv>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace cli_poker {
namespace {

std::string_view Trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

// "7" -> 7; anything but a whole number above zero -> nullopt.
std::optional<int> ParsePlayerCount(std::string_view line) {
  line = Trim(line);
  int players = 0;
  const auto [end, error] = std::from_chars(line.data(), line.data() + line.size(), players);
  if (line.empty() || error != std::errc() || end != line.data() + line.size() || players < 1) {
    return std::nullopt;
  }
  return players;
}

// "Chris wins" -> "Chris"; anything else -> nullopt.
std::optional<std::string_view> ParseWinner(std::string_view line) {
  constexpr std::string_view kWins = " wins";
  line = Trim(line);
  if (!line.ends_with(kWins)) return std::nullopt;
  const std::string_view name = Trim(line.substr(0, line.size() - kWins.size()));
  if (name.empty()) return std::nullopt;
  return name;
}

}  // namespace

void Cli::PlayPoker() {
  std::string line;
  std::optional<int> players;
  while (!players) {
    out_ << kPlayerPrompt << std::flush;
    if (!std::getline(in_, line)) {
      out_ << kInputEndedMessage << std::flush;
      return;
    }
    players = ParsePlayerCount(line);
    if (!players) out_ << kBadPlayerCountMessage;
  }

  game_.Start(*players, out_);

  while (std::getline(in_, line)) {
    if (const auto winner = ParseWinner(line)) {
      game_.Finish(*winner);
      return;
    }
    out_ << kBadWinnerMessage << std::flush;
  }
  out_ << kInputEndedMessage << std::flush;
}

}  // namespace cli_poker
