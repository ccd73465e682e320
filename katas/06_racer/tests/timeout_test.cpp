// Step 3: you write these tests. Racer gives up when neither server has
// answered within the timeout: it throws RaceError naming both URLs, on
// time, without waiting for the slow servers; an answer within the timeout
// still wins, at once. The workbook judges your tests: they must pass
// against a correct racer and fail against each of six broken ones
// (`make kata-6` says how many yours catch).
//
// The tools (delayed_server.h): DelayedServer(3s) is a loopback server that
// answers 200 OK after 3 s, or as soon as the test ends, so a slow server
// never makes a passing test slow; RaceErrorFrom([&] { Racer(...); })
// returns the message of the RaceError the race throws, and fails the test
// if it returns instead. Time a race with std::chrono::steady_clock, and keep
// every bound loose: a correct racer must pass on a busy machine.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "delayed_server.h"
#include "racer.h"
#include "testkit/test_server.h"  // the build links the test servers for files that include it
#include "testkit/todo.h"

namespace racer {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using helpers::DelayedServer;
using helpers::RaceErrorFrom;

TEST(RacerTimeout, NeitherAnsweringInTimeIsARaceErrorNamingBoth) {
  KATA_TODO(
      "race two servers that answer after 3 s with a 100 ms timeout: a RaceError whose message "
      "names both URLs");
}

TEST(RacerTimeout, GivesUpOnTime) {
  KATA_TODO(
      "the same race: the RaceError comes no sooner than the timeout, and long before the servers "
      "would answer");
}

TEST(RacerTimeout, AnAnswerWithinTheTimeoutWinsAtOnce) {
  KATA_TODO(
      "a server that answers after 3 s, one that answers at once, a 5 s timeout: the fast URL wins "
      "in either argument order, without waiting for the timeout");
}

}  // namespace
}  // namespace racer
