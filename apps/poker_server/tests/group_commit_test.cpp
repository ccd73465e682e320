// GroupCommit (apps/poker_server/group_commit.h): wins recorded from many
// threads at once are all saved, each caller returns only once its win is
// in the file, and a win that cannot be saved fails alone.
#include "group_commit.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "file_system_player_store.h"
#include "testkit/temp_file.h"

namespace poker_server {
namespace {

namespace testkit = kata::testkit;

int WinsIn(const std::vector<json_league::Player>& league, const std::string& name) {
  for (const auto& player : league) {
    if (player.name == name) return player.wins;
  }
  return 0;
}

TEST(GroupCommit, EveryWinFromManyThreadsIsSavedBeforeItsCallerReturns) {
  constexpr int kThreads = 8;
  constexpr int kWinsEach = 25;
  testkit::TempFile db;
  file_store::FileSystemPlayerStore store(db.Path().string());
  GroupCommit commits(store);
  std::vector<int> seen_after_return(kThreads, 0);
  {
    std::vector<std::jthread> players;
    for (int t = 0; t < kThreads; ++t) {
      players.emplace_back([&, t] {
        const std::string name = "player " + std::to_string(t);
        for (int i = 1; i <= kWinsEach; ++i) {
          commits.RecordWin(name);
          // Acknowledged means saved: a fresh store on the file sees it.
          if (i == kWinsEach)
            seen_after_return[t] =
                WinsIn(file_store::FileSystemPlayerStore(db.Path().string()).GetLeague(), name);
        }
      });
    }
  }
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(seen_after_return[t], kWinsEach) << "player " << t;
    EXPECT_EQ(commits.GetPlayerScore("player " + std::to_string(t)), kWinsEach);
  }
  GroupCommit::Counts totals = commits.Totals();
  EXPECT_EQ(totals.wins, kThreads * kWinsEach);
  EXPECT_GE(totals.saves, 1);
  EXPECT_LE(totals.saves, totals.wins);
}

// A name that is not valid UTF-8 cannot be written as JSON: its save throws.
// Whatever group it lands in, the valid wins beside it are saved.
TEST(GroupCommit, AWinThatCannotBeSavedFailsAlone) {
  testkit::TempFile db;
  file_store::FileSystemPlayerStore store(db.Path().string());
  GroupCommit commits(store);
  const std::string bad = "\xff\xfe";
  int bad_refused = 0;
  {
    std::jthread spoiler([&] {
      for (int i = 0; i < 20; ++i) {
        try {
          commits.RecordWin(bad);
        } catch (const std::exception&) {
          ++bad_refused;
        }
      }
    });
    std::vector<std::jthread> players;
    for (int t = 0; t < 4; ++t) {
      players.emplace_back([&] {
        for (int i = 0; i < 20; ++i) commits.RecordWin("Pepper");
      });
    }
  }
  EXPECT_EQ(bad_refused, 20);
  EXPECT_EQ(commits.GetPlayerScore("Pepper"), 80);
  EXPECT_EQ(commits.GetPlayerScore(bad), std::nullopt);
  EXPECT_EQ(WinsIn(file_store::FileSystemPlayerStore(db.Path().string()).GetLeague(), "Pepper"),
            80);
}

}  // namespace
}  // namespace poker_server
