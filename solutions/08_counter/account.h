// A bank account from which many threads withdraw at once.
//
// on_checked is a seam for tests: Withdraw calls it after it has found the
// balance large enough and before it takes the money, so a test can hold one
// withdrawal at exactly that point and see what a second one does meanwhile.
// If it throws, the exception reaches Withdraw's caller and nothing is taken.
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>

namespace counter {

class Account {
 public:
  explicit Account(std::int64_t balance, std::function<void()> on_checked = {});

  // Takes `amount` if the balance covers it; true if it did.
  bool Withdraw(std::int64_t amount);
  std::int64_t Balance() const;

 private:
  const std::function<void()> on_checked_;
  mutable std::mutex mutex_;
  std::int64_t balance_;  // guarded by mutex_
};

}  // namespace counter
