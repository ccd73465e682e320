#include "wait_group.h"

#include <stdexcept>
#include <string>

namespace counter {

void WaitGroup::Add(int n) {
  bool finished = false;
  {
    std::scoped_lock lock(mutex_);
    if (outstanding_ + n < 0) {
      throw std::logic_error("WaitGroup: count would go below zero (" +
                             std::to_string(outstanding_) + " + " + std::to_string(n) + ")");
    }
    outstanding_ += n;
    finished = outstanding_ == 0;
  }
  // Every waiter must wake, not one of them: notify_all.
  if (finished) all_done_.notify_all();
}

void WaitGroup::Done() { Add(-1); }

void WaitGroup::Wait() {
  std::unique_lock lock(mutex_);
  all_done_.wait(lock, [&] { return outstanding_ == 0; });
}

}  // namespace counter
