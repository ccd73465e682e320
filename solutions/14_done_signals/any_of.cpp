#include "any_of.h"

namespace kata {

AnyOf::AnyOf(const std::vector<std::stop_token>& inputs) : never_stops_(inputs.empty()) {
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    // Runs Forward at once, here, if that input has already stopped.
    callbacks_.emplace_back(inputs[i], Forward{this, i});
  }
}

std::stop_token AnyOf::Token() const {
  if (never_stops_) return std::stop_token();
  return source_.get_token();
}

std::optional<std::size_t> AnyOf::FirstStopped() const {
  const std::size_t first = first_.load();
  if (first == kNone) return std::nullopt;
  return first;
}

void AnyOf::InputStopped(std::size_t index) noexcept {
  std::size_t none = kNone;
  first_.compare_exchange_strong(none, index);
  source_.request_stop();
}

}  // namespace kata
