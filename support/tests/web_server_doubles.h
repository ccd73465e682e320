// Test doubles shared by the WebServer tests (support/tests/web_server_*_test.cpp):
// handlers made of functions, a shouting echo, and raw sockets for requests a
// well-behaved client would never send.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kata/web_server.h"
#include "testkit/test_server.h"

namespace kata::web {

using Clock = std::chrono::steady_clock;

class Pages : public http::Handler {
 public:
  void ServeHttp(const http::Request& request, http::Response& response) override {
    if (request.path == "/fail") throw std::runtime_error("page on fire");
    response.SetHeader("Content-Type", "text/plain");
    response.body = request.method + " " + request.path;
  }
};

// A socket handler made of a function, run on the connection's own thread.
class SocketFunc : public ws::SocketHandler {
 public:
  using Function = std::function<void(const http::Request&, ws::Connection&)>;
  explicit SocketFunc(Function function) : function_(std::move(function)) {}
  void ServeSocket(const http::Request& upgrade, ws::Connection& connection) override {
    function_(upgrade, connection);
  }

 private:
  Function function_;
};

// A plain HTTP handler made of a function.
class HttpFunc : public http::Handler {
 public:
  using Function = std::function<void(const http::Request&, http::Response&)>;
  explicit HttpFunc(Function function) : function_(std::move(function)) {}
  void ServeHttp(const http::Request& request, http::Response& response) override {
    function_(request, response);
  }

 private:
  Function function_;
};

// Echoes every message back in upper case until the peer closes.
inline SocketFunc::Function Shouter() {
  return [](const http::Request&, ws::Connection& connection) {
    for (;;) {
      auto message = connection.Receive(Clock::now() + std::chrono::seconds(10));
      if (!message) continue;
      for (char& c : *message) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      connection.Send(*message);
    }
  };
}

inline std::string WsUrl(const WebServer& server, std::string_view path = "/ws") {
  return "ws://127.0.0.1:" + std::to_string(server.Port()) + std::string(path);
}

// A raw HTTP/1.1 connection, to send half a request.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot connect");
    }
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() { ::close(fd_); }
  void Send(std::string_view text) {
    ASSERT_EQ(::send(fd_, text.data(), text.size(), 0), static_cast<ssize_t>(text.size()));
  }
  std::string ReceiveAll() {
    std::string all;
    char buffer[1024];
    for (ssize_t got; (got = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;)
      all.append(buffer, static_cast<std::size_t>(got));
    return all;
  }

 private:
  int fd_;
};

// Sends `request` on a new connection and returns everything the server
// writes back until it closes (or 10 s pass).
inline std::string RawExchange(const WebServer& server, std::string_view request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server.Port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
          static_cast<ssize_t>(request.size())) {
    timeval timeout{.tv_sec = 10, .tv_usec = 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
      answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

// Whether a new connection to `url` is refused now.
inline bool Refused(const std::string& url) {
  try {
    testkit::HttpClient(url).Get("/");
    return false;
  } catch (const std::runtime_error&) {
    return true;
  }
}

}  // namespace kata::web
