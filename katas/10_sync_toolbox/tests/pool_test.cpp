// Steps 3 and 4: a pool that hands objects out and takes them back by RAII.
#include "pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>

#include "testkit/sync.h"

namespace sync_toolbox {
namespace {

namespace testkit = kata::testkit;

// Knows whether somebody holds it, so a test sees an object handed to two
// threads at once.
struct Buffer {
  std::atomic<bool> in_use = false;
  int uses = 0;
};

// --- Step 3 -------------------------------------------------------------------

TEST(PoolReuse, TenCyclesInARowBuildOneObject) {
  int built = 0;
  Pool<Buffer> pool([&] {
    ++built;
    return std::make_unique<Buffer>();
  });

  for (int i = 0; i < 10; ++i) {
    auto buffer = pool.Get();
    ASSERT_NE(buffer, nullptr);
  }

  EXPECT_EQ(built, 1);
  EXPECT_EQ(pool.Idle(), 1u);
}

TEST(PoolReuse, TwoHeldAtOnceAreTwoObjects) {
  int built = 0;
  Pool<Buffer> pool([&] {
    ++built;
    return std::make_unique<Buffer>();
  });
  {
    auto first = pool.Get();
    auto second = pool.Get();
    EXPECT_NE(first.get(), second.get());
    EXPECT_EQ(pool.Idle(), 0u);
  }
  EXPECT_EQ(built, 2);
  EXPECT_EQ(pool.Idle(), 2u);
}

// --- Step 4 -------------------------------------------------------------------

TEST(PoolUnderLoad, EightThreadsShareAtMostEightObjects) {
  constexpr int kThreads = 8;
  constexpr int kCycles = 500;
  std::atomic<int> built = 0;
  Pool<Buffer> pool([&] {
    built.fetch_add(1);
    return std::make_unique<Buffer>();
  });

  testkit::RunOnThreads(kThreads, [&](int) {
    for (int i = 0; i < kCycles; ++i) {
      auto buffer = pool.Get();
      ASSERT_FALSE(buffer->in_use.exchange(true)) << "one object handed to two threads";
      ++buffer->uses;  // a plain write: TSan checks that hand-overs are ordered
      buffer->in_use.store(false);
    }
  });

  EXPECT_GE(built.load(), 1);
  EXPECT_LE(built.load(), kThreads);
  EXPECT_EQ(pool.Idle(), static_cast<size_t>(built.load()));
}

}  // namespace
}  // namespace sync_toolbox
