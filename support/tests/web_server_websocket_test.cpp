// kata/web_server.h (support) with testkit's WebSocketClient: one port for
// plain HTTP and websockets, and the connection contract of kata/websocket.h.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "testkit/eventually.h"
#include "testkit/websocket_client.h"
#include "web_server_doubles.h"

namespace kata::web {
namespace {

using namespace std::chrono_literals;
using ::testing::ElementsAre;
using ::testing::Optional;
using testkit::Eventually;
using testkit::WebSocketClient;

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

}  // namespace
}  // namespace kata::web
