// kata::ParseDuration (support's kata/clock.h): the apps' --blind-unit.
#include <gtest/gtest.h>

#include <chrono>
#include <optional>

#include "kata/clock.h"

namespace kata {
namespace {

using namespace std::chrono_literals;

TEST(ParseDuration, ReadsEachUnit) {
  EXPECT_EQ(ParseDuration("250us"), Duration(250us));
  EXPECT_EQ(ParseDuration("100ms"), Duration(100ms));
  EXPECT_EQ(ParseDuration("60s"), Duration(60s));
  EXPECT_EQ(ParseDuration("2m"), Duration(2min));
  EXPECT_EQ(ParseDuration("2min"), Duration(2min));
}

TEST(ParseDuration, RefusesWhatIsNotAPositiveDuration) {
  for (const char* text : {"", "s", "0s", "-5s", "5", "5 s", "5sec", "5h", "1.5s", "s5", "5s ", "ms"}) {
    EXPECT_EQ(ParseDuration(text), std::nullopt) << '"' << text << '"';
  }
}

TEST(ParseDuration, RefusesWhatDoesNotFitInsteadOfWrappingAround) {
  EXPECT_EQ(ParseDuration("9223372036854775807m"), std::nullopt);
  EXPECT_EQ(ParseDuration("9223372036854775807s"), std::nullopt);
  EXPECT_EQ(ParseDuration("99999999999999999999s"), std::nullopt);  // beyond long long
  // The largest number of seconds that fits is still accepted, and positive.
  const auto most = std::chrono::duration_cast<std::chrono::seconds>(Duration::max()).count();
  const auto parsed = ParseDuration(std::to_string(most) + "s");
  ASSERT_TRUE(parsed.has_value());
  EXPECT_GT(*parsed, Duration::zero());
}

}  // namespace
}  // namespace kata
