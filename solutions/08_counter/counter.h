// Two counters that many threads may bump at once: one guarded by a mutex,
// one built on an atomic.
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
  mutable std::mutex mutex_;  // never handed out: callers cannot forget to unlock
  std::int64_t value_ = 0;
};

class AtomicCounter {
 public:
  void Inc();
  std::int64_t Value() const;

 private:
  std::atomic<std::int64_t> value_ = 0;
};

}  // namespace counter
