#include "testkit/fake_clock.h"

#include <iterator>
#include <utility>

#include "kata/timer_state.h"

namespace kata::testkit {

FakeClock::FakeClock() : now_(TimePoint{} + std::chrono::hours(24)) {}

TimePoint FakeClock::Now() const {
  std::scoped_lock lock(mutex_);
  return now_;
}

Timer FakeClock::AfterFunc(Duration delay, std::function<void()> fn) {
  auto state = std::make_shared<detail::TimerState>(std::move(fn));
  {
    std::scoped_lock lock(mutex_);
    timers_.emplace(std::pair(now_ + delay, next_sequence_++), state);
  }
  changed_.notify_all();
  return Timer(state);
}

bool FakeClock::SleepFor(Duration delay, std::stop_token stop) {
  std::unique_lock lock(mutex_);
  const TimePoint deadline = now_ + delay;
  if (now_ >= deadline) return true;
  auto sleeping = sleeping_until_.insert(deadline);
  changed_.notify_all();
  changed_.wait(lock, stop, [&] { return now_ >= deadline; });
  sleeping_until_.erase(sleeping);
  changed_.notify_all();
  return now_ >= deadline;
}

void FakeClock::Advance(Duration by) {
  if (by < Duration::zero()) return;
  std::unique_lock lock(mutex_);
  const TimePoint target = now_ + by;
  while (true) {
    auto first = timers_.begin();
    if (first == timers_.end() || first->first.first > target) break;
    if (first->first.first > now_) now_ = first->first.first;
    auto state = std::move(first->second);
    timers_.erase(first);
    lock.unlock();
    changed_.notify_all();  // sleepers due by now wake in step with the timers
    state->Fire();
    lock.lock();
  }
  if (target > now_) now_ = target;  // another Advance may have gone further meanwhile
  lock.unlock();
  changed_.notify_all();
}

bool FakeClock::WaitForSleepers(int count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return SleepersLocked() >= count; });
}

bool FakeClock::WaitForTimers(int count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, timeout, [&] { return PendingTimersLocked() >= count; });
}

int FakeClock::Sleepers() const {
  std::scoped_lock lock(mutex_);
  return SleepersLocked();
}

int FakeClock::SleepersLocked() const {
  // A sleeper whose deadline has passed is as good as awake, even if its
  // thread has not run yet: counting it would let a test advance again
  // before that sleeper has done what it woke up for.
  return static_cast<int>(std::distance(sleeping_until_.upper_bound(now_), sleeping_until_.end()));
}

int FakeClock::PendingTimers() const {
  std::scoped_lock lock(mutex_);
  return PendingTimersLocked();
}

int FakeClock::PendingTimersLocked() const {
  int pending = 0;
  for (const auto& [key, state] : timers_) pending += state->IsPending() ? 1 : 0;
  return pending;
}

}  // namespace kata::testkit
