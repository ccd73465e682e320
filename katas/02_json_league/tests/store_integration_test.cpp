// Steps 5 and 6: the in-memory store behind the server, then many threads
// recording wins while others read the league.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "in_memory_league_store.h"
#include "league_server.h"
#include "player.h"
#include "player_json.h"
#include "testkit/http.h"
#include "testkit/sync.h"
#include "testkit/test_server.h"

namespace json_league {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
namespace http = kata::http;
namespace testkit = kata::testkit;
using testkit::Get;
using testkit::Post;

std::vector<Player> LeagueFrom(const http::Response& response) {
  return nlohmann::json::parse(response.body).get<std::vector<Player>>();
}

int TotalWins(const std::vector<Player>& league) {
  int total = 0;
  for (const auto& player : league) total += player.wins;
  return total;
}

// --- Step 5 -----------------------------------------------------------------

TEST(InMemoryLeagueIntegration, RecordsWinsThenReturnsThemInTheLeague) {
  InMemoryLeagueStore store;
  LeagueServer server(store);

  Post(server, "/players/Pepper");
  Post(server, "/players/Pepper");
  Post(server, "/players/Floyd");
  Post(server, "/players/Pepper");

  auto score = Get(server, "/players/Pepper");
  EXPECT_EQ(score.status, http::kOk);
  EXPECT_EQ(score.body, "3");
  auto league = Get(server, "/league");
  EXPECT_EQ(league.status, http::kOk);
  EXPECT_THAT(LeagueFrom(league), ElementsAre(Player{"Floyd", 1}, Player{"Pepper", 3}));
}

TEST(InMemoryLeagueIntegration, TheLeagueIsInOrderOfName) {
  InMemoryLeagueStore store;

  for (auto name : {"Tiest", "Chris", "Cleo", "Chris"}) store.RecordWin(name);

  EXPECT_THAT(store.GetLeague(),
              ElementsAre(Player{"Chris", 2}, Player{"Cleo", 1}, Player{"Tiest", 1}));
}

TEST(InMemoryLeagueIntegration, ANewStoreHasAnEmptyLeague) {
  InMemoryLeagueStore store;
  LeagueServer server(store);

  EXPECT_THAT(store.GetLeague(), IsEmpty());
  EXPECT_EQ(Get(server, "/league").body, "[]");
}

// --- Step 6 -----------------------------------------------------------------

constexpr int kWriters = 4;
constexpr int kReaders = 2;
constexpr int kWinsPerWriter = 100;
constexpr int kReadsPerReader = 50;
const std::vector<std::string> kPlayers = {"Pepper", "Floyd", "Chris", "Cleo", "Tiest"};

TEST(ConcurrentLeague, WinsRecordedWhileOthersReadTheLeagueAreAllCounted) {
  InMemoryLeagueStore store;
  LeagueServer server(store);

  testkit::RunOnThreads(kWriters + kReaders, [&](int t) {
    if (t < kWriters) {
      for (int i = 0; i < kWinsPerWriter; ++i) {
        auto name = kPlayers[(t + i) % kPlayers.size()] + std::to_string(i % 3);
        ASSERT_EQ(Post(server, "/players/" + name).status, http::kAccepted);
      }
    } else {
      int seen = 0;
      for (int i = 0; i < kReadsPerReader; ++i) {
        auto response = Get(server, "/league");
        ASSERT_EQ(response.status, http::kOk);
        int total = TotalWins(LeagueFrom(response));
        ASSERT_GE(total, seen) << "the league lost wins between two reads";
        seen = total;
      }
    }
  });

  EXPECT_EQ(TotalWins(LeagueFrom(Get(server, "/league"))), kWriters * kWinsPerWriter);
}

TEST(ConcurrentLeague, EveryWinIsCountedThroughALoopbackServer) {
  InMemoryLeagueStore store;
  LeagueServer server(store);
  testkit::TestServer test_server(server);

  testkit::RunOnThreads(kWriters + kReaders, [&](int t) {
    testkit::HttpClient client(test_server.Url());
    for (int i = 0; i < kWinsPerWriter / 4; ++i) {
      if (t < kWriters) {
        auto response = client.Post("/players/" + kPlayers[(t + i) % kPlayers.size()]);
        ASSERT_EQ(response.status, http::kAccepted) << response.body;
      } else {
        auto response = client.Get("/league");
        ASSERT_EQ(response.status, http::kOk) << response.body;
      }
    }
  });

  testkit::HttpClient client(test_server.Url());
  auto response = client.Get("/league");
  EXPECT_EQ(TotalWins(LeagueFrom(response)), kWriters * kWinsPerWriter / 4);
}

}  // namespace
}  // namespace json_league
