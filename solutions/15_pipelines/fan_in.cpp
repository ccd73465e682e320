#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <utility>

#include "pipeline.h"

namespace kata {

namespace {

// How many workers are still at work. The last one out wakes whoever waits
// for them all; a stop request wakes that waiter too.
class Remaining {
 public:
  explicit Remaining(std::size_t workers) : remaining_(workers) {}

  void OneDone() {
    std::scoped_lock lock(mutex_);
    if (--remaining_ == 0) all_done_.notify_all();
  }

  // Until every worker is done, or until stop is requested.
  void WaitForAll(std::stop_token stop) {
    std::unique_lock lock(mutex_);
    all_done_.wait(lock, stop, [&] { return remaining_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable_any all_done_;
  std::size_t remaining_;  // guarded by mutex_: every worker writes it
};

// Forwards the values of `in` to `out` until `in` ends or `stop` is requested.
void Forward(const Receiver<int>& in, const Sender<int>& out, std::stop_token stop) {
  while (std::optional<int> value = in.Recv(stop)) {
    if (!out.Send(*value, stop)) return;
  }
}

}  // namespace

Stream<int> Merge(std::vector<Stream<int>> inputs) {
  auto owned = std::make_shared<std::vector<Stream<int>>>(std::move(inputs));
  return Stream<int>(0, [owned](Sender<int> out, std::stop_token stop) {
    Remaining remaining(owned->size());
    {
      // One forwarder per input, each a jthread with a stop token of its own.
      std::vector<std::jthread> forwarders;
      for (Stream<int>& in : *owned) {
        forwarders.emplace_back([&in, out, &remaining](std::stop_token own) {
          Forward(in, out, own);
          remaining.OneDone();
        });
      }
      // Wait for the last one out. Without this wait, leaving the scope now
      // would stop every forwarder at once: a jthread's destructor requests
      // stop before it joins.
      remaining.WaitForAll(stop);
    }  // if the merge was stopped, this stops the forwarders still at work
    for (Stream<int>& in : *owned) in.Cancel();
  });  // and the stream closes its channel: once, after the last input
}

Stream<int> ProcessAndGather(Stream<int> in, std::function<int(int)> f, std::size_t workers) {
  if (workers == 0) throw std::invalid_argument("ProcessAndGather needs at least one worker");
  auto owned = std::make_shared<Stream<int>>(std::move(in));
  return Stream<int>(0, [owned, f = std::move(f), workers](Sender<int> out, std::stop_token stop) {
    Remaining remaining(workers);
    {
      // Every worker reads the same input: each value goes to one of them.
      std::vector<std::jthread> pool;
      for (std::size_t i = 0; i < workers; ++i) {
        pool.emplace_back([&owned, &f, out, &remaining](std::stop_token own) {
          while (std::optional<int> value = owned->Recv(own)) {
            if (!out.Send(f(*value), own)) break;
          }
          remaining.OneDone();
        });
      }
      remaining.WaitForAll(stop);
    }
    owned->Cancel();
  });
}

}  // namespace kata
