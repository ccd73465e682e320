// Step 5, the reference for the test you write: bob never reads. alice says
// 100 lines, one at a time, and carol reads each before the next is said, so
// carol is never behind and only bob's outbox fills. Once bob has read his
// welcome, his 16 slots hold "* carol joined" and alice's first 15 lines; at
// her 16th he is dropped: his outbox is closed (he still reads what is in it), and the
// others are told.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "chat_tools.h"
#include "hub.h"

namespace {

using chat_test::JoinAs;
using chat_test::Lines;
using chat_test::NextLine;
using chat_test::Outbox;
using chat_test::Waiting;
using kata::chat::Hub;

const std::string kBobDropped = "* bob was too slow and was dropped";

std::string Said(int k) { return "line " + std::to_string(k); }

TEST(SlowMember, DoesNotStallTheRoomAndIsDropped) {
  Hub hub(16);
  Outbox alice = JoinAs(hub, "alice", 0);
  Outbox bob = JoinAs(hub, "bob", 1);  // never reads again
  Outbox carol = JoinAs(hub, "carol", 2);
  int notices = 0;
  for (int k = 0; k < 100; ++k) {
    hub.Say("alice", Said(k));
    std::optional<std::string> line = NextLine(carol);
    if (line == kBobDropped) {
      ++notices;
      line = NextLine(carol);
    }
    ASSERT_EQ(line, "alice: " + Said(k)) << "carol's line " << k;
  }
  EXPECT_EQ(notices, 1) << "carol was told about bob this many times";
  ASSERT_EQ(hub.MemberCount(), 2u) << "bob is still a member";
  EXPECT_EQ(Waiting(alice), (Lines{"* bob joined", "* carol joined", kBobDropped}));
}

TEST(SlowMember, KeepsTheLinesAlreadyInHisOutboxThenItEnds) {
  Hub hub(16);
  JoinAs(hub, "alice", 0);
  Outbox bob = JoinAs(hub, "bob", 1);
  Outbox carol = JoinAs(hub, "carol", 2);
  for (int k = 0; k < 20; ++k) {
    hub.Say("alice", Said(k));
    ASSERT_NE(NextLine(carol), std::nullopt);
  }
  ASSERT_EQ(hub.MemberCount(), 2u) << "bob is still a member";
  Lines expected = {"* carol joined"};
  for (int k = 0; k < 15; ++k) expected.push_back("alice: " + Said(k));
  EXPECT_EQ(Waiting(bob), expected) << "bob's 16 slots, full when he was dropped";
  EXPECT_EQ(NextLine(bob), std::nullopt) << "bob's outbox is still open";
}

}  // namespace
