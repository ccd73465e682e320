// RealSleeps: the sleeps the judge reports in a learner's test.
#include "real_sleeps.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

// "line: call" for each sleep found.
std::vector<std::string> Found(const char* source) {
  std::vector<std::string> found;
  for (const auto& sleep : kata::RealSleeps(source))
    found.push_back(std::to_string(sleep.line) + ": " + sleep.call);
  return found;
}

TEST(RealSleeps, FindsEachKindOfSleepWithItsLine) {
  const char* test = R"(TEST(A, B) {
  std::this_thread::sleep_for(10ms);
  std::this_thread::sleep_until(start + 1s);
  usleep(1000);
  ::sleep(1);
  using namespace std::this_thread;
  sleep_for (5ms);
}
)";
  EXPECT_EQ(Found(test), (std::vector<std::string>{"2: std::this_thread::sleep_for",
                                                   "3: std::this_thread::sleep_until", "4: usleep",
                                                   "5: ::sleep", "7: sleep_for"}));
}

TEST(RealSleeps, IgnoresFakeClocksCommentsStringsAndOtherNames) {
  const char* test = R"x(TEST(A, B) {
  clock.SleepFor(1s, token);
  fake.sleep_for(1s);
  fake->sleep_until(later);
  // std::this_thread::sleep_for(1s) would be slow
  /* usleep(10);
     sleep(1); */
  Log("sleep(1) is not called here");
  auto raw = R"(std::this_thread::sleep_for(1s))";
  const int many = 50'000;  // a digit separator is not a quote
  int sleeper = many; sleepy(sleeper);
  auto sleep = 3;
}
)x";
  EXPECT_EQ(Found(test), std::vector<std::string>{});
}

}  // namespace
