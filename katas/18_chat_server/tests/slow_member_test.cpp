// Step 5: you write these tests. bob never reads, yet the room goes on: all
// of alice's lines reach carol, and bob is dropped once his outbox is full.
// The workbook judges your tests: they must pass against a correct Hub and
// fail against each of three broken ones (`make kata-18` says how many yours
// catch).
//
// Make it certain, not likely: use Hub hub(16), and let carol read each of
// alice's lines (NextLine) before alice says the next, so that carol is never
// behind and only bob's outbox fills. Once bob has read his welcome (JoinAs
// reads it), his 16 slots hold "* carol joined" and alice's first 15 lines.
//
// The tools, in chat_tools.h: JoinAs(hub, name, others) joins and checks the
// welcome; NextLine(outbox) waits for the next line (std::nullopt once the
// outbox is closed and drained); Waiting(outbox) takes the lines already
// there, after a hub.MemberCount() has made sure the hub has caught up.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "chat_tools.h"
#include "hub.h"
#include "testkit/todo.h"

namespace {

TEST(SlowMember, DoesNotStallTheRoomAndIsDropped) {
  KATA_TODO(
      "alice, bob and carol join; alice says 100 lines, and carol reads each one before the next: "
      "does carol get them all, in order? Is she told \"* bob was too slow and was dropped\", "
      "once? Is bob still a member?");
}

TEST(SlowMember, KeepsTheLinesAlreadyInHisOutboxThenItEnds) {
  KATA_TODO(
      "after alice's 20 lines, which lines are waiting in bob's outbox, exactly? And then: is it "
      "closed (NextLine gives std::nullopt)?");
}

}  // namespace
