// Steps 1, 2, 3 and 5: the server against a stub and spy store, in-process.
#include "player_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "player_store_doubles.h"
#include "testkit/http.h"

namespace http_server {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using testing::StubPlayerStore;
namespace http = kata::http;
namespace testkit = kata::testkit;
using testkit::Get;
using testkit::Post;

// --- Step 1 -----------------------------------------------------------------

TEST(GetPlayerScore, ReturnsPeppersScore) {
  StubPlayerStore store({{"Pepper", 20}, {"Floyd", 10}});
  PlayerServer server(store);

  auto response = Get(server, "/players/Pepper");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_EQ(response.body, "20");
}

TEST(GetPlayerScore, ReturnsFloydsScore) {
  StubPlayerStore store({{"Pepper", 20}, {"Floyd", 10}});
  PlayerServer server(store);

  auto response = Get(server, "/players/Floyd");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_EQ(response.body, "10");
}

// --- Step 2 -----------------------------------------------------------------

TEST(UnknownPlayer, Returns404ForAPlayerTheStoreDoesNotKnow) {
  StubPlayerStore store({{"Pepper", 20}, {"Floyd", 10}});
  PlayerServer server(store);

  auto response = Get(server, "/players/Apollo");

  EXPECT_EQ(response.status, http::kNotFound);
}

TEST(UnknownPlayer, APlayerWithNoWinsIsNotUnknown) {
  StubPlayerStore store({{"Pepper", 20}, {"Zed", 0}});
  PlayerServer server(store);

  auto response = Get(server, "/players/Zed");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_EQ(response.body, "0");
}

// --- Step 3 -----------------------------------------------------------------
// The workbook's own checks of step 3; the tests that pin the behaviour down
// are yours to write, in record_win_test.cpp.

TEST(RecordWin, ReturnsAcceptedOnPost) {
  StubPlayerStore store;
  PlayerServer server(store);

  auto response = Post(server, "/players/Pepper");

  EXPECT_EQ(response.status, http::kAccepted);
}

TEST(RecordWin, AGetRecordsNothing) {
  StubPlayerStore store({{"Pepper", 20}});
  PlayerServer server(store);

  Get(server, "/players/Pepper");

  EXPECT_THAT(store.WinCalls(), IsEmpty());
}

// --- Step 5 -----------------------------------------------------------------

TEST(BadRequests, OtherMethodsGet405WithAnAllowHeader) {
  StubPlayerStore store({{"Pepper", 20}});
  PlayerServer server(store);

  for (std::string_view method : {"PUT", "DELETE", "PATCH"}) {
    SCOPED_TRACE(method);
    auto response = testkit::Serve(server, testkit::NewRequest(method, "/players/Pepper"));

    EXPECT_EQ(response.status, http::kMethodNotAllowed);
    EXPECT_THAT(response.Header("Allow"), Optional(std::string("GET, POST")));
  }
  EXPECT_THAT(store.WinCalls(), IsEmpty());
}

TEST(BadRequests, AnEmptyNameIsNotFound) {
  StubPlayerStore store({{"", 1}});
  PlayerServer server(store);

  EXPECT_EQ(Get(server, "/players/").status, http::kNotFound);
  EXPECT_EQ(Post(server, "/players/").status, http::kNotFound);
  EXPECT_THAT(store.WinCalls(), IsEmpty());
}

TEST(BadRequests, AnExtraPathSegmentIsNotFound) {
  StubPlayerStore store({{"Pepper", 20}});
  PlayerServer server(store);

  EXPECT_EQ(Get(server, "/players/Pepper/extra").status, http::kNotFound);
  EXPECT_EQ(Post(server, "/players/Pepper/extra").status, http::kNotFound);
  EXPECT_THAT(store.WinCalls(), IsEmpty());
}

// A name is whatever a player typed, '/' included: the URL carries it
// escaped ("a%2Fb"), and it is one segment, so split the path as sent first
// and decode the name after.
TEST(BadRequests, AnEscapedSlashIsPartOfTheName) {
  StubPlayerStore store({{"a/b", 3}, {"a", 1}});
  PlayerServer server(store);

  auto response = Get(server, "/players/a%2Fb");
  EXPECT_EQ(response.status, http::kOk);
  EXPECT_EQ(response.body, "3");
  EXPECT_EQ(Get(server, "/players/a/b").status, http::kNotFound);
  Post(server, "/players/Chris%20Jones%2F2");
  EXPECT_THAT(store.WinCalls(), ElementsAre("Chris Jones/2"));
}

TEST(BadRequests, OtherPathsAreNotFound) {
  StubPlayerStore store({{"Pepper", 20}});
  PlayerServer server(store);

  EXPECT_EQ(Get(server, "/").status, http::kNotFound);
  EXPECT_EQ(Get(server, "/league").status, http::kNotFound);
  EXPECT_EQ(Get(server, "/playersPepper").status, http::kNotFound);
}

TEST(BadRequests, PercentEncodedNamesAreDecoded) {
  StubPlayerStore store({{"Chris Jones", 7}});
  PlayerServer server(store);

  auto response = Get(server, "/players/Chris%20Jones");
  Post(server, "/players/Chris%20Jones");

  EXPECT_EQ(response.status, http::kOk);
  EXPECT_EQ(response.body, "7");
  EXPECT_THAT(store.WinCalls(), ElementsAre("Chris Jones"));
}

}  // namespace
}  // namespace http_server
