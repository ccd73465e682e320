// The tools of this kata's tests: tasks that fail or wait for stop, a call
// watched from a thread of its own, and a count of threads.
//
// TaskFailed is the exception the test tasks throw, named by its message.
// ParkUntilStopped(stop) blocks until stop is requested, and never returns
// without it: a task that must be stopped.
//
// Background runs a function on a thread of its own, so that a test can
// watch a call that may block (group.Wait(), GatherAndProcess): Done() says
// whether it has returned, ReturnsWithin(kPrompt) waits for it with a
// deadline, and Join() waits for it and rethrows what it threw.
//
//   Background wait([&] { group.Wait(); });
//   EXPECT_TRUE(testkit::Never([&] { return wait.Done(); }, kBriefly));  // still waiting
//   release.Open();
//   EXPECT_THROW(wait.Join(), TaskFailed);
//
// ThreadCensus notes the process's threads by id when it is made;
// NoneAdded() waits until every thread alive was already alive then.
//
// kPrompt is how long "at once" may take (a few milliseconds, even under
// ThreadSanitizer on a loaded machine, hence a whole second). kBriefly is
// how long a test watches for something that must not happen: a wrong
// implementation does it at once, so a short window catches it, and a right
// one costs the whole window, so it is short.
//
// Thread safety: Done and ReturnsWithin may be called from any thread; Join
// from the test's thread, once. A census may be read from any thread.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <set>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>

#include "testkit/eventually.h"
#include "testkit/threads.h"

namespace group_test {

inline constexpr std::chrono::milliseconds kPrompt{1000};
inline constexpr std::chrono::milliseconds kBriefly{100};

class TaskFailed : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

inline void ParkUntilStopped(std::stop_token stop) {
  std::mutex mutex;
  std::condition_variable_any never_notified;
  std::unique_lock lock(mutex);
  never_notified.wait(lock, stop, [] { return false; });
}

class ThreadCensus {
 public:
  ThreadCensus() {
    kata::testkit::LiveThreads();  // once per process: starts ThreadSanitizer's helper thread
    before_ = Ids();
  }

  ::testing::AssertionResult NoneAdded(std::chrono::milliseconds timeout = kPrompt) const {
    int added = 0;
    const bool none = static_cast<bool>(kata::testkit::Eventually(
        [&] {
          added = 0;
          for (int id : Ids()) added += before_.count(id) == 0 ? 1 : 0;
          return added == 0;
        },
        timeout));
    if (none) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << added << " thread(s) started since the census still alive";
  }

 private:
  static std::set<int> Ids() {
    std::set<int> ids;
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
      ids.insert(std::stoi(task.path().filename().string()));
    }
    return ids;
  }

  std::set<int> before_;
};

class Background {
 public:
  explicit Background(std::function<void()> fn)
      : thread_([this, fn = std::move(fn)] {
          try {
            fn();
          } catch (...) {  // rethrown on the test's thread by Join
            error_ = std::current_exception();
          }
          done_.store(true);
        }) {}
  Background(const Background&) = delete;
  Background& operator=(const Background&) = delete;
  ~Background() {
    if (thread_.joinable()) thread_.join();
  }

  bool Done() const { return done_.load(); }

  bool ReturnsWithin(std::chrono::milliseconds timeout) const {
    return static_cast<bool>(kata::testkit::Eventually([this] { return Done(); }, timeout));
  }

  void Join() {
    if (thread_.joinable()) thread_.join();
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  std::atomic<bool> done_ = false;
  std::exception_ptr error_;  // written by the thread before done_, read after the join
  std::thread thread_;        // last: started once the members above exist
};

}  // namespace group_test
