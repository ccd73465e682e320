// Steps 2-5: the game over a real websocket, on a real loopback server (one
// port for the page and /ws), driven by testkit's WebSocketClient. Every wait
// is an Eventually or a receive with a deadline; time moves on a FakeClock
// except where a fast real clock is the point.
#include "game_socket.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "game_factory.h"
#include "game_web_server.h"
#include "in_memory_player_store.h"  // kata 1
#include "kata/clock.h"
#include "kata/web_server.h"
#include "testkit/eventually.h"
#include "testkit/fake_clock.h"
#include "testkit/threads.h"
#include "testkit/websocket_client.h"
#include "web_doubles.h"

namespace websockets {
namespace {

using namespace std::chrono_literals;
using kata::testkit::Eventually;
using kata::testkit::WebSocketClient;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using testing::SpyGameFactory;
using testing::StubLeagueStore;
namespace testkit = kata::testkit;

// The poker site on an ephemeral loopback port, with the games it is given.
class Site {
 public:
  explicit Site(GameFactory& games)
      : sockets_(games), server_(pages_, sockets_, {.max_message_bytes = 4096}) {}

  std::string WsUrl() const { return "ws://127.0.0.1:" + std::to_string(server_.Port()) + "/ws"; }
  GameSocket& Sockets() { return sockets_; }

 private:
  StubLeagueStore store_;
  GameWebServer pages_{store_};
  GameSocket sockets_;
  kata::web::WebServer server_;
};

std::string Blind(int amount) { return "Blind is now " + std::to_string(amount); }

// --- Step 2 -----------------------------------------------------------------

TEST(PlayOverWebsocket, TheFirstMessageStartsAGameWithThatManyPlayers) {
  SpyGameFactory games;
  Site site(games);
  WebSocketClient client(site.WsUrl());

  ASSERT_TRUE(client.Send("3"));

  EXPECT_TRUE(Eventually([&] { return games.StartedWith() == std::vector<int>{3}; }));
  EXPECT_THAT(games.FinishedWith(), IsEmpty());
}

TEST(PlayOverWebsocket, TheNextMessageNamesTheWinnerAndEndsTheGame) {
  SpyGameFactory games;
  Site site(games);
  WebSocketClient client(site.WsUrl());

  client.Send("7");
  client.Send("Ruth");

  EXPECT_TRUE(Eventually([&] { return games.FinishedWith() == std::vector<std::string>{"Ruth"}; }));
  EXPECT_THAT(games.StartedWith(), ElementsAre(7));
  EXPECT_THAT(client.WaitForClose(), Optional(1000)) << "the server closes normally after the game";
}

TEST(PlayOverWebsocket, ARealGameRecordsTheWin) {
  testkit::FakeClock clock;
  http_server::InMemoryPlayerStore store;
  TexasHoldemFactory games(clock, store);
  Site site(games);
  WebSocketClient client(site.WsUrl());

  client.Send("3");
  client.Send("Ruth");

  EXPECT_TRUE(Eventually([&] { return store.GetPlayerScore("Ruth") == 1; }));
}

// --- Step 3 -----------------------------------------------------------------

TEST(BlindAlerts, ArePushedToThePageInOrderAsTheyFire) {
  testkit::FakeClock clock;
  http_server::InMemoryPlayerStore store;
  TexasHoldemFactory games(clock, store);
  Site site(games);
  WebSocketClient client(site.WsUrl());

  client.Send("3");  // a blind every 5 + 3 = 8 minutes
  ASSERT_TRUE(Eventually([&] { return clock.PendingTimers() >= 10; })) << "no alerts scheduled";
  clock.Advance(0min);
  EXPECT_THAT(client.Receive(), Optional(Blind(100)));
  clock.Advance(8min);
  EXPECT_THAT(client.Receive(), Optional(Blind(200)));
  clock.Advance(8min);
  EXPECT_THAT(client.Receive(), Optional(Blind(300)));
}

TEST(BlindAlerts, AllElevenArriveInOrderOnAFastRealClock) {
  kata::RealClock clock;
  http_server::InMemoryPlayerStore store;
  TexasHoldemFactory games(clock, store, /*blind_minute=*/1ms);
  Site site(games);
  WebSocketClient client(site.WsUrl());

  client.Send("2");  // a blind every 7 ms

  for (int amount : cli_poker::kBlindAmounts) {
    ASSERT_THAT(client.Receive(), Optional(Blind(amount)));
  }
}

// --- Step 4 -----------------------------------------------------------------

TEST(BadSocketInput, ACountThatIsNotAPositiveWholeNumberGetsAnErrorAndNoGame) {
  SpyGameFactory games;
  Site site(games);
  WebSocketClient client(site.WsUrl());

  for (std::string bad : {"pies", "0", "-2", "3.5", "", "3 players", "99999999999999999999"}) {
    SCOPED_TRACE("count: '" + bad + "'");
    client.Send(bad);
    EXPECT_THAT(client.Receive(), Optional(std::string(kBadPlayerCountMessage)));
  }
  EXPECT_THAT(games.StartedWith(), IsEmpty());
}

TEST(BadSocketInput, AValidCountAfterABadOneStartsTheGame) {
  SpyGameFactory games;
  Site site(games);
  WebSocketClient client(site.WsUrl());

  client.Send("many");
  EXPECT_THAT(client.Receive(), Optional(std::string(kBadPlayerCountMessage)));
  client.Send("4");

  EXPECT_TRUE(Eventually([&] { return games.StartedWith() == std::vector<int>{4}; }));
}

TEST(BadSocketInput, AnEmptyWinnerIsRefused) {
  SpyGameFactory games;
  Site site(games);
  WebSocketClient client(site.WsUrl());

  client.Send("3");
  client.Send("");
  EXPECT_THAT(client.Receive(), Optional(std::string(kBadWinnerMessage)));
  client.Send("Ruth");

  EXPECT_TRUE(Eventually([&] { return games.FinishedWith() == std::vector<std::string>{"Ruth"}; }));
}

TEST(BadSocketInput, AnOversizedMessageClosesTheConnectionWithTooBig) {
  SpyGameFactory games;
  Site site(games);
  WebSocketClient client(site.WsUrl());

  client.Send(std::string(kMaxMessageBytes + 1, '7'));

  EXPECT_THAT(client.WaitForClose(), Optional(1009));
  EXPECT_THAT(games.StartedWith(), IsEmpty());
}

TEST(BadSocketInput, APageThatGoesAwayMidGameEndsItAndCancelsItsAlerts) {
  testkit::FakeClock clock;
  http_server::InMemoryPlayerStore store;
  TexasHoldemFactory games(clock, store);
  Site site(games);
  const int threads_before = testkit::LiveThreads();
  {
    WebSocketClient client(site.WsUrl());
    client.Send("3");
    ASSERT_TRUE(Eventually([&] { return site.Sockets().GamesInProgress() == 1; }));
    ASSERT_TRUE(Eventually([&] { return clock.PendingTimers() >= 10; }));

    client.Abort();  // no closing handshake: the tab was closed
  }

  EXPECT_TRUE(Eventually([&] { return site.Sockets().GamesInProgress() == 0; }));
  EXPECT_EQ(clock.PendingTimers(), 0) << "the abandoned game's alerts are still scheduled";
  EXPECT_EQ(store.GetPlayerScore("Ruth"), std::nullopt);
  EXPECT_TRUE(Eventually([&] { return testkit::LiveThreads() <= threads_before; }))
      << "the connection's thread is still running";
}

// --- Step 5 -----------------------------------------------------------------

TEST(TwoGamesAtOnce, EachPageGetsOnlyItsOwnAlertsAndBothWinsAreRecorded) {
  testkit::FakeClock clock;
  http_server::InMemoryPlayerStore store;
  TexasHoldemFactory games(clock, store);
  Site site(games);
  WebSocketClient three(site.WsUrl());
  WebSocketClient eight(site.WsUrl());

  three.Send("3");  // blinds at 0, 8, 16 ... minutes
  eight.Send("8");  // blinds at 0, 13, 26 ... minutes
  ASSERT_TRUE(Eventually([&] { return site.Sockets().GamesInProgress() == 2; }));
  ASSERT_TRUE(Eventually([&] { return clock.PendingTimers() >= 20; }));

  clock.Advance(0min);
  EXPECT_THAT(three.Receive(), Optional(Blind(100)));
  EXPECT_THAT(eight.Receive(), Optional(Blind(100)));
  clock.Advance(8min);
  EXPECT_THAT(three.Receive(), Optional(Blind(200)));
  clock.Advance(5min);
  EXPECT_THAT(eight.Receive(), Optional(Blind(200)));

  three.Send("Ruth");
  eight.Send("Chris");
  EXPECT_THAT(three.WaitForClose(), Optional(1000));
  EXPECT_THAT(eight.WaitForClose(), Optional(1000));
  // Everything each page received before its close has been read: nothing
  // left over means nobody got the other game's alerts.
  EXPECT_EQ(three.Receive(1ms), std::nullopt);
  EXPECT_EQ(eight.Receive(1ms), std::nullopt);
  EXPECT_TRUE(Eventually(
      [&] { return store.GetPlayerScore("Ruth") == 1 && store.GetPlayerScore("Chris") == 1; }));
  EXPECT_TRUE(Eventually([&] { return site.Sockets().GamesInProgress() == 0; }));
  EXPECT_EQ(clock.PendingTimers(), 0);
}

TEST(TwoGamesAtOnce, ManyPagesPlayAtTheSameTime) {
  testkit::FakeClock clock;
  http_server::InMemoryPlayerStore store;
  TexasHoldemFactory games(clock, store);
  Site site(games);
  std::vector<std::unique_ptr<WebSocketClient>> pages;
  for (int i = 0; i < 4; ++i) {
    pages.push_back(std::make_unique<WebSocketClient>(site.WsUrl()));
    pages.back()->Send(std::to_string(i + 2));
  }
  ASSERT_TRUE(Eventually([&] { return site.Sockets().GamesInProgress() == 4; }));

  for (auto& page : pages) page->Send("Cleo");

  EXPECT_TRUE(Eventually([&] { return store.GetPlayerScore("Cleo") == 4; }));
  EXPECT_TRUE(Eventually([&] { return site.Sockets().GamesInProgress() == 0; }));
}

}  // namespace
}  // namespace websockets
