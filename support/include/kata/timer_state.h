// For Clock implementations only (RealClock, testkit::FakeClock): the state a
// clock's queue and the Timer handles share. Code that uses a clock does not
// need this header.
//
// Thread safety: all members are guarded by `mutex`; Fire and IsPending take it.
#pragma once

#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace kata::detail {

struct TimerState {
  explicit TimerState(std::function<void()> f) : fn(std::move(f)) {}

  // Runs the function on the calling thread unless the timer was stopped.
  // Clocks call it, without holding their own lock, when the timer falls due.
  void Fire();
  bool IsPending();

  enum class Phase { kPending, kRunning, kDone, kStopped };
  std::mutex mutex;
  std::condition_variable done;
  Phase phase = Phase::kPending;
  std::thread::id runner;
  std::function<void()> fn;
};

}  // namespace kata::detail
