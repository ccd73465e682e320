// Step 4: you write these tests. Merge(inputs) is a fan-in: every value of
// every input on one stream, which ends once, after the last input has
// ended. The workbook judges your tests: they must pass against a correct
// Merge and fail against each of four broken ones (`make kata-15` says how
// many yours catch).
//
// The tools, in pipeline_tools.h: Feed(channel) is an input you control
// value by value (send on the channel; close it to end the input);
// NextWithin(stream, rescue) reads the next value, or the end, on a thread of
// its own and says whether it came within kPrompt (when it did not, it calls
// rescue: cancel the merged stream there, so that your test ends);
// ReadToEnd(stream, rescue) reads every value the same way; a ThreadCensus
// notes the threads alive when it is made, and NoneAdded() waits until no
// other thread is left.
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <vector>

#include "channel.h"
#include "pipeline.h"
#include "pipeline_tools.h"
#include "testkit/todo.h"

namespace {

TEST(MergeClosing, EveryValueOfEveryInputArrivesExactlyOnce) {
  KATA_TODO(
      "merge three finite inputs and read the merged stream to its end: which values came, "
      "how many times each, and did it end?");
}

TEST(MergeClosing, AValueOnOneInputDoesNotWaitForAnother) {
  KATA_TODO(
      "with one input open and silent, send a value on another: does it come through while the "
      "first input is still open?");
}

TEST(MergeClosing, ItEndsOnlyAfterItsLastInputHasEnded) {
  KATA_TODO(
      "end all inputs but one, then send on that one: is the merged stream still open? Then end "
      "it: does the merged stream end, within kPrompt?");
}

TEST(MergeClosing, DestroyingItLeavesNoThreadBehind) {
  KATA_TODO(
      "take a ThreadCensus, merge two endless inputs (Repeat), read a few values and destroy the "
      "merged stream: is any thread left?");
}

}  // namespace
