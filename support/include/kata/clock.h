// Time as a dependency: code that waits, schedules or times out takes a
// kata::Clock&, so production passes a RealClock and tests pass
// kata::testkit::FakeClock (testkit/fake_clock.h), which moves only when the
// test advances it. No test has to sleep for real.
//
//   kata::RealClock clock;
//   kata::Timer timer = clock.AfterFunc(10min, [&] { out << "Blind is now 200\n"; });
//   ...
//   timer.Stop();  // it will not fire, and it is not running once Stop returns
//
// Thread safety: every Clock method and Timer::Stop may be called from any
// thread at any time. Timer functions must not throw.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <utility>

namespace kata {

using Duration = std::chrono::steady_clock::duration;
using TimePoint = std::chrono::steady_clock::time_point;

namespace detail {
struct TimerState;
}

// A handle to a function scheduled with Clock::AfterFunc. Copies refer to the
// same timer. Dropping the handle does not cancel the timer (as in Go):
// keep it and call Stop() when the function must not run.
class Timer {
 public:
  Timer() = default;  // refers to no timer; Stop() returns false
  explicit Timer(std::shared_ptr<detail::TimerState> state) : state_(std::move(state)) {}

  // Cancels the timer. Returns true when this call stopped it before it fired
  // (so the function will never run), false when it had already fired, was
  // already stopped, or is firing now. When the function is running on
  // another thread, Stop waits for it to return: after Stop, the function is
  // neither running nor going to run. (Called from inside the function
  // itself, it returns false at once.) Do not hold a lock the function needs
  // while calling Stop.
  bool Stop();

  // True while the timer is waiting to fire.
  bool Pending() const;

 private:
  std::shared_ptr<detail::TimerState> state_;
};

class Clock {
 public:
  virtual ~Clock() = default;

  // The current time on this clock (monotonic).
  virtual TimePoint Now() const = 0;

  // Runs `fn` once, after `delay` has passed, on a thread that belongs to the
  // clock (RealClock: its timer thread; FakeClock: the thread that advances
  // it). Timers that fall due together fire in deadline order, ties in the
  // order they were scheduled. A delay of zero or less is due at once.
  virtual Timer AfterFunc(Duration delay, std::function<void()> fn) = 0;

  // Blocks the calling thread until `delay` has passed on this clock (returns
  // true) or `stop` is requested (returns false), whichever comes first.
  virtual bool SleepFor(Duration delay, std::stop_token stop) = 0;
};

// The wall clock (std::chrono::steady_clock). Timers fire on one timer thread
// owned by the clock, started with the clock and joined by its destructor;
// timers still pending then are dropped without firing.
class RealClock final : public Clock {
 public:
  RealClock();
  ~RealClock() override;
  RealClock(const RealClock&) = delete;
  RealClock& operator=(const RealClock&) = delete;

  TimePoint Now() const override;
  Timer AfterFunc(Duration delay, std::function<void()> fn) override;
  bool SleepFor(Duration delay, std::stop_token stop) override;

 private:
  void Run(std::stop_token stop);

  std::mutex mutex_;
  std::condition_variable_any wake_;
  // Pending timers by (deadline, sequence number): the first is due next.
  std::map<std::pair<TimePoint, std::uint64_t>, std::shared_ptr<detail::TimerState>> queue_;
  std::uint64_t next_sequence_ = 0;
  bool queue_changed_ = false;
  std::jthread thread_;  // last: starts after, and is joined before, the rest
};

namespace detail {

// Shared between a clock's queue and the Timer handles. Clocks call Fire()
// when the timer falls due; Fire runs the function unless it was stopped.
struct TimerState {
  explicit TimerState(std::function<void()> f) : fn(std::move(f)) {}

  // Runs the function on the calling thread unless the timer was stopped.
  void Fire();
  bool IsPending();

  enum class Phase { kPending, kRunning, kDone, kStopped };
  std::mutex mutex;
  std::condition_variable done;
  Phase phase = Phase::kPending;
  std::thread::id runner;
  std::function<void()> fn;
};

}  // namespace detail
}  // namespace kata
