#include "worker_pool.h"

#include <optional>
#include <stdexcept>
#include <utility>

namespace limiting {

WorkerPool::WorkerPool(std::size_t workers, kata::Receiver<Job> jobs, kata::Sender<int> results)
    : jobs_(std::move(jobs)), results_(std::move(results)), running_(workers) {
  if (workers == 0) throw std::invalid_argument("WorkerPool: needs at least one worker");
  workers_.reserve(workers);
  for (std::size_t i = 0; i < workers; ++i) {
    workers_.emplace_back([this](std::stop_token stop) { Work(stop); });
  }
}

void WorkerPool::Work(std::stop_token stop) {
  // Each wait takes the token: a pool being destroyed must not wait for a job
  // that nobody sends, or for a reader of results who has gone.
  while (std::optional<Job> job = jobs_.Recv(stop)) {
    if (!results_.Send((*job)(stop), stop)) break;
  }
  // Last one out closes: the results end once every worker is done.
  if (running_.fetch_sub(1) == 1) results_.Close();
}

}  // namespace limiting
