// Step 3: you write these tests. A POST to /players/{name} is accepted and
// records exactly one win, under the name in the URL. The workbook judges
// your tests: they must pass against a correct server and fail against each
// of five broken ones (`make kata-1` says how many yours catch).
//
// The tools: testkit::Post(server, "/players/Pepper") sends the request; the
// StubPlayerStore in player_store_doubles.h is also a spy: WinCalls() lists
// every name RecordWin was called with, in order.
#include "player_server.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "player_store_doubles.h"
#include "testkit/http.h"
#include "testkit/todo.h"

namespace http_server {
namespace {

using testing::StubPlayerStore;
namespace http = kata::http;
using kata::testkit::Post;

TEST(RecordWinSpy, APostIsAccepted) {
  KATA_TODO("POST /players/Pepper to a PlayerServer over a StubPlayerStore: the status is 202 Accepted");
}

TEST(RecordWinSpy, APostRecordsOneWinUnderTheNameInTheUrl) {
  KATA_TODO("POST one player's URL: the spy saw exactly one RecordWin call, with that player's name");
}

TEST(RecordWinSpy, EachPostRecordsItsOwnName) {
  KATA_TODO("POST two different players' URLs: the spy saw exactly those two names, in order");
}

}  // namespace
}  // namespace http_server
