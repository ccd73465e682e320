#include "context.h"

#include <algorithm>

namespace context {

Context::~Context() {
  timer_.Stop();  // waits if the deadline is firing right now
}

std::unique_ptr<Context> Context::WithCancel() const {
  auto child = std::make_unique<Context>();
  child->deadline_ = Deadline();
  Context* raw = child.get();
  const Context* parent = this;
  // Runs at once if this context is already stopped.
  child->parent_link_.emplace(Token(), [raw, parent] { raw->Stop(parent->Err()); });
  return child;
}

std::unique_ptr<Context> Context::WithTimeout(kata::Clock& clock, kata::Duration timeout) const {
  auto child = WithCancel();
  kata::TimePoint deadline = clock.Now() + timeout;
  {
    std::scoped_lock lock(child->mutex_);
    if (child->deadline_) deadline = std::min(deadline, *child->deadline_);
    child->deadline_ = deadline;
  }
  Context* raw = child.get();
  child->timer_ = clock.AfterFunc(deadline - clock.Now(),
                                  [raw] { raw->Stop(Reason::kDeadlineExceeded); });
  return child;
}

void Context::Cancel() { Stop(Reason::kCancelled); }

void Context::Stop(Reason reason) {
  // The reason first, the stop second: whoever sees Done() true finds the
  // reason recorded (Err() checks the stop before it reads the reason).
  {
    std::scoped_lock lock(mutex_);
    if (reason_ != Reason::kNone) return;  // the first reason stays
    reason_ = reason == Reason::kNone ? Reason::kCancelled : reason;
  }
  source_.request_stop();  // outside the lock: runs the children's callbacks
}

Reason Context::Err() const {
  // Stop records the reason before it requests the stop, so a reason exists
  // as soon as Done() is true; but it exists a moment before, too. Asking the
  // token first keeps Err() at kNone until Done() is true.
  if (!source_.stop_requested()) return Reason::kNone;
  std::scoped_lock lock(mutex_);
  return reason_;
}

std::optional<kata::TimePoint> Context::Deadline() const {
  std::scoped_lock lock(mutex_);
  return deadline_;
}

bool Context::HasTimeFor(kata::Duration need, const kata::Clock& clock) const {
  auto deadline = Deadline();
  return !deadline || clock.Now() + need <= *deadline;
}

}  // namespace context
