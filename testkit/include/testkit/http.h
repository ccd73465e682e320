// In-process HTTP testing, in the spirit of Go's httptest: build a request
// without a socket, hand it to a handler, and look at the recorded response.
//
//   auto response = testkit::Serve(server, testkit::NewRequest("GET", "/players/Pepper"));
//   // or, the same: testkit::Get(server, "/players/Pepper")
//   EXPECT_EQ(response.status, 200);
//   EXPECT_EQ(response.body, "20");
//
// Thread safety: free functions; safe to call concurrently on distinct
// requests (the handler decides whether it is).
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "kata/http.h"

namespace kata::testkit {

// Builds a request as a server would hand it over. `target` is the raw
// request target, with an optional query ("/players/Chris%20Jones?x=1"):
// the path is percent-decoded and the query parsed, as a real server does.
http::Request NewRequest(std::string_view method, std::string_view target,
                         std::string_view body = "", http::Headers headers = {});

// Calls the handler and returns what it wrote: status, headers and body.
http::Response Serve(http::Handler& handler, const http::Request& request);

// The requests most tests make, in one call: Serve(handler, NewRequest(...)).
http::Response Get(http::Handler& handler, std::string_view target);
http::Response Post(http::Handler& handler, std::string_view target, std::string_view body = "");

// A handler made from a function, for test servers built inline.
class HandlerFunc : public http::Handler {
 public:
  using Function = std::function<void(const http::Request&, http::Response&)>;
  explicit HandlerFunc(Function function) : function_(std::move(function)) {}
  void ServeHttp(const http::Request& request, http::Response& response) override {
    function_(request, response);
  }

 private:
  Function function_;
};

}  // namespace kata::testkit
