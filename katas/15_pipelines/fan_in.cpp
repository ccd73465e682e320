#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

#include "pipeline.h"
#include "testkit/todo.h"

namespace kata {

namespace {

// How many workers are still at work. The last one out wakes whoever waits
// for them all; a stop request wakes that waiter too.
class Remaining {
 public:
  explicit Remaining(std::size_t workers) : remaining_(workers) {}

  void OneDone() {
    // TODO (step 4): one fewer; the last one out wakes the waiter.
  }

  // Until every worker is done, or until stop is requested.
  void WaitForAll(std::stop_token stop) {
    (void)stop;
    // TODO (step 4): wait, with the token, until none is left.
  }

 private:
  std::mutex mutex_;
  std::condition_variable_any all_done_;
  std::size_t remaining_;  // guarded by mutex_: every worker writes it
};

}  // namespace

Stream<int> Merge(std::vector<Stream<int>> inputs) {
  (void)inputs;
  // TODO (step 4): one forwarder thread per input, and a stream that ends
  // once, after the last input has ended.
  KATA_TODO("merge every input into one stream that ends after the last input");
}

Stream<int> ProcessAndGather(Stream<int> in, std::function<int(int)> f, std::size_t workers) {
  (void)in;
  (void)f;
  (void)workers;
  // TODO (step 5): `workers` threads reading `in` at once, each sending
  // f(value); the stream ends once the last worker is done.
  KATA_TODO("apply f on several workers at once and gather the results");
}

}  // namespace kata
