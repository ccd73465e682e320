// Step 4: the router on its own, with handlers that only record their calls.
#include "router.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "testkit/http.h"

namespace json_league {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
namespace http = kata::http;
namespace testkit = kata::testkit;

// A handler that records its name in `calls` and answers with it as the body.
Router::HandlerFunction Named(std::vector<std::string>& calls, std::string name) {
  return [&calls, name](const http::Request&, http::Response& response) {
    calls.push_back(name);
    response.body = name;
  };
}

http::Response Send(Router& router, std::string_view method, std::string_view target) {
  return testkit::Serve(router, testkit::NewRequest(method, target));
}

TEST(Router, SendsARequestToTheHandlerForItsMethodAndPath) {
  Router router;
  std::vector<std::string> calls;
  router.Handle("GET", "/league", Named(calls, "league"));
  router.Handle("GET", "/players/{name}", Named(calls, "score"));
  router.Handle("POST", "/players/{name}", Named(calls, "win"));

  EXPECT_EQ(Send(router, "GET", "/league").body, "league");
  EXPECT_EQ(Send(router, "GET", "/players/Pepper").body, "score");
  EXPECT_EQ(Send(router, "POST", "/players/Pepper").body, "win");
  EXPECT_THAT(calls, ElementsAre("league", "score", "win"));
}

TEST(Router, LeavesTheResponseToTheHandler) {
  Router router;
  router.Handle("POST", "/things", [](const http::Request& request, http::Response& response) {
    response.status = http::kCreated;
    response.SetHeader("Location", "/things/1");
    response.body = request.body;
  });

  auto response = testkit::Serve(router, testkit::NewRequest("POST", "/things", "a thing"));

  EXPECT_EQ(response.status, http::kCreated);
  EXPECT_THAT(response.Header("Location"), Optional(std::string("/things/1")));
  EXPECT_EQ(response.body, "a thing");
}

TEST(Router, APlaceholderMatchesExactlyOneNonEmptySegment) {
  Router router;
  std::vector<std::string> calls;
  router.Handle("GET", "/players/{name}", Named(calls, "score"));

  EXPECT_EQ(Send(router, "GET", "/players/Pepper").status, http::kOk);
  EXPECT_EQ(Send(router, "GET", "/players/Chris%20Jones").status,
            http::kOk);  // the path is decoded
  EXPECT_EQ(Send(router, "GET", "/players/a%2Fb").status,
            http::kOk);  // split before it is decoded: one segment, "a/b"
  EXPECT_EQ(Send(router, "GET", "/players/").status, http::kNotFound);
  EXPECT_EQ(Send(router, "GET", "/players").status, http::kNotFound);
  EXPECT_EQ(Send(router, "GET", "/players/Pepper/wins").status, http::kNotFound);
  EXPECT_THAT(calls, ElementsAre("score", "score", "score"));
}

TEST(Router, LiteralSegmentsMatchExactly) {
  Router router;
  std::vector<std::string> calls;
  router.Handle("GET", "/league", Named(calls, "league"));

  for (std::string_view target :
       {"/League", "/leagues", "/league/", "/league/x", "/", "/x/league"}) {
    SCOPED_TRACE(target);
    EXPECT_EQ(Send(router, "GET", target).status, http::kNotFound);
  }
  EXPECT_THAT(calls, IsEmpty());
}

TEST(Router, AnEmptyRouterFindsNothing) {
  Router router;
  EXPECT_EQ(Send(router, "GET", "/").status, http::kNotFound);
  EXPECT_EQ(Send(router, "GET", "/league").status, http::kNotFound);
}

TEST(Router, AKnownPathWithAnotherMethodIs405WithAllow) {
  Router router;
  std::vector<std::string> calls;
  router.Handle("GET", "/players/{name}", Named(calls, "score"));
  router.Handle("POST", "/players/{name}", Named(calls, "win"));

  auto response = Send(router, "DELETE", "/players/Pepper");

  EXPECT_EQ(response.status, http::kMethodNotAllowed);
  EXPECT_THAT(response.Header("Allow"), Optional(std::string("GET, POST")));
  EXPECT_THAT(calls, IsEmpty());
}

TEST(Router, AllowNamesEachMethodOnceInTheOrderRegistered) {
  Router router;
  std::vector<std::string> calls;
  router.Handle("POST", "/players/{name}", Named(calls, "win"));
  router.Handle("GET", "/players/{name}", Named(calls, "score"));
  router.Handle("GET", "/players/{name}", Named(calls, "score again"));

  auto response = Send(router, "PUT", "/players/Pepper");

  EXPECT_THAT(response.Header("Allow"), Optional(std::string("POST, GET")));
}

TEST(Router, TheFirstMatchingRouteWins) {
  Router router;
  std::vector<std::string> calls;
  router.Handle("GET", "/players/top", Named(calls, "top"));
  router.Handle("GET", "/players/{name}", Named(calls, "score"));

  EXPECT_EQ(Send(router, "GET", "/players/top").body, "top");
  EXPECT_EQ(Send(router, "GET", "/players/Pepper").body, "score");
}

TEST(Router, IsAHandlerForAnyHandler) {
  Router router;
  testkit::HandlerFunc teapot(
      [](const http::Request&, http::Response& response) { response.status = 418; });
  router.Handle("GET", "/teapot", teapot);

  EXPECT_EQ(Send(router, "GET", "/teapot").status, 418);
}

}  // namespace
}  // namespace json_league
