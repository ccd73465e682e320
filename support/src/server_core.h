// Inside kata::web::WebServer (not installed): what the listening core, the
// HTTP sessions (http_session.cpp) and the websocket sessions (kata_web_ws,
// ws_session.cpp) share. Asio only, no Beast: the core's translation unit
// stays quick to compile, and a server without websockets never compiles or
// links the websocket part.
//
// Threads: one I/O thread runs every socket operation and every member
// marked "I/O thread"; plain HTTP handlers run on handler_pool.
#pragma once

// <utility> before the Asio headers: with g++ 12 in C++20 mode some Asio
// headers use std::exchange without including it.
#include <utility>

#include <atomic>
#include <chrono>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "kata/http.h"
#include "kata/web_server.h"

namespace kata::web {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Core;

// The server whose handler the current thread is running, if any: Close()
// called from there must not join the thread it runs on.
class ServingGuard {
 public:
  explicit ServingGuard(const Core& core);
  ~ServingGuard();
  ServingGuard(const ServingGuard&) = delete;
  ServingGuard& operator=(const ServingGuard&) = delete;

  static bool IsServing(const Core& core);

 private:
  const Core* previous_;
};

// A connection as the core sees it when the server closes. I/O thread.
class Session {
 public:
  virtual ~Session() = default;
  // Ends the connection now if idle; one with a request under way is
  // answered first.
  virtual void Shutdown() = 0;
  // Ends it now, whatever it was doing.
  virtual void Stop() = 0;
};

// A request to upgrade to the websocket path, with its connection; defined
// where Beast is (http_upgrade.h).
struct Upgrade;

// Counts one open connection against max_connections, for as long as it
// lives: an HTTP session holds it, and hands it on to the websocket session
// its connection becomes.
struct ReleaseSlot {
  void operator()(Core* core) const;
};
using ConnectionSlot = std::unique_ptr<Core, ReleaseSlot>;

// The websocket side of a server, when it has one (ws_session.cpp).
class WebsocketService {
 public:
  virtual ~WebsocketService() = default;
  // I/O thread: takes the connection over.
  virtual void Accept(Upgrade&& upgrade) = 0;
  // I/O thread: every websocket gets 1001 (going away); no new one is taken.
  virtual void CloseAllOnIoThread() = 0;
  // I/O thread: drops every websocket's TCP connection.
  virtual void AbortAllOnIoThread() = 0;
  // Any thread but a socket handler's: waits for the socket handlers.
  virtual void JoinHandlers() = 0;
};

// Everything the server and its sessions share.
struct Core {
  Core(http::Handler& http_handler, WebServerOptions opts)
      : http(http_handler), options(std::move(opts)) {}

  void Listen();
  void Accept();
  void AcceptLater(std::chrono::milliseconds delay);
  void OnAccepted(tcp::socket socket);
  void RunIo();
  void CloseEverythingOnIoThread();
  void AbortEverythingOnIoThread();
  void StartClosing();
  void FinishClosing();

  // Any thread: a connection (HTTP or websocket) has ended.
  void ConnectionEnded();

  http::Handler& http;
  const WebServerOptions options;
  std::unique_ptr<WebsocketService> websockets;  // null: upgrades get 404
  std::string url;
  int port = 0;
  // Connections open, HTTP and websocket; changed on any thread. Before io:
  // sessions that io's destructor destroys still count down.
  std::atomic<std::size_t> connections = 0;

  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  tcp::acceptor acceptor{io};
  asio::steady_timer accept_timer{io};
  asio::thread_pool handler_pool{options.http_threads};

  // I/O thread only.
  bool closing = false;
  bool accepting = false;           // an async_accept or its back-off timer is pending
  bool logged_out_of_fds = false;   // "out of file descriptors" said once per episode
  std::vector<std::weak_ptr<Session>> sessions;

  std::promise<void> io_finished;
  std::jthread io_thread;
  std::once_flag closing_started;   // StartClosing: from any thread, handlers included
  std::once_flag closing_finished;  // FinishClosing: from outside the server's threads
};

struct WebServer::Impl : Core {
  using Core::Core;
};

// I/O thread: serves plain HTTP on an accepted connection (http_session.cpp).
void StartHttpSession(Core& core, tcp::socket socket, ConnectionSlot slot);
// I/O thread: answers 503 (too many connections) and closes, after reading
// what the client sent for a moment (closing with unread bytes would reset
// the connection and could lose the answer). Not counted as a connection.
void RefuseConnection(Core& core, tcp::socket socket);

}  // namespace kata::web
