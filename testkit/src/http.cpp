#include "testkit/http.h"

#include <utility>

namespace kata::testkit {

http::Request NewRequest(std::string_view method, std::string_view target,
                         std::string_view body, http::Headers headers) {
  http::Request request;
  request.method = std::string(method);
  request.target = std::string(target);
  http::ParseTarget(target, request);
  request.headers = std::move(headers);
  request.body = std::string(body);
  if (!request.body.empty() && !request.Header("Content-Length")) {
    request.headers.emplace("Content-Length", std::to_string(request.body.size()));
  }
  return request;
}

http::Response Serve(http::Handler& handler, const http::Request& request) {
  http::Response response;
  handler.ServeHttp(request, response);
  return response;
}

http::Response Get(http::Handler& handler, std::string_view target) {
  return Serve(handler, NewRequest("GET", target));
}

http::Response Post(http::Handler& handler, std::string_view target, std::string_view body) {
  return Serve(handler, NewRequest("POST", target, body));
}

}  // namespace kata::testkit
