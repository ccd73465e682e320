// Inside kata::web::WebServer (not installed): Beast's request type and its
// conversion into the kata::http::Request that handlers read. Beast's
// message types only, no Asio and no session: the HTTP session includes it,
// and so does the http_request fuzzer (tests/fuzz), which compiles
// to_request.cpp without the rest of the server.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "kata/http.h"

namespace kata::web {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

// The request as handlers see it. Throws std::invalid_argument when its
// target has a malformed percent-escape.
http::Request ToRequest(const BeastRequest& in);

}  // namespace kata::web
