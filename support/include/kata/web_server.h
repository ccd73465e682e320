// One port for plain HTTP and websockets: a Boost.Beast front that hands
// plain requests to a kata::http::Handler (the same type the katas' servers
// are) and upgrades requests to the websocket path to a ws::SocketHandler.
// So a page it serves can open ws://<same host>/ws: one origin.
//
//   WebServer server(player_server, game_socket, {.port = 5000});
//   server.Url();  // "http://127.0.0.1:5000"
//
// Beast stays inside web_server.cpp: including this header is cheap.
//
// Threads: one I/O thread runs every socket operation. Plain HTTP handlers
// run on a small pool (http_threads), several at once, so the handler must
// be safe to call concurrently (the katas' handlers are). Each websocket
// connection gets a thread of its own for its SocketHandler, which may block
// as long as it likes.
//
// Thread safety: Url(), Port() and Close() may be called from any thread,
// the server's own handlers included (a "quit" command). The destructor must
// run outside the server's threads.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "kata/http.h"
#include "kata/websocket.h"

namespace kata::web {

struct WebServerOptions {
  std::string host = "127.0.0.1";
  int port = 0;                          // 0: an ephemeral port
  std::string ws_path = "/ws";           // upgrades elsewhere get 404
  std::size_t max_message_bytes = 4096;  // a bigger frame closes with 1009 (too big)
  std::size_t max_body_bytes = 1 << 20;  // a bigger request body gets 413
  std::size_t http_threads = 4;          // plain HTTP handlers running at once, at most
};

class WebServer {
 public:
  // Listening when constructed; throws std::runtime_error if it cannot bind.
  // Both handlers must outlive the server.
  WebServer(http::Handler& http, ws::SocketHandler& sockets, WebServerOptions options = {});
  ~WebServer();  // Close(), and the joins a Close() from a handler left
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  const std::string& Url() const;  // "http://127.0.0.1:40123"
  int Port() const;

  // Stops accepting, closes idle connections at once and websockets with
  // 1001 (going away), answers the plain requests already under way (even
  // half received; a few seconds at most), waits for the socket handlers to
  // return and joins every thread. Idempotent. Called from one of the
  // server's handlers, it does all that but the waiting and the joins (the
  // handler's own thread cannot join itself); those happen in the
  // destructor, or in a later Close() from outside.
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kata::web
