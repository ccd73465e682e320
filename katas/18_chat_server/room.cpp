#include "room.h"

#include <algorithm>

#include "testkit/todo.h"

namespace kata::chat {

namespace {

// "welcome, alice: 0 others here", "... 1 other here", "... 2 others here".
[[maybe_unused]] std::string Welcome(const std::string& name, std::size_t others) {
  (void)name;
  (void)others;
  // TODO (step 1)
  return "";
}

}  // namespace

// Everything here runs on the hub's thread. (A KATA_TODO thrown here ends
// the program with its message, since nothing on that thread catches it:
// that is your next thing to write.)

Room::~Room() {
  // TODO (step 4): close every member's outbox. (No KATA_TODO here: a
  // destructor must not throw.)
}

void Room::operator()(JoinEvent& join) {
  (void)join;
  // TODO (step 1): refuse a taken name (reply false); otherwise welcome the
  // member, add them, reply true. (Step 2: tell the others first.)
  KATA_TODO("add the member and answer the JoinEvent");
}

void Room::operator()(const SayEvent& say) {
  (void)say;
  // TODO (step 2): "alice: hello" to everyone but alice. (Step 3: a line
  // that starts with '@' is a direct message.)
  KATA_TODO("hand the line to the other members");
}

void Room::operator()(const LeaveEvent& leave) {
  (void)leave;
  // TODO (step 4): remove the member, close the outbox, tell the others.
  KATA_TODO("remove the member and tell the others");
}

void Room::operator()(CountEvent& count) {
  (void)count;
  // TODO (step 1): answer how many members there are.
  KATA_TODO("answer the CountEvent");
}

Room::Members::iterator Room::Find(const std::string& name) {
  return std::ranges::find(members_, name, &Member::name);
}

// "bob hi" from alice: only bob hears it.
void Room::Direct(const std::string& from, const std::string& addressed) {
  (void)from;
  (void)addressed;
  // TODO (step 3)
  KATA_TODO("deliver a direct message");
}

// One line to one member.
void Room::Deliver(const std::string& name, const std::string& line) {
  (void)name;
  (void)line;
  // TODO (step 3). (Step 5: drop the member if the line does not fit.)
  KATA_TODO("deliver a line to one member");
}

// To every member but `except`. (Step 5: a member whose TrySend fails is
// dropped, after the loop over the members.)
void Room::Broadcast(const std::string& line, const std::string& except) {
  (void)line;
  (void)except;
  // TODO (step 2)
  KATA_TODO("send the line to every member but one");
}

// Removes a member who is too slow, and tells the others.
void Room::Drop(const std::string& name) {
  (void)name;
  // TODO (step 5)
  KATA_TODO("drop a slow member");
}

// Removes the member and closes the outbox; false if there was no such
// member.
bool Room::Remove(const std::string& name) {
  (void)name;
  // TODO (step 4)
  KATA_TODO("remove a member");
}

}  // namespace kata::chat
