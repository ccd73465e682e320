#include "chat_server.h"

#include <sys/socket.h>

#include <atomic>
#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <optional>
#include <string_view>
#include <utility>

namespace kata::chat {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;

// The listening socket. Its accept blocks; Wake() makes it return with an
// error (shutdown on a listening socket does that on Linux, and, unlike a
// close, changes nothing the accepting thread reads).
class Listener {
 public:
  Listener(const std::string& host, unsigned short port)
      : acceptor_(io_, tcp::endpoint(asio::ip::make_address(host), port)),
        port_(acceptor_.local_endpoint().port()) {}

  std::optional<tcp::socket> Accept() {
    tcp::socket socket(io_);
    error_code error;
    acceptor_.accept(socket, error);
    if (error) return std::nullopt;
    return socket;
  }
  void Wake() { ::shutdown(acceptor_.native_handle(), SHUT_RDWR); }
  unsigned short Port() const { return port_; }

 private:
  asio::io_context io_;
  tcp::acceptor acceptor_;
  const unsigned short port_;
};

namespace {

// A line as read, without its '\n' (nor a '\r' before it).
struct Line {
  std::string text;
  bool too_long = false;  // over kMaxLineBytes: text is empty
};

// Reads lines from a socket. A line over kMaxLineBytes is reported as too
// long and skipped up to its newline, without being kept whole.
class LineReader {
 public:
  explicit LineReader(tcp::socket& socket) : socket_(socket) {}

  // The next line; std::nullopt once the stream has ended or failed.
  std::optional<Line> Next() {
    while (true) {
      const std::size_t newline = pending_.find('\n');
      if (newline != std::string::npos) return Take(newline);
      if (pending_.size() > kMaxLineBytes + 1) {  // too long, even with a '\r'
        skipping_ = true;
        pending_.clear();
      }
      char chunk[512];
      error_code error;
      const std::size_t n = socket_.read_some(asio::buffer(chunk), error);
      if (error) return std::nullopt;
      pending_.append(chunk, n);
    }
  }

 private:
  Line Take(std::size_t newline) {
    std::string text = pending_.substr(0, newline);
    pending_.erase(0, newline + 1);
    if (text.ends_with('\r')) text.pop_back();
    const bool too_long = std::exchange(skipping_, false) || text.size() > kMaxLineBytes;
    if (too_long) return Line{"", true};
    return Line{std::move(text)};
  }

  tcp::socket& socket_;
  std::string pending_;
  bool skipping_ = false;  // inside a line already known to be too long
};

}  // namespace

// One client. Its thread signs the member in, starts a writer for the
// member's outbox, then hands every line to the hub until the client goes.
class Connection {
 public:
  Connection(Hub& hub, tcp::socket socket)
      : hub_(hub),
        socket_(std::move(socket)),
        reader_([this](std::stop_token stop) { Serve(stop); }) {}
  ~Connection() {
    Close();
    reader_.join();
  }

  // Unblocks both threads: the writer through the stop token, every read
  // and write through the socket's shutdown.
  void Close() {
    reader_.request_stop();
    Shutdown();
  }
  bool Done() const { return done_.load(); }

 private:
  void Serve(std::stop_token stop) {
    LineReader lines(socket_);
    if (auto member = SignIn(lines)) {
      // Named references, not a structured binding: clang 14 cannot capture
      // a structured binding in a lambda (C++20 allows it).
      const std::string& name = member->first;
      Receiver<std::string>& outbox = member->second;
      std::jthread writer([&] { Pump(outbox, stop); });
      Relay(name, lines);
      hub_.Leave(name);  // closes the outbox: the writer ends
    }
    done_.store(true);
  }

  std::optional<std::pair<std::string, Receiver<std::string>>> SignIn(LineReader& lines) {
    while (WriteLine(kAskName)) {
      std::optional<Line> line = lines.Next();
      if (!line) return std::nullopt;
      if (line->too_long || !ValidName(line->text)) {
        WriteLine(kBadName);
      } else if (auto outbox = hub_.Join(line->text)) {
        return std::pair{line->text, std::move(*outbox)};
      } else {
        WriteLine(kNameTaken);
      }
    }
    return std::nullopt;
  }

  void Relay(const std::string& name, LineReader& lines) {
    while (std::optional<Line> line = lines.Next()) {
      if (line->too_long) {
        WriteLine(kLineTooLong);
      } else if (!line->text.empty()) {
        hub_.Say(name, line->text);
      }
    }
  }

  // The outbox to the socket, until it is closed (the member left or was
  // dropped) or the connection stops; then the client is told by end of file.
  void Pump(const Receiver<std::string>& outbox, std::stop_token stop) {
    while (std::optional<std::string> line = outbox.Recv(stop)) {
      if (!WriteLine(*line)) break;
    }
    Shutdown();
  }

  // Both threads write: a line goes out whole, under the mutex.
  bool WriteLine(std::string_view line) {
    std::string wire(line);
    wire += '\n';
    std::scoped_lock lock(write_mutex_);
    error_code error;
    asio::write(socket_, asio::buffer(wire), error);
    return !error;
  }

  void Shutdown() {
    error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
  }

  Hub& hub_;
  tcp::socket socket_;
  std::mutex write_mutex_;
  std::atomic<bool> done_ = false;
  std::jthread reader_;  // last: it uses the rest
};

ChatServer::ChatServer(Hub& hub, const std::string& host, unsigned short port)
    : hub_(hub),
      listener_(std::make_unique<Listener>(host, port)),
      acceptor_([this](std::stop_token stop) { Accept(stop); }) {}

ChatServer::~ChatServer() { Stop(); }

unsigned short ChatServer::Port() const { return listener_->Port(); }

void ChatServer::Accept(std::stop_token stop) {
  while (!stop.stop_requested()) {
    std::optional<tcp::socket> socket = listener_->Accept();
    if (!socket) continue;  // Stop woke it, or the client gave up at once
    std::scoped_lock lock(mutex_);
    Reap();
    connections_.push_back(std::make_unique<Connection>(hub_, std::move(*socket)));
  }
}

void ChatServer::Reap() {
  std::erase_if(connections_, [](const std::unique_ptr<Connection>& c) { return c->Done(); });
}

void ChatServer::Stop() {
  std::scoped_lock stop_lock(stop_mutex_);
  if (std::exchange(stopped_, true)) return;
  acceptor_.request_stop();
  listener_->Wake();
  acceptor_.join();  // no connection comes after this
  std::list<std::unique_ptr<Connection>> connections;
  {
    std::scoped_lock lock(mutex_);
    connections.swap(connections_);
  }
  for (auto& connection : connections) connection->Close();
  connections.clear();  // joins each one's threads
}

}  // namespace kata::chat
