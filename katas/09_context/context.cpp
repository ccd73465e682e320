#include "context.h"

#include <algorithm>

#include "testkit/todo.h"

namespace context {

Context::~Context() {
  // TODO (step 6): stop the deadline timer before the context goes away.
}

std::unique_ptr<Context> Context::WithCancel() const {
  // TODO (step 5): a child whose parent_link_ stops it when this one stops.
  KATA_TODO("make a child context linked to this one");
}

std::unique_ptr<Context> Context::WithTimeout(kata::Clock& clock, kata::Duration timeout) const {
  (void)clock;
  (void)timeout;
  // TODO (step 6): a child that also stops at now + timeout, or at this
  // context's deadline if that is earlier.
  KATA_TODO("make a child context with a deadline");
}

void Context::Cancel() {
  // TODO (step 5): stop this context with reason kCancelled.
  KATA_TODO("cancel the context");
}

void Context::Stop(Reason reason) {
  (void)reason;
  // TODO (step 5): remember the first reason, then request stop.
  KATA_TODO("stop the context");
}

Reason Context::Err() const {
  // TODO (step 5): why the context stopped (kNone while it runs).
  KATA_TODO("say why the context stopped");
}

std::optional<kata::TimePoint> Context::Deadline() const {
  // TODO (step 6): the deadline, if any.
  KATA_TODO("return the deadline");
}

bool Context::HasTimeFor(kata::Duration need, const kata::Clock& clock) const {
  (void)need;
  (void)clock;
  // TODO (step 6): false when need would run past the deadline.
  KATA_TODO("compare the deadline with now + need");
}

}  // namespace context
