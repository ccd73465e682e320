// Two counters that many threads may bump at once: one guarded by a mutex
// (steps 1-3), one built on an atomic (step 6).
//
// Thread safety: all methods may be called concurrently.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

namespace counter {

class Counter {
 public:
  void Inc();
  std::int64_t Value() const;

 private:
  // TODO (step 2): a mutex that guards value_. Keep it private.
  std::int64_t value_ = 0;
};

class AtomicCounter {
 public:
  void Inc();
  std::int64_t Value() const;

 private:
  // TODO (step 6): make this a std::atomic.
  std::int64_t value_ = 0;
};

}  // namespace counter
