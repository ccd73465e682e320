// pipeline_bench: values per second through a pipeline of three stages, each
// a thread joined to the next by a kata::Channel<int>: a generator sends
// 1..N, the second stage adds 1, the third multiplies by 2, and the reader
// sums what comes out. A measurement, not a test.
//
//   pipeline_bench                  capacities 0, 16 and 1024, 1,000,000 values each
//   pipeline_bench CAPACITY VALUES  one capacity, VALUES values
//
// Each capacity runs three times; the best run is printed, as values per
// second and nanoseconds per value (wall time divided by values).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <thread>

#include "channel.h"

namespace {

// Seconds for one run. Checks the sum, so that no stage can be optimised
// away or lose a value unnoticed.
double RunOnce(std::size_t capacity, std::int64_t values) {
  kata::Channel<std::int64_t> generated(capacity), added(capacity), multiplied(capacity);
  std::int64_t sum = 0;
  const auto begin = std::chrono::steady_clock::now();
  {
    std::jthread generator([&] {
      for (std::int64_t v = 1; v <= values; ++v) generated.Send(v);
      generated.Close();
    });
    std::jthread add([&] {
      for (std::int64_t v : generated) added.Send(v + 1);
      added.Close();
    });
    std::jthread multiply([&] {
      for (std::int64_t v : added) multiplied.Send(v * 2);
      multiplied.Close();
    });
    for (std::int64_t v : multiplied) sum += v;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  // sum of 2 (v + 1) for v = 1..N: N (N + 1) + 2 N
  const std::int64_t expected = values * (values + 1) + 2 * values;
  if (sum != expected) {
    std::fprintf(stderr, "pipeline_bench: sum %lld, want %lld\n", static_cast<long long>(sum),
                 static_cast<long long>(expected));
    std::exit(1);
  }
  return seconds;
}

void Report(std::size_t capacity, std::int64_t values) {
  double best = 1e9;
  for (int run = 0; run < 3; ++run) best = std::min(best, RunOnce(capacity, values));
  std::printf(
      "3 stages  capacity %-5zu %10.0f values/s  %7.0f ns/value  (%lld values, best of 3)\n",
      capacity, static_cast<double>(values) / best, best / static_cast<double>(values) * 1e9,
      static_cast<long long>(values));
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3) {
    Report(static_cast<std::size_t>(std::atoll(argv[1])), std::atoll(argv[2]));
    return 0;
  }
  if (argc != 1) {
    std::fprintf(stderr, "usage: pipeline_bench [CAPACITY VALUES]\n");
    return 2;
  }
  for (std::size_t capacity : {0, 16, 1024}) Report(capacity, 1'000'000);
  return 0;
}
