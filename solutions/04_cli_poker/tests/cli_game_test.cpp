// Step 5, the reference for the test you write: the CLI's side of its
// conversation with a Game. Each expectation names its arguments (the count,
// the very stream the CLI writes to, the name alone), and each says how often:
// an EXPECT_CALL means exactly once unless told otherwise, and .Times(0)
// means never. The output cannot show any of it: a mock game writes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli.h"
#include "cli_poker_doubles.h"

namespace cli_poker {
namespace {

using ::testing::_;
using ::testing::InSequence;
using testing::MockGame;
using ::testing::Ref;
using ::testing::StrictMock;

// A name with a space in it, and a count other than the usual: a CLI that
// passes the whole line, or a count of its own, does not match by luck.
TEST(CliTellsTheGame, StartsWithTheCountThenFinishesWithTheName) {
  std::istringstream in("3\nChris Jones wins\n");
  std::ostringstream out;
  MockGame game;
  {
    InSequence in_this_order;
    EXPECT_CALL(game, Start(3, Ref(out)));
    EXPECT_CALL(game, Finish("Chris Jones"));
  }

  Cli(in, out, game).PlayPoker();
}

TEST(CliTellsTheGame, StartsOnceAfterTheCountIsAskedAgain) {
  std::istringstream in("pies\n0\n5\nCleo wins\n");
  std::ostringstream out;
  MockGame game;
  EXPECT_CALL(game, Start(5, Ref(out)));
  EXPECT_CALL(game, Finish("Cleo"));

  Cli(in, out, game).PlayPoker();
}

// A strict mock fails the test on any call it was not told to expect: with
// no expectation at all, the absence of calls is the assertion.
TEST(CliTellsTheGame, ABadCountNeverReachesTheGame) {
  std::istringstream in("pies\n");
  std::ostringstream out;
  StrictMock<MockGame> game;

  Cli(in, out, game).PlayPoker();
}

// Started once (a second Start would schedule every blind twice) and never
// finished: the input ended without a winner, and no win may be recorded.
TEST(CliTellsTheGame, ALineThatNamesNoWinnerDoesNotFinishTheGame) {
  std::istringstream in("8\nLloyd is a killer\n");
  std::ostringstream out;
  MockGame game;
  EXPECT_CALL(game, Start(8, Ref(out)));
  EXPECT_CALL(game, Finish(_)).Times(0);

  Cli(in, out, game).PlayPoker();
}

TEST(CliTellsTheGame, FinishesOnceAndReadsNoFurther) {
  std::istringstream in("3\nChris wins\nCleo wins\n");
  std::ostringstream out;
  MockGame game;
  EXPECT_CALL(game, Start(3, Ref(out)));
  EXPECT_CALL(game, Finish("Chris"));

  Cli(in, out, game).PlayPoker();

  std::string rest;
  std::getline(in, rest);
  EXPECT_EQ(rest, "Cleo wins") << "the CLI read past the winner's line";
}

}  // namespace
}  // namespace cli_poker
