// Background: runs a function on a thread of its own, so that a test can
// watch a call that may block for ever (destroying a stream, FirstOf) and
// still end when it does not return: wait with ReturnsWithin, free the thread
// if it must (close the channel it waits on, read what it sends, move the
// fake clock on), then Join.
//
//   Background destroy([&] { numbers.reset(); });
//   const bool returned = destroy.ReturnsWithin(kPrompt);
//   if (!returned) { /* free it */ }
//   destroy.Join();  // rethrows what the function threw
//   EXPECT_TRUE(returned) << "...";
//
// kPrompt is how long "at once" may take: stopping a thread and joining it
// takes a few milliseconds, even under ThreadSanitizer on a loaded machine.
//
// Thread safety: Done and ReturnsWithin may be called from any thread; Join
// from the test's thread, once.
#pragma once

#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <thread>
#include <utility>

#include "testkit/eventually.h"

namespace leak_test {

inline constexpr std::chrono::milliseconds kPrompt{1000};

class Background {
 public:
  explicit Background(std::function<void()> fn)
      : thread_([this, fn = std::move(fn)] {
          try {
            fn();
          } catch (...) {  // a KATA_TODO, say: rethrown on the test's thread by Join
            error_ = std::current_exception();
          }
          done_.store(true);
        }) {}
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  ~Background() {
    if (thread_.joinable()) thread_.join();
  }

  // The function has returned or thrown.
  bool Done() const { return done_.load(); }

  // Waits, for real, at most `timeout` for the function to return.
  bool ReturnsWithin(std::chrono::milliseconds timeout) const {
    return static_cast<bool>(kata::testkit::Eventually([this] { return Done(); }, timeout));
  }

  // Joins the thread, then rethrows what the function threw, if anything.
  void Join() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  std::atomic<bool> done_ = false;
  std::exception_ptr error_;  // written by the thread before done_, read after the join
  std::thread thread_;        // last: started once the members above exist
};

}  // namespace leak_test
