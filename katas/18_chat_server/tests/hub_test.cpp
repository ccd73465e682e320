// Steps 1-4 and 6: the hub on its own, its members seen through their
// outboxes: joining, broadcasting, direct messages, leaving, and eight
// members at once.
#include "hub.h"

#include <gtest/gtest.h>

#include <latch>
#include <optional>
#include <string>
#include <vector>

#include "chat_tools.h"
#include "testkit/sync.h"

namespace {

using chat_test::JoinAs;
using chat_test::Lines;
using chat_test::NextLine;
using chat_test::Outbox;
using chat_test::Waiting;
using kata::chat::Hub;

// --- Step 1 --- join ---------------------------------------------------------

TEST(HubJoin, TheFirstMemberHearsThereAreNoOthers) {
  Hub hub;
  std::optional<Outbox> alice = hub.Join("alice");
  ASSERT_TRUE(alice.has_value()) << "Join refused the first member";
  EXPECT_EQ(NextLine(*alice), "welcome, alice: 0 others here");
}

TEST(HubJoin, EachNewMemberHearsHowManyOthersAreHere) {
  Hub hub;
  JoinAs(hub, "alice", 0);
  JoinAs(hub, "bob", 1);
  JoinAs(hub, "carol", 2);
  EXPECT_EQ(hub.MemberCount(), 3u);
}

// --- Step 2 --- broadcast ----------------------------------------------------

TEST(HubBroadcast, TheOthersHearWhoJoined) {
  Hub hub;
  Outbox alice = JoinAs(hub, "alice", 0);
  Outbox bob = JoinAs(hub, "bob", 1);
  JoinAs(hub, "carol", 2);
  hub.MemberCount();  // every Join before it has been handled
  EXPECT_EQ(Waiting(alice), (Lines{"* bob joined", "* carol joined"}));
  EXPECT_EQ(Waiting(bob), (Lines{"* carol joined"}));
}

TEST(HubBroadcast, ALineReachesEveryOtherMemberAndNotTheSpeaker) {
  Hub hub;
  Outbox alice = JoinAs(hub, "alice", 0);
  Outbox bob = JoinAs(hub, "bob", 1);
  Outbox carol = JoinAs(hub, "carol", 2);
  hub.Say("alice", "hello");
  hub.MemberCount();
  EXPECT_EQ(Waiting(bob), (Lines{"* carol joined", "alice: hello"}));
  EXPECT_EQ(Waiting(carol), (Lines{"alice: hello"}));
  EXPECT_EQ(Waiting(alice), (Lines{"* bob joined", "* carol joined"}))
      << "the speaker hears her own line";
}

// --- Step 3 --- direct messages and taken names ------------------------------

TEST(HubDirect, AnAtNameLineReachesOnlyThatMember) {
  Hub hub;
  Outbox alice = JoinAs(hub, "alice", 0);
  Outbox bob = JoinAs(hub, "bob", 1);
  Outbox carol = JoinAs(hub, "carol", 2);
  hub.MemberCount();
  Waiting(alice);
  Waiting(bob);
  hub.Say("alice", "@bob hi there");
  hub.MemberCount();
  EXPECT_EQ(Waiting(bob), (Lines{"alice (to you): hi there"}));
  EXPECT_EQ(Waiting(carol), Lines{});
  EXPECT_EQ(Waiting(alice), Lines{});
}

TEST(HubDirect, AnUnknownNameIsToldToTheSenderOnly) {
  Hub hub;
  Outbox alice = JoinAs(hub, "alice", 0);
  Outbox bob = JoinAs(hub, "bob", 1);
  hub.Say("alice", "@carol hi");
  hub.MemberCount();
  EXPECT_EQ(Waiting(alice), (Lines{"* bob joined", "* no one called carol is here"}));
  EXPECT_EQ(Waiting(bob), Lines{});
}

TEST(HubDirect, ANameInUseIsRefused) {
  Hub hub;
  Outbox alice = JoinAs(hub, "alice", 0);
  EXPECT_EQ(hub.Join("alice"), std::nullopt);
  EXPECT_EQ(hub.MemberCount(), 1u);
  Outbox bob = JoinAs(hub, "bob", 1);
  hub.Say("bob", "still there?");
  EXPECT_EQ(NextLine(alice), "* bob joined");
  EXPECT_EQ(NextLine(alice), "bob: still there?") << "the first alice lost her outbox";
}

// --- Step 4 --- leave --------------------------------------------------------

TEST(HubLeave, TheLeaversOutboxIsClosedAndTheOthersAreTold) {
  Hub hub;
  Outbox alice = JoinAs(hub, "alice", 0);
  Outbox bob = JoinAs(hub, "bob", 1);
  hub.Leave("bob");
  hub.Say("alice", "anyone?");
  EXPECT_EQ(NextLine(bob), std::nullopt) << "bob's outbox is still open, or he heard alice";
  EXPECT_EQ(NextLine(alice), "* bob joined");
  EXPECT_EQ(NextLine(alice), "* bob left");
  EXPECT_EQ(hub.MemberCount(), 1u);
}

TEST(HubLeave, AFormerMemberIsNotHeardAndAnUnknownLeaveIsIgnored) {
  Hub hub;
  Outbox alice = JoinAs(hub, "alice", 0);
  JoinAs(hub, "bob", 1);
  hub.Leave("bob");
  hub.Say("bob", "a ghost");
  hub.Leave("nobody");
  EXPECT_EQ(hub.MemberCount(), 1u);
  EXPECT_EQ(Waiting(alice), (Lines{"* bob joined", "* bob left"}));
}

TEST(HubLeave, StoppingTheHubClosesEveryOutbox) {
  std::optional<Outbox> alice;
  {
    Hub hub;
    alice = JoinAs(hub, "alice", 0);
  }
  EXPECT_EQ(NextLine(*alice), std::nullopt);
}

// --- Step 6 --- eight members at once ----------------------------------------

// Outboxes large enough for everything, so that nobody is dropped however
// the threads run.
TEST(HubLoad, EveryoneHearsEachSpeakerInOrder) {
  constexpr int kMembers = 8;
  constexpr int kLines = 100;
  Hub hub(1024);
  std::vector<std::optional<Outbox>> outboxes(kMembers);
  std::latch all_joined(kMembers);
  kata::testkit::RunOnThreads(kMembers, [&](int i) {
    const std::string name = "m" + std::to_string(i);
    outboxes[i] = hub.Join(name);
    all_joined.arrive_and_wait();  // nobody misses a line said before they joined
    for (int k = 0; k < kLines; ++k) hub.Say(name, std::to_string(k));
  });
  ASSERT_EQ(hub.MemberCount(), std::size_t{kMembers});
  for (int i = 0; i < kMembers; ++i) {
    ASSERT_TRUE(outboxes[i].has_value()) << "m" << i << " could not join";
    std::vector<int> next(kMembers, 0);  // the line expected next from each speaker
    for (const std::string& line : Waiting(*outboxes[i])) {
      if (line.size() < 4 || line[0] != 'm' || line[2] != ':') continue;  // a notice
      const int speaker = line[1] - '0';
      ASSERT_EQ(line.substr(4), std::to_string(next[speaker]++)) << "m" << i << " got " << line;
    }
    for (int j = 0; j < kMembers; ++j) {
      EXPECT_EQ(next[j], j == i ? 0 : kLines) << "m" << i << " heard m" << j;
    }
  }
}

}  // namespace
