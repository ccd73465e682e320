// A small HTTP router: routes a request by its method and path to the
// handler registered for them.
//
//   Router router;
//   router.Handle("GET", "/league", ServeLeague);
//   router.Handle("GET", "/players/{name}", players);
//
// A pattern is an absolute path; each segment is either a literal, which
// must match exactly, or a placeholder in braces, which matches any one
// non-empty segment. A path no pattern matches gets 404; a path some pattern
// matches, but not for the request's method, gets 405 with an Allow header
// listing the methods that would have worked. When several routes match, the
// first registered wins.
//
// Thread safety: register every route before serving; ServeHttp may then be
// called concurrently (it only reads the routes).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "kata/http.h"

namespace json_league {

class Router : public kata::http::Handler {
 public:
  using HandlerFunction = std::function<void(const kata::http::Request&, kata::http::Response&)>;

  void Handle(std::string_view method, std::string_view pattern, HandlerFunction handler);

  // `handler` must outlive the router.
  void Handle(std::string_view method, std::string_view pattern, kata::http::Handler& handler) {
    Handle(method, pattern,
           [&handler](const kata::http::Request& request, kata::http::Response& response) {
             handler.ServeHttp(request, response);
           });
  }

  void ServeHttp(const kata::http::Request& request, kata::http::Response& response) override;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // "{name}" for a placeholder
    HandlerFunction handler;
  };
  std::vector<Route> routes_;
};

}  // namespace json_league
