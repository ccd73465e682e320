#include "worker_pool.h"

#include <optional>
#include <stdexcept>
#include <utility>

#include "testkit/todo.h"

namespace limiting {

WorkerPool::WorkerPool(std::size_t workers, kata::Receiver<Job> jobs, kata::Sender<int> results)
    : jobs_(std::move(jobs)), results_(std::move(results)), running_(workers) {
  // TODO (step 4): start `workers` threads, each running Work with its own
  // stop token; at least one worker (std::invalid_argument).
  KATA_TODO("start the workers");
}

void WorkerPool::Work(std::stop_token stop) {
  (void)stop;
  // TODO (step 4): run jobs until `jobs_` is closed and drained, sending each
  // result; the last worker to finish closes `results_`.
  KATA_TODO("take jobs, run them, send their results; the last worker closes the results");
}

}  // namespace limiting
