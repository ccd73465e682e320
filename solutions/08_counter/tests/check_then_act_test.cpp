// Step 4, the reference for the test you write: a withdrawal checks the
// balance and takes the money in one critical section. The on_checked seam
// holds one withdrawal between its check and its debit, on every run, so
// the test sees what a second withdrawal and a read do meanwhile: a
// check-then-act race forced instead of hoped for.
#include "account.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "worker.h"

namespace counter {
namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using helpers::Worker;

TEST(CheckThenAct, TheWholeBalanceCanBeWithdrawn) {
  Account account(5);
  EXPECT_TRUE(account.Withdraw(5));
  EXPECT_EQ(account.Balance(), 0);
}

// Two withdrawals of $5 from $5. The first is held at the seam; a second
// withdrawal and a read start on other threads: neither may finish while
// the first holds (50 ms here). Once it lets go, the second finds the money
// gone.
TEST(CheckThenAct, NothingGetsInBetweenTheCheckAndTheDebit) {
  testkit::Gate held;  // the first withdrawal waits on it inside on_checked
  std::atomic<int> checked = 0;
  Account account(5, [&] {
    if (checked.fetch_add(1) == 0) held.Wait();
  });
  struct OpenOnExit {
    testkit::Gate& gate;
    ~OpenOnExit() { gate.Open(); }
  } open_on_exit{held};

  std::atomic<int> approved = 0;
  auto withdraw_five = [&] {
    if (account.Withdraw(5)) approved.fetch_add(1);
  };
  Worker first(withdraw_five);
  auto first_held_or_done = [&] { return held.Arrived() >= 1 || first.Finished(); };
  ASSERT_TRUE(testkit::Eventually(first_held_or_done));
  ASSERT_FALSE(first.Finished()) << "the first withdrawal returned without calling on_checked";
  Worker second(withdraw_five);
  Worker reader([&] { account.Balance(); });

  auto someone_got_in = [&] { return second.Finished() || reader.Finished(); };
  EXPECT_TRUE(testkit::Never(someone_got_in, 50ms))
      << (second.Finished() ? "a second withdrawal" : "Balance()")
      << " got in while the first withdrawal was between its check and its debit";
  held.Open();
  first.Join();
  second.Join();
  reader.Join();

  EXPECT_EQ(approved.load(), 1) << "both withdrawals passed the check before either took the money";
  EXPECT_EQ(account.Balance(), 0);
  EXPECT_EQ(checked.load(), 1) << "the second withdrawal passed the check too";
}

}  // namespace
}  // namespace counter
