// Step 7: the hub over TCP, with real clients on the loopback interface.
#include "chat_server.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "chat_tools.h"
#include "hub.h"
#include "testkit/eventually.h"
#include "testkit/threads.h"

namespace {

using chat_test::Client;
using kata::chat::ChatServer;
using kata::chat::Hub;
using kata::chat::kAskName;
using kata::chat::kBadName;
using kata::chat::kLineTooLong;
using kata::chat::kNameTaken;

// Connects and signs in as `name`, checking the prompt and the welcome.
std::unique_ptr<Client> SignIn(unsigned short port, const std::string& name, int others) {
  auto client = std::make_unique<Client>(port);
  EXPECT_EQ(client->ReadLine(), std::string(kAskName));
  client->SendLine(name);
  const std::string count = std::to_string(others) + (others == 1 ? " other" : " others");
  EXPECT_EQ(client->ReadLine(), "welcome, " + name + ": " + count + " here");
  return client;
}

TEST(ChatOverTcp, TwoClientsChat) {
  Hub hub;
  ChatServer server(hub);
  auto alice = SignIn(server.Port(), "alice", 0);
  auto bob = SignIn(server.Port(), "bob", 1);
  EXPECT_EQ(alice->ReadLine(), "* bob joined");
  alice->SendLine("");  // ignored
  alice->SendLine("hello");
  EXPECT_EQ(bob->ReadLine(), "alice: hello");
  bob->SendLine("@alice hi");
  EXPECT_EQ(alice->ReadLine(), "bob (to you): hi");
}

TEST(ChatOverTcp, ABadOrTakenNameIsAskedForAgain) {
  Hub hub;
  ChatServer server(hub);
  auto alice = SignIn(server.Port(), "alice", 0);
  Client second(server.Port());
  EXPECT_EQ(second.ReadLine(), std::string(kAskName));
  second.SendLine("not a name");
  EXPECT_EQ(second.ReadLine(), std::string(kBadName));
  EXPECT_EQ(second.ReadLine(), std::string(kAskName));
  second.SendLine("alice");
  EXPECT_EQ(second.ReadLine(), std::string(kNameTaken));
  EXPECT_EQ(second.ReadLine(), std::string(kAskName));
  second.SendLine("bob");
  EXPECT_EQ(second.ReadLine(), "welcome, bob: 1 other here");
}

TEST(ChatOverTcp, ALineOver140BytesIsRefusedAndTheConnectionStays) {
  Hub hub;
  ChatServer server(hub);
  auto alice = SignIn(server.Port(), "alice", 0);
  auto bob = SignIn(server.Port(), "bob", 1);
  // Read it first: the hub's lines reach alice through her writer thread, the
  // refusal below through her reader thread, so their order is not fixed.
  EXPECT_EQ(alice->ReadLine(), "* bob joined");
  alice->SendLine(std::string(141, 'x'));
  EXPECT_EQ(alice->ReadLine(), std::string(kLineTooLong));
  alice->SendLine(std::string(140, 'y'));
  EXPECT_EQ(bob->ReadLine(), "alice: " + std::string(140, 'y'));
}

TEST(ChatOverTcp, StopClosesEveryConnectionAndJoinsEveryThread) {
  const int threads_before = kata::testkit::LiveThreads();
  Hub hub;
  auto server = std::make_unique<ChatServer>(hub);
  auto alice = SignIn(server->Port(), "alice", 0);
  Client at_the_prompt(server->Port());
  EXPECT_EQ(at_the_prompt.ReadLine(), std::string(kAskName));
  server->Stop();
  // Each read now ends at end of file; kNothingCame would mean a hang.
  EXPECT_EQ(at_the_prompt.ReadLine(), std::nullopt);
  std::optional<std::string> line;
  while ((line = alice->ReadLine()) && *line != chat_test::kNothingCame) {
  }
  EXPECT_EQ(line, std::nullopt) << "alice's connection is still open";
  server->Stop();  // a second Stop does nothing
  server.reset();
  EXPECT_EQ(hub.MemberCount(), 0u) << "a closed connection leaves its member behind";
  EXPECT_TRUE(kata::testkit::Eventually(
      [&] { return kata::testkit::LiveThreads() <= threads_before + 1; }))  // + the hub's
      << "threads left running after Stop: " << kata::testkit::LiveThreads() - threads_before;
}

}  // namespace
