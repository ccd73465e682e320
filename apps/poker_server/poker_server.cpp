#include "poker_server.h"

#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <chrono>
#include <optional>
#include <ostream>

#include "game_site.h"
#include "kata/flags.h"
#include "kata/player_name.h"
#include "kata/stop_signals.h"
#include "kata/web_server.h"

namespace poker_server {
namespace {

namespace http = kata::http;


int ParsePort(std::string_view text) {
  int port = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) {
    throw UsageError("--port wants a number from 0 to 65535, not '" + std::string(text) + "'");
  }
  return port;
}

std::size_t ParseMaxConnections(std::string_view text) {
  std::size_t count = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), count);
  if (error != std::errc() || end != text.data() + text.size() || count < 1 || count > 1'000'000) {
    throw UsageError("--max-connections wants a number from 1 to 1000000, not '" +
                     std::string(text) + "'");
  }
  return count;
}

// --blind-unit, as poker_cli takes it.
kata::Duration ParseBlindUnit(std::string_view text) {
  if (auto unit = kata::ParseDuration(text)) return *unit;
  throw UsageError("--blind-unit wants a duration such as 60s, 100ms or 2m, not '" +
                   std::string(text) + "'");
}

}  // namespace

Options ParseArgs(const std::vector<std::string_view>& args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      options.help = true;
      continue;
    }
    std::string_view flag = kata::FlagName(arg);
    if (flag != "--host" && flag != "--port" && flag != "--db" && flag != "--blind-unit" &&
        flag != "--max-connections") {
      throw UsageError("unknown option '" + std::string(arg) + "'");
    }
    const std::optional<std::string_view> given = kata::FlagValue(args, i);
    if (!given) throw UsageError(std::string(flag) + " needs a value");
    const std::string_view value = *given;
    if (flag == "--host") options.host = std::string(value);
    if (flag == "--port") options.port = ParsePort(value);
    if (flag == "--db") options.db = std::filesystem::path(value);
    if (flag == "--blind-unit") options.blind_unit = ParseBlindUnit(value);
    if (flag == "--max-connections") options.max_connections = ParseMaxConnections(value);
  }
  return options;
}

void RequestRules::ServeHttp(const http::Request& request, http::Response& response) {
  constexpr std::string_view kPlayers = "/players/";
  std::string_view path = request.raw_path;  // split first, then decode: "a%2Fb" is "a/b"
  if (path.starts_with(kPlayers)) {
    std::string_view escaped = path.substr(kPlayers.size());
    // An empty name, or one more segment, is not a player's URL: the router's 404.
    if (escaped.empty() || escaped.find('/') != std::string_view::npos) {
      next_.ServeHttp(request, response);
      return;
    }
    if (auto problem = kata::NameProblem(http::PercentDecode(escaped))) {
      response.status = http::kBadRequest;
      response.body = *problem + "\n";
      return;
    }
  }
  next_.ServeHttp(request, response);
}

App::App(const std::filesystem::path& db)
    : store_(db.string()),
      commits_(store_),
      league_(commits_),
      cached_league_(commits_, league_),
      rules_(cached_league_) {}

void BlockStopSignals() {
  const sigset_t signals = kata::StopSignals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int Run(const Options& options, std::ostream& out, std::ostream& err) {
  // One port for the league, /game and /ws (kata 5): kata::web::WebServer.
  // The port first: a server that cannot listen must not touch the database,
  // so the front answers 503 until the site is open.
  SiteFront front;
  std::unique_ptr<kata::web::WebServer> server;
  std::unique_ptr<App> app;
  std::unique_ptr<GameSite> site;
  try {
    server = std::make_unique<kata::web::WebServer>(
        front, front,
        kata::web::WebServerOptions{.host = options.host,
                                    .port = options.port,
                                    .max_body_bytes = kMaxBodyBytes,
                                    // A POST waits for its save; the more
                                    // wait at once, the more one save
                                    // carries (group commit): 16 clients
                                    // post 9,500 wins/s with 32 threads,
                                    // 5,500 with 8.
                                    .http_threads = 32,
                                    .max_connections = options.max_connections,
                                    // The page speaks first (the number of
                                    // players): an idle page holds no thread.
                                    .start_handler_on_first_message = true});
    app = std::make_unique<App>(options.db);
    site = std::make_unique<GameSite>(*app, options.blind_unit);
  } catch (const std::exception& error) {
    err << "poker_server: " << error.what() << "\n";
    return 1;
  }
  front.Open(*site);
  out << "poker_server: listening on " << server->Url() << " (league in " << options.db.string()
      << ", game on " << server->Url() << "/game)" << std::endl;

  const sigset_t signals = kata::StopSignals();
  int stopped_by = 0;
  while (sigwait(&signals, &stopped_by) != 0) {
  }
  // Stops accepting, answers the requests under way, ends the games.
  server->Close();
  const GroupCommit::Counts saved = app->Store().Totals();
  out << "poker_server: stopped by " << (stopped_by == SIGINT ? "SIGINT" : "SIGTERM")
      << "; every win is saved (" << saved.wins << " wins in " << saved.saves << " saves)"
      << std::endl;
  return 0;
}

}  // namespace poker_server
