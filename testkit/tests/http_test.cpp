#include "testkit/http.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace kata::testkit {
namespace {

using ::testing::Optional;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

TEST(NewRequest, SplitsTheTargetIntoADecodedPathAndQuery) {
  auto request = NewRequest("GET", "/players/Chris%20Jones?sort=wins&name=a%2Bb+c");

  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.target, "/players/Chris%20Jones?sort=wins&name=a%2Bb+c");
  EXPECT_EQ(request.path, "/players/Chris Jones");
  EXPECT_THAT(request.query, UnorderedElementsAre(Pair("sort", "wins"), Pair("name", "a+b c")));
  EXPECT_THAT(request.Query("sort"), Optional(std::string("wins")));
  EXPECT_EQ(request.Query("missing"), std::nullopt);
}

TEST(NewRequest, KeepsBodyAndHeadersAndLooksHeadersUpIgnoringCase) {
  auto request = NewRequest("POST", "/x", "hello", {{"Content-Type", "text/plain"}});

  EXPECT_EQ(request.body, "hello");
  EXPECT_THAT(request.Header("content-type"), Optional(std::string("text/plain")));
  EXPECT_THAT(request.Header("Content-Length"), Optional(std::string("5")));
}

TEST(NewRequest, LeavesMalformedEscapesAlone) {
  EXPECT_EQ(NewRequest("GET", "/a%zz%").path, "/a%zz%");
  EXPECT_EQ(NewRequest("GET", "/%41%42").path, "/AB");
}

TEST(Serve, RecordsStatusHeadersAndBody) {
  HandlerFunc handler([](const http::Request& request, http::Response& response) {
    response.status = http::kAccepted;
    response.SetHeader("X-Echo", request.path);
    response.body = request.method;
  });

  auto response = Serve(handler, NewRequest("PUT", "/thing"));

  EXPECT_EQ(response.status, 202);
  EXPECT_THAT(response.Header("x-echo"), Optional(std::string("/thing")));
  EXPECT_EQ(response.body, "PUT");
}

TEST(PercentEncode, RoundTripsThroughDecode) {
  std::string name = "Chris Jones/+%?&=ü";
  EXPECT_EQ(http::PercentEncode("a b"), "a%20b");
  EXPECT_EQ(http::PercentDecode(http::PercentEncode(name)), name);
  EXPECT_EQ(http::PercentEncode("/a b/", true), "/a%20b/");
}

TEST(StatusText, NamesCommonCodes) {
  EXPECT_EQ(http::StatusText(404), "Not Found");
  EXPECT_EQ(http::StatusText(405), "Method Not Allowed");
  EXPECT_EQ(http::StatusText(299), "Unknown");
}

}  // namespace
}  // namespace kata::testkit
