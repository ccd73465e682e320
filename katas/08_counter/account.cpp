#include "account.h"

#include <utility>

#include "testkit/todo.h"

namespace counter {

Account::Account(std::int64_t balance, std::function<void()> on_checked)
    : on_checked_(std::move(on_checked)), balance_(balance) {}

bool Account::Withdraw(std::int64_t amount) {
  (void)amount;
  // TODO: if the balance covers amount, call on_checked_ (when set), take the
  // money and return true; otherwise return false.
  KATA_TODO("check the balance, call on_checked_, then debit");
}

std::int64_t Account::Balance() const {
  // TODO: the balance now.
  KATA_TODO("return balance_");
}

}  // namespace counter
