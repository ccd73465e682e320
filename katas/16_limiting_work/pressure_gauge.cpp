#include "pressure_gauge.h"

#include "testkit/todo.h"

namespace limiting {

PressureGauge::PressureGauge(std::ptrdiff_t limit) : tokens_(0) {
  (void)limit;
  // TODO (step 1): make tokens_ a semaphore of `limit` tokens (in the
  // initialiser list); throw std::invalid_argument unless 0 < limit <= kMaxLimit.
  KATA_TODO("make a gauge of `limit` tokens");
}

void PressureGauge::Process(const std::function<void()>& work) {
  (void)work;
  // TODO (step 1): take a token without waiting (none free: throw
  // NoCapacity), run the work, give the token back. (Step 2: also when the
  // work throws.)
  KATA_TODO("run the work if a token is free, refuse the call if none is");
}

}  // namespace limiting
