// HeldCalls: calls of PressureGauge::Process, each on a thread of its own,
// each held inside its work until the test lets it go. So a test can fill a
// gauge, and know that it is full, without sleeping.
//
//   limiting::PressureGauge gauge(10);
//   HeldCalls held(gauge, 10);
//   ASSERT_TRUE(held.AllInside());     // ten calls are running their work
//   gauge.Process(work);               // the eleventh: throws NoCapacity
//   held.Let(0);                       // call 0's work returns...
//   ASSERT_TRUE(held.Finished(1));     // ...and its Process has returned
//   // the destructor lets the others go and joins their threads
//
// A call that Process refuses (NoCapacity) is counted, not rethrown; any
// other exception is kept, and ErrorsText() says what it was. A held call
// waits at most kHold (5 s) for the test to let it go: long enough that a
// busy machine never lets one go early, short enough that a test blocked on
// the gauge itself ends with a failure, not a hang.
//
// Thread safety: the counters may be read from any thread; Let, LetAll and
// the destructor belong to the test's thread.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "pressure_gauge.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace gauge_test {

inline constexpr std::chrono::milliseconds kHold{5000};

class HeldCalls {
 public:
  HeldCalls(limiting::PressureGauge& gauge, int n) : n_(n), gates_(n) {
    for (int i = 0; i < n; ++i) {
      threads_.emplace_back([this, &gauge, i] { Call(gauge, gates_[i]); });
    }
  }
  ~HeldCalls() { LetAll(); }  // then threads_ joins them
  HeldCalls(const HeldCalls&) = delete;
  HeldCalls& operator=(const HeldCalls&) = delete;

  // Waits until all n calls are inside their work at once; fails as soon as
  // one of them has ended instead (refused, or an exception).
  ::testing::AssertionResult AllInside() const {
    const bool all = static_cast<bool>(
        kata::testkit::Eventually([&] { return inside_.load() == n_ || ended_.load() > 0; }));
    if (all && inside_.load() == n_) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << inside_.load() << " of " << n_ << " calls got inside their work at once; "
           << refused_.load() << " were refused with NoCapacity" << ErrorsText();
  }

  // Lets call i's work return.
  void Let(int i) { gates_[i].Open(); }
  void LetAll() {
    for (kata::testkit::Gate& gate : gates_) gate.Open();
  }

  // Waits until at least `count` calls have ended (returned or thrown).
  ::testing::AssertionResult Finished(int count) const {
    return kata::testkit::Eventually([&] { return ended_.load() >= count; });
  }

  int Inside() const { return inside_.load(); }    // running their work now
  int Peak() const { return peak_.load(); }        // the most inside at once so far
  int Refused() const { return refused_.load(); }  // ended with NoCapacity
  std::string ErrorsText() const {
    std::scoped_lock lock(mutex_);
    std::string text;
    for (const std::string& error : errors_) text += "; a call threw: " + error;
    return text;
  }

 private:
  void Call(limiting::PressureGauge& gauge, kata::testkit::Gate& gate) {
    try {
      gauge.Process([&] {
        const int now = inside_.fetch_add(1) + 1;
        int peak = peak_.load();
        while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
        }
        gate.Wait(kHold);
        inside_.fetch_sub(1);
      });
    } catch (const limiting::NoCapacity&) {
      refused_.fetch_add(1);
    } catch (const std::exception& error) {  // a KATA_TODO, say
      std::scoped_lock lock(mutex_);
      errors_.push_back(error.what());
    }
    ended_.fetch_add(1);
  }

  const int n_;
  std::deque<kata::testkit::Gate> gates_;
  std::atomic<int> inside_ = 0;
  std::atomic<int> peak_ = 0;
  std::atomic<int> refused_ = 0;
  std::atomic<int> ended_ = 0;
  mutable std::mutex mutex_;
  std::vector<std::string> errors_;    // guarded by mutex_
  std::vector<std::jthread> threads_;  // last: joined before the members above go
};

}  // namespace gauge_test
