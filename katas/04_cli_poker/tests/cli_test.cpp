// Steps 1, 2, 4 and 5: the command line, first against the real game with a
// spy store and a spy alerter, then against a mock game (the rest of step 5
// is yours to write, in cli_game_test.cpp).
#include "cli.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli_poker_doubles.h"

namespace cli_poker {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Ref;
using ::testing::StrictMock;
using namespace std::chrono_literals;
using testing::Describe;
using testing::MockGame;
using testing::SpyBlindAlerter;
using testing::SpyPlayerStore;

// The CLI playing against the real game, with spies behind it.
struct Table {
  explicit Table(std::string input) : in(std::move(input)) {}

  void Play() {
    Cli cli(in, out, game);
    cli.PlayPoker();
  }

  std::istringstream in;
  std::ostringstream out;
  SpyPlayerStore store;
  SpyBlindAlerter alerter;
  TexasHoldem game{alerter, store};
};

std::string Messages(std::initializer_list<std::string_view> parts) {
  std::string joined;
  for (auto part : parts) joined += part;
  return joined;
}

// --- Step 1 -----------------------------------------------------------------
// The first line is the number of players (step 4 deals with it); the next
// one names the winner.

TEST(CliRecordsTheWinner, RecordsChrisWinFromTheInput) {
  Table table("5\nChris wins\n");
  table.Play();
  EXPECT_THAT(table.store.WinCalls(), ElementsAre("Chris"));
}

TEST(CliRecordsTheWinner, RecordsCleoWinFromTheInput) {
  Table table("5\nCleo wins\n");
  table.Play();
  EXPECT_THAT(table.store.WinCalls(), ElementsAre("Cleo"));
}

TEST(CliRecordsTheWinner, KeepsANameWithSpaces) {
  Table table("5\nChris Jones wins\n");
  table.Play();
  EXPECT_THAT(table.store.WinCalls(), ElementsAre("Chris Jones"));
}

// --- Step 2 -----------------------------------------------------------------

TEST(CliBadInput, ALineThatNamesNoWinnerGetsAMessageAndRecordsNothing) {
  Table table("5\nLloyd is a killer\n");
  table.Play();
  EXPECT_THAT(table.out.str(), HasSubstr(kBadWinnerMessage));
  EXPECT_THAT(table.store.WinCalls(), IsEmpty());
}

TEST(CliBadInput, WinsWithoutANameIsNotAWinner) {
  Table table("5\n wins\n");
  table.Play();
  EXPECT_THAT(table.out.str(), HasSubstr(kBadWinnerMessage));
  EXPECT_THAT(table.store.WinCalls(), IsEmpty());
}

TEST(CliBadInput, AGoodLineAfterABadOneStillCounts) {
  Table table("5\nnot a winner\nCleo wins\n");
  table.Play();
  EXPECT_THAT(table.out.str(), HasSubstr(kBadWinnerMessage));
  EXPECT_THAT(table.store.WinCalls(), ElementsAre("Cleo"));
}

TEST(CliBadInput, EndOfInputBeforeAWinnerEndsTheGameWithAMessage) {
  Table table("5\n");
  table.Play();
  EXPECT_THAT(table.out.str(), HasSubstr(kInputEndedMessage));
  EXPECT_THAT(table.store.WinCalls(), IsEmpty());
}

TEST(CliBadInput, EmptyInputEndsTheGameWithAMessage) {
  Table table("");
  table.Play();
  EXPECT_THAT(table.out.str(), HasSubstr(kInputEndedMessage));
  EXPECT_THAT(table.store.WinCalls(), IsEmpty());
}

// --- Step 4 -----------------------------------------------------------------

TEST(CliPrompt, PromptsForTheNumberOfPlayersFirst) {
  Table table("7\nChris wins\n");
  table.Play();
  EXPECT_EQ(table.out.str(), kPlayerPrompt);
}

TEST(CliPrompt, SevenPlayersRaiseTheBlindEveryTwelveMinutes) {
  Table table("7\nChris wins\n");
  table.Play();

  const auto& alerts = table.alerter.Alerts();
  ASSERT_GE(alerts.size(), 4u) << "the game was not started with 7 players";
  EXPECT_EQ(Describe(alerts[0]), "100 chips at 0 min");
  EXPECT_EQ(Describe(alerts[1]), "200 chips at 12 min");
  EXPECT_EQ(Describe(alerts[2]), "300 chips at 24 min");
  EXPECT_EQ(Describe(alerts[3]), "400 chips at 36 min");
}

TEST(CliPrompt, ABadCountGetsAMessageAndThePromptAgain) {
  Table table("pies\n7\nChris wins\n");
  table.Play();

  EXPECT_EQ(table.out.str(), Messages({kPlayerPrompt, kBadPlayerCountMessage, kPlayerPrompt}));
  ASSERT_FALSE(table.alerter.Alerts().empty());
  EXPECT_EQ(Describe(table.alerter.Alerts()[1]), "200 chips at 12 min");
  EXPECT_THAT(table.store.WinCalls(), ElementsAre("Chris"));
}

TEST(CliPrompt, NothingStartsUntilAPositiveWholeNumberIsGiven) {
  for (const char* bad : {"pies", "0", "-3", "2.5", "", "7 players", "99999999999999999999"}) {
    SCOPED_TRACE(std::string("count line: \"") + bad + "\"");
    Table table(std::string(bad) + "\n");
    table.Play();

    EXPECT_EQ(table.out.str(),
              Messages({kPlayerPrompt, kBadPlayerCountMessage, kPlayerPrompt, kInputEndedMessage}));
    EXPECT_THAT(table.alerter.Alerts(), IsEmpty()) << "a game was started";
  }
}

// --- Step 5 -----------------------------------------------------------------
// The CLI's side of the conversation with a Game: you write those tests, in
// cli_game_test.cpp. This one is the workbook's: the mock game writes an alert
// where it was told to, and it lands in the CLI's output after the prompt.

TEST(CliWithMockGame, AlertsGoToTheCliOutputAfterThePrompt) {
  std::istringstream in("8\nCleo wins\n");
  std::ostringstream out;
  StrictMock<MockGame> game;
  EXPECT_CALL(game, Start(8, Ref(out))).WillOnce([](int, std::ostream& to) {
    to << "Blind is now 100\n";
  });
  EXPECT_CALL(game, Finish("Cleo"));

  Cli(in, out, game).PlayPoker();

  EXPECT_EQ(out.str(), Messages({kPlayerPrompt, "Blind is now 100\n"}));
}

}  // namespace
}  // namespace cli_poker
