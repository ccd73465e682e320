// A websocket client for tests: connect to a ws:// URL, send text frames,
// receive with a deadline, see how the server closed the connection.
//
//   testkit::WebSocketClient client("ws://127.0.0.1:40123/ws");
//   client.Send("3");
//   EXPECT_EQ(client.Receive(), "Blind is now 100");
//   client.Close();
//
// Every wait has a deadline, so a server that never answers makes a test
// fail, not hang. Boost.Beast is confined to websocket_client.cpp.
//
// Thread safety: not thread-safe; use a client from one thread. Each client
// runs its own I/O on the calling thread, inside its methods.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "testkit/eventually.h"

namespace kata::testkit {

class WebSocketClient {
 public:
  // Connects and completes the opening handshake; throws std::runtime_error
  // naming the URL and the cause when it cannot.
  explicit WebSocketClient(std::string_view url,
                           std::chrono::milliseconds timeout = kEventuallyTimeout);
  ~WebSocketClient();  // closes the connection if it is still open
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // Sends one text frame. False if the connection is closed or the write
  // failed.
  bool Send(std::string_view text);

  // The next text message, or std::nullopt when none arrives within the
  // timeout or the connection has closed.
  std::optional<std::string> Receive(std::chrono::milliseconds timeout = kEventuallyTimeout);

  // Waits for the server to close the connection and returns its close code
  // (1006 when it closed without a close frame); std::nullopt if it is still
  // open after the timeout. Text messages that arrive meanwhile are kept
  // for Receive.
  std::optional<int> WaitForClose(std::chrono::milliseconds timeout = kEventuallyTimeout);

  bool IsOpen() const;

  // The closing handshake, with code 1000 (normal). Idempotent.
  void Close();

  // Drops the TCP connection without a closing handshake, as a crashed or
  // unplugged browser would.
  void Abort();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kata::testkit
