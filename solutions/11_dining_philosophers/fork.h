// A fork on the philosophers' table: a mutex that also remembers which thread
// holds it, so that tests can check who eats with what. It meets the Lockable
// requirements, so std::scoped_lock, std::unique_lock and std::lock take it.
//
// Under ThreadSanitizer, a Fork tells TSan about itself through the mutex
// annotations (sanitizer/tsan_interface.h). The test binaries run with
// ignore_noninstrumented_modules=1 (for cpp-httplib), and with that flag TSan
// drops lock-order-inversion reports about plain std::mutex, whose lock
// happens in its interceptor (google/sanitizers#949); annotated, the cycle of
// forks is reported again. The annotations add reports, they hide none.
//
// Thread safety: lock, try_lock and unlock as for std::mutex; HeldByMe and
// IsFree may be called from any thread at any time.
#pragma once

#include <atomic>
#include <mutex>
#include <thread>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define DINING_TSAN(call) call
#else
#define DINING_TSAN(call) ((void)0)
#endif

namespace dining {

class Fork {
 public:
  void lock() {
    DINING_TSAN(__tsan_mutex_pre_lock(this, 0));
    mutex_.lock();
    DINING_TSAN(__tsan_mutex_post_lock(this, 0, 0));
    holder_.store(std::this_thread::get_id());
  }
  bool try_lock() {
    DINING_TSAN(__tsan_mutex_pre_lock(this, __tsan_mutex_try_lock));
    bool locked = mutex_.try_lock();
    DINING_TSAN(__tsan_mutex_post_lock(
        this, locked ? __tsan_mutex_try_lock : __tsan_mutex_try_lock | __tsan_mutex_try_lock_failed,
        0));
    if (locked) holder_.store(std::this_thread::get_id());
    return locked;
  }
  void unlock() {
    holder_.store(std::thread::id());
    DINING_TSAN(__tsan_mutex_pre_unlock(this, 0));
    mutex_.unlock();
    DINING_TSAN(__tsan_mutex_post_unlock(this, 0));
  }

  bool HeldByMe() const { return holder_.load() == std::this_thread::get_id(); }
  bool IsFree() const { return holder_.load() == std::thread::id(); }

 private:
  std::mutex mutex_;
  std::atomic<std::thread::id> holder_;
};

}  // namespace dining
