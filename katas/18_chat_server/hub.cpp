#include "hub.h"

#include <algorithm>
#include <stdexcept>
#include <utility>
#include <variant>
#include <vector>

#include "testkit/todo.h"

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

// "welcome, alice: 0 others here", "... 1 other here", "... 2 others here".
[[maybe_unused]] std::string Welcome(const std::string& name, std::size_t others) {
  (void)name;
  (void)others;
  // TODO (step 1)
  return "";
}

}  // namespace

// The members, in the order they joined. Used by the actor's thread only, so
// it has no lock. Every line goes out with TrySend: a member whose outbox is
// full is dropped, never waited for. std::visit calls the operator() that
// matches the event. (A KATA_TODO thrown here, on the actor's thread, ends
// the program with its message: that is your next thing to write.)
class Room {
 public:
  ~Room() {
    // TODO (step 4): close every member's outbox. (No KATA_TODO here: a
    // destructor must not throw.)
  }

  void operator()(JoinEvent& join) {
    (void)join;
    // TODO (step 1): refuse a taken name (reply false); otherwise welcome the
    // member, add them, reply true. (Step 2: tell the others first.)
    KATA_TODO("add the member and answer the JoinEvent");
  }

  void operator()(const SayEvent& say) {
    (void)say;
    // TODO (step 2): "alice: hello" to everyone but alice. (Step 3: a line
    // that starts with '@' is a direct message.)
    KATA_TODO("hand the line to the other members");
  }

  void operator()(const LeaveEvent& leave) {
    (void)leave;
    // TODO (step 4): remove the member, close the outbox, tell the others.
    KATA_TODO("remove the member and tell the others");
  }

  void operator()(CountEvent& count) {
    (void)count;
    // TODO (step 1): answer how many members there are.
    KATA_TODO("answer the CountEvent");
  }

 private:
  struct Member {
    std::string name;
    Sender<std::string> outbox;
  };
  using Members = std::vector<Member>;

  Members::iterator Find(const std::string& name) {
    return std::ranges::find(members_, name, &Member::name);
  }

  // TODO: the helpers you want: Broadcast(line, except), Deliver(name, line),
  // Direct(from, addressed), Remove(name), Drop(name). (Step 5: a member
  // whose TrySend fails is dropped, after the loop over the members.)

  Members members_;
};

Hub::Hub(std::size_t outbox_slots)
    : outbox_slots_(outbox_slots), inbox_(kInboxSlots), room_(std::make_unique<Room>()) {
  // TODO (step 1): start the actor's thread (actor_) on Run.
  KATA_TODO("start the hub's thread");
}

Hub::~Hub() {
  // TODO (step 1): close the inbox, so that Run ends, and join the actor.
  // (No KATA_TODO here: a destructor must not throw.)
}

void Hub::Run() {
  // TODO (step 1): hand every event of the inbox to the room (std::visit),
  // until the inbox is closed; then destroy the room (room_.reset()).
}

std::optional<Receiver<std::string>> Hub::Join(const std::string& name) {
  (void)name;
  // TODO (step 1): make the outbox and a reply channel, send a JoinEvent,
  // wait for the answer.
  KATA_TODO("send a JoinEvent and wait for the hub's answer");
}

void Hub::Say(const std::string& name, const std::string& text) {
  (void)name;
  (void)text;
  // TODO (step 2): send a SayEvent.
  KATA_TODO("send a SayEvent");
}

void Hub::Leave(const std::string& name) {
  (void)name;
  // TODO (step 4): send a LeaveEvent.
  KATA_TODO("send a LeaveEvent");
}

std::size_t Hub::MemberCount() {
  // TODO (step 1): send a CountEvent and wait for the answer.
  KATA_TODO("ask the hub how many members there are");
}

}  // namespace kata::chat
