// Worker: runs a function on a thread of its own and keeps what it threw for
// the test's thread (an exception must never leave a thread function: that
// is std::terminate).
//
// Thread safety: Finished() may be called from any thread; Join() from the
// test's thread, once.
#pragma once

#include <atomic>
#include <exception>
#include <thread>

namespace counter::helpers {

class Worker {
 public:
  template <typename Fn>
  explicit Worker(Fn fn)
      : thread_([this, fn] {
          try {
            fn();
          } catch (...) {
            error_ = std::current_exception();
          }
          finished_.store(true);
        }) {}
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  bool Finished() const { return finished_.load(); }

  // Joins, then rethrows what the function threw.
  void Join() {
    thread_.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  std::atomic<bool> finished_ = false;
  std::exception_ptr error_;  // written by the thread before finished_, read after the join
  std::jthread thread_;       // last: started once the members above exist
};

}  // namespace counter::helpers
