#include "wait_group.h"

#include <stdexcept>
#include <string>

namespace counter {

void WaitGroup::Add(int n) {
  std::scoped_lock lock(mutex_);
  if (outstanding_ + n < 0) {
    throw std::logic_error("WaitGroup: count would go below zero (" +
                           std::to_string(outstanding_) + " + " + std::to_string(n) + ")");
  }
  outstanding_ += n;
  // Notified under the lock: a waiter woken here returns only once it holds
  // the mutex again, that is after this call has let go of it and touches
  // the group no more. Its owner may then destroy the group at once. Every
  // waiter must wake, not one of them: notify_all.
  if (outstanding_ == 0) all_done_.notify_all();
}

void WaitGroup::Done() { Add(-1); }

void WaitGroup::Wait() {
  std::unique_lock lock(mutex_);
  all_done_.wait(lock, [&] { return outstanding_ == 0; });
}

void WaitGroup::WakeWaiters() {
  std::scoped_lock lock(mutex_);
  all_done_.notify_all();
}

}  // namespace counter
