// AsyncChatServer: the chat's asynchronous front end. One io_context run by
// a couple of threads serves every connection, however many: a connection is
// an object with a read loop and a write path, not a thread. The hub stays an
// actor (kata 18's kata::chat::Hub); a member's outbox is delivered by a
// waker on it that posts a drain to the connection's strand.
//
// Boost.Asio stays in async_server.cpp: nothing that includes this header
// compiles it.
//
// Thread safety: Port and Stop may be called from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "hub.h"

namespace chat_app {

struct AsyncOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 0;     // 0: an ephemeral port
  std::size_t max_line = 140;  // a longer line gets kLineTooLong and is skipped
  int threads = 2;             // run the io_context
};

class AsyncChatServer {
 public:
  // Listens at once and serves until Stop. Throws std::system_error when it
  // cannot listen on host:port. `hub` must outlive the server.
  AsyncChatServer(kata::chat::Hub& hub, const AsyncOptions& options);
  ~AsyncChatServer();  // Stop()
  AsyncChatServer(const AsyncChatServer&) = delete;
  AsyncChatServer& operator=(const AsyncChatServer&) = delete;

  unsigned short Port() const;
  // Idempotent: stops accepting, closes every connection (without a "left"
  // line for each: the hub is going too) and joins the threads.
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chat_app
