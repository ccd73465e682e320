// poker_server's parts, kept out of main() so that they can be tested and
// reused: the options, the request rules, and the application (kata 2's
// league server over kata 3's file store). Run() serves App::Handler() next
// to the game (/game and /ws, game_site.h) on one port through
// kata::web::WebServer (Boost.Beast; support/include/kata/web_server.h).
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <iosfwd>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "file_system_player_store.h"  // kata 3
#include "group_commit.h"
#include "kata/http.h"
#include "league_cache.h"
#include "league_server.h"  // kata 2

namespace poker_server {

inline constexpr std::string_view kUsage =
    "usage: poker_server [--host 127.0.0.1] [--port 5000] [--db poker.db.json] [--blind-unit 60s] "
    "[--max-connections 1000]";

// Request bodies are never needed: anything larger than this is refused (413).
inline constexpr std::size_t kMaxBodyBytes = 1024;

struct Options {
  std::string host = "127.0.0.1";
  int port = 5000;  // 0: any free port (the URL printed says which)
  std::filesystem::path db = "poker.db.json";
  // How long a blind minute of a game played on /game lasts ("60s", "100ms").
  std::chrono::steady_clock::duration blind_unit = std::chrono::seconds(60);
  // Connections open at once (HTTP and websockets); one more gets 503. The
  // default stays under the usual limit of 1024 descriptors per process.
  std::size_t max_connections = 1000;
  bool help = false;
};

// A command line that does not make sense; what() is one line.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The options in `args` (argv without the program name); throws UsageError.
Options ParseArgs(const std::vector<std::string_view>& args);

// In front of another handler: a request for /players/{name} whose name
// breaks the name rule (kata/player_name.h) gets 400 and the rule's one-line
// reason; every other request goes on.
// Thread safety: as the handler behind it.
class RequestRules : public kata::http::Handler {
 public:
  explicit RequestRules(kata::http::Handler& next) : next_(next) {}
  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;
  bool AnswersAtOnce(const kata::http::Request& request) const override {
    return next_.AnswersAtOnce(request);
  }

 private:
  kata::http::Handler& next_;
};

// The application, without its transport: the store over the database file,
// the league server over the store, and the request rules in front.
// Thread safety: Handler() may serve requests concurrently.
class App {
 public:
  // Opens the database: a missing file is created, an empty one initialised;
  // anything else that is not a league throws std::runtime_error naming the
  // file, and the file is left untouched.
  explicit App(const std::filesystem::path& db);

  kata::http::Handler& Handler() { return rules_; }
  // The league, with wins saved by group commit (group_commit.h).
  GroupCommit& Store() { return commits_; }

 private:
  file_store::FileSystemPlayerStore store_;
  GroupCommit commits_;
  json_league::LeagueServer league_;
  LeagueCache cached_league_;
  RequestRules rules_;
};

// The whole program: bind, open the database, print the URL, serve until
// SIGINT or SIGTERM. Returns the exit status: 0 after a signal, 1 when the
// port or the database cannot be used (a one-line error on `err`).
// SIGINT and SIGTERM must be blocked in every thread before this is called
// (BlockStopSignals), so that only its waiting thread receives them.
int Run(const Options& options, std::ostream& out, std::ostream& err);
void BlockStopSignals();

}  // namespace poker_server
