#include "testkit/eventually.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "testkit/todo.h"

namespace kata::testkit {
namespace {

using ::testing::HasSubstr;

TEST(Eventually, SucceedsAtOnceWhenThePredicateAlreadyHolds) {
  int calls = 0;
  EXPECT_TRUE(Eventually([&] { return ++calls > 0; }));
  EXPECT_EQ(calls, 1);
}

TEST(Eventually, WaitsForAnotherThread) {
  std::atomic<bool> done = false;
  std::jthread worker([&] { done = true; });
  EXPECT_TRUE(Eventually([&] { return done.load(); }));
}

TEST(Eventually, FailsAfterTheTimeoutSayingHowLong) {
  auto result = Eventually([] { return false; }, 20ms);
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("20 ms"));
}

TEST(Eventually, GivesUpAtOnceWhenAKataTodoIsThrownOnAnotherThread) {
  std::jthread([] {
    try {
      KATA_TODO("start the game");
    } catch (const TodoError&) {
      // a server thread would log it and go on
    }
  }).join();
  const auto start = std::chrono::steady_clock::now();
  const auto result = Eventually([] { return false; }, std::chrono::seconds(30));
  EXPECT_FALSE(result);
  EXPECT_THAT(result.message(), HasSubstr("start the game"));
  // Generous: the point is "not the 30 s timeout".
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
}

TEST(Eventually, AKataTodoFromAnEarlierTestDoesNotCount) {
  // The test above threw one (it runs first in file order); this test's wait
  // is not cut short by it: it runs to its timeout and says so.
  EXPECT_THAT(Eventually([] { return false; }, std::chrono::milliseconds(20)).message(),
              HasSubstr("after 20 ms"));
}

TEST(Never, HoldsWhenThePredicateStaysFalse) {
  EXPECT_TRUE(Never([] { return false; }, 5ms));
}

TEST(Never, FailsAsSoonAsThePredicateHolds) {
  EXPECT_FALSE(Never([] { return true; }, 1s));
}

}  // namespace
}  // namespace kata::testkit
