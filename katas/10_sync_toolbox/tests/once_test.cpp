// Steps 1 and 2: exactly-once initialisation.
#include "once.h"

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

#include "testkit/sync.h"

namespace sync_toolbox {
namespace {

namespace testkit = kata::testkit;

// Something expensive to build, built once and then shared.
struct Parser {
  std::string grammar = "json";
};

// --- Step 1 -------------------------------------------------------------------

TEST(OnceFromManyThreads, AHundredCallersBuildTheParserOnce) {
  constexpr int kCallers = 100;
  std::atomic<int> built = 0;
  Lazy<Parser> parser([&] {
    built.fetch_add(1);
    return std::make_unique<Parser>();
  });
  std::mutex mutex;
  std::set<const Parser*> seen;

  testkit::RunOnThreads(kCallers, [&](int) {
    Parser& p = parser.Get();
    EXPECT_EQ(p.grammar, "json");
    std::scoped_lock lock(mutex);
    seen.insert(&p);
  });

  EXPECT_EQ(built.load(), 1);
  EXPECT_EQ(seen.size(), 1u) << "callers got different parsers";
}

TEST(OnceFromManyThreads, TwentyDoCallsIncrementOnce) {
  Once once;
  int count = 0;  // plain int: Do must order the one write before every return
  testkit::RunOnThreads(20, [&](int) { once.Do([&] { ++count; }); });
  EXPECT_EQ(count, 1);
}

// --- Step 2 -------------------------------------------------------------------

TEST(OnceFirstCallWins, DoRunsOnlyTheFirstFunction) {
  Once once;
  int count = 0;
  once.Do([&] { ++count; });
  once.Do([&] { --count; });
  EXPECT_EQ(count, 1);
}

TEST(OnceFirstCallWins, AThrowingInitialiserIsRetriedByTheNextCaller) {
  int attempts = 0;
  Lazy<Parser> parser([&]() -> std::unique_ptr<Parser> {
    if (++attempts == 1) throw std::runtime_error("grammar file missing");
    return std::make_unique<Parser>();
  });

  EXPECT_THROW(parser.Get(), std::runtime_error);
  EXPECT_EQ(parser.Get().grammar, "json");
  EXPECT_EQ(parser.Get().grammar, "json");
  EXPECT_EQ(attempts, 2);
}

}  // namespace
}  // namespace sync_toolbox
