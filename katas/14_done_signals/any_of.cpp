#include "any_of.h"

#include "testkit/todo.h"

namespace kata {

AnyOf::AnyOf(const std::vector<std::stop_token>& inputs) : never_stops_(inputs.empty()) {
  // TODO (step 6): register a callback on each input that stops source_.
  KATA_TODO("register one stop_callback per input");
}

std::stop_token AnyOf::Token() const {
  // TODO (step 6): source_'s token; with no input, one that can never stop.
  KATA_TODO("return the token that stops with the first input");
}

std::optional<std::size_t> AnyOf::FirstStopped() const {
  // TODO (step 6)
  KATA_TODO("say which input stopped first");
}

void AnyOf::InputStopped(std::size_t index) noexcept {
  (void)index;
  // TODO (step 6): remember the first input to stop, then stop source_. (A
  // KATA_TODO here cannot throw: a stop callback must not.)
}

}  // namespace kata
