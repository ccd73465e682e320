// channel_bench: messages per second through kata::Channel<int>, for a few
// shapes of producers, consumers and capacity. A measurement, not a test.
//
//   channel_bench                 the four shapes of docs/12_channel.md
//   channel_bench P C CAP N       P producers, C consumers, capacity CAP, N messages
//
// Each shape runs three times; the best run is printed, as msgs/s and ns per
// hand-off (wall time divided by messages).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <latch>
#include <thread>
#include <vector>

#include "channel.h"

namespace {

struct Shape {
  int producers;
  int consumers;
  std::size_t capacity;
  std::int64_t messages;
};

// Seconds for one run: producers send messages / producers values each, the
// last one closes, consumers range over the channel. Checks the sum, so the
// work cannot be optimised away or lose values unnoticed.
double RunOnce(const Shape& shape) {
  kata::Channel<std::int64_t> channel(shape.capacity);
  const std::int64_t per_producer = shape.messages / shape.producers;
  std::latch start(shape.producers + shape.consumers + 1);
  std::atomic<int> producing = shape.producers;
  std::atomic<std::int64_t> sum = 0;
  std::chrono::steady_clock::time_point begin;
  {
    std::vector<std::jthread> threads;
    for (int p = 0; p < shape.producers; ++p) {
      threads.emplace_back([&] {
        start.arrive_and_wait();
        for (std::int64_t i = 1; i <= per_producer; ++i) channel.Send(i);
        if (producing.fetch_sub(1) == 1) channel.Close();
      });
    }
    for (int c = 0; c < shape.consumers; ++c) {
      threads.emplace_back([&] {
        start.arrive_and_wait();
        std::int64_t mine = 0;
        for (std::int64_t value : channel) mine += value;
        sum.fetch_add(mine);
      });
    }
    begin = std::chrono::steady_clock::now();
    start.arrive_and_wait();
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
  const std::int64_t expected = shape.producers * (per_producer * (per_producer + 1) / 2);
  if (sum.load() != expected) {
    std::fprintf(stderr, "channel_bench: sum %lld, want %lld\n", static_cast<long long>(sum.load()),
                 static_cast<long long>(expected));
    std::exit(1);
  }
  return seconds;
}

void Report(const Shape& shape) {
  double best = 1e9;
  for (int run = 0; run < 3; ++run) best = std::min(best, RunOnce(shape));
  const auto messages = static_cast<double>(shape.messages / shape.producers * shape.producers);
  std::printf("%dx%d  capacity %-5zu %9.0f msgs/s  %7.0f ns/hand-off  (%lld messages, best of 3)\n",
              shape.producers, shape.consumers, shape.capacity, messages / best, best / messages * 1e9,
              static_cast<long long>(messages));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 5) {
    Report({std::atoi(argv[1]), std::atoi(argv[2]), static_cast<std::size_t>(std::atoll(argv[3])),
            std::atoll(argv[4])});
    return 0;
  }
  if (argc != 1) {
    std::fprintf(stderr, "usage: channel_bench [PRODUCERS CONSUMERS CAPACITY MESSAGES]\n");
    return 2;
  }
  Report({1, 1, 0, 200'000});
  Report({1, 1, 1, 200'000});
  Report({1, 1, 1024, 2'000'000});
  Report({4, 4, 64, 1'000'000});
  return 0;
}
