// Step 4: the server's routes, seen from outside: what the router decides
// once LeagueServer dispatches through it.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

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
namespace testkit = kata::testkit;

http::Response Send(http::Handler& server, std::string_view method, std::string_view target) {
  return testkit::Serve(server, testkit::NewRequest(method, target));
}

const std::vector<Player> kLeague = {{"Cleo", 32}, {"Chris", 20}, {"Tiest", 14}};

TEST(Routing, OtherMethodsOnTheLeagueAre405AllowingGet) {
  StubLeagueStore store({}, kLeague);
  LeagueServer server(store);

  for (std::string_view method : {"POST", "PUT", "DELETE"}) {
    SCOPED_TRACE(method);
    auto response = Send(server, method, "/league");

    EXPECT_EQ(response.status, http::kMethodNotAllowed);
    EXPECT_THAT(response.Header("Allow"), Optional(std::string("GET")));
  }
}

TEST(Routing, OtherMethodsOnAPlayerAre405AllowingGetAndPost) {
  StubLeagueStore store({{"Pepper", 20}});
  LeagueServer server(store);

  for (std::string_view method : {"PUT", "DELETE", "PATCH"}) {
    SCOPED_TRACE(method);
    auto response = Send(server, method, "/players/Pepper");

    EXPECT_EQ(response.status, http::kMethodNotAllowed);
    EXPECT_THAT(response.Header("Allow"), Optional(std::string("GET, POST")));
  }
  EXPECT_THAT(store.WinCalls(), IsEmpty());
}

TEST(Routing, UnknownPathsAre404) {
  StubLeagueStore store({{"Pepper", 20}}, kLeague);
  LeagueServer server(store);

  for (std::string_view target : {"/", "/leagues", "/league/", "/League", "/players", "/players/",
                                  "/players/Pepper/wins", "/nowhere"}) {
    SCOPED_TRACE(target);
    EXPECT_EQ(Send(server, "GET", target).status, http::kNotFound);
    EXPECT_EQ(Send(server, "POST", target).status, http::kNotFound);
  }
  EXPECT_THAT(store.WinCalls(), IsEmpty());
}

}  // namespace
}  // namespace json_league
