// Step 8: many threads recording wins and reading the league at once, in
// process and through kata 2's server on a loopback port.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "file_store_test_helpers.h"
#include "file_system_player_store.h"
#include "league_server.h"
#include "player.h"
#include "testkit/sync.h"
#include "testkit/temp_file.h"
#include "testkit/test_server.h"

namespace file_store {
namespace {

using ::testing::ElementsAre;
using testing::FilesIn;
using testing::LeagueInFile;
using ::testing::Optional;
namespace http = kata::http;
namespace testkit = kata::testkit;

const std::vector<std::string> kPlayers = {"Pepper", "Floyd", "Chris"};

std::map<std::string, int> WinsByName(const std::vector<Player>& league) {
  std::map<std::string, int> wins;
  for (const auto& player : league) wins[player.name] = player.wins;
  return wins;
}

TEST(ConcurrentWriters, EveryWinIsCountedAndSaved) {
  constexpr int kWriters = 6;
  constexpr int kReaders = 2;
  constexpr int kWinsPerWriter = 5;  // each win is a save to disk: keep it small
  testkit::TempFile db(R"([{"Name": "Chris", "Wins": 10}])");
  FileSystemPlayerStore store(db.Path());

  std::atomic<int> writers_done = 0;

  testkit::RunOnThreads(kWriters + kReaders, [&](int t) {
    if (t < kWriters) {
      struct Done {
        std::atomic<int>& count;
        ~Done() { count.fetch_add(1); }  // even if RecordWin throws
      } done{writers_done};
      for (int i = 0; i < kWinsPerWriter; ++i) store.RecordWin(kPlayers[(t + i) % kPlayers.size()]);
      return;
    }
    // Reads for as long as anyone writes. The pause keeps a store without a
    // lock from crashing on a torn vector before the race detector reports
    // the race: the report is what says which two lines to fix.
    while (writers_done.load() < kWriters) {
      ASSERT_FALSE(store.GetLeague().empty());
      store.GetPlayerScore("Pepper");
      std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
  });

  std::map<std::string, int> expected = {{"Pepper", 10}, {"Floyd", 10}, {"Chris", 20}};
  EXPECT_EQ(WinsByName(store.GetLeague()), expected);
  EXPECT_EQ(WinsByName(LeagueInFile(db)), expected);
  EXPECT_EQ(WinsByName(FileSystemPlayerStore(db.Path()).GetLeague()), expected);
  EXPECT_THAT(FilesIn(db.Dir()), ElementsAre("db.json"));
}

TEST(ConcurrentWriters, WinsPostedToTheLeagueServerAreAllInTheFile) {
  constexpr int kClients = 4;
  constexpr int kWinsPerClient = 5;
  auto db = testkit::TempFile::Missing();
  FileSystemPlayerStore store(db.Path());
  json_league::LeagueServer server(store);  // kata 2's server over your store
  testkit::TestServer test_server(server);

  testkit::RunOnThreads(kClients + 1, [&](int t) {
    testkit::HttpClient client(test_server.Url());
    for (int i = 0; i < kWinsPerClient; ++i) {
      if (t < kClients) {
        auto response = client.Post("/players/" + kPlayers[(t + i) % kPlayers.size()]);
        ASSERT_EQ(response.status, http::kAccepted) << response.body;
      } else {
        ASSERT_EQ(client.Get("/league").status, http::kOk);
      }
    }
  });
  test_server.Close();

  FileSystemPlayerStore reopened(db.Path());
  int total = 0;
  for (const auto& player : reopened.GetLeague()) total += player.wins;
  EXPECT_EQ(total, kClients * kWinsPerClient);
  EXPECT_THAT(reopened.GetPlayerScore("Pepper"), Optional(7));
}

}  // namespace
}  // namespace file_store
