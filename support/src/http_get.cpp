#include "kata/http_get.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace kata::http {
namespace {

using Clock = std::chrono::steady_clock;

// Owns a file descriptor.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }

 private:
  int fd_;
};

struct Url {
  std::string host;
  std::string port = "80";
  std::string target = "/";
};

Url ParseUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (!url.starts_with(kScheme)) {
    throw GetError(GetError::Cause::kFailed,
                   "GET " + std::string(url) + ": only http:// URLs are supported");
  }
  std::string_view rest = url.substr(kScheme.size());
  auto end_of_authority = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end_of_authority);
  Url parsed;
  if (end_of_authority != std::string_view::npos) {
    std::string_view target = rest.substr(end_of_authority);
    target = target.substr(0, target.find('#'));
    parsed.target = target.starts_with('/') ? std::string(target) : "/" + std::string(target);
  }
  auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    parsed.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  }
  if (authority.starts_with('[') && authority.ends_with(']')) {
    authority = authority.substr(1, authority.size() - 2);
  }
  parsed.host = std::string(authority);
  if (parsed.host.empty() || parsed.port.empty()) {
    throw GetError(GetError::Cause::kFailed, "GET " + std::string(url) + ": no host or port");
  }
  return parsed;
}

// One GET in progress: a non-blocking socket, and an eventfd that a stop
// request writes to, so that every wait is a poll() on both.
class Exchange {
 public:
  Exchange(std::string_view url, std::stop_token stop, Clock::time_point deadline)
      : url_(url),
        deadline_(deadline),
        wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)),
        on_stop_(std::move(stop), Waker{wake_.get()}) {
    if (wake_.get() < 0) Fail("eventfd", errno);
  }

  Response Run() {
    Url url = ParseUrl(url_);
    Connect(url);
    std::string request = "GET " + url.target + " HTTP/1.1\r\nHost: " + url.host + ":" + url.port +
                          "\r\nUser-Agent: kata-http-get\r\nAccept: */*\r\n" +
                          "Connection: close\r\n\r\n";
    Send(request);
    Response response = Receive();
    // However the scheduler delayed us, an answer completed after the
    // deadline is too late.
    if (Clock::now() > deadline_) Throw(GetError::Cause::kTimedOut, "timed out");
    return response;
  }

 private:
  struct Waker {
    int fd;
    void operator()() const noexcept {
      std::uint64_t one = 1;
      [[maybe_unused]] auto written = ::write(fd, &one, sizeof one);
    }
  };

  [[noreturn]] void Throw(GetError::Cause cause, const std::string& what) const {
    throw GetError(cause, "GET " + url_ + ": " + what);
  }
  [[noreturn]] void Fail(const char* what, int error) const {
    Throw(GetError::Cause::kFailed, std::string(what) + ": " + std::strerror(error));
  }

  // Waits until the socket is ready for `events`, the stop is requested or
  // the deadline passes (those two throw).
  void Wait(short events) {
    for (;;) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline_ - Clock::now());
      if (left.count() <= 0) Throw(GetError::Cause::kTimedOut, "timed out");
      pollfd fds[2] = {{socket_.get(), events, 0}, {wake_.get(), POLLIN, 0}};
      int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 60'000)));
      if (ready < 0 && errno != EINTR) Fail("poll", errno);
      if (fds[1].revents != 0) Throw(GetError::Cause::kCancelled, "cancelled");
      if (ready > 0 && fds[0].revents != 0) return;
    }
  }

  void Connect(const Url& url) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (int error = ::getaddrinfo(url.host.c_str(), url.port.c_str(), &hints, &found); error != 0) {
      Throw(GetError::Cause::kFailed, std::string("cannot resolve host: ") + gai_strerror(error));
    }
    std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> addresses(found, ::freeaddrinfo);
    int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                      found->ai_protocol);
    if (fd < 0) Fail("socket", errno);
    socket_.Reset(fd);
    if (::connect(fd, found->ai_addr, found->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) Fail("connect", errno);
      Wait(POLLOUT);
      int error = 0;
      socklen_t length = sizeof error;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
      if (error != 0) Fail("connect", error);
    }
  }

  void Send(std::string_view data) {
    while (!data.empty()) {
      Wait(POLLOUT);
      ssize_t sent = ::send(socket_.get(), data.data(), data.size(), MSG_NOSIGNAL);
      if (sent < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        Fail("send", errno);
      }
      data.remove_prefix(static_cast<std::size_t>(sent));
    }
  }

  // Reads the head, then the body up to its Content-Length or to the end of
  // the connection.
  Response Receive() {
    std::string received;
    std::size_t head_end = std::string::npos;
    std::optional<std::size_t> body_length;
    Response response;
    for (;;) {
      if (head_end != std::string::npos && body_length &&
          received.size() >= head_end + *body_length) {
        break;
      }
      Wait(POLLIN);
      char buffer[4096];
      ssize_t got = ::recv(socket_.get(), buffer, sizeof buffer, 0);
      if (got < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        Fail("recv", errno);
      }
      if (got == 0) break;
      received.append(buffer, static_cast<std::size_t>(got));
      if (head_end == std::string::npos) {
        auto blank = received.find("\r\n\r\n");
        if (blank == std::string::npos) continue;
        head_end = blank + 4;
        ParseHead(std::string_view(received).substr(0, blank), response);
        if (auto length = response.Header("Content-Length")) {
          std::size_t value = 0;
          auto [ptr, error] =
              std::from_chars(length->data(), length->data() + length->size(), value);
          if (error == std::errc()) body_length = value;
        }
      }
    }
    if (head_end == std::string::npos) {
      Throw(GetError::Cause::kFailed, "the connection closed before a complete HTTP answer");
    }
    response.body = received.substr(head_end, body_length.value_or(std::string::npos));
    return response;
  }

  void ParseHead(std::string_view head, Response& response) const {
    auto line_end = head.find("\r\n");
    std::string_view status_line = head.substr(0, line_end);
    // "HTTP/1.1 200 OK"
    auto space = status_line.find(' ');
    if (!status_line.starts_with("HTTP/") || space == std::string_view::npos) {
      Throw(GetError::Cause::kFailed, "not an HTTP answer: " + std::string(status_line));
    }
    std::string_view code = status_line.substr(space + 1, 3);
    int status = 0;
    auto [ptr, error] = std::from_chars(code.data(), code.data() + code.size(), status);
    if (error != std::errc() || code.size() != 3) {
      Throw(GetError::Cause::kFailed, "bad status line: " + std::string(status_line));
    }
    response.status = status;
    while (line_end != std::string_view::npos) {
      head.remove_prefix(line_end + 2);
      line_end = head.find("\r\n");
      std::string_view line = head.substr(0, line_end);
      auto colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.remove_suffix(1);
      response.headers.emplace(std::string(line.substr(0, colon)), std::string(value));
    }
  }

  std::string url_;
  Clock::time_point deadline_;
  Fd wake_;
  Fd socket_;
  // Last, so that it is unregistered before the eventfd closes.
  std::stop_callback<Waker> on_stop_;
};

}  // namespace

Response Get(std::string_view url, std::stop_token stop, Clock::time_point deadline) {
  return Exchange(url, std::move(stop), deadline).Run();
}

Response Get(std::string_view url) {
  return Get(url, std::stop_token(), Clock::now() + std::chrono::seconds(10));
}

}  // namespace kata::http
