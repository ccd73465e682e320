#include "button.h"

#include <utility>

namespace sync_toolbox {

Button::~Button() { StopSubscribers(); }

void Button::Close() {
  if (std::exception_ptr error = StopSubscribers()) std::rethrow_exception(error);
}

std::exception_ptr Button::StopSubscribers() {
  std::vector<std::jthread> subscribers;
  {
    // Taken out under the lock: a handler may be in Subscribe right now.
    std::scoped_lock lock(mutex_);
    closed_ = true;
    subscribers.swap(subscribers_);
  }
  for (auto& subscriber : subscribers) subscriber.request_stop();
  subscribers.clear();  // joins, outside the lock: a handler may still need it
  std::scoped_lock lock(mutex_);
  return std::exchange(error_, nullptr);
}

void Button::Subscribe(std::function<void()> handler) {
  std::unique_lock lock(mutex_);
  if (closed_) return;
  bool ready = false;
  subscribers_.emplace_back([this, handler = std::move(handler), &ready](std::stop_token stop) {
    Listen(stop, handler, ready);
  });
  // The subscriber sets ready and starts waiting without letting go of the
  // mutex in between, so once we hold the mutex again it is parked on
  // clicked_ and counts clicks from here on.
  listening_.wait(lock, [&] { return ready; });
}

void Button::Listen(std::stop_token stop, const std::function<void()>& handler, bool& ready) {
  // Before the lock: a test may hold the subscriber here while it clicks.
  if (before_listening_) before_listening_();
  std::unique_lock lock(mutex_);
  std::uint64_t seen = clicks_;
  ready = true;
  listening_.notify_all();
  while (clicked_.wait(lock, stop, [&] { return clicks_ > seen; })) {
    while (seen < clicks_) {
      ++seen;
      // Never under the lock: a handler may Click or Subscribe itself.
      lock.unlock();
      try {
        handler();
      } catch (...) {
        // An exception must not leave the thread (std::terminate): keep it
        // for Close, which rethrows it on its caller's thread.
        lock.lock();
        if (!error_) error_ = std::current_exception();
        return;
      }
      lock.lock();
    }
  }
}

void Button::Click() {
  {
    std::scoped_lock lock(mutex_);
    ++clicks_;
  }
  clicked_.notify_all();  // a broadcast: notify_one would wake one subscriber
}

}  // namespace sync_toolbox
