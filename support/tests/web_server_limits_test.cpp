// kata/web_server.h (support) under hostile or greedy clients: a cap on
// handler threads (1013), idle websockets holding no thread, a bounded
// outbox (1008).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

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

}  // namespace
}  // namespace kata::web
