// WebServer's websocket side (kata_web_ws): each websocket is served
// asynchronously on the I/O thread; its SocketHandler runs on a thread of its
// own, at most max_socket_handlers at once. Every connection has bounded
// queues both ways.
#include <condition_variable>
#include <deque>
#include <exception>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "handler_threads.h"
#include "http_upgrade.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

namespace kata::web {

namespace {

namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using namespace std::chrono_literals;

// How long a peer has to answer our close frame before its connection is
// dropped.
constexpr auto kCloseTimeout = 2s;

class WsSession;

class Websockets : public WebsocketService {
 public:
  Websockets(Core& core, ws::SocketHandler& handler)
      : core_(core), handler_(handler), threads_(core.options.max_socket_handlers) {}

  void Accept(Upgrade&& upgrade) override;
  void CloseAllOnIoThread() override;
  void AbortAllOnIoThread() override;
  void JoinHandlers() override { threads_.Close(); }

  // I/O thread: the session's handler on a thread of its own; false if
  // there is none to be had.
  bool StartHandler(std::shared_ptr<WsSession> session);
  bool Closing() const { return closing_; }
  const WebServerOptions& Options() const { return core_.options; }
  asio::io_context& Io() { return core_.io; }

 private:
  void RunHandler(WsSession& session);

  Core& core_;
  ws::SocketHandler& handler_;
  HandlerThreads threads_;
  // I/O thread only.
  bool closing_ = false;
  std::vector<std::weak_ptr<WsSession>> sessions_;
};

// A websocket connection: Beast's stream lives on the I/O thread; the
// handler's thread and timer threads talk to it through the mutex-guarded
// queues and through posts to the I/O thread.
class WsSession : public ws::Connection, public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(Websockets& service, Upgrade&& upgrade)
      : service_(service),
        options_(service.Options()),
        ws_(std::move(upgrade.stream)),
        upgrade_(std::move(upgrade.request)),
        request_(std::move(upgrade.plain)),
        slot_(std::move(upgrade.slot)) {}

  const http::Request& UpgradeRequest() const { return request_; }

  void Accept();
  bool Send(std::string_view text) override;
  std::optional<std::string> Receive(Clock::time_point deadline) override;
  void Close(ws::CloseCode code, std::string_view reason) override;
  bool IsOpen() const override;
  void CloseOnIo(ws::CloseCode code, const std::string& reason);
  void Abort();

 private:
  void OnAccepted(beast::error_code error);
  void StartHandler();
  void Read();
  void OnRead(beast::error_code error);
  void WriteNext();
  void OnWritten(beast::error_code error);
  void MarkClosed();

  Websockets& service_;
  const WebServerOptions& options_;
  websocket::stream<beast::tcp_stream> ws_;
  BeastRequest upgrade_;
  http::Request request_;
  ConnectionSlot slot_;
  // I/O thread only.
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;
  bool writing_ = false;
  bool close_started_ = false;
  bool handler_started_ = false;
  asio::steady_timer close_timer_{ws_.get_executor()};
  // Shared with the handler's thread and senders.
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> inbox_;  // guarded by mutex_
  bool reading_paused_ = false;    // guarded by mutex_: the inbox was full
  std::size_t outbox_bytes_ = 0;   // guarded by mutex_: sent, not written yet
  std::size_t outbox_count_ = 0;   // guarded by mutex_
  bool closing_ = false;           // guarded by mutex_: Close() was called
  bool closed_ = false;            // guarded by mutex_: the connection is gone
};

void WsSession::Accept() {
  beast::get_lowest_layer(ws_).expires_never();
  // No Beast timeouts: Beast 1.74 asserts when a closing handshake times
  // out while a read waits. A peer that does not answer our close frame is
  // cut off by close_timer_ instead.
  ws_.set_option(websocket::stream_base::timeout{websocket::stream_base::none(),
                                                 websocket::stream_base::none(), false});
  ws_.read_message_max(options_.max_message_bytes);
  ws_.async_accept(upgrade_, [self = shared_from_this()](beast::error_code error) {
    self->OnAccepted(error);
  });
}

void WsSession::OnAccepted(beast::error_code error) {
  if (error) {
    MarkClosed();
    return;
  }
  if (service_.Closing()) {
    CloseOnIo(ws::CloseCode::kGoingAway, "server shutting down");
    return;
  }
  if (!options_.start_handler_on_first_message) StartHandler();
  Read();
}

void WsSession::StartHandler() {
  handler_started_ = true;
  if (!service_.StartHandler(shared_from_this())) {
    CloseOnIo(ws::CloseCode::kTryAgainLater, "server busy: try again later");
  }
}

bool WsSession::Send(std::string_view text) {
  bool too_much = false;
  {
    std::scoped_lock lock(mutex_);
    if (closed_ || closing_) return false;
    too_much = outbox_count_ + 1 > options_.max_outbox_messages ||
               outbox_bytes_ + text.size() > options_.max_outbox_bytes;
    if (!too_much) {
      ++outbox_count_;
      outbox_bytes_ += text.size();
    }
  }
  if (too_much) {
    // A client that does not read what it is sent: drop it rather than
    // hold its messages without end.
    Close(ws::CloseCode::kPolicyViolation, "too slow: messages not read");
    return false;
  }
  asio::post(service_.Io(), [self = shared_from_this(), message = std::string(text)]() mutable {
    self->outbox_.push_back(std::move(message));
    if (!self->writing_) self->WriteNext();
  });
  return true;
}

std::optional<std::string> WsSession::Receive(Clock::time_point deadline) {
  std::optional<std::string> message;
  bool resume_reading = false;
  {
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, deadline, [&] { return !inbox_.empty() || closed_ || closing_; });
    if (inbox_.empty()) {
      if (closed_ || closing_) throw ws::ClosedError("websocket connection closed");
      return std::nullopt;
    }
    message = std::move(inbox_.front());
    inbox_.pop_front();
    resume_reading = std::exchange(reading_paused_, false);
  }
  if (resume_reading) asio::post(service_.Io(), [self = shared_from_this()] { self->Read(); });
  return message;
}

void WsSession::Close(ws::CloseCode code, std::string_view reason) {
  {
    std::scoped_lock lock(mutex_);
    if (closed_ || closing_) return;
    closing_ = true;
  }
  changed_.notify_all();
  asio::post(service_.Io(), [self = shared_from_this(), code, reason = std::string(reason)] {
    self->CloseOnIo(code, reason);
  });
}

bool WsSession::IsOpen() const {
  std::scoped_lock lock(mutex_);
  return !closed_ && !closing_;
}

// I/O thread: starts the closing handshake (after any write in flight) and
// tells waiting readers at once.
void WsSession::CloseOnIo(ws::CloseCode code, const std::string& reason) {
  {
    std::scoped_lock lock(mutex_);
    closing_ = true;
  }
  changed_.notify_all();
  if (std::exchange(close_started_, true)) return;
  websocket::close_reason why(static_cast<websocket::close_code>(code), reason);
  ws_.async_close(why, [self = shared_from_this()](beast::error_code) {
    self->close_timer_.cancel();
    self->MarkClosed();
  });
  close_timer_.expires_after(kCloseTimeout);
  close_timer_.async_wait([self = shared_from_this()](beast::error_code error) {
    if (!error) self->Abort();
  });
}

// I/O thread: drops the TCP connection; pending operations end at once.
void WsSession::Abort() {
  close_timer_.cancel();
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(ws_).close();
  MarkClosed();
}

void WsSession::Read() {
  ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code error, std::size_t) {
    self->OnRead(error);
  });
}

// I/O thread. With a full inbox it stops reading (the client's frames wait
// in the kernel, then in the client): Receive starts it again.
void WsSession::OnRead(beast::error_code error) {
  if (error) {
    // The peer closed, the connection broke, or a frame was too big (Beast
    // has then already sent close code 1009).
    MarkClosed();
    return;
  }
  bool full = false;
  if (ws_.got_text()) {
    std::scoped_lock lock(mutex_);
    inbox_.push_back(beast::buffers_to_string(buffer_.data()));
    full = inbox_.size() >= options_.max_inbox_messages;
    reading_paused_ = full;
  }
  buffer_.consume(buffer_.size());
  changed_.notify_all();
  if (!handler_started_ && !close_started_) StartHandler();
  if (!full) Read();
}

void WsSession::WriteNext() {
  writing_ = true;
  ws_.text(true);
  ws_.async_write(asio::buffer(outbox_.front()),
                  [self = shared_from_this()](beast::error_code error, std::size_t) {
                    self->OnWritten(error);
                  });
}

void WsSession::OnWritten(beast::error_code error) {
  // A failed write ends the connection: what is still queued is dropped.
  const std::size_t done = error ? outbox_.size() : 1;
  {
    std::scoped_lock lock(mutex_);
    for (std::size_t i = 0; i < done; ++i) outbox_bytes_ -= outbox_[i].size();
    outbox_count_ -= done;
  }
  outbox_.erase(outbox_.begin(), outbox_.begin() + static_cast<std::ptrdiff_t>(done));
  writing_ = false;
  if (error) {
    MarkClosed();
  } else if (!outbox_.empty()) {
    WriteNext();
  }
}

void WsSession::MarkClosed() {
  {
    std::scoped_lock lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

void Websockets::Accept(Upgrade&& upgrade) {
  auto session = std::make_shared<WsSession>(*this, std::move(upgrade));
  std::erase_if(sessions_, [](const auto& weak) { return weak.expired(); });
  sessions_.push_back(session);
  session->Accept();
}

void Websockets::CloseAllOnIoThread() {
  closing_ = true;
  for (auto& weak : sessions_) {
    if (auto session = weak.lock()) session->CloseOnIo(ws::CloseCode::kGoingAway, "server shutting down");
  }
}

void Websockets::AbortAllOnIoThread() {
  for (auto& weak : sessions_) {
    if (auto session = weak.lock()) session->Abort();
  }
}

bool Websockets::StartHandler(std::shared_ptr<WsSession> session) {
  if (closing_) return false;
  return threads_.TryRun([this, session = std::move(session)]() mutable {
    RunHandler(*session);
    // The session dies on the I/O thread, where its socket lives.
    asio::post(core_.io, [session = std::move(session)] {});
  });
}

void Websockets::RunHandler(WsSession& session) {
  ServingGuard serving_guard(core_);
  ws::CloseCode code = ws::CloseCode::kNormal;
  try {
    handler_.ServeSocket(session.UpgradeRequest(), session);
  } catch (const ws::ClosedError&) {
    // The peer went away: nothing left to do.
  } catch (const std::exception& error) {
    // Said on stderr too: a test that waits in vain for a frame should show
    // why the handler stopped.
    std::cerr << "WebServer: the socket handler for " << session.UpgradeRequest().target
              << " threw: " << error.what() << "\n";
    code = ws::CloseCode::kInternalError;
  }
  session.Close(code, "");
}

}  // namespace

WebServer::WebServer(http::Handler& http, ws::SocketHandler& sockets, WebServerOptions options)
    : impl_(std::make_unique<Impl>(http, std::move(options))) {
  impl_->websockets = std::make_unique<Websockets>(*impl_, sockets);
  Start();
}

}  // namespace kata::web
