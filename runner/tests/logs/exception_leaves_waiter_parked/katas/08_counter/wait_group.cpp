#include "wait_group.h"

#include <stdexcept>

namespace counter {

void WaitGroup::Add(int n) {
  std::scoped_lock lock(mutex_);
  if (n < 0) throw std::logic_error("WaitGroup: negative count");
  count_ += n;
  if (count_ == 0) zero_.notify_all();
}

void WaitGroup::Done() { Add(-1); }

void WaitGroup::Wait() {
  std::unique_lock lock(mutex_);
  zero_.wait(lock, [&] { return count_ == 0; });
}

void WaitGroup::WakeWaiters() {
  std::scoped_lock lock(mutex_);
  zero_.notify_all();
}

}  // namespace counter
