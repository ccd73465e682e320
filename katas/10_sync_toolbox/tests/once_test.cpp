// Steps 1 and 2: exactly-once initialisation.
#include "once.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <stdexcept>
#include <string>

#include "testkit/eventually.h"
#include "testkit/sync.h"

namespace sync_toolbox {
namespace {

using namespace std::chrono_literals;
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

// Twenty callers at once. The one whose function runs stays inside it until
// the others have all called Do (and 20 ms more): none of them may return
// meanwhile. Each caller then reads the count as soon as its Do returns. The
// count is a plain int: Do must order the one increment before every return,
// so each caller reads 1, and ThreadSanitizer sees the write ordered before
// each read.
TEST(OnceFromManyThreads, TwentyDoCallsIncrementOnceAndEveryCallerSeesIt) {
  constexpr int kCallers = 20;
  Once once;
  int count = 0;
  std::atomic<int> calling = 0;
  std::atomic<int> returned = 0;
  testkit::RunOnThreads(kCallers, [&](int) {
    calling.fetch_add(1);
    once.Do([&] {
      EXPECT_TRUE(testkit::Eventually([&] { return calling.load() == kCallers; }));
      EXPECT_TRUE(testkit::Never([&] { return returned.load() > 0; }, 20ms))
          << "a caller returned from Do while the function was still running";
      ++count;
    });
    returned.fetch_add(1);
    EXPECT_EQ(count, 1) << "Do returned before the function had run";
  });
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
