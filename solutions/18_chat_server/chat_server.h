// ChatServer: the hub over TCP, one connection per member. A thread per
// connection reads the member's lines and hands them to the hub; a second
// one writes the member's outbox to the socket.
//
//   kata::chat::Hub hub;
//   kata::chat::ChatServer server(hub);  // listening on 127.0.0.1, an ephemeral port
//   ConnectTo(server.Port());            // "* your name?" ...
//   server.Stop();                       // every connection closed, every thread joined
//
// The protocol, a line each way ending in '\n': the server asks for a name
// (kAskName) until it gets a free, valid one (kBadName, kNameTaken), then
// every line the client sends goes to the hub, and every line of the
// member's outbox comes back. A line over kMaxLineBytes is refused with
// kLineTooLong; the connection stays. Empty lines are ignored.
//
// Thread safety: Port and Stop may be called from any thread. The hub must
// outlive the server.
#pragma once

#include <list>
#include <memory>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

#include "hub.h"

namespace kata::chat {

class Listener;    // the listening socket (chat_server.cpp)
class Connection;  // one client, its threads and its socket (chat_server.cpp)

class ChatServer {
 public:
  // Listens at once on host:port (port 0: an ephemeral port). Serves every
  // connection: writes kAskName, reads the name (kBadName / kNameTaken and asks
  // again), then relays lines to the hub and the member's outbox to the socket.
  ChatServer(Hub& hub, const std::string& host = "127.0.0.1", unsigned short port = 0);
  ~ChatServer();  // Stop()
  ChatServer(const ChatServer&) = delete;
  ChatServer& operator=(const ChatServer&) = delete;

  unsigned short Port() const;
  // Idempotent: stops accepting, closes every connection, joins every thread,
  // within 1 s.
  void Stop();

 private:
  void Accept(std::stop_token stop);  // the accepting thread
  void Reap();                        // forgets finished connections; mutex_ held

  Hub& hub_;
  std::unique_ptr<Listener> listener_;
  std::mutex mutex_;
  std::list<std::unique_ptr<Connection>> connections_;  // guarded by mutex_
  std::mutex stop_mutex_;                               // one Stop at a time
  bool stopped_ = false;                                // guarded by stop_mutex_
  std::jthread acceptor_;                               // last: it uses the rest
};

}  // namespace kata::chat
