// CheckWebsites: results first, then that the checks run on threads of their
// own (your tests in checks_at_once_test.cpp prove that they overlap), that
// each URL is checked once with its own value, that the map is complete on
// return, and that a failing check is reported only once every worker is done.
#include "check_websites.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "testkit/sync.h"

namespace check_websites {
namespace {

using ::testing::Each;
using ::testing::Ne;
using ::testing::UnorderedElementsAreArray;
namespace testkit = kata::testkit;

constexpr std::string_view kBadUrl = "waat://furhurterwe.geds";

bool MockWebsiteChecker(std::string_view url) { return url != kBadUrl; }

std::vector<std::string> ManyUrls(int n) {
  std::vector<std::string> urls;
  for (int i = 0; i < n; ++i) urls.push_back("http://site-" + std::to_string(i) + ".example");
  return urls;
}

// Opens the gate once n checks are held on it, from a thread of its own; and
// in any case when the test ends, so nothing stays held.
class OpenWhenAllArrive {
 public:
  OpenWhenAllArrive(testkit::Gate& gate, int n)
      : gate_(gate), thread_([&gate, n] {
          gate.WaitForArrivals(n);
          gate.Open();
        }) {}
  ~OpenWhenAllArrive() { gate_.Open(); }

 private:
  testkit::Gate& gate_;
  std::jthread thread_;
};

// Every test checks that no thread outlives it.
class CheckWebsitesResults : public testkit::NoThreadLeaks {};
class CheckWebsitesOverlap : public testkit::NoThreadLeaks {};
class CheckWebsitesEachOnce : public testkit::NoThreadLeaks {};
class CheckWebsitesComplete : public testkit::NoThreadLeaks {};
class CheckWebsitesErrors : public testkit::NoThreadLeaks {};

// --- Step 1 -------------------------------------------------------------------

TEST_F(CheckWebsitesResults, ReportsWhichSitesAnswer) {
  std::vector<std::string> urls = {"http://google.com", "http://blog.gypsydave5.com",
                                   std::string(kBadUrl)};

  std::map<std::string, bool> want = {
      {"http://google.com", true},
      {"http://blog.gypsydave5.com", true},
      {std::string(kBadUrl), false},
  };
  EXPECT_EQ(CheckWebsites(MockWebsiteChecker, urls), want);
}

TEST_F(CheckWebsitesResults, NoUrlsGiveAnEmptyMap) {
  EXPECT_TRUE(CheckWebsites(MockWebsiteChecker, {}).empty());
}

// --- Step 2 -------------------------------------------------------------------
// Your own tests of the overlap are in checks_at_once_test.cpp.

TEST_F(CheckWebsitesOverlap, NoCheckRunsOnTheCallersThread) {
  std::mutex mutex;
  std::vector<std::thread::id> threads;  // guarded by mutex

  auto results = CheckWebsites(
      [&](std::string_view) {
        std::scoped_lock lock(mutex);
        threads.push_back(std::this_thread::get_id());
        return true;
      },
      ManyUrls(10));

  EXPECT_EQ(results.size(), 10u);
  EXPECT_THAT(threads, Each(Ne(std::this_thread::get_id())));
}

// --- Step 3 -------------------------------------------------------------------

TEST_F(CheckWebsitesEachOnce, EveryUrlIsCheckedOnceWithItsOwnResult) {
  auto urls = ManyUrls(20);
  std::mutex mutex;
  std::vector<std::string> calls;

  auto results = CheckWebsites(
      [&](std::string_view url) {
        {
          std::scoped_lock lock(mutex);
          calls.emplace_back(url);
        }
        return url.find('7') == std::string_view::npos;  // down: site-7, site-17
      },
      urls);

  EXPECT_THAT(calls, UnorderedElementsAreArray(urls));
  ASSERT_EQ(results.size(), urls.size());
  for (const auto& url : urls) {
    EXPECT_EQ(results[url], url.find('7') == std::string::npos) << url;
  }
}

// --- Step 4 -------------------------------------------------------------------

// Every check is held until all of them have started; CheckWebsites must
// still return every answer, so it has to wait for its workers.
TEST_F(CheckWebsitesComplete, TheMapIsCompleteWhenCheckWebsitesReturns) {
  constexpr int kUrls = 30;
  testkit::Gate gate;
  std::atomic<int> finished = 0;
  OpenWhenAllArrive opener(gate, kUrls);

  auto results = CheckWebsites(
      [&](std::string_view url) {
        gate.Wait();
        finished.fetch_add(1);
        return url.ends_with("0.example");
      },
      ManyUrls(kUrls));

  EXPECT_EQ(finished.load(), kUrls) << "CheckWebsites returned before its checks finished";
  ASSERT_EQ(results.size(), static_cast<size_t>(kUrls));
  EXPECT_TRUE(results["http://site-10.example"]);
  EXPECT_FALSE(results["http://site-11.example"]);
}

// --- Step 5 -------------------------------------------------------------------

// One check throws at once; the others are held until all have started. The
// exception must reach the caller, and only after the held checks are done.
TEST_F(CheckWebsitesErrors, AFailedCheckIsRethrownOnceEveryCheckHasFinished) {
  constexpr int kUrls = 10;
  auto urls = ManyUrls(kUrls);
  urls[3] = std::string(kBadUrl);
  testkit::Gate gate;
  std::atomic<int> finished = 0;
  OpenWhenAllArrive opener(gate, kUrls - 1);

  try {
    CheckWebsites(
        [&](std::string_view url) {
          if (url == kBadUrl) throw std::runtime_error("cannot resolve " + std::string(url));
          gate.Wait();
          finished.fetch_add(1);
          return true;
        },
        urls);
    ADD_FAILURE() << "CheckWebsites did not report the failed check";
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "cannot resolve waat://furhurterwe.geds");
  }
  EXPECT_EQ(finished.load(), kUrls - 1) << "the exception came out before every check finished";
}

}  // namespace
}  // namespace check_websites
