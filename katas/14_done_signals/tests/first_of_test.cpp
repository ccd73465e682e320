// Step 5: the first answer wins; the other searchers are stopped and gone.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "leak_check.h"
#include "streams.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"

namespace {

using namespace std::chrono_literals;
namespace testkit = kata::testkit;
using kata::Searcher;
using leak_test::Background;
using leak_test::kPrompt;
using leak_test::ThreadCensus;

// A searcher that answers "<answer> for <query>" once `delay` has passed on
// the fake clock, or gives up when stopped, and counts that in `stopped`.
Searcher Slow(testkit::FakeClock& clock, kata::Duration delay, std::string answer,
              std::atomic<int>& stopped) {
  return [&clock, delay, answer, &stopped](const std::string& query, std::stop_token stop) {
    if (!clock.SleepFor(delay, stop)) {
      stopped.fetch_add(1);
      return std::string("stopped");
    }
    return answer + " for " + query;
  };
}

// --- Step 5 --- first answer wins --------------------------------------------

TEST(FirstOfWins, TheSearcherReleasedFirstWinsAndTheOthersStop) {
  const ThreadCensus threads;
  testkit::FakeClock clock;
  std::atomic<int> stopped = 0;
  const std::vector<Searcher> searchers = {Slow(clock, 3s, "by name", stopped),
                                           Slow(clock, 1s, "by score", stopped),
                                           Slow(clock, 2s, "by city", stopped)};
  std::string answer;
  Background search([&] { answer = kata::FirstOf("pepper", searchers); });
  const bool all_searching =
      testkit::Eventually([&] { return clock.Sleepers() == 3 || search.Done(); });
  if (search.Done()) search.Join();  // rethrows what FirstOf threw
  ASSERT_TRUE(all_searching) << clock.Sleepers() << " of 3 searchers started";

  clock.Advance(1s);  // "by score" answers
  const bool returned = search.ReturnsWithin(kPrompt);
  if (!returned) clock.Advance(1h);  // searchers that did not see stop finish, so the test ends
  search.Join();
  EXPECT_TRUE(returned) << "FirstOf did not return once a searcher had answered";
  EXPECT_EQ(answer, "by score for pepper");
  EXPECT_EQ(stopped.load(), 2) << "the two slower searchers did not see stop";
  EXPECT_TRUE(threads.NoneAdded()) << "FirstOf left a searcher's thread running";
}

TEST(FirstOfWins, OneSearcherIsTheWinner) {
  const std::vector<Searcher> searchers = {
      [](const std::string& query, std::stop_token) { return "only " + query; }};
  EXPECT_EQ(kata::FirstOf("pepper", searchers), "only pepper");
}

TEST(FirstOfWins, NoSearcherIsAnError) {
  EXPECT_THROW(kata::FirstOf("pepper", {}), std::invalid_argument);
}

}  // namespace
