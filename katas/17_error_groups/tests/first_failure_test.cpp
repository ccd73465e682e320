// Step 2: you write these tests. Two tasks of a kata::TaskGroup fail; the
// first failure must win, and Wait must rethrow it only once every task has
// finished. The workbook judges your tests: they must pass against a
// correct TaskGroup and fail against each of four broken ones (`make
// kata-17` says how many yours catch).
//
// The tools, in group_tools.h: TaskFailed, an exception to throw;
// ParkUntilStopped(stop), which returns once stop is requested (so a task
// can wait for the first failure before it fails in turn); Background, which
// runs group.Wait() on a thread of its own so that your test can watch it
// (Done(), Join()); kBriefly, how long to watch for something that must not
// happen. From testkit: Gate (sync.h) holds a task until you open it, and
// Never(predicate, window) (eventually.h) checks that something does not
// happen for a while.
#include <gtest/gtest.h>

#include <atomic>
#include <stop_token>

#include "group_tools.h"
#include "task_group.h"
#include "testkit/eventually.h"
#include "testkit/sync.h"
#include "testkit/todo.h"

namespace {

TEST(FirstFailure, WaitRethrowsTheFirstFailureAsItWasThrown) {
  KATA_TODO(
      "start a task that throws TaskFailed(\"the first\"), and one that waits for the group to "
      "stop and then throws TaskFailed(\"the second\"): which exception does Wait throw, of which "
      "type, with which message?");
}

TEST(FirstFailure, WaitRethrowsOnlyOnceEveryTaskHasFinished) {
  KATA_TODO(
      "let the second task wait for the stop and then for a Gate; run Wait on a Background: it "
      "must not return while the gate is closed (Never), and must rethrow once you open it");
}

}  // namespace
