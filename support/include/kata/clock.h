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
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string_view>
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
  struct Impl;  // the queue and the timer thread (clock.cpp): keeps this header light
  std::unique_ptr<Impl> impl_;
};

// A positive duration written as the apps' --blind-unit takes it: "60s",
// "100ms", "250us", "2m" or "2min". Anything else: nullopt.
std::optional<Duration> ParseDuration(std::string_view text);

}  // namespace kata
