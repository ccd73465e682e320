// The hub's insides: the events its inbox carries, and the Room, the
// members themselves. Only the hub's own thread ever touches a Room (see
// Hub::Run), so a Room is plain sequential code, with no lock.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "channel.h"

namespace kata::chat {

// What the inbox carries. Join and Count wait for an answer: each brings a
// channel of one slot for it, so the hub answers without ever waiting.
struct JoinEvent {
  std::string name;
  Sender<std::string> outbox;
  Sender<bool> reply;  // true: joined; false: the name is taken
};
struct SayEvent {
  std::string name;
  std::string text;
};
struct LeaveEvent {
  std::string name;
};
struct CountEvent {
  Sender<std::size_t> reply;
};
struct Event {
  std::variant<JoinEvent, SayEvent, LeaveEvent, CountEvent> what;
};

// The members, in the order they joined. Every line goes out with TrySend:
// a member whose outbox is full is dropped, never waited for. std::visit
// calls the operator() that matches the event.
class Room {
 public:
  Room() = default;
  ~Room();  // closes every outbox still open
  Room(const Room&) = delete;
  Room& operator=(const Room&) = delete;

  void operator()(JoinEvent& join);
  void operator()(const SayEvent& say);
  void operator()(const LeaveEvent& leave);
  void operator()(CountEvent& count);

 private:
  struct Member {
    std::string name;
    Sender<std::string> outbox;
  };
  using Members = std::vector<Member>;

  Members::iterator Find(const std::string& name);
  void Direct(const std::string& from, const std::string& addressed);
  void Deliver(const std::string& name, const std::string& line);
  void Broadcast(const std::string& line, const std::string& except);
  void Drop(const std::string& name);
  bool Remove(const std::string& name);

  Members members_;
};

}  // namespace kata::chat
