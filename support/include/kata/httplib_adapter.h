// Mounts a kata::http::Handler on a cpp-httplib server, converting between
// httplib's request/response and the light types in kata/http.h.
//
// Only testkit and the apps include this header; learner files never do, so
// they stay fast to compile.
//
// Thread safety: httplib calls the handler from its worker threads; the
// handler must be safe to call concurrently.
#pragma once

#include <httplib.h>

#include "kata/http.h"

namespace kata::http {

Request FromHttplib(const httplib::Request& request);
void ToHttplib(const Response& response, httplib::Response& out);

// Routes every GET, HEAD, POST, PUT, PATCH, DELETE and OPTIONS request on
// `server` to `handler`. An exception escaping the handler becomes a 500
// whose body names it. `handler` must outlive the server.
void Mount(httplib::Server& server, Handler& handler);

}  // namespace kata::http
