#include "hub.h"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <variant>
#include <vector>

namespace kata::chat {

bool ValidName(std::string_view name) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  };
  return !name.empty() && name.size() <= 32 && std::ranges::all_of(name, allowed);
}

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

namespace {

// The inbox's room: senders wait only while the hub is this far behind.
constexpr std::size_t kInboxSlots = 256;

std::string Welcome(const std::string& name, std::size_t others) {
  return "welcome, " + name + ": " + std::to_string(others) + (others == 1 ? " other" : " others") +
         " here";
}

}  // namespace

// The members, in the order they joined. Used by the actor's thread only, so
// it has no lock. Every line goes out with TrySend: a member whose outbox is
// full is dropped, never waited for.
class Room {
 public:
  ~Room() {
    for (Member& member : members_) member.outbox.Close();
  }

  void operator()(JoinEvent& join) {
    if (Find(join.name) != members_.end()) {
      join.reply.TrySend(false);
      return;
    }
    join.outbox.TrySend(Welcome(join.name, members_.size()));
    Broadcast("* " + join.name + " joined", join.name);
    members_.push_back(Member{join.name, join.outbox});
    join.reply.TrySend(true);
  }

  void operator()(const SayEvent& say) {
    if (Find(say.name) == members_.end()) return;  // not (or no longer) a member
    if (say.text.starts_with('@')) {
      Direct(say.name, say.text.substr(1));
    } else {
      Broadcast(say.name + ": " + say.text, say.name);
    }
  }

  void operator()(const LeaveEvent& leave) {
    if (Remove(leave.name)) Broadcast("* " + leave.name + " left", leave.name);
  }

  void operator()(CountEvent& count) { count.reply.TrySend(members_.size()); }

 private:
  struct Member {
    std::string name;
    Sender<std::string> outbox;
  };
  using Members = std::vector<Member>;

  Members::iterator Find(const std::string& name) {
    return std::ranges::find(members_, name, &Member::name);
  }

  // "bob hi" from alice: only bob hears it.
  void Direct(const std::string& from, const std::string& addressed) {
    const std::size_t space = addressed.find(' ');
    const std::string to = addressed.substr(0, space);
    const std::string text = space == std::string::npos ? "" : addressed.substr(space + 1);
    if (Find(to) == members_.end()) {
      Deliver(from, "* no one called " + to + " is here");
    } else {
      Deliver(to, from + " (to you): " + text);
    }
  }

  void Deliver(const std::string& name, const std::string& line) {
    auto member = Find(name);
    if (member != members_.end() && !member->outbox.TrySend(line)) Drop(name);
  }

  // To every member but `except`. The slow ones are dropped after the loop:
  // erasing inside it would pull the vector out from under the loop.
  void Broadcast(const std::string& line, const std::string& except) {
    std::vector<std::string> slow;
    for (Member& member : members_) {
      if (member.name != except && !member.outbox.TrySend(line)) slow.push_back(member.name);
    }
    for (const std::string& name : slow) Drop(name);
  }

  // The others are told, and may be dropped in turn: each drop removes a
  // member first, so this ends.
  void Drop(const std::string& name) {
    if (Remove(name)) Broadcast("* " + name + " was too slow and was dropped", name);
  }

  bool Remove(const std::string& name) {
    auto member = Find(name);
    if (member == members_.end()) return false;
    member->outbox.Close();  // the lines already in it are still read
    members_.erase(member);
    return true;
  }

  Members members_;
};

Hub::Hub(std::size_t outbox_slots)
    : outbox_slots_(outbox_slots), inbox_(kInboxSlots), room_(std::make_unique<Room>()) {
  if (outbox_slots == 0) throw std::invalid_argument("Hub: an outbox needs at least one slot");
  actor_ = std::jthread([this] { Run(); });
}

Hub::~Hub() {
  inbox_.Close();  // Run drains what is left, then returns
  actor_.join();
}

void Hub::Run() {
  for (Event& event : inbox_) std::visit(*room_, event.what);
  room_.reset();  // every outbox is closed
}

std::optional<Receiver<std::string>> Hub::Join(const std::string& name) {
  Channel<std::string> outbox(outbox_slots_);
  Channel<bool> reply(1);
  inbox_.Send(Event{JoinEvent{name, outbox, reply}});
  if (!reply.Recv().value_or(false)) return std::nullopt;
  return Receiver<std::string>(outbox);
}

void Hub::Say(const std::string& name, const std::string& text) {
  inbox_.Send(Event{SayEvent{name, text}});
}

void Hub::Leave(const std::string& name) { inbox_.Send(Event{LeaveEvent{name}}); }

std::size_t Hub::MemberCount() {
  Channel<std::size_t> reply(1);
  inbox_.Send(Event{CountEvent{reply}});
  return reply.Recv().value_or(0);
}

}  // namespace kata::chat
