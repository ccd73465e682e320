#include "testkit/test_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <chrono>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "kata/httplib_adapter.h"

namespace kata::testkit {

struct TestServer::Impl {
  std::unique_ptr<HandlerFunc> owned_handler;
  httplib::Server server;
  std::stop_source stop;
  std::jthread listener;
  std::string url;
  int port = 0;
  std::once_flag closed;

  void Start(http::Handler& handler);
};

TestServer::TestServer(http::Handler& handler) : impl_(std::make_unique<Impl>()) {
  impl_->Start(handler);
}

TestServer::TestServer(HandlerFunc::Function handler) : impl_(std::make_unique<Impl>()) {
  impl_->owned_handler = std::make_unique<HandlerFunc>(std::move(handler));
  impl_->Start(*impl_->owned_handler);
}

TestServer::~TestServer() { Close(); }

const std::string& TestServer::Url() const { return impl_->url; }
int TestServer::Port() const { return impl_->port; }
std::stop_token TestServer::StopToken() const { return impl_->stop.get_token(); }

void TestServer::Close() {
  std::call_once(impl_->closed, [this] {
    impl_->stop.request_stop();
    impl_->server.stop();
    if (impl_->listener.joinable()) impl_->listener.join();
  });
}

void TestServer::Impl::Start(http::Handler& handler) {
  Impl& impl = *this;
  http::Mount(impl.server, handler);
  // An idle keep-alive connection holds a worker thread until this timeout
  // (whole seconds), and stop() waits for the workers. Zero closes a
  // connection that stays idle for a few milliseconds; a client that sends
  // its requests back to back keeps reusing its connection.
  impl.server.set_keep_alive_timeout(0);
  // Debian's cpp-httplib listens with a backlog of 5: when more clients
  // connect at once than the server has accepted yet, the kernel drops their
  // SYNs and they retry a second later (a test that takes 1.1 s instead of
  // 0.1 s). Listening again on the same socket raises the backlog.
  int listening_socket = -1;
  impl.server.set_socket_options([&listening_socket](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening_socket = sock;
  });
  impl.port = impl.server.bind_to_any_port("127.0.0.1");
  if (impl.port <= 0) {
    throw std::runtime_error("testkit::TestServer: cannot bind 127.0.0.1 to an ephemeral port");
  }
  if (listening_socket >= 0) ::listen(listening_socket, SOMAXCONN);
  impl.url = "http://127.0.0.1:" + std::to_string(impl.port);
  impl.listener = std::jthread([&impl] { impl.server.listen_after_bind(); });
  // stop() before listen_after_bind() has started its loop would hang, so
  // the constructor returns only once the server is running.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!impl.server.is_running()) {
    if (std::chrono::steady_clock::now() > deadline) {
      throw std::runtime_error("testkit::TestServer: " + impl.url + " did not start within 10 s");
    }
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
}

struct HttpClient::Impl {
  std::string base_url;
  httplib::Client client;
  explicit Impl(std::string_view url) : base_url(url), client(std::string(url)) {
    client.set_keep_alive(true);
    client.set_url_encode(false);  // send targets exactly as the test wrote them
    client.set_connection_timeout(5);
    client.set_read_timeout(10);
  }
};

HttpClient::HttpClient(std::string_view base_url)
    : impl_(std::make_unique<Impl>(base_url)) {}
HttpClient::~HttpClient() = default;

http::Response HttpClient::Get(std::string_view target) { return Send("GET", target); }

http::Response HttpClient::Post(std::string_view target, std::string_view body) {
  return Send("POST", target, body);
}

http::Response HttpClient::Send(std::string_view method, std::string_view target,
                                std::string_view body, const http::Headers& headers) {
  httplib::Request request;
  request.method = std::string(method);
  request.path = std::string(target);
  request.body = std::string(body);
  for (const auto& [key, value] : headers) request.headers.emplace(key, value);
  if (!body.empty() && !request.has_header("Content-Type")) {
    request.headers.emplace("Content-Type", "text/plain");
  }
  auto result = impl_->client.send(request);
  if (!result) {
    throw std::runtime_error("testkit::HttpClient: " + std::string(method) + " " +
                             impl_->base_url + std::string(target) + " failed: " +
                             httplib::to_string(result.error()));
  }
  http::Response response;
  response.status = result->status;
  for (const auto& [key, value] : result->headers) response.headers.emplace(key, value);
  response.body = result->body;
  return response;
}

}  // namespace kata::testkit
