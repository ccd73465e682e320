// WebServer's plain HTTP connections: read a request, answer it through the
// handler (on the handler pool), keep the connection alive; refuse what
// cannot be read with a status and a one-line reason; hand an upgrade to the
// websocket path over to the websocket side.
#include <chrono>
#include <cstdint>
#include <exception>
#include <iostream>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "http_upgrade.h"

#include <boost/asio/post.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

namespace kata::web {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using BeastResponse = bhttp::response<bhttp::string_body>;

namespace {

using namespace std::chrono_literals;

// Beast says bad_version both for "HTTP/2.0" and for "HTTP/1.1" ended by a
// bare LF: only the first is a version this server does not speak.
bool NamesAVersionWeSpeak(const beast::flat_buffer& unparsed) {
  std::string_view head(static_cast<const char*>(unparsed.data().data()), unparsed.size());
  std::string_view line = head.substr(0, head.find('\n'));
  return line.find(" HTTP/1.1") != std::string_view::npos ||
         line.find(" HTTP/1.0") != std::string_view::npos;
}

// How long a connection may take to send a whole request, and stay idle
// between requests: a slow client (slowloris) is cut off after this.
constexpr auto kRequestTimeout = 30s;
// After a refusal, how long the rest of what the client sends is read and
// dropped, so that closing does not reset the connection before the client
// has read the answer.
constexpr auto kDrainTimeout = 1s;
constexpr std::uint32_t kHeaderLimit = 8 * 1024;

// One plain HTTP connection, with keep-alive. Socket work happens on the I/O
// thread; the handler runs on the handler pool, so a slow one (a store that
// writes to disk) holds up only its own connection.
class HttpSession : public Session, public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(Core& server, tcp::socket socket, ConnectionSlot slot)
      : server_(server), stream_(std::move(socket)), slot_(std::move(slot)) {}

  void Read() {
    busy_ = false;
    parser_.emplace();
    parser_->body_limit(server_.options.max_body_bytes);
    parser_->header_limit(kHeaderLimit);
    stream_.expires_after(kRequestTimeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code error, std::size_t) { self->OnRead(error); });
  }

  // I/O thread, when the server closes: an idle connection ends now; one
  // with a request under way (even half received) is answered first.
  void Shutdown() override {
    // Bytes the I/O thread has not read yet count too: a client that has
    // sent half a request must not lose it because the server was slow.
    beast::error_code ignored;
    bool bytes_waiting = stream_.socket().available(ignored) > 0;
    bool request_under_way =
        busy_ || bytes_waiting || buffer_.size() > 0 || (parser_ && parser_->got_some());
    if (draining_ || !request_under_way) Stop();
  }

  void Stop() override {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
  }

  // Answers a request that cannot be served, with a one-line reason, and closes.
  void Refuse(bhttp::status status, std::string reason);

 private:
  void OnRead(beast::error_code error);
  bool RefuseUnreadable(beast::error_code error);
  bool RefuseMalformed(const BeastRequest& request);
  void Upgrade(BeastRequest request, http::Request plain);
  void Write(std::shared_ptr<BeastResponse> response);
  void Drain();
  BeastResponse Serve(const BeastRequest& request, const http::Request& plain);

  Core& server_;
  beast::tcp_stream stream_;
  ConnectionSlot slot_;
  // I/O thread only.
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  bool busy_ = false;      // a whole request was read and is not answered yet
  bool draining_ = false;  // answered for the last time; only reading what is left
};

void HttpSession::OnRead(beast::error_code error) {
  if (error) {
    if (!RefuseUnreadable(error)) Stop();
    return;
  }
  busy_ = true;
  BeastRequest request = parser_->release();
  if (RefuseMalformed(request)) return;
  http::Request plain;
  try {
    plain = ToRequest(request);
  } catch (const std::invalid_argument& bad) {
    Refuse(bhttp::status::bad_request, bad.what());
    return;
  }
  if (beast::websocket::is_upgrade(request) && plain.path == server_.options.ws_path &&
      server_.websockets && !server_.closing) {
    Upgrade(std::move(request), std::move(plain));
    return;
  }
  // A handler that answers at once is served here, on the I/O thread.
  if (server_.http.AnswersAtOnce(plain) && !beast::websocket::is_upgrade(request)) {
    ServingGuard serving_guard(server_);
    Write(std::make_shared<BeastResponse>(Serve(request, plain)));
    return;
  }
  // The work guard keeps the I/O thread running until the answer is back.
  asio::post(server_.handler_pool,
             [self = shared_from_this(), request = std::move(request), plain = std::move(plain),
              work = asio::make_work_guard(server_.io)]() mutable {
    ServingGuard serving_guard(self->server_);
    auto response = std::make_shared<BeastResponse>(self->Serve(request, plain));
    asio::post(self->server_.io, [self, response] { self->Write(response); });
  });
}

// A request that could not be read whole: true if it was answered. A
// client that went away or fell silent gets nothing; it would not read it.
bool HttpSession::RefuseUnreadable(beast::error_code error) {
  if (error == bhttp::error::body_limit) {
    Refuse(bhttp::status::payload_too_large, "request body too large");
  } else if (error == bhttp::error::header_limit) {
    Refuse(bhttp::status::request_header_fields_too_large, "request header too large");
  } else if (error == bhttp::error::bad_version) {
    if (NamesAVersionWeSpeak(buffer_)) {
      Refuse(bhttp::status::bad_request, "malformed request: bad line ending (lines end with CRLF)");
    } else {
      Refuse(bhttp::status::http_version_not_supported,
             "HTTP version not supported: this server speaks HTTP/1.0 and HTTP/1.1");
    }
  } else if (error.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
             error != bhttp::error::end_of_stream && error != bhttp::error::partial_message) {
    Refuse(bhttp::status::bad_request, "malformed request: " + error.message());
  } else {
    return false;
  }
  return true;
}

// A request Beast could parse that HTTP still forbids: true if refused.
bool HttpSession::RefuseMalformed(const BeastRequest& request) {
  if (request.version() != 10 && request.version() != 11) {
    Refuse(bhttp::status::http_version_not_supported,
           "HTTP version not supported: this server speaks HTTP/1.0 and HTTP/1.1");
    return true;
  }
  if (request.version() == 11 && request.count(bhttp::field::host) == 0) {
    Refuse(bhttp::status::bad_request, "an HTTP/1.1 request needs a Host header");
    return true;
  }
  return false;
}

void HttpSession::Upgrade(BeastRequest request, http::Request plain) {
  try {
    server_.websockets->Accept(
        web::Upgrade{std::move(stream_), std::move(request), std::move(plain), std::move(slot_)});
  } catch (const std::exception& error) {
    // The connection goes, with whatever failed to start; the server stays.
    std::cerr << "WebServer " << server_.url << ": dropped a websocket: " << error.what() << "\n";
  }
}

void HttpSession::Write(std::shared_ptr<BeastResponse> response) {
  bhttp::async_write(stream_, *response,
                     [self = shared_from_this(), response](beast::error_code error, std::size_t) {
                       if (error) {
                         self->Stop();
                       } else if (response->need_eof()) {
                         self->Drain();
                       } else {
                         self->Read();
                         // Closing: the client may have sent its next request
                         // before this handler ran; Shutdown keeps it if so.
                         if (self->server_.closing) self->Shutdown();
                       }
                     });
}

void HttpSession::Refuse(bhttp::status status, std::string reason) {
  busy_ = true;
  auto response = std::make_shared<BeastResponse>(status, 11);
  response->set(bhttp::field::content_type, "text/plain");
  response->keep_alive(false);
  response->body() = std::move(reason) + "\n";
  response->prepare_payload();
  Write(response);
}

// The answer is out and the connection is to close: stop sending, and read
// (and drop) what the client still sends until it closes too, or for a
// moment at most. Closing with unread bytes would reset the connection, and
// the client could lose the answer.
void HttpSession::Drain() {
  draining_ = true;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (!stream_.socket().is_open()) return;
  buffer_.clear();
  stream_.expires_after(kDrainTimeout);
  stream_.async_read_some(buffer_.prepare(4096),
                          [self = shared_from_this()](beast::error_code error, std::size_t) {
                            if (error) {
                              self->Stop();
                              return;
                            }
                            self->Drain();
                          });
}

// Handler pool.
BeastResponse HttpSession::Serve(const BeastRequest& request, const http::Request& plain) {
  http::Response out;
  if (beast::websocket::is_upgrade(request)) {
    out.status = http::kNotFound;
    out.body = "no websocket here";
  } else {
    try {
      server_.http.ServeHttp(plain, out);
    } catch (const std::exception& error) {
      out = http::Response{};
      out.status = http::kInternalServerError;
      out.body = std::string("internal error: ") + error.what();
    }
  }
  BeastResponse response;
  response.version(request.version());
  response.result(static_cast<unsigned>(out.status));
  for (const auto& [name, value] : out.headers) response.insert(name, value);
  response.keep_alive(request.keep_alive());
  if (request.method() != bhttp::verb::head) response.body() = std::move(out.body);
  response.prepare_payload();
  return response;
}

}  // namespace

void StartHttpSession(Core& core, tcp::socket socket, ConnectionSlot slot) {
  auto session = std::make_shared<HttpSession>(core, std::move(socket), std::move(slot));
  std::erase_if(core.sessions, [](const auto& weak) { return weak.expired(); });
  core.sessions.push_back(session);
  session->Read();
}

void RefuseConnection(Core& core, tcp::socket socket) {
  auto session = std::make_shared<HttpSession>(core, std::move(socket), ConnectionSlot());
  std::erase_if(core.sessions, [](const auto& weak) { return weak.expired(); });
  core.sessions.push_back(session);
  session->Refuse(bhttp::status::service_unavailable, "server busy: too many connections");
}

}  // namespace kata::web
