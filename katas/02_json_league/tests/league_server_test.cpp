// Steps 2 and 3: GET /league against a stub store.
#include "league_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "league_store_doubles.h"
#include "player_json.h"
#include "testkit/http.h"

namespace json_league {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::StubLeagueStore;
namespace http = kata::http;
namespace testkit = kata::testkit;
using testkit::Get;
using testkit::Post;

// The body decoded as the client would: nlohmann/json with your from_json.
std::vector<Player> LeagueFrom(const http::Response& response) {
  try {
    return nlohmann::json::parse(response.body).get<std::vector<Player>>();
  } catch (const std::exception& error) {
    ADD_FAILURE() << "the body is not a JSON array of players: " << error.what()
                  << "\n  body: " << response.body;
    return {};
  }
}

const std::vector<Player> kLeague = {{"Cleo", 32}, {"Chris", 20}, {"Tiest", 14}};

// --- Step 2 -----------------------------------------------------------------

TEST(LeagueRoute, AnswersOkOnLeague) {
  StubLeagueStore store;
  LeagueServer server(store);

  auto response = Get(server, "/league");

  EXPECT_EQ(response.status, http::kOk);
}

TEST(LeagueRoute, AnswersAJsonArrayOfPlayers) {
  StubLeagueStore store;
  LeagueServer server(store);

  auto response = Get(server, "/league");

  ASSERT_EQ(response.status, http::kOk);
  LeagueFrom(response);  // fails the test if the body is not a league
}

TEST(LeagueRoute, StillServesPlayersScoresAndWins) {
  StubLeagueStore store({{"Pepper", 20}});
  LeagueServer server(store);

  auto score = Get(server, "/players/Pepper");
  auto win = Post(server, "/players/Pepper");

  EXPECT_EQ(score.status, http::kOk);
  EXPECT_EQ(score.body, "20");
  EXPECT_EQ(Get(server, "/players/Apollo").status, http::kNotFound);
  EXPECT_EQ(win.status, http::kAccepted);
  EXPECT_THAT(store.WinCalls(), ElementsAre("Pepper"));
}

// --- Step 3 -----------------------------------------------------------------
// Your own tests of the league's response are in league_response_test.cpp.

TEST(LeagueFromStore, ReadingTheLeagueRecordsNothing) {
  StubLeagueStore store({}, kLeague);
  LeagueServer server(store);

  Get(server, "/league");

  EXPECT_THAT(store.WinCalls(), IsEmpty());
}

}  // namespace
}  // namespace json_league
