// A small, cancellable HTTP/1.1 GET for plain http:// URLs.
//
//   std::stop_source stop;
//   auto response = kata::http::Get("http://127.0.0.1:40123/", stop.get_token(),
//                                   std::chrono::steady_clock::now() + 2s);
//
// It exists so that code racing requests (kata 6) can abandon one at once:
// requesting `stop` from any thread wakes the GET wherever it waits
// (connecting, sending or reading), closes its socket and makes it throw.
// It sends "Connection: close" and reads the answer to its end; a chunked
// body is returned as it came over the wire.
//
// Thread safety: each call is independent and may run on any thread;
// `stop` may be requested from any other thread.
#pragma once

#include <chrono>
#include <stdexcept>
#include <stop_token>
#include <string_view>

#include "kata/http.h"

namespace kata::http {

// Why a GET produced no response: the URL, and the cause ("connection
// refused", "timed out", "cancelled", ...) in the message.
class GetError : public std::runtime_error {
 public:
  enum class Cause { kFailed, kTimedOut, kCancelled };
  GetError(Cause cause, const std::string& message) : std::runtime_error(message), cause_(cause) {}
  Cause cause() const { return cause_; }

 private:
  Cause cause_;
};

// Sends GET `url` ("http://host:port/path?query") and returns the status,
// headers and body. Throws GetError when the connection fails, when the
// answer is not HTTP, when `stop` is requested, or when the whole answer has
// not arrived by `deadline` (an answer completed after the deadline counts
// as too late, so a caller comparing against its own deadline never sees a
// late winner).
Response Get(std::string_view url, std::stop_token stop,
             std::chrono::steady_clock::time_point deadline);

// The same with a ten-second deadline and no way to cancel.
Response Get(std::string_view url);

}  // namespace kata::http
