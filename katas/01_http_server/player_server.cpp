#include "player_server.h"

#include <string>
#include <string_view>

#include "testkit/todo.h"

namespace http_server {

namespace http = kata::http;

// request.path is already percent-decoded: "/players/Chris Jones".
// Fill in response.status (200 by default), response.body and, where
// needed, headers with response.SetHeader(name, value).
void PlayerServer::ServeHttp(const http::Request& request, http::Response& response) {
  (void)request;
  (void)response;
  // TODO: GET /players/{name} answers with the player's score from store_.
  KATA_TODO("answer GET /players/{name} with the player's score from store_");
}

}  // namespace http_server
