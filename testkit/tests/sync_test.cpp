// Gate, Rendezvous, LiveThreads and the thread-leak fixture.
#include "testkit/sync.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <stdexcept>
#include <thread>
#include <vector>

namespace kata::testkit {
namespace {

TEST(Gate, HoldsWaitersUntilOpened) {
  Gate gate;
  std::atomic<int> passed = 0;
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < 3; ++i) {
      threads.emplace_back([&] {
        if (gate.Wait()) passed.fetch_add(1);
      });
    }
    ASSERT_TRUE(gate.WaitForArrivals(3));
    EXPECT_EQ(passed.load(), 0);
    gate.Open();
  }
  EXPECT_EQ(passed.load(), 3);
  EXPECT_TRUE(gate.IsOpen());
}

TEST(Gate, AWaitThatIsNeverOpenedGivesUp) {
  Gate gate;
  EXPECT_FALSE(gate.Wait(10ms));
  EXPECT_EQ(gate.Arrived(), 1);
  EXPECT_FALSE(gate.WaitForArrivals(2, 10ms));
}

TEST(Gate, OpeningItEndsAWaitForArrivals) {
  Gate gate;
  std::jthread opener([&] { gate.Open(); });
  EXPECT_FALSE(gate.WaitForArrivals(1, 10s));
}

TEST(Rendezvous, OpensWhenNAreInside) {
  Rendezvous rendezvous(4);
  RunOnThreads(4, [&](int) { EXPECT_TRUE(rendezvous.Arrive()); });
  EXPECT_TRUE(rendezvous.WasMet());
  EXPECT_EQ(rendezvous.Peak(), 4);
  EXPECT_EQ(rendezvous.Current(), 0);
}

TEST(Rendezvous, SerialCallersGiveUpOnceAndShowAPeakOfOne) {
  Rendezvous rendezvous(3, 20ms);
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(rendezvous.Arrive());
  EXPECT_EQ(rendezvous.Peak(), 1);
  auto met = rendezvous.WasMet();
  EXPECT_FALSE(met);
  EXPECT_STREQ(met.message(), "peak 1, want 3 inside at once");
}

TEST(Rendezvous, InsideKeepsTheCallerCounted) {
  Rendezvous rendezvous(1);
  {
    Rendezvous::Inside inside(rendezvous);
    EXPECT_EQ(rendezvous.Current(), 1);
  }
  EXPECT_EQ(rendezvous.Current(), 0);
  EXPECT_TRUE(rendezvous.Met());
}

TEST(LiveThreads, CountsAThreadWhileItRuns) {
  int before = LiveThreads();
  ASSERT_GT(before, 0);
  Gate gate;
  std::jthread thread([&] { gate.Wait(); });
  ASSERT_TRUE(gate.WaitForArrivals(1));
  EXPECT_EQ(LiveThreads(), before + 1);
  gate.Open();
}

TEST(RunOnThreads, RethrowsAWorkersException) {
  std::atomic<int> ran = 0;
  EXPECT_THROW(RunOnThreads(5,
                            [&](int i) {
                              ran.fetch_add(1);
                              if (i == 3) throw std::runtime_error("worker 3");
                            }),
               std::runtime_error);
  EXPECT_EQ(ran.load(), 5);
}

// The fixture's own check, run by hand so that a leak does not fail this test.
class LeakCheck : public NoThreadLeaks {
 public:
  LeakCheck() { settle_time_ = 50ms; }
  void TestBody() override {}
  void Begin() { SetUp(); }
  void End() { TearDown(); }
};

TEST(ThreadLeakFixture, PassesWhenEveryThreadIsJoined) {
  LeakCheck check;
  check.Begin();
  std::jthread([] {}).join();
  check.End();
  EXPECT_FALSE(HasFailure());
}

TEST(ThreadLeakFixture, FailsATestThatLeavesAThreadBehind) {
  Gate gate;
  std::jthread left_behind;
  {
    ::testing::TestPartResultArray failures;
    {
      ::testing::ScopedFakeTestPartResultReporter reporter(
          ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &failures);
      LeakCheck check;
      check.Begin();
      left_behind = std::jthread([&] { gate.Wait(); });
      check.End();
    }
    ASSERT_EQ(failures.size(), 1);
    EXPECT_NE(std::string(failures.GetTestPartResult(0).message()).find("left threads running"),
              std::string::npos);
  }
  gate.Open();
}

}  // namespace
}  // namespace kata::testkit
