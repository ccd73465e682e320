// Steps 4 and 6: the real in-memory store behind the server, first in-process,
// then hammered from many threads, in-process and through a loopback server.
#include "in_memory_player_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <latch>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "player_server.h"
#include "testkit/http.h"
#include "testkit/test_server.h"

namespace http_server {
namespace {

using ::testing::Optional;
namespace http = kata::http;
namespace testkit = kata::testkit;
using testkit::Get;
using testkit::Post;

// --- Step 4 -----------------------------------------------------------------

TEST(InMemoryStoreIntegration, ThreeWinsThenTheScoreIsThree) {
  InMemoryPlayerStore store;
  PlayerServer server(store);

  Post(server, "/players/Pepper");
  Post(server, "/players/Pepper");
  Post(server, "/players/Pepper");
  auto response = Get(server, "/players/Pepper");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_EQ(response.body, "3");
}

TEST(InMemoryStoreIntegration, APlayerWithoutWinsIsUnknown) {
  InMemoryPlayerStore store;
  PlayerServer server(store);

  Post(server, "/players/Pepper");

  EXPECT_EQ(Get(server, "/players/Floyd").status, http::kNotFound);
}

TEST(InMemoryStoreIntegration, KeepsEachPlayersWinsApart) {
  InMemoryPlayerStore store;

  store.RecordWin("Pepper");
  store.RecordWin("Floyd");
  store.RecordWin("Pepper");

  EXPECT_THAT(store.GetPlayerScore("Pepper"), Optional(2));
  EXPECT_THAT(store.GetPlayerScore("Floyd"), Optional(1));
  EXPECT_EQ(store.GetPlayerScore("Apollo"), std::nullopt);
}

// --- Step 6 -----------------------------------------------------------------

constexpr int kThreads = 8;
constexpr int kWinsPerThread = 125;  // 1000 wins in all
// Through a socket each win costs far more (a request, a response, under
// ThreadSanitizer), and this step runs ten more times once it is green:
// 96 wins, still 8 clients at once, against the server's 4 handler threads.
constexpr int kLoopbackWinsPerThread = 12;
const std::vector<std::string> kPlayers = {"Pepper", "Floyd", "Chris", "Cleo"};

// Runs `work(thread_index)` on kThreads threads released at the same moment,
// and rethrows the first exception any of them threw once all have finished.
template <typename Work>
void OnManyThreads(Work work) {
  std::latch start(kThreads);
  std::mutex error_mutex;
  std::exception_ptr first_error;
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        try {
          work(t);
        } catch (...) {
          std::scoped_lock lock(error_mutex);
          if (!first_error) first_error = std::current_exception();
        }
      });
    }
  }
  if (first_error) std::rethrow_exception(first_error);
}

TEST(ConcurrentWins, EveryWinIsCountedInProcess) {
  InMemoryPlayerStore store;
  PlayerServer server(store);

  OnManyThreads([&](int t) {
    for (int i = 0; i < kWinsPerThread; ++i) {
      const std::string& name = kPlayers[(t + i) % kPlayers.size()];
      auto response = Post(server, "/players/" + name);
      ASSERT_EQ(response.status, http::kAccepted);
      // Reads while other threads write.
      Get(server, "/players/" + kPlayers[i % kPlayers.size()]);
    }
  });

  for (const auto& name : kPlayers) {
    EXPECT_EQ(Get(server, "/players/" + name).body, "250") << name;
  }
}

TEST(ConcurrentWins, EveryWinIsCountedThroughALoopbackServer) {
  InMemoryPlayerStore store;
  PlayerServer server(store);
  testkit::TestServer test_server(server);
  std::atomic<int> accepted = 0;

  OnManyThreads([&](int t) {
    testkit::HttpClient client(test_server.Url());
    for (int i = 0; i < kLoopbackWinsPerThread; ++i) {
      const std::string& name = kPlayers[(t + i) % kPlayers.size()];
      auto response = client.Post("/players/" + name);
      ASSERT_EQ(response.status, http::kAccepted) << response.body;
      accepted.fetch_add(1);
    }
  });

  EXPECT_EQ(accepted.load(), kThreads * kLoopbackWinsPerThread);
  testkit::HttpClient client(test_server.Url());
  for (const auto& name : kPlayers) {
    auto response = client.Get("/players/" + name);
    EXPECT_EQ(response.status, http::kOk) << name;
    EXPECT_EQ(response.body, std::to_string(kThreads * kLoopbackWinsPerThread / 4)) << name;
  }
}

}  // namespace
}  // namespace http_server
