// The player server of kata 1, grown by the league:
//   GET  /league          200, the league as a JSON array (Content-Type: application/json)
//   GET  /players/{name}  the player's score (kata 1's PlayerServer)
//   POST /players/{name}  records a win (kata 1's PlayerServer)
// Other paths get 404, other methods 405 with an Allow header.
//
// Thread safety: ServeHttp may be called concurrently if the store allows it.
#pragma once

#include "kata/http.h"
#include "league_store.h"
#include "player_server.h"  // kata 1
#include "router.h"

namespace json_league {

class LeagueServer : public kata::http::Handler {
 public:
  // `store` must outlive the server.
  explicit LeagueServer(LeagueStore& store);
  // The routes point into this object: it cannot be copied.
  LeagueServer(const LeagueServer&) = delete;
  LeagueServer& operator=(const LeagueServer&) = delete;

  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;

 private:
  void ServeLeague(const kata::http::Request& request, kata::http::Response& response);

  LeagueStore& store_;
  http_server::PlayerServer players_;
  Router router_;
};

}  // namespace json_league
