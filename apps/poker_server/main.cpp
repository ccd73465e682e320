// poker_server: the league over HTTP, kept in a JSON file.
//
//   poker_server [--host 127.0.0.1] [--port 5000] [--db poker.db.json]
//                [--blind-unit 60s] [--max-connections 1000]
//
//   GET  /league          the league, sorted by wins, as JSON
//   GET  /players/{name}  a player's wins
//   POST /players/{name}  one more win for the player (202 once it is on disk)
//
// Exit status: 0 after SIGINT or SIGTERM (every acknowledged win is on disk),
// 1 when the port or the database cannot be used, 2 for a bad command line.
#include <iostream>
#include <string_view>
#include <vector>

#include "poker_server.h"

int main(int argc, char** argv) {
  // Before any thread exists, so that every thread inherits the mask.
  poker_server::BlockStopSignals();
  poker_server::Options options;
  try {
    options = poker_server::ParseArgs(std::vector<std::string_view>(argv + 1, argv + argc));
  } catch (const poker_server::UsageError& error) {
    std::cerr << "poker_server: " << error.what() << " (" << poker_server::kUsage << ")\n";
    return 2;
  }
  if (options.help) {
    std::cout << poker_server::kUsage << "\n";
    return 0;
  }
  return poker_server::Run(options, std::cout, std::cerr);
}
