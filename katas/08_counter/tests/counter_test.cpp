// Steps 1-3 and 6: a counter many threads bump at once, read while it is
// bumped, with a mutex and then with an atomic.
#include "counter.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <latch>

#include "testkit/sync.h"

namespace counter {
namespace {

namespace testkit = kata::testkit;

// Learn Go with Tests starts 1000 goroutines; 100 threads keep ThreadSanitizer fast.
constexpr int kThreads = 100;
constexpr int kIncsPerThread = 10;
constexpr std::int64_t kTotal = kThreads * kIncsPerThread;

template <typename C>
void ExpectThreeIncsLeaveThree() {
  C counter;
  counter.Inc();
  counter.Inc();
  counter.Inc();
  EXPECT_EQ(counter.Value(), 3);
}

template <typename C>
void ExpectEveryIncFromManyThreadsCounts() {
  C counter;
  testkit::RunOnThreads(kThreads, [&](int) {
    for (int i = 0; i < kIncsPerThread; ++i) counter.Inc();
  });
  EXPECT_EQ(counter.Value(), kTotal);
}

// One reader polls Value() while the writers run: it must never see the
// count go down, and it must not race with them.
template <typename C>
void ExpectReadsDuringWritesNeverGoBack() {
  C counter;
  std::atomic<int> writers_left = kThreads;
  std::atomic<int> reads = 0;
  std::latch reader_started(1);  // writers start once the reader runs
  testkit::RunOnThreads(kThreads + 1, [&](int t) {
    if (t == 0) {
      reader_started.count_down();
      std::int64_t last = 0;
      do {
        std::int64_t now = counter.Value();
        ASSERT_GE(now, last) << "the count went down";
        ASSERT_LE(now, kTotal);
        last = now;
        reads.fetch_add(1);
      } while (writers_left.load() > 0);
      return;
    }
    reader_started.wait();
    struct Finished {
      std::atomic<int>& left;
      ~Finished() { left.fetch_sub(1); }
    } finished{writers_left};
    for (int i = 0; i < kIncsPerThread; ++i) counter.Inc();
  });
  EXPECT_EQ(counter.Value(), kTotal);
  EXPECT_GT(reads.load(), 0);
}

// --- Step 1 -------------------------------------------------------------------

TEST(CounterCounts, ThreeIncsLeaveThree) { ExpectThreeIncsLeaveThree<Counter>(); }

TEST(CounterCounts, ANewCounterIsZero) { EXPECT_EQ(Counter().Value(), 0); }

// --- Step 2 -------------------------------------------------------------------

TEST(CounterFromManyThreads, AThousandIncsFromAHundredThreadsLeaveAThousand) {
  ExpectEveryIncFromManyThreadsCounts<Counter>();
}

// --- Step 3 -------------------------------------------------------------------

TEST(CounterReadWhileWritten, ReadsNeverGoBackAndTheEndValueIsExact) {
  ExpectReadsDuringWritesNeverGoBack<Counter>();
}

// --- Step 6 -------------------------------------------------------------------

TEST(AtomicCounter, ThreeIncsLeaveThree) { ExpectThreeIncsLeaveThree<AtomicCounter>(); }

TEST(AtomicCounter, AThousandIncsFromAHundredThreadsLeaveAThousand) {
  ExpectEveryIncFromManyThreadsCounts<AtomicCounter>();
}

TEST(AtomicCounter, ReadsNeverGoBackAndTheEndValueIsExact) {
  ExpectReadsDuringWritesNeverGoBack<AtomicCounter>();
}

// An increment that loads, then stores (two atomic steps, each safe on its
// own) loses every increment another thread makes in between. ThreadSanitizer
// cannot see that: there is no data race, only a lost update. So four
// threads start together and each increments many times, until their
// increments are sure to interleave.
TEST(AtomicCounter, NoIncIsLostWhenThreadsInterleave) {
  constexpr int kBusyThreads = 4;
  constexpr int kManyIncs = 20000;
  AtomicCounter counter;
  std::latch start(kBusyThreads);
  testkit::RunOnThreads(kBusyThreads, [&](int) {
    start.arrive_and_wait();
    for (int i = 0; i < kManyIncs; ++i) counter.Inc();
  });
  EXPECT_EQ(counter.Value(), std::int64_t{kBusyThreads} * kManyIncs) << "increments were lost";
}

}  // namespace
}  // namespace counter
