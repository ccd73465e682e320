#include "once.h"

namespace sync_toolbox {

void Once::Do(const std::function<void()>& fn) {
  // The fast path: once done, callers only read an atomic. The acquire pairs
  // with the release below, so what fn wrote is visible here.
  if (done_.load(std::memory_order_acquire)) return;
  std::scoped_lock lock(mutex_);
  if (done_.load(std::memory_order_relaxed)) return;
  fn();  // a throw leaves done_ false: the next caller tries again
  done_.store(true, std::memory_order_release);
}

}  // namespace sync_toolbox
