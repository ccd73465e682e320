#include "router.h"

#include "testkit/todo.h"

namespace json_league {

namespace http = kata::http;

// "/players/{name}": split the pattern into its segments, {"players", "{name}"}.
void Router::Handle(std::string_view method, std::string_view pattern, HandlerFunction handler) {
  (void)method;
  (void)pattern;
  (void)handler;
  // TODO: remember the route in routes_.
  KATA_TODO("store the route: its method, its pattern's segments and its handler");
}

// Match on request.raw_path, the path as sent ("/players/Chris%20Jones"):
// split it on '/', then decode each segment with http::PercentDecode, so that
// "/players/a%2Fb" is two segments, "players" and "a/b" (kata 1, step 5).
void Router::ServeHttp(const http::Request& request, http::Response& response) {
  (void)request;
  (void)response;
  // TODO: call the handler of the first route matching the method and path;
  // 404 when no route matches the path, 405 with Allow when only the method is wrong.
  KATA_TODO("find the route for the request's method and path");
}

}  // namespace json_league
