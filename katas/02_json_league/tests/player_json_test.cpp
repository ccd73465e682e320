// Step 1: a Player to and from JSON, and a league to and from text.
#include "player_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "league_json.h"
#include "player.h"

namespace json_league {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(PlayerJson, WritesAPlayerWithNameAndWinsKeys) {
  nlohmann::json json = Player{"Cleo", 32};

  EXPECT_EQ(json, nlohmann::json::parse(R"({"Name": "Cleo", "Wins": 32})"));
}

TEST(PlayerJson, ReadsAPlayerFromNameAndWinsKeys) {
  auto json = nlohmann::json::parse(R"({"Name": "Chris", "Wins": 20})");

  EXPECT_EQ(json.get<Player>(), (Player{"Chris", 20}));
}

TEST(PlayerJson, APlayerWithoutWinsIsAnError) {
  auto json = nlohmann::json::parse(R"({"Name": "Chris"})");

  EXPECT_THROW(json.get<Player>(), nlohmann::json::exception);
}

TEST(PlayerJson, EncodesALeagueAsACompactArrayInItsOrder) {
  std::vector<Player> league = {{"Cleo", 32}, {"Chris", 20}};

  EXPECT_EQ(EncodeLeague(league), R"([{"Name":"Cleo","Wins":32},{"Name":"Chris","Wins":20}])");
}

TEST(PlayerJson, EncodesAnEmptyLeagueAsAnEmptyArray) { EXPECT_EQ(EncodeLeague({}), "[]"); }

TEST(PlayerJson, DecodesWhatItEncodes) {
  std::vector<Player> league = {{"Chris Jones", 7}, {"Zoë", 0}, {"\"Q\"", 1}};

  EXPECT_EQ(DecodeLeague(EncodeLeague(league)), league);
}

TEST(PlayerJson, DecodesALeagueWrittenByHand) {
  auto league = DecodeLeague(R"([
    {"Name": "Cleo", "Wins": 10},
    {"Wins": 33, "Name": "Chris"}
  ])");

  EXPECT_THAT(league, ElementsAre(Player{"Cleo", 10}, Player{"Chris", 33}));
  EXPECT_THAT(DecodeLeague("[]"), IsEmpty());
}

TEST(PlayerJson, RefusesTextThatIsNotALeague) {
  for (std::string_view text :
       {"", "not json", "[{", "{}", "null", R"({"Name": "Cleo", "Wins": 1})",
        R"([{"Name": "Cleo"}])", R"([{"Name": "Cleo", "Wins": "many"}])",
        R"([{"Name": 7, "Wins": 1}])", R"([1, 2])"}) {
    SCOPED_TRACE(text);
    EXPECT_THROW(DecodeLeague(text), LeagueFormatError);
  }
}

TEST(PlayerJson, SaysWhatIsWrongWithALeague) {
  try {
    DecodeLeague(R"([{"Name": "Cleo"}])");
    ADD_FAILURE() << "DecodeLeague accepted a player without wins";
  } catch (const LeagueFormatError& error) {
    EXPECT_THAT(error.what(), HasSubstr("Wins"));
  }
}

}  // namespace
}  // namespace json_league
