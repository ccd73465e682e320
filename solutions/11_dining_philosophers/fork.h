// A fork on the philosophers' table: a mutex that also remembers which thread
// holds it, so that tests can check who eats with what. It meets the Lockable
// requirements, so std::scoped_lock, std::unique_lock and std::lock take it.
//
// Thread safety: lock, try_lock and unlock as for std::mutex; HeldByMe and
// IsFree may be called from any thread at any time.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>

namespace dining {

class Fork {
 public:
  void lock() {
    mutex_.lock();
    holder_.store(std::this_thread::get_id());
  }
  bool try_lock() {
    bool locked = mutex_.try_lock();
    if (locked) holder_.store(std::this_thread::get_id());
    return locked;
  }
  void unlock() {
    holder_.store(std::thread::id());
    mutex_.unlock();
  }

  bool HeldByMe() const { return holder_.load() == std::this_thread::get_id(); }
  bool IsFree() const { return holder_.load() == std::thread::id(); }

 private:
  std::mutex mutex_;
  std::atomic<std::thread::id> holder_;
};

}  // namespace dining
