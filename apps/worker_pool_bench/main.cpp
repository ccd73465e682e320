// worker_pool_bench: jobs per second through kata 16's reference WorkerPool,
// for no-op jobs, so that what is measured is the pool itself: two channel
// hand-offs per job (the job in, the result out) and a std::function call.
// A measurement, not a test.
//
//   worker_pool_bench              100,000 jobs with 1, 2 and 4 workers
//   worker_pool_bench JOBS W...    JOBS jobs with each number of workers W
//
// One thread sends the jobs and closes the channel; the main thread reads
// the results until the pool closes them. Both channels hold 1024. Each
// shape runs three times and the best run is printed.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stop_token>
#include <thread>
#include <vector>

#include "channel.h"
#include "worker_pool.h"

namespace {

constexpr std::size_t kCapacity = 1024;

// Seconds for one run of `jobs` jobs on `workers` workers. Checks that every
// result arrived, so nothing is lost or optimised away unnoticed.
double RunOnce(std::int64_t jobs, std::size_t workers) {
  kata::Channel<limiting::Job> in(kCapacity);
  kata::Channel<int> out(kCapacity);
  const auto begin = std::chrono::steady_clock::now();
  std::int64_t results = 0;
  {
    limiting::WorkerPool pool(workers, in, out);
    std::jthread producer([&] {
      for (std::int64_t i = 0; i < jobs; ++i) in.Send([](std::stop_token) { return 1; });
      in.Close();
    });
    for (int result : out) results += result;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  if (results != jobs) {
    std::fprintf(stderr, "worker_pool_bench: %lld results, want %lld\n",
                 static_cast<long long>(results), static_cast<long long>(jobs));
    std::exit(1);
  }
  return seconds;
}

void Report(std::int64_t jobs, std::size_t workers) {
  double best = 1e9;
  for (int run = 0; run < 3; ++run) best = std::min(best, RunOnce(jobs, workers));
  std::printf("%zu worker%s  %10.0f jobs/s  %6.0f ns/job  (%lld no-op jobs, best of 3)\n", workers,
              workers == 1 ? " " : "s", static_cast<double>(jobs) / best,
              best / static_cast<double>(jobs) * 1e9, static_cast<long long>(jobs));
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t jobs = 100'000;
  std::vector<std::size_t> workers = {1, 2, 4};
  if (argc >= 2) {
    jobs = std::atoll(argv[1]);
    workers.clear();
    for (int i = 2; i < argc; ++i) workers.push_back(static_cast<std::size_t>(std::atoll(argv[i])));
    if (jobs <= 0 || workers.empty() || std::ranges::count(workers, 0u) > 0) {
      std::fprintf(stderr, "usage: worker_pool_bench [JOBS WORKERS...]\n");
      return 2;
    }
  }
  for (std::size_t w : workers) Report(jobs, w);
  return 0;
}
