#include "league_server.h"

#include "league_json.h"

namespace json_league {

namespace http = kata::http;

LeagueServer::LeagueServer(LeagueStore& store) : store_(store), players_(store) {
  router_.Handle("GET", "/league", [this](const http::Request& request, http::Response& response) {
    ServeLeague(request, response);
  });
  router_.Handle("GET", "/players/{name}", players_);
  router_.Handle("POST", "/players/{name}", players_);
}

void LeagueServer::ServeHttp(const http::Request& request, http::Response& response) {
  router_.ServeHttp(request, response);
}

void LeagueServer::ServeLeague(const http::Request&, http::Response& response) {
  response.status = http::kOk;
  response.SetHeader("Content-Type", "application/json");
  response.body = EncodeLeague(store_.GetLeague());
}

}  // namespace json_league
