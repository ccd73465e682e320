// Waiting for something asynchronous without sleeping in the test.
//
//   EXPECT_TRUE(testkit::Eventually([&] { return spy.Calls() == 3; }));
//
// Eventually polls the predicate until it holds or the timeout passes, and
// returns a gtest AssertionResult that says how long it waited. The test
// itself never sleeps; a green run is as fast as the code under test. When a
// KATA_TODO is thrown on another thread while it waits (code still to be
// written), it fails at once with that KATA_TODO's message.
//
// Thread safety: the predicate runs on the calling thread only.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>

namespace kata::testkit {

using namespace std::chrono_literals;

inline constexpr std::chrono::milliseconds kEventuallyTimeout = 2s;

::testing::AssertionResult Eventually(const std::function<bool()>& predicate,
                                      std::chrono::milliseconds timeout = kEventuallyTimeout);

// The opposite: the predicate stays false for the whole window. Use sparingly
// (it always costs `window`); prefer waiting for a positive signal.
::testing::AssertionResult Never(const std::function<bool()>& predicate,
                                 std::chrono::milliseconds window);

}  // namespace kata::testkit
