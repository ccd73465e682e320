// Context: a node in a tree of cancellation (Go's context.Context without the
// value bag). A child stops when its parent stops, never the other way round;
// a deadline on a kata::Clock stops a context by itself; Err() says why.
//
//   Context request;
//   auto call = request.WithTimeout(clock, 50ms);
//   store.Fetch(call->Token());
//
// Thread safety: every method may be called from any thread. A child must be
// destroyed before its parent.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>

#include "kata/clock.h"

namespace context {

enum class Reason { kNone, kCancelled, kDeadlineExceeded };

class Context {
 public:
  Context() = default;  // a root: stops only when cancelled
  ~Context();
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;

  // A child that stops with this context, and can also be cancelled alone.
  std::unique_ptr<Context> WithCancel() const;
  // A child that also stops after `timeout` on `clock`, or at this context's
  // deadline if that comes first.
  std::unique_ptr<Context> WithTimeout(kata::Clock& clock, kata::Duration timeout) const;

  void Cancel();  // stops this context and its children, reason kCancelled
  std::stop_token Token() const { return source_.get_token(); }
  bool Done() const { return source_.stop_requested(); }
  Reason Err() const;
  std::optional<kata::TimePoint> Deadline() const;

  // Whether work that needs `need` can finish before the deadline; check it
  // before starting such work, so it fails fast instead of timing out.
  bool HasTimeFor(kata::Duration need, const kata::Clock& clock) const;

 private:
  void Stop(Reason reason);

  mutable std::mutex mutex_;
  Reason reason_ = Reason::kNone;              // guarded by mutex_
  std::optional<kata::TimePoint> deadline_;  // guarded by mutex_
  std::stop_source source_;
  kata::Timer timer_;
  // Last: unregistered from the parent first when this context is destroyed.
  std::optional<std::stop_callback<std::function<void()>>> parent_link_;
};

}  // namespace context
