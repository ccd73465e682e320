// Task<R>: runs a function on a thread of its own, so that a test can watch
// it block on a channel, and hands its result, or what it threw, back to the
// test's thread. An exception must never leave a thread function: that is
// std::terminate, a crash instead of a failed test.
//
//   channel_test::Task<std::optional<int>> receiver([&] { return channel.Recv(); });
//   ...
//   EXPECT_EQ(receiver.Get(), 7);   // joins, then returns or rethrows
//
// OnExit runs a function when the test leaves its scope, also by a failed
// ASSERT or an exception: the way a test frees a thread it left parked on a
// channel (a value for a receiver, room for a sender, a stop request), so
// that a failing test ends instead of hanging at the join. Declare it after
// the Task it frees: it then runs first.
//
// Thread safety: Done() may be called from any thread; Get() from the test's
// thread, once.
#pragma once

#include <atomic>
#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <utility>

namespace channel_test {

template <typename R>
class Task {
 public:
  template <typename Fn>
  explicit Task(Fn fn)
      : thread_([this, fn = std::move(fn)]() mutable {
          try {
            result_.emplace(fn());
          } catch (...) {
            error_ = std::current_exception();
          }
          done_.store(true);
        }) {}
  Task(const Task&) = delete;
  Task& operator=(const Task&) = delete;

  // The function has returned or thrown.
  bool Done() const { return done_.load(); }

  // Joins the thread, then returns the function's result or rethrows.
  R Get() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(error_);
    return std::move(*result_);
  }

 private:
  std::atomic<bool> done_ = false;
  std::optional<R> result_;  // written by the thread before done_, read after the join
  std::exception_ptr error_;  // likewise
  std::jthread thread_;       // last: started once the members above exist
};

class OnExit {
 public:
  explicit OnExit(std::function<void()> fn) : fn_(std::move(fn)) {}
  ~OnExit() {
    try {
      fn_();
    } catch (...) {  // a channel method still to be written: nothing more to free with
    }
  }
  OnExit(const OnExit&) = delete;
  OnExit& operator=(const OnExit&) = delete;

 private:
  std::function<void()> fn_;
};

}  // namespace channel_test
