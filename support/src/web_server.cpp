// WebServer's core: listen, accept (with a connection cap and a back-off
// when descriptors run out), close and abort. The HTTP sessions are in
// http_session.cpp, the websocket sessions in ws_session.cpp (kata_web_ws).
#include "kata/web_server.h"

#include <cerrno>
#include <chrono>
#include <exception>
#include <iostream>
#include <stdexcept>

#include "server_core.h"

#include <boost/asio/post.hpp>

namespace kata::web {

namespace {

using namespace std::chrono_literals;

// How long the accept loop waits after the process ran out of descriptors
// (or memory for a socket) before it tries again: long enough that a server
// with no descriptor left uses no measurable CPU, short enough that it
// serves again well within a second of one being freed.
constexpr auto kAcceptBackOff = 200ms;

thread_local const Core* serving = nullptr;

bool OutOfResources(const boost::system::error_code& error) {
  return error == asio::error::no_descriptors || error == asio::error::no_buffer_space ||
         error == asio::error::no_memory ||
         (error.category() == boost::system::system_category() && error.value() == ENFILE);
}

}  // namespace

ServingGuard::ServingGuard(const Core& core) : previous_(std::exchange(serving, &core)) {}
ServingGuard::~ServingGuard() { serving = previous_; }
bool ServingGuard::IsServing(const Core& core) { return serving == &core; }

void ReleaseSlot::operator()(Core* core) const { core->ConnectionEnded(); }

void Core::Listen() {
  boost::system::error_code error;
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

// I/O thread. One accept at a time; the next is started when it completes.
void Core::Accept() {
  if (closing || accepting || !acceptor.is_open()) return;
  accepting = true;
  acceptor.async_accept([this](boost::system::error_code error, tcp::socket socket) {
    accepting = false;
    if (closing || !acceptor.is_open()) return;
    if (OutOfResources(error)) {
      if (!std::exchange(logged_out_of_fds, true)) {
        std::cerr << "WebServer " << url << ": cannot accept (" << error.message()
                  << "); trying again every " << kAcceptBackOff.count() << " ms\n";
      }
      AcceptLater(kAcceptBackOff);
      return;
    }
    if (!error) {
      if (std::exchange(logged_out_of_fds, false)) {
        std::cerr << "WebServer " << url << ": accepting again\n";
      }
      OnAccepted(std::move(socket));
    }
    Accept();
  });
}

void Core::AcceptLater(std::chrono::milliseconds delay) {
  accepting = true;
  accept_timer.expires_after(delay);
  accept_timer.async_wait([this](boost::system::error_code) {
    accepting = false;
    Accept();
  });
}

// I/O thread. A connection over the cap gets 503 and is closed, rather than
// left waiting in the backlog with no word.
void Core::OnAccepted(tcp::socket socket) {
  try {
    if (connections.fetch_add(1) >= options.max_connections) {
      connections.fetch_sub(1);
      RefuseConnection(*this, std::move(socket));
      return;
    }
    StartHttpSession(*this, std::move(socket), ConnectionSlot(this));
  } catch (const std::exception& error) {
    // Out of memory for one session: that connection is lost, not the server.
    std::cerr << "WebServer " << url << ": dropped a connection: " << error.what() << "\n";
  }
}

void Core::ConnectionEnded() { connections.fetch_sub(1); }

// The I/O thread's body. A handler that throws ends only what it was doing:
// the loop goes on serving every other connection.
void Core::RunIo() {
  for (;;) {
    try {
      io.run();
      break;
    } catch (const std::exception& error) {
      std::cerr << "WebServer " << url << ": " << error.what() << "\n";
    }
  }
  io_finished.set_value();
}

void Core::CloseEverythingOnIoThread() {
  closing = true;
  boost::system::error_code ignored;
  acceptor.close(ignored);
  accept_timer.cancel();
  for (auto& weak : sessions) {
    if (auto session = weak.lock()) session->Shutdown();
  }
  if (websockets) websockets->CloseAllOnIoThread();
}

void Core::AbortEverythingOnIoThread() {
  if (websockets) websockets->AbortAllOnIoThread();
  for (auto& weak : sessions) {
    if (auto session = weak.lock()) session->Stop();
  }
}

void Core::StartClosing() {
  std::call_once(closing_started, [this] {
    std::promise<void> closed_all;
    asio::post(io, [&] {
      CloseEverythingOnIoThread();
      closed_all.set_value();
    });
    closed_all.get_future().wait();
  });
}

void Core::FinishClosing() {
  std::call_once(closing_finished, [this] {
    // Every Receive now throws ClosedError, so the socket handlers return.
    if (websockets) websockets->JoinHandlers();
    // Let the closing handshakes finish, but never wait long for a peer.
    // A websocket peer that does not answer the close frame at once (a test
    // client that is not reading) has its socket closed under it; a plain
    // request under way gets a few seconds to be answered.
    work.reset();
    auto finished = io_finished.get_future();
    if (finished.wait_for(250ms) != std::future_status::ready) {
      asio::post(io, [this] {
        if (websockets) websockets->AbortAllOnIoThread();
      });
      if (finished.wait_for(5s) != std::future_status::ready) {
        asio::post(io, [this] { AbortEverythingOnIoThread(); });
        if (finished.wait_for(1s) != std::future_status::ready) io.stop();
      }
    }
    io_thread.join();
    handler_pool.join();
  });
}

WebServer::WebServer(http::Handler& http, WebServerOptions options)
    : impl_(std::make_unique<Impl>(http, std::move(options))) {
  Start();
}

void WebServer::Start() {
  Impl& impl = *impl_;
  impl.Listen();
  impl.Accept();
  impl.io_thread = std::jthread([&impl] { impl.RunIo(); });
}

WebServer::~WebServer() { Close(); }

const std::string& WebServer::Url() const { return impl_->url; }
int WebServer::Port() const { return impl_->port; }

void WebServer::Close() {
  impl_->StartClosing();
  // A handler that closes its own server (a "quit" command) runs on one of
  // the threads FinishClosing joins: joining it from itself would throw
  // (socket handler threads) or wait forever (the HTTP handler pool). The
  // destructor, or a Close() from outside, finishes the job.
  if (ServingGuard::IsServing(*impl_)) return;
  impl_->FinishClosing();
}

}  // namespace kata::web
