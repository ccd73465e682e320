// Step 4: you write these tests. A withdrawal checks the balance, calls the
// on_checked seam, and takes the money, and nothing may come between the
// check and the debit. The workbook judges your tests: they must pass
// against a correct Account and fail against each of five broken ones
// (`make kata-8` says how many yours catch).
//
// The tools: Account's second argument is the seam, called between check and
// debit; a testkit::Gate (testkit/sync.h) holds a thread there until you
// Open() it, and Arrived() says how many threads wait at it; Worker (worker.h)
// runs a function on a thread of its own; testkit::Eventually and
// testkit::Never (testkit/eventually.h) wait for a condition, or make sure it
// stays false for a while, without sleeping.
#include "account.h"

#include <gtest/gtest.h>

#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "testkit/todo.h"
#include "worker.h"

namespace counter {
namespace {

TEST(CheckThenAct, TheWholeBalanceCanBeWithdrawn) {
  KATA_TODO("an Account with $5: withdrawing $5 is approved and leaves 0");
}

TEST(CheckThenAct, NothingGetsInBetweenTheCheckAndTheDebit) {
  KATA_TODO(
      "$5, two withdrawals of $5: hold the first inside on_checked (a Gate); meanwhile a second withdrawal and a "
      "Balance() on other threads must not finish; then let go: one approved, balance 0, on_checked ran once");
}

}  // namespace
}  // namespace counter
