// Step 5: you write these tests. The CLI's side of its conversation with a
// Game: Start once, with the count typed and the CLI's own output for the
// alerts; then Finish once, with the winner's name alone; nothing else, and
// not a line read past the winner's. The workbook judges your tests: they
// must pass against a correct CLI and fail against each of six broken ones
// (`make kata-4` says how many yours catch).
//
// The tools: MockGame (cli_poker_doubles.h) is a GoogleMock mock of Game.
// EXPECT_CALL(game, Start(3, Ref(out))) says: exactly one call, with 3 and
// that very stream; .Times(0) says never; InSequence says in this order.
// Output alone cannot tell you what the game was told.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "cli.h"
#include "cli_poker_doubles.h"
#include "testkit/todo.h"

namespace cli_poker {
namespace {

using ::testing::InSequence;
using testing::MockGame;
using ::testing::Ref;
using ::testing::StrictMock;

TEST(CliTellsTheGame, StartsWithTheCountThenFinishesWithTheName) {
  KATA_TODO(
      "input \"3\" then \"Chris Jones wins\": the game is started once, with 3 players and "
      "the CLI's own output stream, then finished once with \"Chris Jones\" alone, in that order");
}

TEST(CliTellsTheGame, StartsOnceAfterTheCountIsAskedAgain) {
  KATA_TODO("bad counts (\"pies\", \"0\") before a good one (5): the game is started once, with 5");
}

TEST(CliTellsTheGame, ABadCountNeverReachesTheGame) {
  KATA_TODO("only a bad count, then the input ends: the game is neither started nor finished");
}

TEST(CliTellsTheGame, ALineThatNamesNoWinnerDoesNotFinishTheGame) {
  KATA_TODO(
      "a count, a line that names no winner, then the input ends: the game is started once "
      "and never finished");
}

TEST(CliTellsTheGame, FinishesOnceAndReadsNoFurther) {
  KATA_TODO(
      "two winner lines: the game is finished once, with the first name, and the second line "
      "is still unread in the input");
}

}  // namespace
}  // namespace cli_poker
