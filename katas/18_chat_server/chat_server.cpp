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

#include "testkit/todo.h"

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
    // TODO (step 7): request stop on reader_'s token, and Shutdown().
  }
  bool Done() const { return done_.load(); }

 private:
  void Serve(std::stop_token stop) {
    (void)stop;
    // TODO (step 7): SignIn; then a writer thread (a local std::jthread) that
    // runs Pump, while this thread runs Relay; then hub_.Leave. Set done_ at
    // the end. (No KATA_TODO here: an exception escaping a thread ends the
    // program.)
    done_.store(true);
  }

  // Asks for a name until the hub takes one: the name and its outbox, or
  // std::nullopt if the client went away first.
  std::optional<std::pair<std::string, Receiver<std::string>>> SignIn(LineReader& lines) {
    (void)lines;
    // TODO (step 7): kAskName; kBadName for a name ValidName refuses (or a
    // line too long), kNameTaken when Join says std::nullopt; then ask again.
    return std::nullopt;
  }

  // Every line the client sends, to the hub; kLineTooLong for one too long.
  void Relay(const std::string& name, LineReader& lines) {
    (void)name;
    (void)lines;
    // TODO (step 7). Empty lines are ignored.
  }

  // The outbox to the socket, until it is closed (the member left or was
  // dropped) or the connection stops; then the client is told by end of file.
  void Pump(const Receiver<std::string>& outbox, std::stop_token stop) {
    (void)outbox;
    (void)stop;
    // TODO (step 7): outbox.Recv(stop) until std::nullopt, each line through
    // WriteLine; then Shutdown().
  }

  // Both threads write: a line goes out whole, under the mutex. False once
  // the connection has failed.
  bool WriteLine(std::string_view line) {
    (void)line;
    // TODO (step 7): the line and a '\n', with asio::write and an
    // error_code, holding write_mutex_.
    return false;
  }

  void Shutdown() {
    // TODO (step 7): socket_.shutdown(tcp::socket::shutdown_both, ...) with
    // an error_code that is ignored: it may already be shut down.
  }

  Hub& hub_;
  tcp::socket socket_;
  std::mutex write_mutex_;
  std::atomic<bool> done_ = false;
  std::jthread reader_;  // last: it uses the rest
};

ChatServer::ChatServer(Hub& hub, const std::string& host, unsigned short port)
    : hub_(hub), listener_(std::make_unique<Listener>(host, port)) {
  // TODO (step 7): start acceptor_ on Accept.
  KATA_TODO("start the thread that accepts connections");
}

ChatServer::~ChatServer() { Stop(); }

unsigned short ChatServer::Port() const { return listener_->Port(); }

void ChatServer::Accept(std::stop_token stop) {
  (void)stop;
  // TODO (step 7): until stop is requested: Accept a socket from the
  // listener (std::nullopt: try again, the loop checks stop), and, under
  // mutex_, Reap() and add a Connection for it.
}

void ChatServer::Reap() {
  // TODO (step 7): destroy the connections that are Done(), which joins them.
}

void ChatServer::Stop() {
  // TODO (step 7): once only (stopped_, under stop_mutex_): stop the
  // acceptor (request stop, listener_->Wake(), join), then Close every
  // connection and destroy them, outside mutex_. (No KATA_TODO here: the
  // destructor calls it.)
}

}  // namespace kata::chat
