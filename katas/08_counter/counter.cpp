#include "counter.h"

#include "testkit/todo.h"

namespace counter {

void Counter::Inc() {
  // TODO: add one.
  KATA_TODO("add one to value_");
}

std::int64_t Counter::Value() const {
  // TODO: the count so far.
  KATA_TODO("return value_");
}

void AtomicCounter::Inc() {
  // TODO (step 6): add one without a mutex.
  KATA_TODO("add one to the atomic value_");
}

std::int64_t AtomicCounter::Value() const {
  // TODO (step 6): the count so far, without a mutex.
  KATA_TODO("load the atomic value_");
}

}  // namespace counter
