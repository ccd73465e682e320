// One port for plain HTTP and websockets: a Boost.Beast front that hands
// plain requests to a kata::http::Handler (the same type the katas' servers
// are) and upgrades requests to the websocket path to a ws::SocketHandler.
// So a page it serves can open ws://<same host>/ws: one origin.
//
//   WebServer server(player_server, game_socket, {.port = 5000});
//   server.Url();  // "http://127.0.0.1:5000"
//
// Beast stays inside support/src: including this header is cheap. The
// websocket half is a library of its own (kata_web_ws), linked only by those
// that construct a server with a SocketHandler.
//
// Threads: one I/O thread runs every socket operation. Plain HTTP handlers
// run on a small pool (http_threads), several at once, so the handler must
// be safe to call concurrently (the katas' handlers are). A websocket's
// SocketHandler runs on a thread of its own, so it may block; at most
// max_socket_handlers run at once.
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
  // Connections open at once, HTTP and websocket; one more gets 503 and is
  // closed. docs/architecture.md says why each limit has its value.
  std::size_t max_connections = 1000;
  // Socket handlers running at once, each on a thread of its own that ends
  // with it; a websocket that would need one more, or whose thread cannot be
  // started, is closed with 1013 (try again later).
  std::size_t max_socket_handlers = 64;
  // When set, a websocket's handler starts when its first message arrives,
  // not when it opens: an idle websocket then costs no thread at all. For
  // protocols where the client speaks first (kata 5's game).
  bool start_handler_on_first_message = false;
  // Per websocket: frames received and not yet taken by Receive (past this,
  // the server stops reading from that client until the handler catches up),
  // and bytes queued by Send and not yet written (past this, Send returns
  // false and the connection is closed with 1008: a client that does not
  // read its messages).
  std::size_t max_inbox_messages = 16;
  std::size_t max_outbox_messages = 256;
  std::size_t max_outbox_bytes = 64 * 1024;
};

class WebServer {
 public:
  // Listening when constructed; throws std::runtime_error if it cannot bind.
  // Both handlers must outlive the server. This one is in kata_web_ws.
  WebServer(http::Handler& http, ws::SocketHandler& sockets, WebServerOptions options = {});
  // Plain HTTP only: an upgrade to a websocket gets 404. Needs only kata_web.
  explicit WebServer(http::Handler& http, WebServerOptions options = {});
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
  void Start();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kata::web
