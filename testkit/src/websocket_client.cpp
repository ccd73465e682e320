#include "testkit/websocket_client.h"

// <utility> before the Asio headers: with g++ 12 in C++20 mode some Asio
// headers use std::exchange without including it.
#include <utility>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <functional>
#include <memory>
#include <stdexcept>

namespace kata::testkit {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct WebSocketClient::Impl {
  std::string url;
  asio::io_context io;
  websocket::stream<beast::tcp_stream> ws{io};
  beast::flat_buffer buffer;
  std::deque<std::string> inbox;
  bool reading = false;
  bool closed = false;
  std::optional<int> close_code;

  // Runs the I/O on this thread until `done` holds or the deadline passes.
  bool RunUntil(Clock::time_point deadline, const std::function<bool()>& done) {
    while (!done()) {
      if (io.stopped()) io.restart();
      if (io.run_one_until(deadline) == 0 && Clock::now() >= deadline) return done();
    }
    return true;
  }

  void StartRead() {
    if (reading || closed) return;
    reading = true;
    ws.async_read(buffer, [this](beast::error_code error, std::size_t) {
      reading = false;
      if (error) {
        closed = true;
        // A close frame may have arrived even if the TCP connection then
        // ended abruptly; 1006 means none did.
        int code = ws.reason().code;
        close_code = code != websocket::close_code::none ? code : 1006;
        return;
      }
      if (ws.got_text()) inbox.push_back(beast::buffers_to_string(buffer.data()));
      buffer.consume(buffer.size());
    });
  }

  [[noreturn]] void Fail(const std::string& what, const beast::error_code& error) const {
    throw std::runtime_error("testkit::WebSocketClient " + url + ": " + what + ": " +
                             error.message());
  }
};

WebSocketClient::WebSocketClient(std::string_view url, std::chrono::milliseconds timeout)
    : impl_(std::make_unique<Impl>()) {
  Impl& impl = *impl_;
  impl.url = std::string(url);
  constexpr std::string_view kScheme = "ws://";
  if (!url.starts_with(kScheme)) {
    throw std::runtime_error("testkit::WebSocketClient: not a ws:// URL: " + impl.url);
  }
  std::string_view rest = url.substr(kScheme.size());
  auto slash = rest.find('/');
  std::string authority(rest.substr(0, slash));
  std::string target = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  auto colon = authority.rfind(':');
  std::string host = authority.substr(0, colon);
  std::string port = colon == std::string::npos ? "80" : authority.substr(colon + 1);

  auto deadline = Clock::now() + timeout;
  beast::error_code error;
  tcp::resolver resolver(impl.io);
  auto endpoints = resolver.resolve(host, port, error);
  if (error) impl.Fail("cannot resolve", error);

  bool done = false;
  beast::get_lowest_layer(impl.ws).expires_at(deadline);
  beast::get_lowest_layer(impl.ws).async_connect(endpoints,
                                                 [&](beast::error_code e, const tcp::endpoint&) {
                                                   error = e;
                                                   done = true;
                                                 });
  if (!impl.RunUntil(deadline, [&] { return done; }) || error) impl.Fail("cannot connect", error);

  done = false;
  beast::get_lowest_layer(impl.ws).expires_never();
  impl.ws.set_option(websocket::stream_base::timeout{
      std::chrono::duration_cast<websocket::stream_base::duration>(timeout),
      websocket::stream_base::none(), false});
  impl.ws.async_handshake(authority, target, [&](beast::error_code e) {
    error = e;
    done = true;
  });
  if (!impl.RunUntil(deadline, [&] { return done; }) || error) impl.Fail("handshake failed", error);
}

WebSocketClient::~WebSocketClient() {
  try {
    Close();
  } catch (...) {
    // A destructor must not throw; the socket closes with the stream anyway.
  }
}

bool WebSocketClient::Send(std::string_view text) {
  Impl& impl = *impl_;
  if (impl.closed) return false;
  // Shared with the completion handler, which may outlive this call if the
  // write does not finish in time.
  struct Write {
    std::string message;
    bool done = false;
    beast::error_code error;
  };
  auto write = std::make_shared<Write>();
  write->message = std::string(text);
  impl.ws.text(true);
  impl.ws.async_write(asio::buffer(write->message), [write](beast::error_code e, std::size_t) {
    write->error = e;
    write->done = true;
  });
  impl.RunUntil(Clock::now() + std::chrono::seconds(5), [&] { return write->done; });
  return write->done && !write->error;
}

std::optional<std::string> WebSocketClient::Receive(std::chrono::milliseconds timeout) {
  Impl& impl = *impl_;
  impl.StartRead();
  impl.RunUntil(Clock::now() + timeout, [&] { return !impl.inbox.empty() || impl.closed; });
  if (impl.inbox.empty()) return std::nullopt;
  std::string message = std::move(impl.inbox.front());
  impl.inbox.pop_front();
  return message;
}

std::optional<int> WebSocketClient::WaitForClose(std::chrono::milliseconds timeout) {
  Impl& impl = *impl_;
  auto deadline = Clock::now() + timeout;
  impl.RunUntil(deadline, [&] {
    impl.StartRead();  // keep reading: messages go to the inbox
    return impl.closed;
  });
  return impl.closed ? impl.close_code : std::nullopt;
}

bool WebSocketClient::IsOpen() const { return !impl_->closed; }

void WebSocketClient::Close() {
  Impl& impl = *impl_;
  if (impl.closed) return;
  auto done = std::make_shared<bool>(false);
  impl.ws.async_close(websocket::close_code::normal, [done](beast::error_code) { *done = true; });
  impl.RunUntil(Clock::now() + std::chrono::seconds(2), [&] { return *done; });
  impl.closed = true;
  if (!impl.close_code) impl.close_code = 1000;
}

void WebSocketClient::Abort() {
  Impl& impl = *impl_;
  beast::error_code ignored;
  beast::get_lowest_layer(impl.ws).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(impl.ws).close();
  impl.closed = true;
  impl.close_code = 1006;
}

}  // namespace kata::testkit
