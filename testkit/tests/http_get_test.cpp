// kata/http_get.h (support) against real loopback servers.
#include "kata/http_get.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "testkit/test_server.h"

namespace kata::testkit {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using ::testing::HasSubstr;
using ::testing::Optional;

// Waits for the server's stop token: a server that never answers by itself.
HandlerFunc::Function NeverAnswers(const std::unique_ptr<TestServer>& server) {
  return [&server](const http::Request&, http::Response&) {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    wake.wait(lock, server->StopToken(), [] { return false; });
  };
}

http::GetError::Cause CauseOf(const std::function<void()>& get) {
  try {
    get();
  } catch (const http::GetError& error) {
    return error.cause();
  }
  ADD_FAILURE() << "no GetError";
  return http::GetError::Cause::kFailed;
}

TEST(HttpGet, ReturnsStatusHeadersAndBody) {
  TestServer server([](const http::Request& request, http::Response& response) {
    response.status = 201;
    response.SetHeader("X-Path", request.path);
    response.body = "hello " + request.Query("name").value_or("?");
  });

  auto response = http::Get(server.Url() + "/greet?name=Ruth");

  EXPECT_EQ(response.status, 201);
  EXPECT_THAT(response.Header("X-Path"), Optional(std::string("/greet")));
  EXPECT_EQ(response.body, "hello Ruth");
}

TEST(HttpGet, AnErrorStatusIsAResponseNotAnError) {
  TestServer server([](const http::Request&, http::Response& response) { response.status = 500; });
  EXPECT_EQ(http::Get(server.Url()).status, 500);
}

TEST(HttpGet, ARefusedConnectionThrowsAnErrorNamingTheUrl) {
  std::string url;
  {
    TestServer closed([](const http::Request&, http::Response&) {});
    url = closed.Url();
  }
  try {
    http::Get(url);
    FAIL() << "no error";
  } catch (const http::GetError& error) {
    EXPECT_EQ(error.cause(), http::GetError::Cause::kFailed);
    EXPECT_THAT(error.what(), HasSubstr(url));
  }
}

TEST(HttpGet, GivesUpAtTheDeadline) {
  std::unique_ptr<TestServer> server;
  server = std::make_unique<TestServer>(NeverAnswers(server));
  auto start = Clock::now();

  auto cause = CauseOf([&] { http::Get(server->Url(), {}, start + 50ms); });

  EXPECT_EQ(cause, http::GetError::Cause::kTimedOut);
  EXPECT_GE(Clock::now() - start, 50ms);
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST(HttpGet, AStopRequestFromAnotherThreadCancelsItAtOnce) {
  std::unique_ptr<TestServer> server;
  server = std::make_unique<TestServer>(NeverAnswers(server));
  std::stop_source stop;
  auto get = std::async(std::launch::async, [&] {
    return CauseOf([&] { http::Get(server->Url(), stop.get_token(), Clock::now() + 60s); });
  });
  auto start = Clock::now();
  stop.request_stop();

  ASSERT_EQ(get.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(get.get(), http::GetError::Cause::kCancelled);
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST(HttpGet, OnlyPlainHttpUrls) {
  EXPECT_EQ(CauseOf([] { http::Get("https://127.0.0.1:1/"); }), http::GetError::Cause::kFailed);
  EXPECT_EQ(CauseOf([] { http::Get("http:///x"); }), http::GetError::Cause::kFailed);
}

}  // namespace
}  // namespace kata::testkit
