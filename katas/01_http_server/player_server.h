// An HTTP handler for players' scores:
//   GET  /players/{name}  200 with the score as the body, 404 for an unknown player
//   POST /players/{name}  202 Accepted, and one win recorded for the player
//
// Thread safety: ServeHttp may be called concurrently if the store allows it.
#pragma once

#include "kata/http.h"
#include "player_store.h"

namespace http_server {

class PlayerServer : public kata::http::Handler {
 public:
  explicit PlayerServer(PlayerStore& store) : store_(store) {}

  void ServeHttp(const kata::http::Request& request,
                 kata::http::Response& response) override;

 private:
  PlayerStore& store_;
};

}  // namespace http_server
