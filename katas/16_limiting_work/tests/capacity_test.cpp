// Step 2: you write these tests. Work that throws must not cost the gauge
// its capacity. The workbook judges your tests: they must pass against a
// correct PressureGauge and fail against each of four broken ones (`make
// kata-16` says how many yours catch).
//
// The tools: held_calls.h's HeldCalls(gauge, n) starts n calls of Process,
// each on a thread of its own, and holds them inside their work until you
// let them go (its destructor does); AllInside() waits until all n are in
// at once, and says how many were refused if they are not. Nothing needs a
// sleep.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "held_calls.h"
#include "pressure_gauge.h"
#include "testkit/todo.h"

namespace {

TEST(CapacitySurvivesAThrow, TheCallerGetsTheExceptionAsItWasThrown) {
  KATA_TODO(
      "let the work throw an exception of a type of your own: which exception reaches the caller "
      "of Process, and what does its what() say?");
}

TEST(CapacitySurvivesAThrow, EveryTokenComesBackAndNoMore) {
  KATA_TODO(
      "let the work of a gauge of 10 throw, as many times as the gauge has tokens; how many calls "
      "can it run at once afterwards, and what happens to one more?");
}

}  // namespace
