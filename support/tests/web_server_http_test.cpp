// kata/web_server.h (support), its plain HTTP side: requests through the
// handler, body limits, requests still arriving, malformed requests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>

#include "testkit/sync.h"
#include "testkit/websocket_client.h"
#include "web_server_doubles.h"

namespace kata::web {
namespace {

using namespace std::chrono_literals;
using ::testing::AllOf;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::Optional;
using ::testing::StartsWith;
using testkit::WebSocketClient;

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

// Issue 21: a request Beast cannot parse, or that HTTP forbids, gets a
// status and a one-line reason before the connection closes.

TEST(WebServer, AnswersMalformedRequestsWithAStatusAndAReason) {
  Pages pages;
  WebServer server(pages);

  EXPECT_THAT(
      RawExchange(server, "G@T / HTTP/1.1\r\nHost: x\r\n\r\n"),
      AllOf(StartsWith("HTTP/1.1 400"), EndsWith("\r\n\r\nmalformed request: bad method\n")));
  EXPECT_THAT(RawExchange(server, "GET / HTTP/3.0\r\nHost: x\r\n\r\n"), StartsWith("HTTP/1.1 505"));
  EXPECT_THAT(RawExchange(server, "GET / HTTP/1.1\r\n\r\n"),
              AllOf(StartsWith("HTTP/1.1 400"), HasSubstr("needs a Host header\n")));
  EXPECT_THAT(RawExchange(server, "GET /a%zz HTTP/1.1\r\nHost: x\r\n\r\n"),
              AllOf(StartsWith("HTTP/1.1 400"), HasSubstr("percent-escape")));
  EXPECT_THAT(RawExchange(server, "GET /a% HTTP/1.1\r\nHost: x\r\n\r\n"),
              StartsWith("HTTP/1.1 400"));
  EXPECT_THAT(RawExchange(server, "GET /a%20b HTTP/1.0\r\n\r\n"), EndsWith("GET /a b"));
}

// Plain HTTP only: no websocket side at all.
TEST(WebServer, WithoutASocketHandlerAnUpgradeGets404) {
  Pages pages;
  WebServer server(pages);

  EXPECT_THROW(WebSocketClient(WsUrl(server), 2s), std::runtime_error);
  EXPECT_EQ(testkit::HttpClient(server.Url()).Get("/ws").body, "GET /ws");
}

// A handler that answers at once is served on the I/O thread: it is
// answered even while every handler thread is taken. Here the only one is
// held in /slow until the test opens the gate.
class FastAndSlow : public http::Handler {
 public:
  void ServeHttp(const http::Request& request, http::Response& response) override {
    if (request.path == "/slow") {
      held.Wait(std::chrono::milliseconds(10'000));  // the test opens it long before
      slow_returned = true;
    }
    response.body = request.path;
  }
  bool AnswersAtOnce(const http::Request& request) const override { return request.path == "/fast"; }
  testkit::Gate held;
  std::atomic<bool> slow_returned = false;
};

TEST(WebServer, AHandlerThatAnswersAtOnceIsServedWhileTheHandlerThreadsAreBusy) {
  FastAndSlow pages;
  WebServer server(pages, {.http_threads = 1});
  std::string slow_body;
  std::jthread slow([&] { slow_body = testkit::HttpClient(server.Url()).Get("/slow").body; });
  ASSERT_TRUE(pages.held.WaitForArrivals(1));

  EXPECT_EQ(testkit::HttpClient(server.Url()).Get("/fast").body, "/fast");
  EXPECT_FALSE(pages.slow_returned) << "/fast was answered only once /slow had let its thread go";
  pages.held.Open();
  slow.join();
  EXPECT_EQ(slow_body, "/slow");
}

}  // namespace
}  // namespace kata::web
