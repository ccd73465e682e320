// kata/web_server.h (support) shutting down: quickly with connections open,
// from one of its own handlers, and with no thread left behind.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "testkit/eventually.h"
#include "testkit/threads.h"
#include "testkit/websocket_client.h"
#include "web_server_doubles.h"

namespace kata::web {
namespace {

using namespace std::chrono_literals;
using ::testing::Optional;
using testkit::Eventually;
using testkit::WebSocketClient;

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
