// A websocket connection as a handler sees it, and the handler that serves
// one. Light on purpose (no Boost): a kata's files include this header, and
// its tests can pass a fake Connection in-process. kata/web_server.h serves
// these handlers over real sockets (Boost.Beast, compiled once in support).
//
// Thread safety: every Connection method may be called from any thread, at
// the same time as the others. Frames sent by concurrent Send calls are
// never interleaved; frames sent by one thread go out in the order sent.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kata/http.h"

namespace kata::ws {

// Close codes of RFC 6455, section 7.4.1.
enum class CloseCode : std::uint16_t {
  kNormal = 1000,
  kGoingAway = 1001,
  kProtocolError = 1002,
  kPolicyViolation = 1008,
  kTooBig = 1009,
  kInternalError = 1011,
  kTryAgainLater = 1013,
};

// Thrown by Receive once the connection is closed, by either side.
class ClosedError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Connection {
 public:
  using Clock = std::chrono::steady_clock;
  virtual ~Connection() = default;

  // Queues one text frame and returns without waiting for it to be
  // written. Returns false, and sends nothing, once the connection is
  // closed or closing: code that pushes from a timer thread need not catch.
  virtual bool Send(std::string_view text) = 0;

  // The next text message; std::nullopt if none came by the deadline.
  // Messages that arrived before a close are still delivered; after them,
  // throws ClosedError.
  virtual std::optional<std::string> Receive(Clock::time_point deadline) = 0;

  // Starts the closing handshake with this code, after the frames already
  // sent. Idempotent; returns at once.
  virtual void Close(CloseCode code = CloseCode::kNormal, std::string_view reason = "") = 0;

  virtual bool IsOpen() const = 0;
};

// Serves one websocket connection. The server calls ServeSocket on a thread
// it has to itself for as long as it runs (kata/web_server.h bounds how many
// run at once); when it returns, the server closes the connection
// (normally, or with kInternalError if it threw).
class SocketHandler {
 public:
  virtual ~SocketHandler() = default;
  virtual void ServeSocket(const http::Request& upgrade, Connection& connection) = 0;
};

}  // namespace kata::ws
