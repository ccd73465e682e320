#include "player_server.h"

#include <string>
#include <string_view>

#include "testkit/todo.h"

namespace http_server {

namespace http = kata::http;

// request.raw_path is the path as sent, still percent-escaped:
// "/players/Chris%20Jones". Take the name from it, then decode the name with
// http::PercentDecode: "Chris Jones". (request.path is decoded already, but
// before it was split, so it cannot tell the player "a/b", sent as
// "/players/a%2Fb", from a URL with one segment too many.)
// Fill in response.status (200 by default), response.body and, where
// needed, headers with response.SetHeader(name, value).
void PlayerServer::ServeHttp(const http::Request& request, http::Response& response) {
  (void)request;
  (void)response;
  // TODO: GET /players/{name} answers with the player's score from store_.
  KATA_TODO("answer GET /players/{name} with the player's score from store_");
}

}  // namespace http_server
