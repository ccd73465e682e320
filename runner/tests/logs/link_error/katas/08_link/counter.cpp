#include "counter.h"

namespace counter {

void Counter::Inc() { ++value_; }

}  // namespace counter
