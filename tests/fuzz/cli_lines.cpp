// libFuzzer target: kata 4's reference command line, cli_poker::Cli
// (solutions/04_cli_poker/cli.cpp), with arbitrary bytes as the whole of its
// standard input: the player count line, winner lines, garbage, a last line
// without '\n', NUL bytes. A spy Game stands in for TexasHoldem (as the
// kata's mock game does in cli_test.cpp), so only cli.cpp is linked; on
// Start it writes one alert to the stream it is given.
//
// Proves, besides "no crash, no ASan or UBSan report, no exception":
// - the game is started at most once, with the first line that is, without
//   its surrounding white space, a whole number from 1 to INT_MAX (leading
//   zeros allowed; computed here digit by digit, not with from_chars), and
//   with the CLI's own output as the alert destination;
// - it is finished at most once, only after it started, with the first
//   line after the count that ends, before any trailing white space, with
//   " wins" preceded by a name; the name is not empty, neither begins nor
//   ends with white space (' ', '\t', '\r': what the CLI trims), and appears
//   in the input followed by white space and "wins";
// - the CLI reads nothing past the winner's line, and all of its input when
//   there is no winner;
// - its output is exactly its own messages, in order: the prompt, once per
//   count line read, kBadPlayerCountMessage after each refused count, the
//   alert, kBadWinnerMessage after each refused winner line, and
//   kInputEndedMessage when the input ends with no winner.
#include <cstddef>
#include <cstdint>
#include <istream>
#include <iterator>
#include <limits>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli.h"
#include "game.h"

#include "require.h"

namespace {

constexpr std::string_view kAlert = "Blind is now 100\n";

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view StripBlanks(std::string_view text) {
  while (!text.empty() && IsBlank(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsBlank(text.back())) text.remove_suffix(1);
  return text;
}

// The lines std::getline reads: split at '\n'; a last line needs no '\n',
// and a '\n' at the very end starts no further line.
struct Line {
  std::string_view text;  // without its '\n'
  std::size_t end;        // offset in the input just past the line and its '\n'
};

std::vector<Line> SplitLines(std::string_view input) {
  std::vector<Line> lines;
  std::size_t start = 0;
  while (start < input.size()) {
    const std::size_t newline = input.find('\n', start);
    if (newline == std::string_view::npos) {
      lines.push_back({input.substr(start), input.size()});
      break;
    }
    lines.push_back({input.substr(start, newline - start), newline + 1});
    start = newline + 1;
  }
  return lines;
}

// The number of players a line gives, if it gives one.
std::optional<int> ExpectedCount(std::string_view line) {
  const std::string_view digits = StripBlanks(line);
  if (digits.empty()) return std::nullopt;
  long long value = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
    if (value > std::numeric_limits<int>::max()) return std::nullopt;
  }
  if (value < 1) return std::nullopt;
  return static_cast<int>(value);
}

// The winner a line names, if it names one: "  Chris Jones \t wins " is
// Chris Jones.
std::optional<std::string_view> ExpectedWinner(std::string_view line) {
  constexpr std::string_view kWins = "wins";
  std::string_view text = StripBlanks(line);
  if (!text.ends_with(kWins)) return std::nullopt;
  text.remove_suffix(kWins.size());
  if (text.empty() || text.back() != ' ') return std::nullopt;
  const std::string_view name = StripBlanks(text);
  if (name.empty()) return std::nullopt;
  return name;
}

class SpyGame final : public cli_poker::Game {
 public:
  void Start(int count, std::ostream& to) override {
    started = true;
    players = count;
    alerts_to = &to;
    ++starts;
    to << kAlert;
  }
  void Finish(std::string_view name) override {
    finished_before_start = finished_before_start || !started;
    winner = std::string(name);
    ++finishes;
  }

  bool started = false;
  int starts = 0;
  int players = 0;
  const std::ostream* alerts_to = nullptr;
  int finishes = 0;
  bool finished_before_start = false;
  std::optional<std::string> winner;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  std::istringstream in{std::string(input)};
  std::ostringstream out;
  SpyGame game;
  try {
    cli_poker::Cli(in, out, game).PlayPoker();
  } catch (...) {
    Require(false, "PlayPoker throws nothing", input);
  }
  const std::string unread{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};

  // What the CLI should have done, line by line.
  std::string expected_output;
  std::optional<int> expected_players;
  std::optional<std::string_view> expected_winner;
  std::size_t read_up_to = input.size();
  for (const Line& line : SplitLines(input)) {
    if (!expected_players) {
      expected_output += cli_poker::kPlayerPrompt;
      expected_players = ExpectedCount(line.text);
      expected_output += expected_players ? kAlert : cli_poker::kBadPlayerCountMessage;
      continue;
    }
    expected_winner = ExpectedWinner(line.text);
    if (expected_winner) {
      read_up_to = line.end;
      break;
    }
    expected_output += cli_poker::kBadWinnerMessage;
  }
  if (!expected_players) expected_output += cli_poker::kPlayerPrompt;
  if (!expected_winner) expected_output += cli_poker::kInputEndedMessage;

  Require(game.starts <= 1, "the game is started at most once", input);
  Require(game.finishes <= 1, "the game is finished at most once", input);
  Require(!game.finished_before_start, "the game is finished only after it started", input);
  Require(game.started == expected_players.has_value(),
          "the game starts exactly when a line gives a whole number of players above zero", input);
  if (game.started) {
    Require(game.players >= 1, "the game starts with at least one player", input);
    Require(game.players == *expected_players, "the game starts with the first count given", input);
    Require(game.alerts_to == &out, "the alerts go to the CLI's own output", input);
  }
  Require(game.winner.has_value() == expected_winner.has_value(),
          "the game is finished exactly when a line after the count names a winner", input);
  if (game.winner) {
    const std::string& name = *game.winner;
    Require(!name.empty(), "a winner's name is not empty", input);
    Require(!IsBlank(name.front()) && !IsBlank(name.back()),
            "a winner's name neither begins nor ends with white space", input);
    Require(name == *expected_winner, "the winner is the name on the first winner line", input);
    bool followed_by_wins = false;
    for (std::size_t at = input.find(name); at != std::string_view::npos && !followed_by_wins;
         at = input.find(name, at + 1)) {
      const std::string_view after = input.substr(at + name.size());
      const std::size_t blanks = after.find_first_not_of(" \t\r");
      followed_by_wins = blanks != 0 && blanks != std::string_view::npos &&
                         after.substr(blanks).starts_with("wins") && after[blanks - 1] == ' ';
    }
    Require(followed_by_wins, "the winner's name appears in the input followed by \" wins\"", input);
  }
  Require(unread == input.substr(read_up_to),
          "the CLI reads up to the winner's line and no further, or all of its input", input);
  Require(out.str() == expected_output, "the output is the CLI's own messages, in order", input);
  return 0;
}
