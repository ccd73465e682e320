#include "testkit/eventually.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

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

TEST(Never, HoldsWhenThePredicateStaysFalse) {
  EXPECT_TRUE(Never([] { return false; }, 5ms));
}

TEST(Never, FailsAsSoonAsThePredicateHolds) {
  EXPECT_FALSE(Never([] { return true; }, 1s));
}

}  // namespace
}  // namespace kata::testkit
