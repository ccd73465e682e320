// Inside kata::web::WebServer (not installed): what the HTTP session hands
// the websocket side when a request asks to upgrade, in Beast's types.
#pragma once

#include "server_core.h"

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace kata::web {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

struct Upgrade {
  boost::beast::tcp_stream stream;
  BeastRequest request;
  http::Request plain;  // the same request, as handlers see it
  ConnectionSlot slot;
};

// The request as handlers see it. Throws std::invalid_argument when its
// target has a malformed percent-escape.
http::Request ToRequest(const BeastRequest& in);

}  // namespace kata::web
