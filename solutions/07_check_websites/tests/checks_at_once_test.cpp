// Step 2, the reference for the test you write: the checks overlap, all of
// them, proved by a rendezvous rather than a clock; each URL is checked
// exactly once; and each answer lands under its own URL, including the
// sites that are down.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "check_websites.h"
#include "testkit/sync.h"

namespace check_websites {
namespace {

using ::testing::UnorderedElementsAreArray;
namespace testkit = kata::testkit;

class ChecksAtOnce : public testkit::NoThreadLeaks {};

// The sites in the order given, which is not sorted, with sites up and
// down in between: a map filled in any other order than the URLs' own gets
// some answer wrong.
const std::vector<std::pair<std::string, bool>> kSites = {
    {"http://zebra.example", true},  {"http://apple.example", false},
    {"http://mango.example", true},  {"http://kiwi.example", false},
    {"http://banana.example", true}, {"http://cherry.example", true},
    {"http://lemon.example", false},
};
const std::map<std::string, bool> kUp(kSites.begin(), kSites.end());

std::vector<std::string> Urls() {
  std::vector<std::string> urls;
  for (const auto& [url, up] : kSites) urls.push_back(url);
  return urls;
}

bool IsUp(std::string_view url) { return kUp.at(std::string(url)); }

// Each check waits inside the rendezvous until all of them are inside: only
// checks that all run at the same time get there. More than a few, so that
// a handful of threads taking turns cannot get there either.
TEST_F(ChecksAtOnce, EveryCheckIsInFlightAtTheSameTime) {
  constexpr int kChecks = 20;
  std::vector<std::string> urls;
  for (int i = 0; i < kChecks; ++i) urls.push_back("http://site-" + std::to_string(i) + ".example");
  testkit::Rendezvous rendezvous(kChecks);

  auto results = CheckWebsites(
      [&](std::string_view) {
        rendezvous.Arrive();
        return true;
      },
      urls);

  EXPECT_TRUE(rendezvous.WasMet());
  EXPECT_EQ(results.size(), urls.size());
}

TEST_F(ChecksAtOnce, EachUrlIsCheckedExactlyOnce) {
  std::mutex mutex;
  std::vector<std::string> asked;  // guarded by mutex

  CheckWebsites(
      [&](std::string_view url) {
        std::scoped_lock lock(mutex);
        asked.emplace_back(url);
        return IsUp(url);
      },
      Urls());

  std::scoped_lock lock(mutex);
  EXPECT_THAT(asked, UnorderedElementsAreArray(Urls()));
}

TEST_F(ChecksAtOnce, EachAnswerLandsUnderItsOwnUrl) {
  auto results = CheckWebsites(IsUp, Urls());

  EXPECT_EQ(results, kUp);
}

}  // namespace
}  // namespace check_websites
