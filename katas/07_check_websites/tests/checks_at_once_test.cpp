// Step 2: you write these tests. CheckWebsites checks every URL at the same
// time, each exactly once, and every answer lands in the map under its own
// URL. The workbook judges your tests: they must pass against a correct
// CheckWebsites and fail against each of six broken ones (`make kata-7`
// says how many yours catch).
//
// The tools: a checker is any callable that takes a std::string_view and
// returns bool, so a lambda in the test can record what it is asked, or
// wait. testkit::Rendezvous(n) (testkit/sync.h) proves that n calls were
// inside at once: each Arrive() waits until n callers are inside together
// (or gives up after a second), and WasMet() says whether they ever were.
// The checker runs on many threads at once: whatever it records needs a
// std::mutex.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "check_websites.h"
#include "testkit/sync.h"
#include "testkit/todo.h"

namespace check_websites {
namespace {

namespace testkit = kata::testkit;

// Every test fails if it leaves a thread behind.
class ChecksAtOnce : public testkit::NoThreadLeaks {};

TEST_F(ChecksAtOnce, EveryCheckIsInFlightAtTheSameTime) {
  KATA_TODO(
      "many URLs: every check is running at the same moment as all the others, and each URL has "
      "its answer");
}

TEST_F(ChecksAtOnce, EachUrlIsCheckedExactlyOnce) {
  KATA_TODO("some sites up, some down: the checker is asked about each URL exactly once");
}

TEST_F(ChecksAtOnce, EachAnswerLandsUnderItsOwnUrl) {
  KATA_TODO(
      "URLs given in an order that is not sorted, some up, some down: the map holds every URL with "
      "its own answer");
}

}  // namespace
}  // namespace check_websites
