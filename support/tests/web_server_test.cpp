// kata/web_server.h (support) with testkit's WebSocketClient: one port for
// plain HTTP and websockets, and the connection contract of kata/websocket.h.
#include "kata/web_server.h"

#include <arpa/inet.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "testkit/eventually.h"
#include "testkit/http.h"
#include "testkit/test_server.h"
#include "testkit/threads.h"
#include "testkit/websocket_client.h"

namespace kata::web {
namespace {

using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::ElementsAre;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;
using testkit::Eventually;
using testkit::WebSocketClient;
using Clock = std::chrono::steady_clock;

class Pages : public http::Handler {
 public:
  void ServeHttp(const http::Request& request, http::Response& response) override {
    if (request.path == "/fail") throw std::runtime_error("page on fire");
    response.SetHeader("Content-Type", "text/plain");
    response.body = request.method + " " + request.path;
  }
};

// A socket handler made of a function, run on the connection's own thread.
class SocketFunc : public ws::SocketHandler {
 public:
  using Function = std::function<void(const http::Request&, ws::Connection&)>;
  explicit SocketFunc(Function function) : function_(std::move(function)) {}
  void ServeSocket(const http::Request& upgrade, ws::Connection& connection) override {
    function_(upgrade, connection);
  }

 private:
  Function function_;
};

// A plain HTTP handler made of a function.
class HttpFunc : public http::Handler {
 public:
  using Function = std::function<void(const http::Request&, http::Response&)>;
  explicit HttpFunc(Function function) : function_(std::move(function)) {}
  void ServeHttp(const http::Request& request, http::Response& response) override {
    function_(request, response);
  }

 private:
  Function function_;
};

// Echoes every message back in upper case until the peer closes.
SocketFunc::Function Shouter() {
  return [](const http::Request&, ws::Connection& connection) {
    for (;;) {
      auto message = connection.Receive(Clock::now() + 10s);
      if (!message) continue;
      for (char& c : *message) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      connection.Send(*message);
    }
  };
}

std::string WsUrl(const WebServer& server, std::string_view path = "/ws") {
  return "ws://127.0.0.1:" + std::to_string(server.Port()) + std::string(path);
}

TEST(WebServer, ServesPlainHttpThroughTheHandler) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets);
  testkit::HttpClient client(server.Url());

  auto response = client.Get("/league");
  auto failed = client.Get("/fail");

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "GET /league");
  EXPECT_THAT(response.Header("Content-Type"), Optional(std::string("text/plain")));
  EXPECT_EQ(failed.status, 500);
  EXPECT_THAT(failed.body, HasSubstr("page on fire"));
}

TEST(WebServer, RefusesABodyOverItsLimitWith413) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets, {.max_body_bytes = 100});
  testkit::HttpClient client(server.Url());

  EXPECT_EQ(client.Post("/players/Pepper", std::string(200, 'x')).status, 413);
  EXPECT_EQ(testkit::HttpClient(server.Url()).Post("/players/Pepper", "small").status, 200);
}

// A raw HTTP/1.1 connection, to send half a request.
class RawConnection {
 public:
  explicit RawConnection(int port) : fd_(::socket(AF_INET, SOCK_STREAM, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      throw std::runtime_error("cannot connect");
    }
    timeval timeout{5, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~RawConnection() { ::close(fd_); }
  void Send(std::string_view text) {
    ASSERT_EQ(::send(fd_, text.data(), text.size(), 0), static_cast<ssize_t>(text.size()));
  }
  std::string ReceiveAll() {
    std::string all;
    char buffer[1024];
    for (ssize_t got; (got = ::recv(fd_, buffer, sizeof buffer, 0)) > 0;)
      all.append(buffer, static_cast<std::size_t>(got));
    return all;
  }

 private:
  int fd_;
};

TEST(WebServer, AnswersARequestStillArrivingWhenItCloses) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets);
  RawConnection raw(server.Port());
  raw.Send("GET /half HTTP/1.1\r\nHost: test\r\n");
  // Wait until the server has the first half, through a second connection.
  EXPECT_EQ(testkit::HttpClient(server.Url()).Get("/sync").status, 200);

  std::jthread closer([&] { server.Close(); });
  raw.Send("Connection: close\r\n\r\n");

  EXPECT_THAT(raw.ReceiveAll(), ::testing::StartsWith("HTTP/1.1 200"));
}

TEST(WebServer, UpgradesTheWebsocketPathOnTheSamePort) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets);
  WebSocketClient client(WsUrl(server));

  ASSERT_TRUE(client.Send("hello"));
  ASSERT_TRUE(client.Send("again"));

  EXPECT_THAT(client.Receive(), Optional(std::string("HELLO")));
  EXPECT_THAT(client.Receive(), Optional(std::string("AGAIN")));
  EXPECT_EQ(testkit::HttpClient(server.Url()).Get("/x").body, "GET /x");
}

TEST(WebServer, RefusesAnUpgradeElsewhere) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets);

  EXPECT_THROW(WebSocketClient(WsUrl(server, "/other")), std::runtime_error);
}

TEST(WebServer, PassesTheUpgradeRequestToTheHandler) {
  Pages pages;
  SocketFunc sockets([](const http::Request& upgrade, ws::Connection& connection) {
    connection.Send(upgrade.path + "?" + upgrade.Query("game").value_or(""));
  });
  WebServer server(pages, sockets);
  WebSocketClient client(WsUrl(server, "/ws?game=7"));

  EXPECT_THAT(client.Receive(), Optional(std::string("/ws?7")));
  EXPECT_THAT(client.WaitForClose(), Optional(1000)) << "closed normally when the handler returned";
}

TEST(WebServer, ReceiveGivesUpAtItsDeadline) {
  Pages pages;
  std::atomic<bool> timed_out = false;
  SocketFunc sockets([&](const http::Request&, ws::Connection& connection) {
    auto start = Clock::now();
    auto message = connection.Receive(start + 50ms);
    timed_out = !message && Clock::now() - start >= 50ms;
    connection.Send(timed_out ? "timed out" : "bad");
  });
  WebServer server(pages, sockets);
  WebSocketClient client(WsUrl(server));

  EXPECT_THAT(client.Receive(), Optional(std::string("timed out")));
}

TEST(WebServer, SendIsSafeFromManyThreadsAndKeepsEachThreadsOrder) {
  Pages pages;
  SocketFunc sockets([](const http::Request&, ws::Connection& connection) {
    std::vector<std::jthread> senders;
    for (int t = 0; t < 4; ++t) {
      senders.emplace_back([&connection, t] {
        for (int i = 0; i < 25; ++i) connection.Send(std::to_string(t) + ":" + std::to_string(i));
      });
    }
    senders.clear();
    connection.Receive(Clock::now() + 10s);  // until the client closes
  });
  WebServer server(pages, sockets);
  WebSocketClient client(WsUrl(server));

  std::vector<int> next(4, 0);
  for (int n = 0; n < 100; ++n) {
    auto message = client.Receive();
    ASSERT_TRUE(message) << "message " << n;
    int t = (*message)[0] - '0';
    ASSERT_EQ(*message, std::to_string(t) + ":" + std::to_string(next[t])) << "out of order";
    ++next[t];
  }
}

TEST(WebServer, AnOversizedFrameClosesWithCode1009) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets, {.max_message_bytes = 1024});
  WebSocketClient client(WsUrl(server));

  client.Send(std::string(2000, 'x'));

  EXPECT_THAT(client.WaitForClose(), Optional(1009));
}

TEST(WebServer, TheHandlerSeesAClientThatGoesAway) {
  Pages pages;
  std::atomic<bool> saw_close = false;
  std::atomic<bool> send_refused = false;
  SocketFunc sockets([&](const http::Request&, ws::Connection& connection) {
    try {
      for (;;) connection.Receive(Clock::now() + 10s);
    } catch (const ws::ClosedError&) {
      saw_close = true;
      send_refused = !connection.Send("too late") && !connection.IsOpen();
    }
  });
  WebServer server(pages, sockets);
  {
    WebSocketClient client(WsUrl(server));
    client.Abort();
  }
  EXPECT_TRUE(Eventually([&] { return saw_close.load(); }));
  EXPECT_TRUE(Eventually([&] { return send_refused.load(); }));
}

TEST(WebServer, ClosesQuicklyWithOpenConnectionsAndLeavesNoThreadBehind) {
  const int threads_before = testkit::LiveThreads();
  Pages pages;
  SocketFunc sockets(Shouter());
  auto server = std::make_unique<WebServer>(pages, sockets);
  WebSocketClient first(WsUrl(*server));
  WebSocketClient second(WsUrl(*server));
  first.Send("a");
  second.Send("b");
  ASSERT_TRUE(first.Receive());
  ASSERT_TRUE(second.Receive());
  auto start = Clock::now();

  server->Close();

  EXPECT_LT(Clock::now() - start, 1500ms);
  EXPECT_THAT(first.WaitForClose(), Optional(1001));
  server.reset();
  EXPECT_TRUE(Eventually([&] { return testkit::LiveThreads() <= threads_before; }, 500ms));
}

// Issue 21: a thread per websocket, uncapped. Socket handlers run on a pool
// that stops growing at max_socket_handlers; one more websocket is told to
// come back later, and the server goes on.
TEST(WebServer, AWebsocketOverTheHandlerLimitIsToldToTryAgainLater) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets, {.max_socket_handlers = 2});
  WebSocketClient first(WsUrl(server));
  WebSocketClient second(WsUrl(server));
  first.Send("a");
  second.Send("b");
  ASSERT_THAT(first.Receive(), Optional(std::string("A")));
  ASSERT_THAT(second.Receive(), Optional(std::string("B")));

  WebSocketClient third(WsUrl(server));

  EXPECT_THAT(third.WaitForClose(), Optional(1013));
  first.Close();
  EXPECT_TRUE(Eventually([&] {
    WebSocketClient again(WsUrl(server));
    again.Send("c");
    return again.Receive(100ms) == "C";
  }));
}

// An idle websocket holds no thread when its handler starts with the first
// message: thread count flat however many are open.
TEST(WebServer, IdleWebsocketsTakeNoThreadWhenTheClientSpeaksFirst) {
  Pages pages;
  SocketFunc sockets(Shouter());
  WebServer server(pages, sockets, {.start_handler_on_first_message = true});
  WebSocketClient speaking(WsUrl(server));
  speaking.Send("hi");
  ASSERT_THAT(speaking.Receive(), Optional(std::string("HI")));
  const int threads_before = testkit::LiveThreads();

  std::vector<std::unique_ptr<WebSocketClient>> idle;
  for (int i = 0; i < 50; ++i) idle.push_back(std::make_unique<WebSocketClient>(WsUrl(server)));

  EXPECT_EQ(testkit::LiveThreads(), threads_before);
  idle.back()->Send("still served");
  EXPECT_THAT(idle.back()->Receive(), Optional(std::string("STILL SERVED")));
}

// Issue 21: memory per connection. What waits to be written to a client is
// bounded: past max_outbox_bytes, Send refuses and the connection is closed
// with 1008, instead of queuing for a client that may never read.
TEST(WebServer, SendPastTheOutboxLimitIsRefusedAndClosesWith1008) {
  Pages pages;
  std::atomic<int> sent_before_refusal = -1;
  SocketFunc sockets([&](const http::Request&, ws::Connection& connection) {
    const std::string kilobyte(1024, 'x');
    for (int i = 0; i < 50'000; ++i) {  // 50 MB, far past every buffer on the way
      if (!connection.Send(kilobyte)) {
        sent_before_refusal = i;
        return;
      }
    }
  });
  WebServer server(pages, sockets, {.max_outbox_bytes = 16 * 1024});
  WebSocketClient client(WsUrl(server));

  EXPECT_TRUE(Eventually([&] { return sent_before_refusal.load() >= 16; }, 10s));
  EXPECT_THAT(client.WaitForClose(), Optional(1008));
}

// Issue 21: a request Beast cannot parse, or that HTTP forbids, gets a
// status and a one-line reason before the connection closes.
std::string RawExchange(const WebServer& server, std::string_view request) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server.Port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    timeval timeout{.tv_sec = 10, .tv_usec = 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    char buffer[4096];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

TEST(WebServer, AnswersMalformedRequestsWithAStatusAndAReason) {
  Pages pages;
  WebServer server(pages);

  EXPECT_THAT(RawExchange(server, "G@T / HTTP/1.1\r\nHost: x\r\n\r\n"),
              AllOf(StartsWith("HTTP/1.1 400"), EndsWith("\r\n\r\nmalformed request: bad method\n")));
  EXPECT_THAT(RawExchange(server, "GET / HTTP/3.0\r\nHost: x\r\n\r\n"), StartsWith("HTTP/1.1 505"));
  EXPECT_THAT(RawExchange(server, "GET / HTTP/1.1\r\n\r\n"),
              AllOf(StartsWith("HTTP/1.1 400"), HasSubstr("needs a Host header\n")));
  EXPECT_THAT(RawExchange(server, "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n"),
              AllOf(StartsWith("HTTP/1.1 400"), HasSubstr("percent-escape")));
  EXPECT_THAT(RawExchange(server, "GET /a% HTTP/1.1\r\nHost: x\r\n\r\n"), StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(RawExchange(server, "GET /a%20b HTTP/1.0\r\n\r\n"), EndsWith("GET /a b"));
}

// Plain HTTP only: no websocket side at all.
TEST(WebServer, WithoutASocketHandlerAnUpgradeGets404) {
  Pages pages;
  WebServer server(pages);

  EXPECT_THROW(WebSocketClient(WsUrl(server), 2s), std::runtime_error);
  EXPECT_EQ(testkit::HttpClient(server.Url()).Get("/ws").body, "GET /ws");
}

// Whether a new connection to `url` is refused now.
bool Refused(const std::string& url) {
  try {
    testkit::HttpClient(url).Get("/");
    return false;
  } catch (const std::runtime_error&) {
    return true;
  }
}

// A "quit" command: a websocket handler closes the server it runs on. Close
// must not join the thread it is called from; the destructor, on the test's
// thread, joins the rest.
TEST(WebServer, AWebsocketHandlerMayCloseItsOwnServer) {
  const int threads_before = testkit::LiveThreads();
  Pages pages;
  std::atomic<WebServer*> self = nullptr;
  std::atomic<bool> close_returned = false;
  SocketFunc sockets([&](const http::Request&, ws::Connection& connection) {
    for (;;) {
      if (connection.Receive(Clock::now() + 10s) == "quit") {
        self.load()->Close();
        close_returned = true;
        return;
      }
    }
  });
  auto server = std::make_unique<WebServer>(pages, sockets);
  self = server.get();
  const std::string url = server->Url();
  WebSocketClient client(WsUrl(*server));

  ASSERT_TRUE(client.Send("quit"));

  EXPECT_TRUE(client.WaitForClose().has_value()) << "the connection is still open";
  EXPECT_TRUE(Eventually([&] { return close_returned.load(); })) << "Close() did not return";
  EXPECT_TRUE(Eventually([&] { return Refused(url); })) << "still accepting after Close()";
  server.reset();
  EXPECT_TRUE(Eventually([&] { return testkit::LiveThreads() <= threads_before; }, 500ms));
}

// The same from a plain HTTP handler, which runs on the server's handler
// pool: the request that closes the server is still answered.
TEST(WebServer, AnHttpHandlerMayCloseItsOwnServer) {
  const int threads_before = testkit::LiveThreads();
  std::atomic<WebServer*> self = nullptr;
  HttpFunc pages([&](const http::Request&, http::Response& response) {
    self.load()->Close();
    response.body = "bye";
  });
  SocketFunc sockets(Shouter());
  auto server = std::make_unique<WebServer>(pages, sockets);
  self = server.get();
  const std::string url = server->Url();

  EXPECT_EQ(testkit::HttpClient(url).Get("/quit").body, "bye");

  EXPECT_TRUE(Eventually([&] { return Refused(url); })) << "still accepting after Close()";
  server.reset();
  EXPECT_TRUE(Eventually([&] { return testkit::LiveThreads() <= threads_before; }, 500ms));
}

}  // namespace
}  // namespace kata::web
