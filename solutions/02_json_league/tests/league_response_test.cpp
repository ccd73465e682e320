// Step 3, the reference for the test you write: GET /league answers 200,
// says application/json, and its body, read as JSON the way a client reads
// it, is the store's league in the store's order. The body is compared as
// players, never as text: text comparisons pass bodies that are not JSON
// and fail bodies that are.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "league_json.h"
#include "league_server.h"
#include "league_store_doubles.h"
#include "player.h"
#include "testkit/http.h"

namespace json_league {
namespace {

using ::testing::IsEmpty;
using ::testing::Optional;
using testing::StubLeagueStore;
namespace http = kata::http;
using kata::testkit::Get;

// The body read as a client reads it; a body that is not a JSON array of
// players fails the test, and shows what it was.
std::vector<Player> LeagueIn(const http::Response& response) {
  try {
    return DecodeLeague(response.body);
  } catch (const LeagueFormatError& error) {
    ADD_FAILURE() << "the body is not a JSON array of players: " << error.what()
                  << "\n  body: " << response.body;
    return {};
  }
}

// In no order a server could produce by sorting: not by name, not by wins
// either way. The server must keep the store's order, whatever it is.
const std::vector<Player> kLeague = {{"Tiest", 14}, {"Cleo", 32}, {"Chris", 20}};

TEST(LeagueResponse, IsOkAndSaysItIsJson) {
  StubLeagueStore store({}, kLeague);
  LeagueServer server(store);

  auto response = Get(server, "/league");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_THAT(response.Header("Content-Type"), Optional(std::string("application/json")));
}

TEST(LeagueResponse, IsTheStoresLeagueInTheStoresOrder) {
  StubLeagueStore store({}, kLeague);
  LeagueServer server(store);

  auto response = Get(server, "/league");

  EXPECT_EQ(LeagueIn(response), kLeague);
}

TEST(LeagueResponse, NamesComeBackAsTheyWere) {
  const std::vector<Player> league = {
      {R"(Chris "The Ace" Jones)", 3}, {R"(back\slash)", 1}, {"Zoë", 7}};
  StubLeagueStore store({}, league);
  LeagueServer server(store);

  auto response = Get(server, "/league");

  EXPECT_EQ(LeagueIn(response), league);
}

TEST(LeagueResponse, AnEmptyLeagueIsAnEmptyArray) {
  StubLeagueStore store;
  LeagueServer server(store);

  auto response = Get(server, "/league");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_THAT(response.Header("Content-Type"), Optional(std::string("application/json")));
  EXPECT_THAT(LeagueIn(response), IsEmpty());
}

}  // namespace
}  // namespace json_league
