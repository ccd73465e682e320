// Button: every subscriber's handler runs once per click (a broadcast, Go's
// sync.Cond Broadcast). Each subscriber has a thread of its own that sleeps
// until the next click.
//
// Thread safety: Subscribe and Click may be called concurrently, from any
// thread, handlers included. Handlers run on their subscriber's thread, never
// under the button's lock. Close (and the destructor) stops and joins every
// subscriber thread; call it from outside the handlers.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace sync_toolbox {

class Button {
 public:
  // `before_listening`, if given, runs on each subscriber's thread as it
  // starts, before the subscriber reads the click count: a seam where a test
  // holds a subscriber (on a testkit::Gate) to put a click into that gap.
  explicit Button(std::function<void()> before_listening = {})
      : before_listening_(std::move(before_listening)) {}
  Button(const Button&) = delete;
  Button& operator=(const Button&) = delete;
  ~Button();

  // Starts a subscriber that runs `handler` once for every later click.
  // Returns once the subscriber cannot miss a click: a Click() right after
  // Subscribe() returns reaches it.
  void Subscribe(std::function<void()> handler);

  // Wakes every subscriber.
  void Click();

  // Stops and joins every subscriber, then rethrows, on the caller's thread,
  // the first exception a handler threw (a subscriber whose handler throws
  // stops listening; the others go on). Later Subscribe calls start nothing.
  // The destructor does the same, without the rethrow.
  void Close();

 private:
  void Listen(std::stop_token stop, const std::function<void()>& handler, bool& ready);
  // Stops and joins the subscribers; returns the first handler exception.
  std::exception_ptr StopSubscribers();

  const std::function<void()> before_listening_;  // set once, read by the subscribers
  std::mutex mutex_;
  std::condition_variable_any clicked_;
  std::condition_variable_any listening_;
  std::uint64_t clicks_ = 0;               // guarded by mutex_
  bool closed_ = false;                    // guarded by mutex_
  std::exception_ptr error_;               // guarded by mutex_: a handler's first exception
  std::vector<std::jthread> subscribers_;  // guarded by mutex_; last: stopped and joined first
};

}  // namespace sync_toolbox
