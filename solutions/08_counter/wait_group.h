// WaitGroup: wait for a group of tasks whose number may grow while they run
// (std::latch cannot grow after construction). Go's sync.WaitGroup in C++.
//
//   wait_group.Add(1);                 // before starting the task
//   start([&] { ...; wait_group.Done(); });
//   wait_group.Wait();                 // until every Add has its Done
//
// Thread safety: all methods may be called concurrently. As in Go, the group
// may be destroyed as soon as Wait() has returned, while the thread whose
// Done() released it may still be inside that Done().
#pragma once

#include <condition_variable>
#include <mutex>

namespace counter {

class WaitGroup {
 public:
  WaitGroup() = default;
  WaitGroup(const WaitGroup&) = delete;
  WaitGroup& operator=(const WaitGroup&) = delete;

  // Adds n outstanding tasks; a negative n that takes the count below zero
  // throws std::logic_error.
  void Add(int n);
  // One task finished. Throws std::logic_error when none is outstanding.
  void Done();
  // Blocks until no task is outstanding.
  void Wait();

  // Wakes every thread in Wait() without changing the count, as a condition
  // variable may do at any time by itself (a spurious wake-up). A waiter that
  // finds tasks still outstanding goes back to sleep. For tests.
  void WakeWaiters();

 private:
  std::mutex mutex_;
  std::condition_variable all_done_;
  int outstanding_ = 0;  // guarded by mutex_
};

}  // namespace counter
