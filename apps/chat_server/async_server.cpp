// The asynchronous front end (async_server.h). Every connection lives on its
// own strand; the io_context's threads run whichever strand has work.
//
// A connection's lines reach the socket through one write path: its own
// replies (kAskName, kBadName, ...) and the member's outbox. The outbox is
// pulled only while no write is under way, so a client that does not read
// leaves its lines in the outbox, where the hub sees it full and drops the
// member; nothing in the server grows for it.
#include "async_server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <chrono>
#include <deque>
#include <mutex>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_set>
#include <utility>
#include <vector>

#include "options.h"

namespace chat_app {
namespace {

namespace asio = boost::asio;
namespace chat = kata::chat;
using tcp = asio::ip::tcp;
using Strand = asio::strand<asio::io_context::executor_type>;
using ErrorCode = boost::system::error_code;

// Lines one async_write carries at most (a gather of them).
constexpr std::size_t kBatch = 64;
// A connection stops reading while more of its own replies than this wait to
// be written (a client that sends over-long lines and never reads).
constexpr std::size_t kMaxQueuedReplies = 16;
// A dropped member whose client does not read the lines left in its outbox
// is disconnected after this long.
constexpr auto kLingerAfterDrop = std::chrono::seconds(10);
// The kernel's send buffer of a connection. Linux grows it up to 4 MiB for a
// fast reader; chat lines are small, and a fixed 64 KiB bounds what the
// kernel holds for a client that does not read (10,000 of them: 640 MiB,
// not 40 GiB), and drops such a client after some 500 lines, not 30,000.
constexpr int kSendBufferBytes = 64 * 1024;
// How long the acceptor waits before trying again when it is out of descriptors.
constexpr auto kAcceptBackoff = std::chrono::milliseconds(100);

class Connection;

// What every connection shares: the hub, the line limit, and the live
// connections, so that Stop can close them.
class Shared {
 public:
  Shared(chat::Hub& hub, std::size_t max_line) : hub_(hub), max_line_(max_line) {}

  chat::Hub& Hub() const { return hub_; }
  std::size_t MaxLine() const { return max_line_; }

  // False once Stop has begun: the connection is not served.
  bool Add(const std::shared_ptr<Connection>& connection) {
    std::scoped_lock lock(mutex_);
    if (stopping_) return false;
    live_.insert(connection);
    return true;
  }
  void Forget(const std::shared_ptr<Connection>& connection) {
    std::scoped_lock lock(mutex_);
    live_.erase(connection);
  }
  // Refuses every later Add; returns the connections live now.
  std::vector<std::shared_ptr<Connection>> StopAll() {
    std::scoped_lock lock(mutex_);
    stopping_ = true;
    return {live_.begin(), live_.end()};
  }

 private:
  chat::Hub& hub_;
  const std::size_t max_line_;
  std::mutex mutex_;
  std::unordered_set<std::shared_ptr<Connection>> live_;  // guarded by mutex_
  bool stopping_ = false;                                 // guarded by mutex_
};

// One client. Every member function but Wake runs on strand_.
class Connection final : public std::enable_shared_from_this<Connection>,
                         private kata::ChannelWaker {
 public:
  Connection(const Strand& strand, tcp::socket socket, Shared& shared)
      : strand_(strand), socket_(std::move(socket)), shared_(shared), linger_(strand) {}
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() {
    if (outbox_) outbox_->RemoveWaker(*this);  // Finish has, unless it never ran
  }

  void Start() {
    asio::post(strand_, [self = shared_from_this()] {
      if (self->closed_) return;
      self->Reply(chat::kAskName);
      self->ReadLine();
    });
  }

  // From Stop: closes without a "left" line (the hub is about to stop).
  void PostFinish() {
    asio::post(strand_, [self = shared_from_this()] { self->Finish(Leave::kNo); });
  }

 private:
  enum class Leave { kNo, kYes };

  // The outbox has a line, or is closed. Called by the hub's thread with the
  // outbox's mutex held: only posts a drain, at most one at a time. The
  // reference moves into the handler, so that this thread never holds the
  // last one (the destructor takes the same mutex).
  void Wake() override {
    if (drain_posted_.exchange(true)) return;
    std::shared_ptr<Connection> self = weak_from_this().lock();
    if (!self) return;  // being destroyed: its destructor removes the waker
    asio::post(strand_, [self = std::move(self)] {
      self->drain_posted_.store(false);
      self->Pump();
    });
  }

  void ReadLine() {
    asio::async_read_until(
        socket_, in_, '\n',
        [self = shared_from_this()](ErrorCode error, std::size_t n) { self->OnRead(error, n); });
  }

  // A line, or the end: EOF, a reset, or kMaxBufferedBytes with no newline.
  void OnRead(ErrorCode error, std::size_t n) {
    if (closed_) return;
    if (error) {
      Finish(Leave::kYes);
      return;
    }
    const auto begin = asio::buffers_begin(in_.data());
    std::string line(begin, begin + static_cast<std::ptrdiff_t>(n - 1));
    in_.consume(n);
    if (!line.empty() && line.back() == '\r') line.pop_back();  // telnet's "\r\n"
    OnLine(std::move(line));
    if (closed_) return;
    if (out_.size() > kMaxQueuedReplies) {
      read_paused_ = true;  // OnWritten reads on once the replies have gone
      return;
    }
    ReadLine();
  }

  void OnLine(std::string line) {
    if (!outbox_) {
      OnName(std::move(line));
    } else if (line.empty()) {
      return;
    } else if (line.size() > shared_.MaxLine()) {
      Reply(chat::kLineTooLong);
    } else if (!outbox_->Closed()) {  // closed: dropped, and the name may be someone else's now
      shared_.Hub().Say(name_, line);
    }
  }

  void OnName(std::string name) {
    // Asked again after a refusal, as the kata's front end does.
    if (!chat::ValidName(name)) {
      Reply(chat::kBadName);
      Reply(chat::kAskName);
      return;
    }
    std::optional<kata::Receiver<std::string>> outbox = shared_.Hub().Join(name);
    if (!outbox) {
      Reply(chat::kNameTaken);
      Reply(chat::kAskName);
      return;
    }
    name_ = std::move(name);
    outbox_.emplace(std::move(*outbox));
    outbox_->AddWaker(*this);
    Pump();  // the welcome line came before the waker
  }

  void Reply(std::string_view line) {
    out_.emplace_back(line).push_back('\n');
    Pump();
  }

  // Writes what waits: the replies, and as much of the outbox as one batch
  // holds. Once the outbox is closed and everything in it written, the
  // connection ends.
  void Pump() {
    if (closed_) return;
    if (writing_) {
      if (outbox_ && outbox_->Closed()) Linger();
      return;
    }
    bool finished = false;
    if (outbox_) {
      finished = outbox_->Closed();  // before TryRecv: then empty means drained for good
      while (out_.size() < kBatch) {
        std::optional<std::string> line = outbox_->TryRecv();
        if (!line) break;
        line->push_back('\n');
        out_.push_back(std::move(*line));
      }
    }
    if (out_.empty()) {
      if (finished) Finish(Leave::kNo);
      return;
    }
    Write();
  }

  void Write() {
    writing_ = true;
    while (!out_.empty() && batch_.size() < kBatch) {
      batch_.push_back(std::move(out_.front()));
      out_.pop_front();
    }
    std::vector<asio::const_buffer> buffers;
    buffers.reserve(batch_.size());
    for (const std::string& line : batch_) buffers.push_back(asio::buffer(line));
    asio::async_write(socket_, buffers, [self = shared_from_this()](ErrorCode error, std::size_t) {
      self->OnWritten(error);
    });
  }

  void OnWritten(ErrorCode error) {
    writing_ = false;
    batch_.clear();
    if (closed_) return;
    if (error) {
      Finish(Leave::kYes);
      return;
    }
    Pump();
    if (read_paused_ && !closed_ && out_.size() <= kMaxQueuedReplies / 2) {
      read_paused_ = false;
      ReadLine();
    }
  }

  // Dropped while a write is stuck: the client has a while to read the rest.
  void Linger() {
    if (lingering_) return;
    lingering_ = true;
    linger_.expires_after(kLingerAfterDrop);
    linger_.async_wait([self = shared_from_this()](ErrorCode error) {
      if (!error) self->Finish(Leave::kNo);
    });
  }

  void Finish(Leave leave) {
    if (closed_) return;
    closed_ = true;
    if (outbox_) {
      outbox_->RemoveWaker(*this);
      if (leave == Leave::kYes && !outbox_->Closed()) shared_.Hub().Leave(name_);
    }
    ErrorCode ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    linger_.cancel();
    shared_.Forget(shared_from_this());
  }

  const Strand strand_;
  tcp::socket socket_;
  Shared& shared_;
  asio::steady_timer linger_;
  asio::streambuf in_{kMaxBufferedBytes};
  std::deque<std::string> out_;                        // lines to write, each with its '\n'
  std::vector<std::string> batch_;                     // the lines async_write is writing
  std::optional<kata::Receiver<std::string>> outbox_;  // once joined
  std::string name_;
  std::atomic<bool> drain_posted_ = false;  // a drain is on its way (Wake)
  bool writing_ = false;
  bool read_paused_ = false;
  bool lingering_ = false;
  bool closed_ = false;
};

}  // namespace

class AsyncChatServer::Impl {
 public:
  Impl(chat::Hub& hub, const AsyncOptions& options)
      : shared_(hub, options.max_line),
        acceptor_strand_(asio::make_strand(io_)),
        acceptor_(acceptor_strand_),
        backoff_(acceptor_strand_) {
    tcp::resolver resolver(io_);
    const tcp::endpoint endpoint =
        resolver.resolve(options.host, std::to_string(options.port), tcp::resolver::passive)
            .begin()
            ->endpoint();
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(tcp::acceptor::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
    port_ = acceptor_.local_endpoint().port();
    Accept();  // before the threads: run() returns at once when there is no work
    for (int i = 0; i < options.threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }

  unsigned short Port() const { return port_; }

  void Stop() {
    std::scoped_lock lock(stop_mutex_);
    for (const std::shared_ptr<Connection>& connection : shared_.StopAll()) {
      connection->PostFinish();
    }
    asio::post(acceptor_strand_, [this] {
      ErrorCode ignored;
      acceptor_.close(ignored);
      backoff_.cancel();
    });
    threads_.clear();  // run() returns once every connection has finished
  }

 private:
  void Accept() {
    const Strand strand = asio::make_strand(io_);
    acceptor_.async_accept(strand, [this, strand](ErrorCode error, tcp::socket socket) {
      if (error == asio::error::operation_aborted || !acceptor_.is_open()) return;
      if (error) {  // out of descriptors, most likely: wait for some to be freed
        backoff_.expires_after(kAcceptBackoff);
        backoff_.async_wait([this](ErrorCode waited) {
          if (!waited) Accept();
        });
        return;
      }
      ErrorCode ignored;
      socket.set_option(asio::socket_base::send_buffer_size(kSendBufferBytes), ignored);
      socket.set_option(tcp::no_delay(true), ignored);  // a line goes out when it is written
      auto connection = std::make_shared<Connection>(strand, std::move(socket), shared_);
      if (!shared_.Add(connection)) return;  // stopping
      connection->Start();
      Accept();
    });
  }

  asio::io_context io_;
  Shared shared_;
  const Strand acceptor_strand_;
  tcp::acceptor acceptor_;
  asio::steady_timer backoff_;
  unsigned short port_ = 0;
  std::mutex stop_mutex_;
  std::vector<std::jthread> threads_;  // guarded by stop_mutex_ once running
};

AsyncChatServer::AsyncChatServer(kata::chat::Hub& hub, const AsyncOptions& options)
    : impl_(std::make_unique<Impl>(hub, options)) {}

AsyncChatServer::~AsyncChatServer() { Stop(); }

unsigned short AsyncChatServer::Port() const { return impl_->Port(); }

void AsyncChatServer::Stop() { impl_->Stop(); }

}  // namespace chat_app
