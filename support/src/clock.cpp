#include "kata/clock.h"

namespace kata {

namespace detail {

void TimerState::Fire() {
  std::function<void()> f;
  {
    std::scoped_lock lock(mutex);
    if (phase != Phase::kPending) return;
    phase = Phase::kRunning;
    runner = std::this_thread::get_id();
    f = std::move(fn);
  }
  f();
  std::scoped_lock lock(mutex);
  phase = Phase::kDone;
  done.notify_all();
}

bool TimerState::IsPending() {
  std::scoped_lock lock(mutex);
  return phase == Phase::kPending;
}

}  // namespace detail

bool Timer::Stop() {
  if (!state_) return false;
  std::function<void()> dropped;  // destroyed outside the lock
  std::unique_lock lock(state_->mutex);
  switch (state_->phase) {
    case detail::TimerState::Phase::kPending:
      state_->phase = detail::TimerState::Phase::kStopped;
      dropped = std::move(state_->fn);
      lock.unlock();
      return true;
    case detail::TimerState::Phase::kRunning:
      if (state_->runner != std::this_thread::get_id()) {
        state_->done.wait(lock, [&] { return state_->phase == detail::TimerState::Phase::kDone; });
      }
      return false;
    case detail::TimerState::Phase::kDone:
    case detail::TimerState::Phase::kStopped:
      return false;
  }
  return false;
}

bool Timer::Pending() const { return state_ && state_->IsPending(); }

RealClock::RealClock() : thread_([this](std::stop_token stop) { Run(stop); }) {}

RealClock::~RealClock() {
  thread_.request_stop();
  thread_.join();
  // What is left never fires; release the functions (and what they captured).
  std::map<std::pair<TimePoint, std::uint64_t>, std::shared_ptr<detail::TimerState>> left;
  {
    std::scoped_lock lock(mutex_);
    left.swap(queue_);
  }
  for (auto& [key, state] : left) Timer(state).Stop();
}

TimePoint RealClock::Now() const { return std::chrono::steady_clock::now(); }

Timer RealClock::AfterFunc(Duration delay, std::function<void()> fn) {
  auto state = std::make_shared<detail::TimerState>(std::move(fn));
  {
    std::scoped_lock lock(mutex_);
    queue_.emplace(std::pair(Now() + delay, next_sequence_++), state);
    queue_changed_ = true;
  }
  wake_.notify_all();
  return Timer(state);
}

bool RealClock::SleepFor(Duration delay, std::stop_token stop) {
  const TimePoint deadline = Now() + delay;
  std::mutex mutex;
  std::condition_variable_any cv;
  std::unique_lock lock(mutex);
  // Nothing notifies cv but a stop request: the wait ends at the deadline or on stop.
  cv.wait_until(lock, stop, deadline, [] { return false; });
  return Now() >= deadline;
}

void RealClock::Run(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    queue_changed_ = false;
    if (queue_.empty()) {
      wake_.wait(lock, stop, [&] { return queue_changed_; });
      continue;
    }
    auto first = queue_.begin();
    if (Now() < first->first.first) {
      // Sleep until the first deadline, or until an earlier timer is added.
      wake_.wait_until(lock, stop, first->first.first, [&] { return queue_changed_; });
      continue;
    }
    auto state = std::move(first->second);
    queue_.erase(first);
    lock.unlock();
    state->Fire();
    lock.lock();
  }
}

}  // namespace kata
