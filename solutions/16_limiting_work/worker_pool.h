// WorkerPool: a fixed number of threads that run the jobs sent on a channel,
// and send each job's result on another. However many jobs arrive, no more
// than `workers` run at once; the rest wait in the channel.
//
//   kata::Channel<limiting::Job> jobs(16);
//   kata::Channel<int> results(16);
//   limiting::WorkerPool pool(3, jobs, results);
//   for (int n = 1; n <= 5; ++n) jobs.Send([n](std::stop_token) { return n * 2; });
//   jobs.Close();
//   for (int result : results) Use(result);  // ends once the last worker has finished
//
// The workers take jobs until `jobs` is closed and drained; the last one to
// finish closes `results`. Destroying the pool stops the workers (a job in
// hand gets its stop token) and waits for them.
//
// Thread safety: the channels may be used from any thread. The pool itself
// (its destructor) belongs to the thread that made it.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <stop_token>
#include <thread>
#include <vector>

#include "channel.h"

namespace limiting {

// One piece of work: it runs on a worker's thread, returns its result, and
// should return early once `stop` is requested.
using Job = std::function<int(std::stop_token stop)>;

class WorkerPool {
 public:
  // Starts `workers` threads (at least one). Throws std::invalid_argument for 0.
  WorkerPool(std::size_t workers, kata::Receiver<Job> jobs, kata::Sender<int> results);
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Each worker's jthread requests stop and joins as the vector goes.

 private:
  void Work(std::stop_token stop);

  const kata::Receiver<Job> jobs_;
  const kata::Sender<int> results_;
  std::atomic<std::size_t> running_;   // workers still taking jobs; the last closes results_
  std::vector<std::jthread> workers_;  // last: started once the members above exist
};

}  // namespace limiting
