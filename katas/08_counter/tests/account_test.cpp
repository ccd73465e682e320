// Step 4: a bank account. Every access is locked, yet a withdrawal that checks
// the balance in one critical section and debits it in another overdraws the
// account. ThreadSanitizer cannot see that (there is no data race); the
// on_checked seam lets this test force the bad interleaving on every run.
#include "account.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "testkit/sync.h"

namespace counter {
namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;

TEST(AccountWithdrawals, ApprovesWhatTheBalanceCovers) {
  Account account(1000);
  EXPECT_TRUE(account.Withdraw(600));
  EXPECT_FALSE(account.Withdraw(500));
  EXPECT_EQ(account.Balance(), 400);
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

// Two withdrawals of $5 from $5. The first to pass the balance check is held
// at the seam until the second has passed it too, or for 250 ms. If the
// check and the debit form one critical section the second cannot get there
// meanwhile: it waits, then finds the money gone.
TEST(AccountWithdrawals, NoSecondWithdrawalSlipsBetweenTheCheckAndTheDebit) {
  std::mutex mutex;
  std::condition_variable changed;
  int checked = 0;
  Account account(5, [&] {
    std::unique_lock lock(mutex);
    int me = ++checked;
    changed.notify_all();
    if (me == 1) changed.wait_for(lock, 250ms, [&] { return checked >= 2; });
  });

  std::atomic<int> approved = 0;
  testkit::RunOnThreads(2, [&](int) {
    if (account.Withdraw(5)) approved.fetch_add(1);
  });

  EXPECT_EQ(approved.load(), 1) << "both withdrawals passed the check before either took the money";
  EXPECT_EQ(account.Balance(), 0) << "balance " << account.Balance();
}

}  // namespace
}  // namespace counter
