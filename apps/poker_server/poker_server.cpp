#include "poker_server.h"

#include <httplib.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <ostream>
#include <thread>

#include "kata/httplib_adapter.h"

namespace poker_server {
namespace {

namespace http = kata::http;

// How many requests cpp-httplib serves at once: each connection holds a
// worker while it is open, so this many clients can keep their connections.
constexpr std::size_t kWorkers = 32;
// An idle keep-alive connection is closed after this many seconds; it also
// bounds how long a stop waits for idle clients.
constexpr time_t kKeepAliveSeconds = 1;
constexpr std::size_t kKeepAliveRequests = 1000;

std::string_view Flag(std::string_view arg) { return arg.substr(0, arg.find('=')); }

int ParsePort(std::string_view text) {
  int port = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), port);
  if (error != std::errc() || end != text.data() + text.size() || port < 0 || port > 65535) {
    throw UsageError("--port wants a number from 0 to 65535, not '" + std::string(text) + "'");
  }
  return port;
}

// The length of the UTF-8 sequence starting at `text[0]`, or 0 if it is not
// a valid one (overlong forms, surrogates and code points past U+10FFFF are
// not valid).
std::size_t Utf8SequenceLength(std::string_view text) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  unsigned char first = byte(0);
  std::size_t length = first < 0x80             ? 1
                       : (first & 0xE0) == 0xC0 ? 2
                       : (first & 0xF0) == 0xE0 ? 3
                       : (first & 0xF8) == 0xF0 ? 4
                                                : 0;
  if (length == 0 || length > text.size()) return 0;
  char32_t code = length == 1 ? first : first & (0x7F >> length);
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i) & 0x3F);
  }
  static constexpr char32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  if (code < 0x20 || (code >= 0x7F && code < 0xA0)) return 0;  // control characters
  return length;
}

std::string HostForUrl(const std::string& host) {
  return host.find(':') == std::string::npos ? host : "[" + host + "]";
}

// Why binding host:port failed, asked again with a socket of our own (httplib
// only says that it failed).
std::string WhyCannotBind(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  if (int error = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); error != 0) {
    return ::gai_strerror(error);
  }
  std::string why = "unknown error";
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    int sock = ::socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
    if (sock < 0) {
      why = std::strerror(errno);
      continue;
    }
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    bool bound = ::bind(sock, ai->ai_addr, ai->ai_addrlen) == 0;
    if (!bound) why = std::strerror(errno);
    ::close(sock);
    if (bound) {
      why = "the address was busy a moment ago";
      break;
    }
  }
  ::freeaddrinfo(found);
  return why;
}

}  // namespace

Options ParseArgs(const std::vector<std::string_view>& args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    if (arg == "-h" || arg == "--help") {
      options.help = true;
      continue;
    }
    std::string_view flag = Flag(arg);
    if (flag != "--host" && flag != "--port" && flag != "--db") {
      throw UsageError("unknown option '" + std::string(arg) + "'");
    }
    std::string_view value;
    if (flag.size() < arg.size()) {
      value = arg.substr(flag.size() + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      throw UsageError(std::string(flag) + " needs a value");
    }
    if (value.empty()) throw UsageError(std::string(flag) + " needs a value");
    if (flag == "--host") options.host = std::string(value);
    if (flag == "--port") options.port = ParsePort(value);
    if (flag == "--db") options.db = std::filesystem::path(value);
  }
  return options;
}

bool IsValidName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameBytes) return false;
  while (!name.empty()) {
    std::size_t length = Utf8SequenceLength(name);
    if (length == 0) return false;
    name.remove_prefix(length);
  }
  return true;
}

void RequestRules::ServeHttp(const http::Request& request, http::Response& response) {
  constexpr std::string_view kPlayers = "/players/";
  std::string_view path = request.path;
  if (path.starts_with(kPlayers)) {
    std::string_view name = path.substr(kPlayers.size());
    // An empty name, or one with a '/', is not a player's URL: the router's 404.
    if (!name.empty() && name.find('/') == std::string_view::npos && !IsValidName(name)) {
      response.status = http::kBadRequest;
      response.body =
          name.size() > kMaxNameBytes
              ? "a player's name is at most " + std::to_string(kMaxNameBytes) + " bytes\n"
              : std::string("a player's name must be printable UTF-8\n");
      return;
    }
  }
  next_.ServeHttp(request, response);
}

App::App(const std::filesystem::path& db) : store_(db.string()), league_(store_), rules_(league_) {}

struct HttpServer::Impl {
  httplib::Server server;
  std::string url;
  std::mutex mutex;
  std::condition_variable changed;
  bool stop_requested = false;   // guarded by mutex
  bool listening_ended = false;  // guarded by mutex
};

HttpServer::HttpServer(const std::string& host, int port) : impl_(std::make_unique<Impl>()) {
  auto& server = impl_->server;
  server.new_task_queue = [] { return new httplib::ThreadPool(kWorkers); };
  server.set_payload_max_length(kMaxBodyBytes);
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  server.set_keep_alive_max_count(kKeepAliveRequests);
  // httplib writes the headers and the body separately: with Nagle's
  // algorithm on, the body waits for the client's delayed ACK (40 ms).
  server.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, which would let a
  // second server bind the same port instead of failing.
  server.set_socket_options([](int sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  int bound =
      port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
  if (bound <= 0) {
    throw std::runtime_error("cannot listen on " + HostForUrl(host) + ":" + std::to_string(port) +
                             ": " + WhyCannotBind(host, port));
  }
  impl_->url = "http://" + HostForUrl(host) + ":" + std::to_string(bound);
}

HttpServer::~HttpServer() = default;

const std::string& HttpServer::Url() const { return impl_->url; }

void HttpServer::Serve(http::Handler& handler) {
  Impl& impl = *impl_;
  http::Mount(impl.server, handler);
  // A request with neither Content-Length nor Transfer-Encoding has no body
  // (RFC 9112, 6.3), but cpp-httplib 0.11 waits for one until its read
  // timeout and then answers 400: `curl -X POST .../players/Pepper` would
  // take 5 s to fail. Such requests are served here, before httplib reads.
  impl.server.set_pre_routing_handler(
      [&handler](const httplib::Request& request, httplib::Response& response) {
        if (request.has_header("Content-Length") || request.has_header("Transfer-Encoding") ||
            request.method == "GET" || request.method == "HEAD" || request.method == "OPTIONS") {
          return httplib::Server::HandlerResponse::Unhandled;
        }
        http::Response out;
        try {
          handler.ServeHttp(http::FromHttplib(request), out);
        } catch (const std::exception& error) {
          out = http::Response{};
          out.status = http::kInternalServerError;
          out.body = std::string("handler threw: ") + error.what() + "\n";
        }
        http::ToHttplib(out, response);
        return httplib::Server::HandlerResponse::Handled;
      });
  std::thread listener([&impl] {
    impl.server.listen_after_bind();
    std::scoped_lock lock(impl.mutex);
    impl.listening_ended = true;
    impl.changed.notify_all();
  });
  // httplib's stop() before its loop runs would be lost (and the loop would
  // never end), so stop() is called from here, once the server is running.
  std::unique_lock lock(impl.mutex);
  while (!impl.server.is_running() && !impl.listening_ended) {
    impl.changed.wait_for(lock, std::chrono::milliseconds(1));
  }
  impl.changed.wait(lock, [&impl] { return impl.stop_requested || impl.listening_ended; });
  lock.unlock();
  impl.server.stop();  // stops accepting; the workers finish what is in flight
  listener.join();
}

void HttpServer::Stop() {
  std::scoped_lock lock(impl_->mutex);
  impl_->stop_requested = true;
  impl_->changed.notify_all();
}

void BlockStopSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
}

int Run(const Options& options, std::ostream& out, std::ostream& err) {
  std::unique_ptr<HttpServer> server;
  std::unique_ptr<App> app;
  try {
    // The port first: a server that cannot listen must not touch the database.
    server = std::make_unique<HttpServer>(options.host, options.port);
    app = std::make_unique<App>(options.db);
  } catch (const std::exception& error) {
    err << "poker_server: " << error.what() << "\n";
    return 1;
  }
  out << "poker_server: listening on " << server->Url() << " (league in " << options.db.string()
      << ")" << std::endl;

  std::atomic<int> stopped_by = 0;
  std::thread waiter([&] {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    int signal = 0;
    if (sigwait(&signals, &signal) == 0) stopped_by = signal;
    server->Stop();
  });
  server->Serve(app->Handler());
  const bool stopped_by_itself = stopped_by == 0;
  if (stopped_by_itself) pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter
  waiter.join();
  if (stopped_by_itself) {
    err << "poker_server: the server stopped by itself\n";
    return 1;
  }
  out << "poker_server: stopped by " << (stopped_by == SIGINT ? "SIGINT" : "SIGTERM")
      << "; every win is saved" << std::endl;
  return 0;
}

}  // namespace poker_server
