#include "testkit/test_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <stdexcept>

namespace kata::testkit {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Optional;

HandlerFunc::Function Echo() {
  return [](const http::Request& request, http::Response& response) {
    response.SetHeader("X-Method", request.method);
    response.body = request.path + "|" + request.body;
  };
}

TEST(TestServer, ListensOnAnEphemeralLoopbackPort) {
  TestServer server(Echo());

  EXPECT_THAT(server.Url(), MatchesRegex("http://127\\.0\\.0\\.1:[0-9]+"));
  EXPECT_GT(server.Port(), 0);
  EXPECT_EQ(server.Url(), "http://127.0.0.1:" + std::to_string(server.Port()));
}

TEST(TestServer, ServesAHandlerOverARealSocket) {
  TestServer server(Echo());
  HttpClient client(server.Url());

  auto get = client.Get("/players/Chris%20Jones");
  auto post = client.Post("/players/Pepper", "body");
  auto put = client.Send("PUT", "/x");

  EXPECT_EQ(get.status, 200);
  EXPECT_EQ(get.body, "/players/Chris Jones|");
  EXPECT_EQ(post.body, "/players/Pepper|body");
  EXPECT_THAT(put.Header("X-Method"), Optional(std::string("PUT")));
}

TEST(TestServer, TwoServersGetDifferentPorts) {
  TestServer a(Echo());
  TestServer b(Echo());
  EXPECT_NE(a.Port(), b.Port());
}

TEST(TestServer, AHandlerExceptionBecomesA500ThatNamesIt) {
  TestServer server([](const http::Request&, http::Response&) {
    throw std::runtime_error("store is on fire");
  });
  HttpClient client(server.Url());

  auto response = client.Get("/");

  EXPECT_EQ(response.status, 500);
  EXPECT_THAT(response.body, HasSubstr("store is on fire"));
}

// cpp-httplib's stop() hangs if it runs before listen() has started; the
// server must be safe to stop at once, and quickly.
TEST(TestServer, ShutsDownWithinASecondWhenStoppedRightAfterStart) {
  for (int i = 0; i < 20; ++i) {
    auto start = std::chrono::steady_clock::now();
    auto done = std::async(std::launch::async, [] { TestServer server(Echo()); });
    ASSERT_EQ(done.wait_for(5s), std::future_status::ready) << "shutdown hung, round " << i;
    EXPECT_LT(std::chrono::steady_clock::now() - start, 1s) << "round " << i;
  }
}

TEST(TestServer, ShutsDownQuicklyAfterServingAKeptAliveClient) {
  auto start = std::chrono::steady_clock::now();
  {
    TestServer server(Echo());
    HttpClient client(server.Url());
    EXPECT_EQ(client.Get("/").status, 200);
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST(TestServer, CloseReleasesAHandlerWaitingOnTheStopToken) {
  std::mutex mutex;
  std::condition_variable_any wake;
  std::promise<void> entered;
  std::unique_ptr<TestServer> server;
  server = std::make_unique<TestServer>([&](const http::Request&, http::Response& response) {
    entered.set_value();
    std::unique_lock lock(mutex);
    // A server that never answers on its own.
    wake.wait(lock, server->StopToken(), [] { return false; });
    response.status = 503;
  });
  auto request = std::async(std::launch::async, [&] {
    HttpClient client(server->Url());
    try {
      client.Get("/slow");
    } catch (const std::runtime_error&) {
      // The connection may be cut: all that matters is that Close returns.
    }
  });
  ASSERT_EQ(entered.get_future().wait_for(5s), std::future_status::ready);

  auto start = std::chrono::steady_clock::now();
  server->Close();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
  EXPECT_EQ(request.wait_for(5s), std::future_status::ready);
}

TEST(HttpClient, ConnectionRefusedThrowsNamingTheUrl) {
  int port;
  {
    TestServer server(Echo());
    port = server.Port();
  }
  HttpClient client("http://127.0.0.1:" + std::to_string(port));
  try {
    client.Get("/players/x");
    FAIL() << "expected an exception";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("127.0.0.1:" + std::to_string(port) + "/players/x"));
  }
}

}  // namespace
}  // namespace kata::testkit
