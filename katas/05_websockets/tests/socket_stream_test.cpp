// Step 3, in-process: the stream the blind alerts are written to turns each
// line into one websocket frame.
#include "socket_stream.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "web_doubles.h"

namespace websockets {
namespace {

using ::testing::ElementsAre;
using testing::FakeConnection;
using ::testing::IsEmpty;

TEST(BlindAlerts, EachLineBecomesOneFrameWithoutItsNewline) {
  FakeConnection connection;
  SocketStream stream(connection);

  stream << "Blind is now 100\n";
  stream << "Blind is now 200\n" << std::flush;

  EXPECT_THAT(connection.Sent(), ElementsAre("Blind is now 100", "Blind is now 200"));
  EXPECT_EQ(stream.FramesSent(), 2);
}

TEST(BlindAlerts, ALineWrittenInPiecesIsSentOnceComplete) {
  FakeConnection connection;
  SocketStream stream(connection);

  stream << "Blind is "
         << "now " << 300;
  EXPECT_THAT(connection.Sent(), IsEmpty());
  stream << '\n' << "Blind is now 400\nBlind is now 500\n";

  EXPECT_THAT(connection.Sent(),
              ElementsAre("Blind is now 300", "Blind is now 400", "Blind is now 500"));
}

TEST(BlindAlerts, NothingIsSentOnceTheConnectionIsClosed) {
  FakeConnection connection;
  SocketStream stream(connection);
  stream << "Blind is now 100\n";

  connection.Close(kata::ws::CloseCode::kGoingAway, "");
  stream << "Blind is now 200\n";

  EXPECT_THAT(connection.Sent(), ElementsAre("Blind is now 100"));
  EXPECT_EQ(stream.FramesSent(), 1);
}

}  // namespace
}  // namespace websockets
