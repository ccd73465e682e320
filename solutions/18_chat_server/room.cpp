#include "room.h"

#include <algorithm>

namespace kata::chat {

namespace {

std::string Welcome(const std::string& name, std::size_t others) {
  return "welcome, " + name + ": " + std::to_string(others) + (others == 1 ? " other" : " others") +
         " here";
}

}  // namespace

Room::~Room() {
  for (Member& member : members_) member.outbox.Close();
}

void Room::operator()(JoinEvent& join) {
  if (Find(join.name) != members_.end()) {
    join.reply.TrySend(false);
    return;
  }
  join.outbox.TrySend(Welcome(join.name, members_.size()));
  Broadcast("* " + join.name + " joined", join.name);
  members_.push_back(Member{join.name, join.outbox});
  join.reply.TrySend(true);
}

void Room::operator()(const SayEvent& say) {
  if (Find(say.name) == members_.end()) return;  // not (or no longer) a member
  if (say.text.starts_with('@')) {
    Direct(say.name, say.text.substr(1));
  } else {
    Broadcast(say.name + ": " + say.text, say.name);
  }
}

void Room::operator()(const LeaveEvent& leave) {
  if (Remove(leave.name)) Broadcast("* " + leave.name + " left", leave.name);
}

void Room::operator()(CountEvent& count) { count.reply.TrySend(members_.size()); }

Room::Members::iterator Room::Find(const std::string& name) {
  return std::ranges::find(members_, name, &Member::name);
}

// "bob hi" from alice: only bob hears it.
void Room::Direct(const std::string& from, const std::string& addressed) {
  const std::size_t space = addressed.find(' ');
  const std::string to = addressed.substr(0, space);
  const std::string text = space == std::string::npos ? "" : addressed.substr(space + 1);
  if (Find(to) == members_.end()) {
    Deliver(from, "* no one called " + to + " is here");
  } else {
    Deliver(to, from + " (to you): " + text);
  }
}

void Room::Deliver(const std::string& name, const std::string& line) {
  auto member = Find(name);
  if (member != members_.end() && !member->outbox.TrySend(line)) Drop(name);
}

// To every member but `except`. The slow ones are dropped after the loop:
// erasing inside it would pull the vector out from under the loop.
void Room::Broadcast(const std::string& line, const std::string& except) {
  std::vector<std::string> slow;
  for (Member& member : members_) {
    if (member.name != except && !member.outbox.TrySend(line)) slow.push_back(member.name);
  }
  for (const std::string& name : slow) Drop(name);
}

// The others are told, and may be dropped in turn: each drop removes a
// member first, so this ends.
void Room::Drop(const std::string& name) {
  if (Remove(name)) Broadcast("* " + name + " was too slow and was dropped", name);
}

bool Room::Remove(const std::string& name) {
  auto member = Find(name);
  if (member == members_.end()) return false;
  member->outbox.Close();  // the lines already in it are still read
  members_.erase(member);
  return true;
}

}  // namespace kata::chat
