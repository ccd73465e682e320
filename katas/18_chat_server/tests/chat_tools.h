// The tools of this kata's tests: a member's next line with a deadline, the
// lines waiting in an outbox, and a TCP client for the server.
//
// NextLine(outbox) is the next line of a member's outbox; std::nullopt once
// the outbox is closed and drained; kNothingCame if nothing came within
// kHang, which only a hang takes (the hub answers in microseconds).
// Waiting(outbox) takes the lines already in it, without waiting: call
// hub.MemberCount() first, a round trip through the hub's inbox, and every
// event sent before it has been handled.
//
// Client connects to the server on 127.0.0.1. SendLine adds the '\n';
// ReadLine gives the next line without it, std::nullopt at end of file, and
// kNothingCame after kHang. SignIn(port, name) connects and answers the
// name prompt.
//
// Thread safety: each call on the calling thread; a Client belongs to one
// thread at a time.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "hub.h"

namespace chat_test {

using namespace std::chrono_literals;
using kata::chat::Hub;
using Outbox = kata::Receiver<std::string>;
using Lines = std::vector<std::string>;

inline constexpr std::chrono::milliseconds kHang = 10s;
inline const std::string kNothingCame = "(nothing came within 10 s)";

inline std::optional<std::string> NextLine(const Outbox& outbox) {
  std::stop_source give_up;
  std::mutex mutex;
  std::condition_variable received;
  bool done = false;
  std::jthread timer([&] {
    std::unique_lock lock(mutex);
    if (!received.wait_for(lock, kHang, [&] { return done; })) give_up.request_stop();
  });
  std::optional<std::string> line = outbox.Recv(give_up.get_token());
  {
    std::scoped_lock lock(mutex);
    done = true;
  }
  received.notify_one();
  if (!line && give_up.stop_requested()) return kNothingCame;
  return line;
}

inline std::vector<std::string> Waiting(const Outbox& outbox) {
  std::vector<std::string> lines;
  while (std::optional<std::string> line = outbox.TryRecv()) lines.push_back(std::move(*line));
  return lines;
}

// Joins and checks the member's first line, the welcome.
inline Outbox JoinAs(Hub& hub, const std::string& name, int others) {
  std::optional<Outbox> outbox = hub.Join(name);
  if (!outbox) throw std::runtime_error("Join(\"" + name + "\") refused a free name");
  const std::string count = std::to_string(others) + (others == 1 ? " other" : " others");
  EXPECT_EQ(NextLine(*outbox), "welcome, " + name + ": " + count + " here");
  return *outbox;
}

class Client {
 public:
  explicit Client(unsigned short port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      throw std::runtime_error("cannot connect to 127.0.0.1:" + std::to_string(port));
    }
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void SendLine(std::string_view line) {
    const std::string wire = std::string(line) + '\n';
    for (std::size_t sent = 0; sent < wire.size();) {
      const ssize_t n = ::send(fd_, wire.data() + sent, wire.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) throw std::runtime_error("the server closed the connection");
      sent += static_cast<std::size_t>(n);
    }
  }

  std::optional<std::string> ReadLine() {
    const auto deadline = std::chrono::steady_clock::now() + kHang;
    while (pending_.find('\n') == std::string::npos) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      pollfd ready{fd_, POLLIN, 0};
      if (left.count() <= 0 || ::poll(&ready, 1, static_cast<int>(left.count())) <= 0) {
        return kNothingCame;
      }
      char chunk[512];
      const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
      if (n <= 0) return std::nullopt;  // end of file (or reset): the server closed it
      pending_.append(chunk, static_cast<std::size_t>(n));
    }
    const std::size_t newline = pending_.find('\n');
    std::string line = pending_.substr(0, newline);
    pending_.erase(0, newline + 1);
    return line;
  }

 private:
  int fd_;
  std::string pending_;
};

}  // namespace chat_test
