// poker_cli: a poker night at the terminal.
//
//   poker_cli [--db poker.db.json] [--blind-unit 60s]
//
// Asks for the number of players, alerts each blind as it goes up, and records
// the winner ("{Name} wins") in the same database as poker_server. Exit codes:
// 0 once the winner is recorded or the input ends, 130 after Ctrl-C or
// SIGTERM, 2 for bad flags, 1 when the database cannot be used.
#include <chrono>
#include <exception>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "blind_alerter.h"
#include "cli.h"
#include "game.h"
#include "kata/clock.h"
#include "player_store.h"
#include "store.h"
#include "terminal.h"

namespace {

constexpr std::string_view kUsage = "usage: poker_cli [--db poker.db.json] [--blind-unit 60s]";

struct Options {
  std::filesystem::path db = "poker.db.json";
  kata::Duration blind_unit = std::chrono::seconds(60);
};

struct UsageError {
  std::string message;
};

Options ParseFlags(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= argc) throw UsageError{std::string(flag) + " needs a value"};
      return argv[++i];
    };
    if (flag == "--db") {
      const std::string_view path = value();
      if (path.empty()) throw UsageError{"--db needs a file name"};
      options.db = path;
    } else if (flag == "--blind-unit") {
      const std::string_view text = value();
      const auto unit = kata::ParseDuration(text);
      if (!unit) {
        throw UsageError{"--blind-unit: \"" + std::string(text) +
                         "\" is not a duration such as 60s, 100ms or 2m"};
      }
      options.blind_unit = *unit;
    } else if (flag == "--help" || flag == "-h") {
      throw UsageError{};
    } else {
      throw UsageError{"unknown flag " + std::string(flag)};
    }
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  try {
    options = ParseFlags(argc, argv);
  } catch (const UsageError& error) {
    if (error.message.empty()) {
      std::cout << kUsage << "\n";
      return 0;
    }
    std::cerr << "poker_cli: " << error.message << " (" << kUsage << ")\n";
    return 2;
  }

  std::unique_ptr<http_server::PlayerStore> store;
  try {
    store = poker_cli::OpenStore(options.db);
  } catch (const std::exception& error) {
    std::cerr << "poker_cli: " << error.what() << "\n";
    return 1;
  }

  try {
    poker_cli::Input input;  // before any thread starts: it blocks Ctrl-C for all of them
    poker_cli::Output output;
    {
      kata::RealClock clock;
      cli_poker::ClockAlerter alerter(clock, options.blind_unit);
      cli_poker::TexasHoldem game(alerter, *store);
      output.Stream() << "Let's play poker\nType '{Name} wins' to record a win\n";
      cli_poker::Cli(input.Stream(), output.Stream(), game).PlayPoker();
    }  // the game, its alerts and the clock's thread end here
    return input.Interrupted() ? 130 : 0;
  } catch (const std::exception& error) {
    std::cerr << "poker_cli: " << error.what() << "\n";
    return 1;
  }
}
