#include "testkit/threads.h"

#include <gtest/gtest.h>

#include <latch>
#include <thread>

#include "testkit/eventually.h"

namespace kata::testkit {
namespace {

TEST(LiveThreads, SeesAThreadComeAndGo) {
  const int before = LiveThreads();
  std::latch started(1);
  std::latch release(1);
  {
    std::jthread worker([&] {
      started.count_down();
      release.wait();
    });
    started.wait();
    EXPECT_EQ(LiveThreads(), before + 1);
    release.count_down();
  }
  EXPECT_TRUE(Eventually([&] { return LiveThreads() == before; }));
}

}  // namespace
}  // namespace kata::testkit
