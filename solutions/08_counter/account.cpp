#include "account.h"

#include <utility>

namespace counter {

Account::Account(std::int64_t balance, std::function<void()> on_checked)
    : on_checked_(std::move(on_checked)), balance_(balance) {}

bool Account::Withdraw(std::int64_t amount) {
  // Check and debit form one critical section: nobody can spend the money
  // between the moment it is seen and the moment it is taken.
  std::scoped_lock lock(mutex_);
  if (balance_ < amount) return false;
  if (on_checked_) on_checked_();
  balance_ -= amount;
  return true;
}

std::int64_t Account::Balance() const {
  std::scoped_lock lock(mutex_);
  return balance_;
}

}  // namespace counter
