// Step 3: you write these tests. GET /league answers 200 with the store's
// league as a JSON array, in the store's order, and says so in its
// Content-Type header: application/json. The workbook judges your tests:
// they must pass against a correct server and fail against each of six
// broken ones (`make kata-2` says how many yours catch).
//
// The tools: testkit::Get(server, "/league") sends the request and returns
// the response (status, headers, body); response.Header("Content-Type") is
// a std::optional<std::string>. StubLeagueStore (league_store_doubles.h)
// takes the league GetLeague returns as its second argument.
// DecodeLeague (league_json.h) reads a body the way a client does: it
// returns the players, or throws LeagueFormatError when the text is not a
// JSON array of players.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "league_json.h"
#include "league_server.h"
#include "league_store_doubles.h"
#include "player.h"
#include "testkit/http.h"
#include "testkit/todo.h"

namespace json_league {
namespace {

using testing::StubLeagueStore;
namespace http = kata::http;
using kata::testkit::Get;

TEST(LeagueResponse, IsOkAndSaysItIsJson) {
  KATA_TODO(
      "GET /league over a stub store with a league: 200 OK, and a Content-Type header that says "
      "the body is JSON");
}

TEST(LeagueResponse, IsTheStoresLeagueInTheStoresOrder) {
  KATA_TODO(
      "a stub league in no particular order: the body, read as JSON, holds exactly those players, "
      "in that order");
}

TEST(LeagueResponse, NamesComeBackAsTheyWere) {
  KATA_TODO(
      "players whose names JSON has to escape (a quote, a backslash): the body, read as JSON, "
      "gives them back");
}

TEST(LeagueResponse, AnEmptyLeagueIsAnEmptyArray) {
  KATA_TODO("a store with no players: still 200 OK, and the body, read as JSON, is an empty array");
}

}  // namespace
}  // namespace json_league
