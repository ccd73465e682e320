#include "kata/httplib_adapter.h"

#include <exception>
#include <string>

namespace kata::http {

Request FromHttplib(const httplib::Request& request) {
  Request out;
  out.method = request.method;
  out.target = request.target;
  out.path = request.path;  // httplib has already percent-decoded it
  for (const auto& [key, value] : request.params) out.query.emplace(key, value);
  for (const auto& [key, value] : request.headers) out.headers.emplace(key, value);
  out.body = request.body;
  return out;
}

void ToHttplib(const Response& response, httplib::Response& out) {
  out.status = response.status;
  std::string content_type = "text/plain; charset=utf-8";
  for (const auto& [key, value] : response.headers) {
    if (CaseInsensitiveLess{}(key, "Content-Type") ||
        CaseInsensitiveLess{}("Content-Type", key)) {
      out.set_header(key.c_str(), value);
    } else {
      content_type = value;
    }
  }
  out.set_content(response.body, content_type.c_str());
}

void Mount(httplib::Server& server, Handler& handler) {
  // Exceptions are caught here rather than by httplib's exception handler:
  // that path runs through the uninstrumented shared library, where
  // ThreadSanitizer cannot see how the exception is handed over and would
  // report a race that is not in the code under test.
  auto serve = [&handler](const httplib::Request& request,
                          httplib::Response& response) {
    Response out;
    try {
      handler.ServeHttp(FromHttplib(request), out);
    } catch (const std::exception& e) {
      out = Response{};
      out.status = kInternalServerError;
      out.body = std::string("handler threw: ") + e.what() + "\n";
    } catch (...) {
      out = Response{};
      out.status = kInternalServerError;
      out.body = "handler threw an exception that is not a std::exception\n";
    }
    ToHttplib(out, response);
  };
  const std::string any = ".*";
  server.Get(any, serve);
  server.Post(any, serve);
  server.Put(any, serve);
  server.Patch(any, serve);
  server.Delete(any, serve);
  server.Options(any, serve);
}

}  // namespace kata::http
