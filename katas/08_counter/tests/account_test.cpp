// Step 4: a bank account, the workbook's own checks. The test that holds a
// withdrawal between its check and its debit, through the on_checked seam,
// is yours to write: check_then_act_test.cpp.
#include "account.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>

#include "testkit/sync.h"

namespace counter {
namespace {

namespace testkit = kata::testkit;

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

}  // namespace
}  // namespace counter
