#include "pressure_gauge.h"

#include <string>

namespace limiting {
namespace {

// Holds a token taken from the semaphore, and gives it back when it goes out
// of scope, however that happens: Go's `defer`, which its version of the
// gauge does not use, so a panicking function keeps its token for ever.
class TokenGuard {
 public:
  explicit TokenGuard(std::counting_semaphore<PressureGauge::kMaxLimit>& tokens)
      : tokens_(tokens) {}
  ~TokenGuard() { tokens_.release(); }
  TokenGuard(const TokenGuard&) = delete;
  TokenGuard& operator=(const TokenGuard&) = delete;

 private:
  std::counting_semaphore<PressureGauge::kMaxLimit>& tokens_;
};

std::ptrdiff_t CheckedLimit(std::ptrdiff_t limit) {
  if (limit <= 0 || limit > PressureGauge::kMaxLimit) {
    throw std::invalid_argument("PressureGauge: the limit must be in 1.." +
                                std::to_string(PressureGauge::kMaxLimit) + ", not " +
                                std::to_string(limit));
  }
  return limit;
}

}  // namespace

PressureGauge::PressureGauge(std::ptrdiff_t limit) : tokens_(CheckedLimit(limit)) {}

void PressureGauge::Process(const std::function<void()>& work) {
  // try_acquire, not acquire: a full gauge answers at once (Go's select with
  // a default case), it does not make the caller wait for a token.
  if (!tokens_.try_acquire()) throw NoCapacity();
  const TokenGuard token(tokens_);
  work();
}

}  // namespace limiting
