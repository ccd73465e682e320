// Steps 1-7: the file store on its own, over temporary files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "file_store_test_helpers.h"
#include "file_system_player_store.h"
#include "league_json.h"
#include "player.h"
#include "testkit/temp_file.h"

namespace file_store {
namespace {

using ::testing::ElementsAre;
using testing::ErrorFrom;
using testing::FilesIn;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::LeagueInFile;
using ::testing::Not;
using ::testing::Optional;
using ::testing::UnorderedElementsAre;
namespace testkit = kata::testkit;

constexpr std::string_view kCleoAndChris = R"([
  {"Name": "Cleo", "Wins": 10},
  {"Name": "Chris", "Wins": 33}
])";

// --- Step 1 -----------------------------------------------------------------

TEST(ReadLeague, ReadsEveryPlayerInTheFile) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  EXPECT_THAT(store.GetLeague(), UnorderedElementsAre(Player{"Cleo", 10}, Player{"Chris", 33}));
}

TEST(ReadLeague, ReadsTheSameLeagueTwice) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  auto first = store.GetLeague();
  auto second = store.GetLeague();

  EXPECT_EQ(first, second);
  EXPECT_EQ(second.size(), 2u);
}

TEST(ReadLeague, ReadingLeavesTheFileAsItWas) {
  testkit::TempFile db(kCleoAndChris);

  FileSystemPlayerStore store(db.Path());
  store.GetLeague();

  EXPECT_EQ(db.Read(), kCleoAndChris);
  EXPECT_THAT(FilesIn(db.Dir()), ElementsAre("db.json"));
}

// --- Step 2 -----------------------------------------------------------------

TEST(PlayerScore, IsThePlayersWinsInTheFile) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  EXPECT_THAT(store.GetPlayerScore("Chris"), Optional(33));
  EXPECT_THAT(store.GetPlayerScore("Cleo"), Optional(10));
}

TEST(PlayerScore, AnUnknownPlayerHasNone) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  EXPECT_EQ(store.GetPlayerScore("Apollo"), std::nullopt);
}

TEST(PlayerScore, APlayerWithNoWinsIsStillKnown) {
  testkit::TempFile db(R"([{"Name": "Zed", "Wins": 0}])");
  FileSystemPlayerStore store(db.Path());

  EXPECT_THAT(store.GetPlayerScore("Zed"), Optional(0));
}

// --- Step 3 -----------------------------------------------------------------

TEST(RecordWins, AddsAWinToAnExistingPlayer) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  store.RecordWin("Chris");

  EXPECT_THAT(store.GetPlayerScore("Chris"), Optional(34));
}

TEST(RecordWins, ANewPlayerStartsWithOneWin) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  store.RecordWin("Pepper");

  EXPECT_THAT(store.GetPlayerScore("Pepper"), Optional(1));
  EXPECT_THAT(store.GetLeague(),
              UnorderedElementsAre(Player{"Cleo", 10}, Player{"Chris", 33}, Player{"Pepper", 1}));
}

TEST(RecordWins, EachWinIsInTheFileAsSoonAsItIsRecorded) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  store.RecordWin("Pepper");

  EXPECT_THAT(LeagueInFile(db),
              UnorderedElementsAre(Player{"Cleo", 10}, Player{"Chris", 33}, Player{"Pepper", 1}));
}

TEST(RecordWins, AStoreReopenedOnTheFileHasTheNewLeague) {
  testkit::TempFile db(kCleoAndChris);
  {
    FileSystemPlayerStore store(db.Path());
    store.RecordWin("Chris");
    store.RecordWin("Pepper");
    store.RecordWin("Pepper");
  }

  FileSystemPlayerStore reopened(db.Path());

  EXPECT_THAT(reopened.GetLeague(),
              UnorderedElementsAre(Player{"Cleo", 10}, Player{"Chris", 34}, Player{"Pepper", 2}));
}

// --- Step 4 -----------------------------------------------------------------

TEST(SortedLeague, HighestWinsFirst) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  EXPECT_THAT(store.GetLeague(), ElementsAre(Player{"Chris", 33}, Player{"Cleo", 10}));
  EXPECT_THAT(store.GetLeague(), ElementsAre(Player{"Chris", 33}, Player{"Cleo", 10}));
}

TEST(SortedLeague, TiesAreInOrderOfName) {
  testkit::TempFile db(R"([{"Name": "Zed", "Wins": 5}, {"Name": "Amy", "Wins": 5},
                           {"Name": "Bob", "Wins": 7}, {"Name": "Al", "Wins": 5}])");
  FileSystemPlayerStore store(db.Path());

  EXPECT_THAT(store.GetLeague(),
              ElementsAre(Player{"Bob", 7}, Player{"Al", 5}, Player{"Amy", 5}, Player{"Zed", 5}));
}

TEST(SortedLeague, StaysSortedAsWinsAreRecorded) {
  testkit::TempFile db(R"([{"Name": "Chris", "Wins": 2}, {"Name": "Cleo", "Wins": 1}])");
  FileSystemPlayerStore store(db.Path());

  store.RecordWin("Cleo");
  EXPECT_THAT(store.GetLeague(), ElementsAre(Player{"Chris", 2}, Player{"Cleo", 2}));
  store.RecordWin("Cleo");
  EXPECT_THAT(store.GetLeague(), ElementsAre(Player{"Cleo", 3}, Player{"Chris", 2}));
  store.RecordWin("Ada");
  EXPECT_THAT(store.GetLeague(),
              ElementsAre(Player{"Cleo", 3}, Player{"Chris", 2}, Player{"Ada", 1}));
}

// --- Step 5 -----------------------------------------------------------------

TEST(EmptyOrMissingFile, AnEmptyFileIsAnEmptyLeague) {
  testkit::TempFile db("");
  FileSystemPlayerStore store(db.Path());

  EXPECT_THAT(store.GetLeague(), IsEmpty());
}

TEST(EmptyOrMissingFile, AnEmptyFileIsInitialisedToAnEmptyLeague) {
  testkit::TempFile db("");

  FileSystemPlayerStore store(db.Path());

  EXPECT_THAT(LeagueInFile(db), IsEmpty());
}

TEST(EmptyOrMissingFile, AMissingFileIsCreatedWithAnEmptyLeague) {
  auto db = testkit::TempFile::Missing();

  FileSystemPlayerStore store(db.Path());

  EXPECT_TRUE(std::filesystem::exists(db.Path()));
  EXPECT_THAT(store.GetLeague(), IsEmpty());
  EXPECT_THAT(LeagueInFile(db), IsEmpty());
}

TEST(EmptyOrMissingFile, WinsRecordedInANewFileAreKept) {
  auto db = testkit::TempFile::Missing();
  {
    FileSystemPlayerStore store(db.Path());
    store.RecordWin("Pepper");
  }

  FileSystemPlayerStore reopened(db.Path());

  EXPECT_THAT(reopened.GetLeague(), ElementsAre(Player{"Pepper", 1}));
}

// --- Step 6 -----------------------------------------------------------------
// The workbook's own checks of step 6; that a refused file is left exactly as
// it was is yours to test, in corrupt_file_test.cpp.

// What DecodeLeague (kata 2) says is wrong with the text.
std::string WhatIsWrong(std::string_view text) {
  try {
    json_league::DecodeLeague(text);
  } catch (const json_league::LeagueFormatError& error) {
    return error.what();
  }
  ADD_FAILURE() << "DecodeLeague accepted " << text;
  return "";
}

TEST(InvalidFile, IsRefusedWithAnErrorNamingTheFileAndTheProblem) {
  for (std::string_view contents :
       {"not json", "[{\"Name\": \"Cleo\", \"Wins\": 10},", "{}", "null", "   \n",
        R"([{"Name": "Cleo"}])", R"([{"Name": "Cleo", "Wins": "ten"}])"}) {
    SCOPED_TRACE(contents);
    testkit::TempFile db(contents);

    auto message = ErrorFrom([&] { FileSystemPlayerStore store(db.Path()); });

    EXPECT_THAT(message, HasSubstr(db.Path().string()));
    EXPECT_THAT(message, HasSubstr(WhatIsWrong(contents)));
    EXPECT_THAT(message, Not(HasSubstr("\n"))) << "one line, please";
  }
}

TEST(InvalidFile, APlayerListedTwiceIsNotALeague) {
  testkit::TempFile db(R"([{"Name": "Cleo", "Wins": 10}, {"Name": "Cleo", "Wins": 3}])");

  auto message = ErrorFrom([&] { FileSystemPlayerStore store(db.Path()); });

  EXPECT_THAT(message, HasSubstr(db.Path().string()));
  EXPECT_THAT(message, HasSubstr("Cleo"));
  EXPECT_THAT(FilesIn(db.Dir()), ElementsAre("db.json"));
}

TEST(InvalidFile, AFolderIsNotALeague) {
  testkit::TempDir dir;

  auto message = ErrorFrom([&] { FileSystemPlayerStore store(dir.Path()); });

  EXPECT_THAT(message, HasSubstr(dir.Path().string()));
  EXPECT_THAT(FilesIn(dir.Path()), IsEmpty());
}

// --- Step 7 -----------------------------------------------------------------

TEST(SafeSave, LeavesNoOtherFileBehind) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());

  store.RecordWin("Chris");
  store.RecordWin("Pepper");

  EXPECT_THAT(FilesIn(db.Dir()), ElementsAre("db.json"));
}

// A file opened before the save still reads the whole old league: the save
// put a new file in its place instead of rewriting the old one, which a crash
// half-way could have left truncated.
TEST(SafeSave, ReplacesTheFileInsteadOfRewritingIt) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());
  std::ifstream opened_before(db.Path(), std::ios::binary);

  store.RecordWin("Chris");

  std::ostringstream old_contents;
  old_contents << opened_before.rdbuf();
  EXPECT_EQ(old_contents.str(), kCleoAndChris);
  EXPECT_THAT(LeagueInFile(db), UnorderedElementsAre(Player{"Cleo", 10}, Player{"Chris", 34}));
}

TEST(SafeSave, ReadersOfTheFileOnlyEverSeeAWholeLeague) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());
  std::atomic<bool> done = false;
  std::atomic<int> reads = 0;

  std::jthread reader([&] {
    while (!done.load()) {
      auto text = testkit::ReadFile(db.Path());
      reads.fetch_add(1);
      try {
        json_league::DecodeLeague(text);
      } catch (const json_league::LeagueFormatError& error) {
        ADD_FAILURE() << "a reader found a league half-written: \"" << text << "\"\n  "
                      << error.what();
        return;
      }
    }
  });
  for (int i = 0; i < 30; ++i) store.RecordWin("Chris");
  done = true;
  reader.join();

  EXPECT_GT(reads.load(), 0);
  EXPECT_THAT(store.GetPlayerScore("Chris"), Optional(63));
}

TEST(SafeSave, AWinThatCannotBeSavedIsNotRecorded) {
  testkit::TempFile db(kCleoAndChris);
  FileSystemPlayerStore store(db.Path());
  const std::string not_utf8 = "\xFF\xFE";  // JSON text must be UTF-8: this name cannot be saved

  EXPECT_ANY_THROW(store.RecordWin(not_utf8));

  EXPECT_EQ(store.GetPlayerScore(not_utf8), std::nullopt);
  EXPECT_THAT(store.GetLeague(), ElementsAre(Player{"Chris", 33}, Player{"Cleo", 10}));
  EXPECT_EQ(db.Read(), kCleoAndChris);
  EXPECT_THAT(FilesIn(db.Dir()), ElementsAre("db.json"));
  store.RecordWin("Cleo");  // and the store still works
  EXPECT_THAT(LeagueInFile(db), UnorderedElementsAre(Player{"Chris", 33}, Player{"Cleo", 11}));
}

}  // namespace
}  // namespace file_store
