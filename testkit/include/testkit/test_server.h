// A real HTTP server on 127.0.0.1 and an ephemeral port, for tests that need
// a socket, and a small client to talk to it.
//
//   testkit::TestServer server(handler);          // listening when constructed
//   testkit::HttpClient client(server.Url());
//   auto response = client.Post("/players/Pepper");
//   // server.Close(), or the destructor, stops it and waits for its threads.
//
// Shutdown never hangs: the server is running before the constructor returns
// (cpp-httplib's stop() before listen() has started would wait forever), and
// Close() first requests the stop token that slow handlers can watch.
//
// Thread safety: Url(), Port() and StopToken() may be called from any
// thread. Close() may be called once or more, from one thread at a time.
// An HttpClient is not thread-safe: give each thread its own.
#pragma once

#include <cstddef>
#include <memory>
#include <stop_token>
#include <string>
#include <string_view>

#include "kata/http.h"
#include "testkit/http.h"

namespace kata::testkit {

class TestServer {
 public:
  // How many requests the handler serves at once unless told otherwise; one
  // more waits for a handler thread to be free.
  static constexpr std::size_t kHandlerThreads = 8;

  // `handler` must outlive the server. `handler_threads`: requests served at
  // once (a test that holds more requests inside the handler needs more).
  explicit TestServer(http::Handler& handler, std::size_t handler_threads = kHandlerThreads);
  // Owns the function.
  explicit TestServer(HandlerFunc::Function handler,
                      std::size_t handler_threads = kHandlerThreads);
  ~TestServer();

  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // "http://127.0.0.1:40123"
  const std::string& Url() const;
  int Port() const;

  // Requested when Close() begins: a handler that waits for something that
  // may never come (a server that "never answers") waits on this token too,
  // so the server can always shut down.
  std::stop_token StopToken() const;

  // Stops accepting connections, lets in-flight handlers finish and joins
  // the server's threads. Idempotent.
  void Close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A blocking HTTP/1.1 client with keep-alive, for one thread.
// Errors (connection refused, timeout) throw std::runtime_error naming the
// URL and the cause.
class HttpClient {
 public:
  explicit HttpClient(std::string_view base_url);  // "http://127.0.0.1:40123"
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  http::Response Get(std::string_view target);
  http::Response Post(std::string_view target, std::string_view body = "");
  // Any method, including ones a server may reject ("PUT", "DELETE").
  http::Response Send(std::string_view method, std::string_view target,
                      std::string_view body = "", const http::Headers& headers = {});

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kata::testkit
