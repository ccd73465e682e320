// A clock that moves only when the test says so (also the manual scheduler:
// timers fire when Advance passes their deadline).
//
//   testkit::FakeClock clock;
//   auto timer = clock.AfterFunc(10min, [&] { fired = true; });
//   clock.Advance(9min);   // nothing
//   clock.Advance(1min);   // the function runs here, on this thread
//
// Threads that sleep on it (SleepFor) stay parked until Advance passes their
// deadline or their stop token is requested. A test that must advance only
// once N threads are parked calls WaitForSleepers(N) first; one that waits for
// timers scheduled from other threads calls WaitForTimers(N). A sleeper counts
// as parked only while its deadline is ahead: once an Advance has passed it,
// it is awake, whether or not its thread has run yet, so a test can step a
// sleeper in lock-step (WaitForSleepers(1), Advance, again).
//
// Thread safety: every method may be called from any thread. Timer functions
// run on the thread that calls Advance, outside the clock's lock, so they may
// use the clock (schedule, stop timers) themselves. Time never goes back, but
// two threads advancing at once may see each other's timers fire. No thread
// may still be in SleepFor when the clock is destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>

#include "kata/clock.h"

namespace kata::testkit {

class FakeClock final : public Clock {
 public:
  // Starts at an arbitrary fixed time point.
  FakeClock();

  TimePoint Now() const override;
  Timer AfterFunc(Duration delay, std::function<void()> fn) override;
  bool SleepFor(Duration delay, std::stop_token stop) override;

  // Moves time forward by `by` (zero fires what is due now). Every timer whose
  // deadline is passed fires on the calling thread, in deadline order, with
  // Now() equal to its deadline while it runs; timers that those functions
  // schedule fire too if they fall due within the same advance. Sleepers
  // whose deadline is passed wake. Negative durations are ignored.
  void Advance(Duration by);

  // Blocks (for real, at most `timeout`) until at least `count` threads are
  // parked in SleepFor with their deadline still ahead. Returns whether they are.
  bool WaitForSleepers(int count, std::chrono::milliseconds timeout = std::chrono::seconds(2));

  // Blocks (for real, at most `timeout`) until at least `count` timers are
  // pending. Returns whether they are.
  bool WaitForTimers(int count, std::chrono::milliseconds timeout = std::chrono::seconds(2));

  int Sleepers() const;       // threads parked in SleepFor now, deadline ahead
  int PendingTimers() const;  // timers scheduled and neither fired nor stopped

 private:
  int PendingTimersLocked() const;
  int SleepersLocked() const;

  mutable std::mutex mutex_;
  std::condition_variable_any changed_;
  TimePoint now_;  // guarded by mutex_
  std::map<std::pair<TimePoint, std::uint64_t>, std::shared_ptr<detail::TimerState>>
      timers_;  // guarded by mutex_
  std::uint64_t next_sequence_ = 0;  // guarded by mutex_
  std::multiset<TimePoint> sleeping_until_;  // guarded by mutex_: one deadline per sleeper
};

}  // namespace kata::testkit
