#include "kata/clock.h"

#include <charconv>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

#include "kata/timer_state.h"

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

struct RealClock::Impl {
  void Run(std::stop_token stop);

  std::mutex mutex;
  std::condition_variable_any wake;
  // Pending timers by (deadline, sequence number): the first is due next.
  std::map<std::pair<TimePoint, std::uint64_t>, std::shared_ptr<detail::TimerState>> queue;
  std::uint64_t next_sequence = 0;
  bool queue_changed = false;
  std::jthread thread;  // last: started after, and joined before, the rest
};

RealClock::RealClock() : impl_(std::make_unique<Impl>()) {
  impl_->thread = std::jthread([impl = impl_.get()](std::stop_token stop) { impl->Run(stop); });
}

RealClock::~RealClock() {
  impl_->thread.request_stop();
  impl_->thread.join();
  // What is left never fires; release the functions (and what they captured).
  for (auto& [key, state] : impl_->queue) Timer(state).Stop();
}

TimePoint RealClock::Now() const { return std::chrono::steady_clock::now(); }

Timer RealClock::AfterFunc(Duration delay, std::function<void()> fn) {
  auto state = std::make_shared<detail::TimerState>(std::move(fn));
  {
    std::scoped_lock lock(impl_->mutex);
    impl_->queue.emplace(std::pair(Now() + delay, impl_->next_sequence++), state);
    impl_->queue_changed = true;
  }
  impl_->wake.notify_all();
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

void RealClock::Impl::Run(std::stop_token stop) {
  std::unique_lock lock(mutex);
  while (!stop.stop_requested()) {
    queue_changed = false;
    if (queue.empty()) {
      wake.wait(lock, stop, [&] { return queue_changed; });
      continue;
    }
    auto first = queue.begin();
    if (std::chrono::steady_clock::now() < first->first.first) {
      // Sleep until the first deadline, or until an earlier timer is added.
      wake.wait_until(lock, stop, first->first.first, [&] { return queue_changed; });
      continue;
    }
    auto state = std::move(first->second);
    queue.erase(first);
    lock.unlock();
    state->Fire();
    lock.lock();
  }
}

namespace {

// `value` units as a Duration, or nullopt when that does not fit (a blind
// unit of 10^18 minutes would overflow into a negative number).
template <typename Unit>
std::optional<Duration> InUnits(long long value) {
  constexpr auto kMost = std::chrono::duration_cast<Unit>(Duration::max()).count();
  if (value > kMost) return std::nullopt;
  return std::chrono::duration_cast<Duration>(Unit(value));
}

}  // namespace

std::optional<Duration> ParseDuration(std::string_view text) {
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end == text.data() || value <= 0) return std::nullopt;
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  using namespace std::chrono;
  if (unit == "us") return InUnits<microseconds>(value);
  if (unit == "ms") return InUnits<milliseconds>(value);
  if (unit == "s") return InUnits<seconds>(value);
  if (unit == "m" || unit == "min") return InUnits<minutes>(value);
  return std::nullopt;
}

}  // namespace kata
