#include "kata/web_server.h"

// <utility> before the Asio headers: with g++ 12 in C++20 mode some Asio
// headers use std::exchange without including it.
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <deque>
#include <future>
#include <iostream>
#include <list>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

namespace kata::web {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using BeastRequest = bhttp::request<bhttp::string_body>;

namespace {

http::Request ToRequest(const BeastRequest& in) {
  http::Request out;
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  http::ParseTarget(out.target, out.path, out.query);
  for (const auto& field : in) {
    out.headers.emplace(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = in.body();
  return out;
}

}  // namespace

class HttpSession;
class WsSession;
struct Core;

// The server whose handler the current thread is running, if any: Close()
// called from there must not join the thread it runs on.
thread_local const Core* serving = nullptr;

class ServingGuard {
 public:
  explicit ServingGuard(const Core& core) : previous_(std::exchange(serving, &core)) {}
  ~ServingGuard() { serving = previous_; }
  ServingGuard(const ServingGuard&) = delete;
  ServingGuard& operator=(const ServingGuard&) = delete;

 private:
  const Core* previous_;
};

// Everything the server and its sessions share.
struct Core {
  Core(http::Handler& http_handler, ws::SocketHandler& socket_handler, WebServerOptions opts)
      : http(http_handler), sockets(socket_handler), options(std::move(opts)) {}

  void Listen();
  void Accept();
  void CloseEverythingOnIoThread();
  void AbortWebsocketsOnIoThread();
  void AbortEverythingOnIoThread();
  void StartWorker(std::shared_ptr<WsSession> session);
  void RunSocketHandler(WsSession& session);

  http::Handler& http;
  ws::SocketHandler& sockets;
  const WebServerOptions options;
  std::string url;
  int port = 0;

  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  tcp::acceptor acceptor{io};
  asio::thread_pool handler_pool{options.http_threads};

  // I/O thread only.
  bool closing = false;
  std::vector<std::weak_ptr<HttpSession>> http_sessions;
  std::vector<std::weak_ptr<WsSession>> ws_sessions;

  // One thread per websocket connection, running the SocketHandler.
  struct Worker {
    std::jthread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::mutex workers_mutex;
  std::list<Worker> workers;    // guarded by workers_mutex
  bool workers_closed = false;  // guarded by workers_mutex

  std::promise<void> io_finished;
  std::jthread io_thread;
  std::once_flag closing_started;  // StartClosing: from any thread, handlers included
  std::once_flag closing_finished;  // FinishClosing: from outside the server's threads
  void StartClosing();
  void FinishClosing();
};

// A websocket connection: Beast's stream lives on the I/O thread; the
// handler's thread and timer threads talk to it through the mutex-guarded
// inbox and through posts to the I/O thread.
class WsSession : public ws::Connection, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(Core& server, beast::tcp_stream stream, BeastRequest upgrade)
      : server_(server),
        ws_(std::move(stream)),
        upgrade_(std::move(upgrade)),
        request_(ToRequest(upgrade_)) {}

  const http::Request& Upgrade() const { return request_; }

  // I/O thread.
  void Accept() {
    beast::get_lowest_layer(ws_).expires_never();
    // No Beast timeouts: Beast 1.74 asserts when a closing handshake times
    // out while a read waits. A peer that does not answer our close frame is
    // cut off by close_timer_ instead.
    ws_.set_option(websocket::stream_base::timeout{websocket::stream_base::none(),
                                                   websocket::stream_base::none(), false});
    ws_.read_message_max(server_.options.max_message_bytes);
    ws_.async_accept(upgrade_, [self = shared_from_this()](beast::error_code error) {
      if (error) {
        self->MarkClosed();
        return;
      }
      if (self->server_.closing) {
        self->CloseOnIo(ws::CloseCode::kGoingAway, "server shutting down");
        return;
      }
      self->server_.StartWorker(self);
      self->Read();
    });
  }

  bool Send(std::string_view text) override {
    {
      std::scoped_lock lock(mutex_);
      if (closed_ || closing_) return false;
    }
    asio::post(server_.io, [self = shared_from_this(), message = std::string(text)]() mutable {
      self->outbox_.push_back(std::move(message));
      if (!self->writing_) self->WriteNext();
    });
    return true;
  }

  std::optional<std::string> Receive(Clock::time_point deadline) override {
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, deadline, [&] { return !inbox_.empty() || closed_ || closing_; });
    if (!inbox_.empty()) {
      std::string message = std::move(inbox_.front());
      inbox_.pop_front();
      return message;
    }
    if (closed_ || closing_) throw ws::ClosedError("websocket connection closed");
    return std::nullopt;
  }

  void Close(ws::CloseCode code, std::string_view reason) override {
    {
      std::scoped_lock lock(mutex_);
      if (closed_ || closing_) return;
      closing_ = true;
    }
    changed_.notify_all();
    asio::post(server_.io, [self = shared_from_this(), code, reason = std::string(reason)] {
      self->CloseOnIo(code, reason);
    });
  }

  bool IsOpen() const override {
    std::scoped_lock lock(mutex_);
    return !closed_ && !closing_;
  }

  // I/O thread: starts the closing handshake (after any write in flight)
  // and tells waiting readers at once.
  void CloseOnIo(ws::CloseCode code, const std::string& reason) {
    {
      std::scoped_lock lock(mutex_);
      closing_ = true;
    }
    changed_.notify_all();
    if (close_started_) return;
    close_started_ = true;
    websocket::close_reason why(static_cast<websocket::close_code>(code), reason);
    ws_.async_close(why, [self = shared_from_this()](beast::error_code) {
      self->close_timer_.cancel();
      self->MarkClosed();
    });
    close_timer_.expires_after(std::chrono::seconds(2));
    close_timer_.async_wait([self = shared_from_this()](beast::error_code error) {
      if (!error) self->Abort();
    });
  }

  // I/O thread: drops the TCP connection; pending operations end at once.
  void Abort() {
    close_timer_.cancel();
    beast::error_code ignored;
    beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(ws_).close();
    MarkClosed();
  }

 private:
  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code error, std::size_t) {
      if (error) {
        // The peer closed, the connection broke, or a frame was too big (Beast
        // has then already sent close code 1009).
        self->MarkClosed();
        return;
      }
      if (self->ws_.got_text()) {
        std::scoped_lock lock(self->mutex_);
        self->inbox_.push_back(beast::buffers_to_string(self->buffer_.data()));
      }
      self->buffer_.consume(self->buffer_.size());
      self->changed_.notify_all();
      self->Read();
    });
  }

  void WriteNext() {
    writing_ = true;
    ws_.text(true);
    ws_.async_write(asio::buffer(outbox_.front()),
                    [self = shared_from_this()](beast::error_code error, std::size_t) {
                      self->outbox_.pop_front();
                      if (error) {
                        self->outbox_.clear();
                        self->writing_ = false;
                        self->MarkClosed();
                        return;
                      }
                      if (self->outbox_.empty()) {
                        self->writing_ = false;
                      } else {
                        self->WriteNext();
                      }
                    });
  }

  void MarkClosed() {
    {
      std::scoped_lock lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

  Core& server_;
  websocket::stream<beast::tcp_stream> ws_;
  BeastRequest upgrade_;
  http::Request request_;
  // I/O thread only.
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  bool close_started_ = false;
  asio::steady_timer close_timer_{ws_.get_executor()};
  // Shared with the handler's thread and senders.
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> inbox_;  // guarded by mutex_
  bool closing_ = false;           // guarded by mutex_: Close() was called
  bool closed_ = false;            // guarded by mutex_: the connection is gone
};

// One plain HTTP connection, with keep-alive; hands an upgrade to the
// websocket path over to a WsSession. Socket work happens on the I/O thread;
// the handler runs on the handler pool, so a slow one (a store that writes
// to disk) holds up only its own connection.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(Core& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {}

  void Read() {
    busy_ = false;
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(std::chrono::seconds(30));
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, std::size_t) { self->OnRead(error); });
  }

  // I/O thread, when the server closes: an idle connection ends now; one
  // with a request under way (even half received) is answered first.
  void Shutdown() {
    // Bytes the I/O thread has not read yet count too: a client that has
    // sent half a request must not lose it because the server was slow.
    beast::error_code ignored;
    bool bytes_waiting = stream_.socket().available(ignored) > 0;
    bool request_under_way =
        busy_ || bytes_waiting || buffer_.size() > 0 || (parser_ && parser_->got_some());
    if (!request_under_way) Stop();
  }

  void Stop() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

 private:
  static constexpr std::uint32_t kHeaderLimit = 8 * 1024;

  void OnRead(beast::error_code error) {
    if (error == bhttp::error::body_limit) {
      Refuse(bhttp::status::payload_too_large, "request body too large\n");
      return;
    }
    if (error == bhttp::error::header_limit) {
      Refuse(bhttp::status::request_header_fields_too_large, "request header too large\n");
      return;
    }
    if (error) {
      Stop();
      return;
    }
    busy_ = true;
    BeastRequest request = parser_->release();
    if (websocket::is_upgrade(request)) {
      http::Request plain = ToRequest(request);
      if (plain.path == server_.options.ws_path && !server_.closing) {
        auto session = std::make_shared<WsSession>(server_, std::move(stream_), std::move(request));
        std::erase_if(server_.ws_sessions, [](const auto& weak) { return weak.expired(); });
        server_.ws_sessions.push_back(session);
        session->Accept();
        return;
      }
    }
    // The work guard keeps the I/O thread running until the answer is back.
    asio::post(server_.handler_pool, [self = shared_from_this(), request = std::move(request),
                                      work = asio::make_work_guard(server_.io)]() mutable {
      ServingGuard serving_guard(self->server_);
      auto response = std::make_shared<bhttp::response<bhttp::string_body>>(self->Serve(request));
      asio::post(self->server_.io, [self, response] { self->Write(response); });
    });
  }

  void Write(std::shared_ptr<bhttp::response<bhttp::string_body>> response) {
    bhttp::async_write(stream_, *response,
                       [self = shared_from_this(), response](beast::error_code error, std::size_t) {
                         if (error || response->need_eof()) {
                           self->Stop();
                           return;
                         }
                         self->Read();
                         // Closing: the client may have sent its next request
                         // before this handler ran; Shutdown keeps it if so.
                         if (self->server_.closing) self->Shutdown();
                       });
  }

  // Answers a request that could not be read whole, and closes.
  void Refuse(bhttp::status status, std::string body) {
    busy_ = true;
    auto response = std::make_shared<bhttp::response<bhttp::string_body>>(status, 11);
    response->set(bhttp::field::content_type, "text/plain");
    response->keep_alive(false);
    response->body() = std::move(body);
    response->prepare_payload();
    Write(response);
  }

  // Handler pool.
  bhttp::response<bhttp::string_body> Serve(const BeastRequest& request) {
    http::Response out;
    if (websocket::is_upgrade(request)) {
      out.status = http::kNotFound;
      out.body = "no websocket here";
    } else {
      try {
        server_.http.ServeHttp(ToRequest(request), out);
      } catch (const std::exception& error) {
        out = http::Response{};
        out.status = http::kInternalServerError;
        out.body = std::string("internal error: ") + error.what();
      }
    }
    bhttp::response<bhttp::string_body> response;
    response.version(request.version());
    response.result(static_cast<unsigned>(out.status));
    for (const auto& [name, value] : out.headers) response.insert(name, value);
    response.keep_alive(request.keep_alive());
    if (request.method() != bhttp::verb::head) response.body() = std::move(out.body);
    response.prepare_payload();
    return response;
  }

  Core& server_;
  beast::tcp_stream stream_;
  // I/O thread only.
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bool busy_ = false;  // a whole request was read and is not answered yet
};

void Core::Listen() {
  beast::error_code error;
  tcp::endpoint endpoint(asio::ip::make_address(options.host, error),
                         static_cast<unsigned short>(options.port));
  if (!error) acceptor.open(endpoint.protocol(), error);
  if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
  if (!error) acceptor.bind(endpoint, error);
  if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
  if (error) {
    throw std::runtime_error("WebServer: cannot listen on " + options.host + ":" +
                             std::to_string(options.port) + ": " + error.message());
  }
  port = acceptor.local_endpoint().port();
  const bool ipv6 = options.host.find(':') != std::string::npos;
  url = "http://" + (ipv6 ? "[" + options.host + "]" : options.host) + ":" + std::to_string(port);
}

void Core::Accept() {
  acceptor.async_accept([this](beast::error_code error, tcp::socket socket) {
    if (!acceptor.is_open()) return;
    if (!error) {
      auto session = std::make_shared<HttpSession>(*this, std::move(socket));
      std::erase_if(http_sessions, [](const auto& weak) { return weak.expired(); });
      http_sessions.push_back(session);
      session->Read();
    }
    Accept();
  });
}

void Core::CloseEverythingOnIoThread() {
  closing = true;
  beast::error_code ignored;
  acceptor.close(ignored);
  for (auto& weak : http_sessions) {
    if (auto session = weak.lock()) session->Shutdown();
  }
  for (auto& weak : ws_sessions) {
    if (auto session = weak.lock())
      session->CloseOnIo(ws::CloseCode::kGoingAway, "server shutting down");
  }
}

void Core::AbortWebsocketsOnIoThread() {
  for (auto& weak : ws_sessions) {
    if (auto session = weak.lock()) session->Abort();
  }
}

void Core::AbortEverythingOnIoThread() {
  AbortWebsocketsOnIoThread();
  for (auto& weak : http_sessions) {
    if (auto session = weak.lock()) session->Stop();
  }
}

void Core::StartWorker(std::shared_ptr<WsSession> session) {
  std::scoped_lock lock(workers_mutex);
  if (workers_closed) {
    session->CloseOnIo(ws::CloseCode::kGoingAway, "server shutting down");
    return;
  }
  // Join the threads of connections that have ended (they have returned).
  workers.remove_if([](const Worker& worker) { return worker.done->load(); });
  auto done = std::make_shared<std::atomic<bool>>(false);
  workers.push_back(Worker{std::jthread([this, session = std::move(session), done]() mutable {
                             RunSocketHandler(*session);
                             // The session dies on the I/O thread, where its sockets live.
                             asio::post(io, [session = std::move(session)] {});
                             done->store(true);
                           }),
                           done});
}

void Core::RunSocketHandler(WsSession& session) {
  ServingGuard serving_guard(*this);
  ws::CloseCode code = ws::CloseCode::kNormal;
  try {
    sockets.ServeSocket(session.Upgrade(), session);
  } catch (const ws::ClosedError&) {
    // The peer went away: nothing left to do.
  } catch (const std::exception& error) {
    // Said on stderr too: a test that waits in vain for a frame should show
    // why the handler stopped.
    std::cerr << "WebServer: the socket handler for " << session.Upgrade().target
              << " threw: " << error.what() << "\n";
    code = ws::CloseCode::kInternalError;
  }
  session.Close(code, "");
}

struct WebServer::Impl : Core {
  using Core::Core;
};

WebServer::WebServer(http::Handler& http, ws::SocketHandler& sockets, WebServerOptions options)
    : impl_(std::make_unique<Impl>(http, sockets, std::move(options))) {
  Impl& impl = *impl_;
  impl.Listen();
  impl.Accept();
  impl.io_thread = std::jthread([&impl] {
    impl.io.run();
    impl.io_finished.set_value();
  });
}

WebServer::~WebServer() { Close(); }

const std::string& WebServer::Url() const { return impl_->url; }
int WebServer::Port() const { return impl_->port; }

void WebServer::Close() {
  impl_->StartClosing();
  // A handler that closes its own server (a "quit" command) runs on one of
  // the threads FinishClosing joins: joining it from itself would throw
  // (websocket workers) or wait forever (the HTTP handler pool). The
  // destructor, or a Close() from outside, finishes the job.
  if (serving == impl_.get()) return;
  impl_->FinishClosing();
}

void Core::StartClosing() {
  std::call_once(closing_started, [this] {
    std::promise<void> closed_all;
    asio::post(io, [&] {
      CloseEverythingOnIoThread();
      closed_all.set_value();
    });
    closed_all.get_future().wait();
    // Every Receive now throws ClosedError, so the socket handlers return;
    // no new one starts.
    std::scoped_lock lock(workers_mutex);
    workers_closed = true;
  });
}

void Core::FinishClosing() {
  std::call_once(closing_finished, [this] {
    std::list<Worker> finishing;
    {
      std::scoped_lock lock(workers_mutex);
      finishing.swap(workers);
    }
    finishing.clear();  // joins
    // Let the closing handshakes finish, but never wait long for a peer.
    // A websocket peer that does not answer the close frame at once (a test
    // client that is not reading) has its socket closed under it; a plain
    // request under way gets a few seconds to be answered.
    work.reset();
    auto finished = io_finished.get_future();
    if (finished.wait_for(std::chrono::milliseconds(250)) != std::future_status::ready) {
      asio::post(io, [this] { AbortWebsocketsOnIoThread(); });
      if (finished.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        asio::post(io, [this] { AbortEverythingOnIoThread(); });
        if (finished.wait_for(std::chrono::seconds(1)) != std::future_status::ready) io.stop();
      }
    }
    io_thread.join();
    handler_pool.join();
  });
}

}  // namespace kata::web
