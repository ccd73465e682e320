// Inside kata::web::WebServer (not installed): what the HTTP session hands
// the websocket side when a request asks to upgrade, in Beast's types.
#pragma once

#include "server_core.h"
#include "to_request.h"

#include <boost/beast/core/tcp_stream.hpp>

namespace kata::web {

struct Upgrade {
  boost::beast::tcp_stream stream;
  BeastRequest request;
  http::Request plain;  // the same request, as handlers see it
  ConnectionSlot slot;
};

}  // namespace kata::web
