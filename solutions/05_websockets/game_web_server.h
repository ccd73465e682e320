// The poker site's plain HTTP side: GET /game serves the page that plays a
// game over /ws; every other path is kata 2's league server (/league,
// /players/{name}). kata/web_server.h puts this handler and GameSocket on
// one port.
//
// The page suggests the league's players as winners; their names are
// HTML-escaped, so a player called "<script>" is shown, not run.
//
// Thread safety: ServeHttp may be called concurrently if the store allows it.
#pragma once

#include <string>
#include <string_view>

#include "kata/http.h"
#include "league_server.h"  // kata 2
#include "league_store.h"   // kata 2

namespace websockets {

// & < > " ' as character references; everything else as it is.
std::string HtmlEscape(std::string_view text);

class GameWebServer : public kata::http::Handler {
 public:
  // `store` must outlive the server.
  explicit GameWebServer(json_league::LeagueStore& store) : store_(store), league_(store) {}

  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;

 private:
  json_league::LeagueStore& store_;
  json_league::LeagueServer league_;
};

}  // namespace websockets
