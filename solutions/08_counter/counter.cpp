#include "counter.h"

namespace counter {

void Counter::Inc() {
  std::scoped_lock lock(mutex_);
  ++value_;
}

std::int64_t Counter::Value() const {
  std::scoped_lock lock(mutex_);
  return value_;
}

void AtomicCounter::Inc() { value_.fetch_add(1, std::memory_order_relaxed); }

std::int64_t AtomicCounter::Value() const { return value_.load(std::memory_order_relaxed); }

}  // namespace counter
