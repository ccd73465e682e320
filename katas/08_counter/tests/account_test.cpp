// Step 4: a bank account. Every access is locked, yet a withdrawal that checks
// the balance in one critical section and debits it in another overdraws the
// account. ThreadSanitizer cannot see that (there is no data race); the
// on_checked seam lets this test hold a withdrawal between its check and its
// debit, and see what other calls can do meanwhile, on every run.
#include "account.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "worker.h"

namespace counter {
namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using helpers::Worker;

TEST(AccountWithdrawals, ApprovesWhatTheBalanceCovers) {
  int checked = 0;
  Account account(1000, [&] { ++checked; });
  EXPECT_TRUE(account.Withdraw(600));
  EXPECT_FALSE(account.Withdraw(500));
  EXPECT_EQ(account.Balance(), 400);
  EXPECT_EQ(checked, 1) << "on_checked runs once for each withdrawal the balance covers";
}

// on_checked runs before the money is taken: when it throws, the withdrawal
// ends there (the exception reaches the caller) and the balance is untouched.
TEST(AccountWithdrawals, OnCheckedRunsBeforeTheMoneyIsTaken) {
  Account account(5, [] { throw std::runtime_error("card declined"); });
  EXPECT_THROW(account.Withdraw(5), std::runtime_error);
  EXPECT_EQ(account.Balance(), 5) << "the money was taken before on_checked ran";
}

TEST(AccountWithdrawals, ThreeHundredConcurrentFiveDollarWithdrawalsFromAThousand) {
  Account account(1000);
  std::atomic<int> approved = 0;
  testkit::RunOnThreads(30, [&](int) {
    for (int i = 0; i < 10; ++i) {
      if (account.Withdraw(5)) approved.fetch_add(1);
      ASSERT_GE(account.Balance(), 0);
    }
  });
  EXPECT_EQ(approved.load(), 200);
  EXPECT_EQ(account.Balance(), 0);
}

// Two withdrawals of $5 from $5. The first is held at the seam, between its
// check and its debit. Meanwhile a second withdrawal and a read of the
// balance start on other threads: neither may get in while the first one
// holds (50 ms here). Once it lets go, the second finds the money gone.
TEST(AccountWithdrawals, NothingGetsInBetweenTheCheckAndTheDebit) {
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
  ASSERT_TRUE(testkit::Eventually([&] { return held.Arrived() >= 1 || first.Finished(); }));
  if (first.Finished()) {
    first.Join();  // rethrows what Withdraw threw
    FAIL() << "the first withdrawal returned without calling on_checked";
  }
  Worker second(withdraw_five);
  Worker reader([&] { account.Balance(); });

  EXPECT_TRUE(testkit::Never([&] { return second.Finished() || reader.Finished(); }, 50ms))
      << (second.Finished() ? "a second withdrawal" : "Balance()")
      << " got in while the first withdrawal was between its check and its debit";
  held.Open();
  first.Join();
  second.Join();
  reader.Join();

  EXPECT_EQ(approved.load(), 1) << "both withdrawals passed the check before either took the money";
  EXPECT_EQ(account.Balance(), 0) << "balance " << account.Balance();
  EXPECT_EQ(checked.load(), 1) << "the second withdrawal passed the check too";
}

}  // namespace
}  // namespace counter
