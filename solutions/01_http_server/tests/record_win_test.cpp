// Step 3, the reference for the test you write: a POST to /players/{name}
// is accepted and records exactly one win, under the name in the URL. The
// spy store (StubPlayerStore::WinCalls in player_store_doubles.h) is the
// witness: it saw every RecordWin call, in order.
#include "player_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "player_store_doubles.h"
#include "testkit/http.h"

namespace http_server {
namespace {

using ::testing::ElementsAre;
using testing::StubPlayerStore;
namespace http = kata::http;
using kata::testkit::Post;

TEST(RecordWinSpy, APostIsAccepted) {
  StubPlayerStore store;
  PlayerServer server(store);

  auto response = Post(server, "/players/Pepper");

  EXPECT_EQ(response.status, http::kAccepted);
}

// Not "Pepper", the name every other test uses: a server that records every
// win under one fixed name must not pass by luck.
TEST(RecordWinSpy, APostRecordsOneWinUnderTheNameInTheUrl) {
  StubPlayerStore store;
  PlayerServer server(store);

  Post(server, "/players/Floyd");

  EXPECT_THAT(store.WinCalls(), ElementsAre("Floyd"));
}

TEST(RecordWinSpy, EachPostRecordsItsOwnName) {
  StubPlayerStore store;
  PlayerServer server(store);

  Post(server, "/players/Pepper");
  Post(server, "/players/Floyd");

  EXPECT_THAT(store.WinCalls(), ElementsAre("Pepper", "Floyd"));
}

}  // namespace
}  // namespace http_server
