#include "league_server.h"

#include "league_json.h"
#include "testkit/todo.h"

namespace json_league {

namespace http = kata::http;

LeagueServer::LeagueServer(LeagueStore& store) : store_(store), players_(store) {
  // Step 4: register the routes on router_ here.
}

void LeagueServer::ServeHttp(const http::Request& request, http::Response& response) {
  (void)request;
  (void)response;
  // TODO: GET /league is ServeLeague's; players_ (kata 1's PlayerServer)
  // still answers /players/{name}.
  KATA_TODO("send GET /league to ServeLeague and the rest to players_");
}

void LeagueServer::ServeLeague(const http::Request& request, http::Response& response) {
  (void)request;
  (void)response;
  // TODO: 200 and the league as a JSON array.
  KATA_TODO("answer with the league as a JSON array");
}

}  // namespace json_league
