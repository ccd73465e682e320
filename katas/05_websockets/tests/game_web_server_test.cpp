// Step 1: the /game page and the league behind it, in-process.
#include "game_web_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testkit/http.h"
#include "web_doubles.h"

namespace websockets {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::Optional;
using ::testing::StartsWith;
using testing::StubLeagueStore;
namespace http = kata::http;
namespace testkit = kata::testkit;
using testkit::Get;

TEST(GamePage, IsServedAsHtml) {
  StubLeagueStore store;
  GameWebServer server(store);

  auto response = Get(server, "/game");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_THAT(response.Header("Content-Type"), Optional(StartsWith("text/html")));
  EXPECT_THAT(response.body, Not(::testing::IsEmpty()));
}

TEST(GamePage, OnlyAnswersGet) {
  StubLeagueStore store;
  GameWebServer server(store);

  auto response = testkit::Serve(server, testkit::NewRequest("POST", "/game"));

  EXPECT_EQ(response.status, http::kMethodNotAllowed);
  EXPECT_THAT(response.Header("Allow"), Optional(std::string("GET")));
}

TEST(GamePage, TheLeagueIsStillServedNextToIt) {
  StubLeagueStore store({{"Cleo", 32}});
  GameWebServer server(store);

  auto league = Get(server, "/league");
  auto score = Get(server, "/players/Cleo");

  EXPECT_EQ(league.status, http::kOk);
  EXPECT_THAT(league.Header("Content-Type"), Optional(StartsWith("application/json")));
  EXPECT_THAT(league.body, HasSubstr("Cleo"));
  EXPECT_EQ(score.body, "32");
  EXPECT_EQ(Get(server, "/nowhere").status, http::kNotFound);
}

TEST(GamePage, HtmlEscapeEscapesTheFiveSpecialCharacters) {
  EXPECT_EQ(HtmlEscape("Tom & \"Jerry\" <3 'cheese'"),
            "Tom &amp; &quot;Jerry&quot; &lt;3 &#39;cheese&#39;");
  EXPECT_EQ(HtmlEscape("Ruth"), "Ruth");
  EXPECT_EQ(HtmlEscape(""), "");
}

TEST(GamePage, SuggestsTheLeaguesPlayersWithTheirNamesEscaped) {
  StubLeagueStore store({{"Ruth", 3}, {"<script>alert(1)</script>", 1}});
  GameWebServer server(store);

  auto body = Get(server, "/game").body;

  EXPECT_THAT(body, HasSubstr("\"Ruth\""));
  EXPECT_THAT(body, HasSubstr("&lt;script&gt;alert(1)&lt;/script&gt;"));
  EXPECT_THAT(body, Not(HasSubstr("<script>alert(1)")));
}

}  // namespace
}  // namespace websockets
