// Running: a function, a Select's Run for instance, on a thread of its own,
// so that a test can watch it park; its result, or what it threw, is handed
// back to the test's thread. An exception must never leave a thread
// function: that is std::terminate, a crash instead of a failed test.
//
//   select_test::Running running([&] { return select.Run(); });
//   ASSERT_TRUE(testkit::Eventually([&] { return running.Done() || a.WaitingReceivers() == 1; }));
//   ...
//   EXPECT_EQ(running.Get(), 0u);  // joins, then returns or rethrows
//
// OnExit runs a function when the test leaves its scope, also by a failed
// ASSERT: the way a test frees a select it left parked (a value on one of
// its channels), so that a failing test ends instead of hanging at the join.
// Declare it after the Running it frees: it then runs first.
//
// Thread safety: Done() may be called from any thread; Get() from the test's
// thread, once.
#pragma once

#include <atomic>
#include <cstddef>
#include <exception>
#include <functional>
#include <thread>
#include <utility>

namespace select_test {

class Running {
 public:
  explicit Running(std::function<std::size_t()> fn)
      : thread_([this, fn = std::move(fn)] {
          try {
            result_ = fn();
          } catch (...) {
            error_ = std::current_exception();
          }
          done_.store(true);
        }) {}
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;

  bool Done() const { return done_.load(); }

  std::size_t Get() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
    return result_;
  }

 private:
  std::atomic<bool> done_ = false;
  std::size_t result_ = 0;    // written by the thread before done_, read after the join
  std::exception_ptr error_;  // likewise
  std::jthread thread_;       // last: started once the members above exist
};

class OnExit {
 public:
  explicit OnExit(std::function<void()> fn) : fn_(std::move(fn)) {}
  ~OnExit() {
    try {
      fn_();
    } catch (...) {  // code still to be written: nothing more to free with
    }
  }
  OnExit(const OnExit&) = delete;
  OnExit& operator=(const OnExit&) = delete;

 private:
  std::function<void()> fn_;
};

}  // namespace select_test
