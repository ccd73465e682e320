#include "wait_group.h"

#include <stdexcept>

#include "testkit/todo.h"

namespace counter {

void WaitGroup::Add(int n) {
  (void)n;
  // TODO: change the count; throw std::logic_error if it would go below
  // zero; wake the waiters when it reaches zero.
  KATA_TODO("add n to the outstanding count");
}

void WaitGroup::Done() {
  // TODO: one task fewer.
  KATA_TODO("take one from the outstanding count");
}

void WaitGroup::Wait() {
  // TODO: block until the count is zero (wait on a condition variable with a
  // predicate).
  KATA_TODO("wait until the outstanding count is zero");
}

void WaitGroup::WakeWaiters() {
  // TODO: wake every waiter without changing the count.
  KATA_TODO("notify every waiter");
}

}  // namespace counter
