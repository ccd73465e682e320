// Step 2, the reference for the test you write: work that throws must not
// cost the gauge its capacity. The exception reaches the caller as it was
// thrown (its type and its message), and once ten calls have thrown, a gauge
// of 10 still lets ten calls run at once, and still not eleven.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "held_calls.h"
#include "pressure_gauge.h"

namespace {

using gauge_test::HeldCalls;
using limiting::NoCapacity;
using limiting::PressureGauge;

// An exception of the test's own, so that the type that arrives says whether
// the gauge passed it on or made another.
class PlayerMissing : public std::runtime_error {
 public:
  PlayerMissing() : std::runtime_error("no such player: Pepper") {}
};

TEST(CapacitySurvivesAThrow, TheCallerGetsTheExceptionAsItWasThrown) {
  PressureGauge gauge(10);
  bool caught = false;
  try {
    gauge.Process([] { throw PlayerMissing(); });
  } catch (const PlayerMissing& error) {
    caught = true;
    EXPECT_STREQ(error.what(), "no such player: Pepper");
  } catch (const std::exception& other) {
    ADD_FAILURE() << "the work threw PlayerMissing, the caller got another exception: "
                  << other.what();
  }
  EXPECT_TRUE(caught) << "the work's exception did not reach the caller as PlayerMissing";
}

TEST(CapacitySurvivesAThrow, EveryTokenComesBackAndNoMore) {
  PressureGauge gauge(10);
  // As many throws as tokens: a gauge that loses one per throw is empty now.
  for (int i = 0; i < 10; ++i) {
    EXPECT_THROW(gauge.Process([] { throw PlayerMissing(); }), PlayerMissing);
  }

  HeldCalls held(gauge, 10);
  EXPECT_TRUE(held.AllInside()) << "after ten throws, a gauge of 10 must still run ten at once";

  bool ran = false;
  EXPECT_THROW(gauge.Process([&] { ran = true; }), NoCapacity)
      << "after ten throws, the gauge let an eleventh call in: a throw gave back more than it took";
  EXPECT_FALSE(ran);
}

}  // namespace
