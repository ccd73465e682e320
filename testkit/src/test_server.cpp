#include "testkit/test_server.h"

// <utility> before the Asio headers: with g++ 12 in C++20 mode some Asio
// headers use std::exchange without including it.
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "kata/web_server.h"

namespace kata::testkit {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

// The server is kata::web::WebServer, the Boost.Beast server that
// poker_server runs, and not a library built without ThreadSanitizer: every
// access and every lock in a test that uses it is seen by TSan, so nothing
// has to be silenced (docs/architecture.md, "ThreadSanitizer options").
struct TestServer::Impl {
  std::unique_ptr<HandlerFunc> owned_handler;
  std::stop_source stop;
  std::optional<web::WebServer> server;
  std::once_flag closed;

  void Start(http::Handler& handler, std::size_t handler_threads) {
    // Eight handlers at once by default: the katas' loopback tests send from
    // up to eight threads, and a test server that never answers (kata 6)
    // must not hold up the others. Kata 16 holds ten requests inside its
    // handler and needs an eleventh served meanwhile: it asks for more.
    // Plain HTTP only (an upgrade gets 404): the websocket half of the
    // server is neither compiled nor linked into the katas that use this.
    server.emplace(handler,
                   web::WebServerOptions{.host = "127.0.0.1", .http_threads = handler_threads});
  }
};

TestServer::TestServer(http::Handler& handler, std::size_t handler_threads)
    : impl_(std::make_unique<Impl>()) {
  impl_->Start(handler, handler_threads);
}

TestServer::TestServer(HandlerFunc::Function handler, std::size_t handler_threads)
    : impl_(std::make_unique<Impl>()) {
  impl_->owned_handler = std::make_unique<HandlerFunc>(std::move(handler));
  impl_->Start(*impl_->owned_handler, handler_threads);
}

TestServer::~TestServer() { Close(); }

const std::string& TestServer::Url() const { return impl_->server->Url(); }
int TestServer::Port() const { return impl_->server->Port(); }
std::stop_token TestServer::StopToken() const { return impl_->stop.get_token(); }

void TestServer::Close() {
  std::call_once(impl_->closed, [this] {
    impl_->stop.request_stop();
    impl_->server->Close();
  });
}

// A blocking client over Beast: each call runs the io_context on the
// calling thread until the exchange is done or its deadline passes.
struct HttpClient::Impl {
  std::string base_url;
  std::string host;
  std::string port;
  asio::io_context io;
  std::optional<beast::tcp_stream> stream;  // open while the server keeps the connection alive
  beast::flat_buffer buffer;

  explicit Impl(std::string_view url) : base_url(url) {
    constexpr std::string_view kScheme = "http://";
    if (!url.starts_with(kScheme)) {
      throw std::runtime_error("testkit::HttpClient: not an http:// URL: " + base_url);
    }
    std::string_view authority = url.substr(kScheme.size());
    authority = authority.substr(0, authority.find('/'));
    auto colon = authority.rfind(':');
    host = std::string(authority.substr(0, colon));
    port = colon == std::string_view::npos ? "80" : std::string(authority.substr(colon + 1));
  }

  // Runs one asynchronous operation to its end, or throws at the deadline.
  template <typename Start>
  beast::error_code Await(Start start) {
    beast::error_code result;
    bool done = false;
    start([&](beast::error_code error, auto&&...) {
      result = error;
      done = true;
    });
    io.restart();
    while (!done && io.run_one() > 0) {
    }
    return result;
  }

  void Connect(const std::string& what) {
    tcp::resolver resolver(io);
    beast::error_code error;
    auto endpoints = resolver.resolve(host, port, error);
    if (error) Fail(what, "cannot resolve " + host, error);
    stream.emplace(io);
    buffer.clear();
    stream->expires_after(std::chrono::seconds(5));
    error = Await([&](auto handler) { stream->async_connect(endpoints, std::move(handler)); });
    if (error) {
      stream.reset();
      Fail(what, "cannot connect", error);
    }
  }

  // One request and its response on the open connection. Empty when the
  // server had already closed a kept-alive connection before reading a byte
  // of this request: the caller then sends it again on a new one.
  std::optional<bhttp::response<bhttp::string_body>> Exchange(bhttp::request<bhttp::string_body>& request,
                                                             bool reused, const std::string& what) {
    stream->expires_after(std::chrono::seconds(10));
    beast::error_code error =
        Await([&](auto handler) { bhttp::async_write(*stream, request, std::move(handler)); });
    if (error) {
      stream.reset();
      if (reused) return std::nullopt;
      Fail(what, "cannot send the request", error);
    }
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    error = Await([&](auto handler) { bhttp::async_read(*stream, buffer, parser, std::move(handler)); });
    if (error) {
      bool nothing_came = !parser.got_some();
      stream.reset();
      if (reused && nothing_came &&
          (error == bhttp::error::end_of_stream || error == asio::error::connection_reset)) {
        return std::nullopt;
      }
      Fail(what, error == beast::error::timeout ? "no answer within 10 s" : "cannot read the response", error);
    }
    auto response = parser.release();
    if (!response.keep_alive()) stream.reset();
    return response;
  }

  [[noreturn]] void Fail(const std::string& what, const std::string& cause, const beast::error_code& error) {
    throw std::runtime_error("testkit::HttpClient: " + what + " failed: " + cause + " (" + error.message() +
                             ")");
  }
};

HttpClient::HttpClient(std::string_view base_url) : impl_(std::make_unique<Impl>(base_url)) {}
HttpClient::~HttpClient() = default;

http::Response HttpClient::Get(std::string_view target) { return Send("GET", target); }

http::Response HttpClient::Post(std::string_view target, std::string_view body) {
  return Send("POST", target, body);
}

http::Response HttpClient::Send(std::string_view method, std::string_view target, std::string_view body,
                                const http::Headers& headers) {
  Impl& impl = *impl_;
  const std::string what = std::string(method) + " " + impl.base_url + std::string(target);
  bhttp::request<bhttp::string_body> request;
  request.method_string(std::string(method));
  request.target(std::string(target));  // exactly as the test wrote it
  request.version(11);
  request.set(bhttp::field::host, impl.host + ":" + impl.port);
  request.keep_alive(true);
  for (const auto& [name, value] : headers) request.insert(name, value);
  if (!body.empty() && request.find(bhttp::field::content_type) == request.end()) {
    request.set(bhttp::field::content_type, "text/plain");
  }
  request.body() = std::string(body);
  request.prepare_payload();

  std::optional<bhttp::response<bhttp::string_body>> response;
  if (impl.stream) response = impl.Exchange(request, /*reused=*/true, what);
  if (!response) {
    impl.Connect(what);
    response = impl.Exchange(request, /*reused=*/false, what);
  }
  http::Response out;
  out.status = static_cast<int>(response->result_int());
  for (const auto& field : *response) {
    out.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = std::move(response->body());
  return out;
}

}  // namespace kata::testkit
