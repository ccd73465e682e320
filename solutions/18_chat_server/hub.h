// Hub: the members of a chat room, owned by one thread (an actor). Every
// other thread talks to it only through its inbox, a Channel of events; no
// other thread ever touches the member list, so it needs no lock.
//
//   kata::chat::Hub hub;
//   auto alice = hub.Join("alice");      // std::nullopt if the name is taken
//   hub.Say("alice", "hello");           // every other member hears "alice: hello"
//   hub.Say("alice", "@bob hi");         // only bob hears "alice (to you): hi"
//   for (std::string line : *alice) ...  // alice's outbox, until she leaves
//   hub.Leave("alice");
//
// Each member has an outbox of outbox_slots lines. The hub never waits for a
// member: when a member's outbox is full, that member is dropped as too slow,
// so one slow reader cannot stall the room.
//
// Thread safety: every method may be called concurrently from any thread.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <thread>

#include "channel.h"

namespace kata::chat {

inline constexpr std::size_t kOutboxSlots = 16;    // a member's outbox
inline constexpr std::size_t kMaxLineBytes = 140;  // a line a member sends, newline excluded

// The lines the front ends write themselves (each followed by '\n' on the wire).
inline constexpr std::string_view kAskName = "* your name?";
inline constexpr std::string_view kBadName = "* a name is 1 to 32 letters, digits, '-' or '_'";
inline constexpr std::string_view kNameTaken = "* that name is taken, choose another";
inline constexpr std::string_view kLineTooLong = "* too long: a line is at most 140 bytes";

// 1 to 32 bytes of [A-Za-z0-9_-].
bool ValidName(std::string_view name);

struct Event;  // what the inbox carries (room.h)
class Room;    // the members (room.h)

// The member set, owned by one thread (an actor): every other thread talks to
// it only through its inbox. Thread safety: every method may be called
// concurrently from any thread.
class Hub {
 public:
  explicit Hub(std::size_t outbox_slots = kOutboxSlots);
  ~Hub();  // stops the actor's thread; every member's outbox is closed
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Adds a member; blocks until the hub has answered. The member's outbox
  // receives its lines in order and is closed when the member leaves, is
  // dropped as too slow, or the hub stops. std::nullopt: the name is taken.
  // (The caller has checked ValidName.)
  std::optional<Receiver<std::string>> Join(const std::string& name);
  // A line from member `name` (no newline). "@bob hi" is a direct message.
  void Say(const std::string& name, const std::string& text);
  // Removes the member; its outbox is closed. Unknown names are ignored.
  void Leave(const std::string& name);
  // How many members there are; asks the hub and blocks until it answers.
  std::size_t MemberCount();

 private:
  void Run();  // the actor: the only code that sees the members

  const std::size_t outbox_slots_;
  Channel<Event> inbox_;
  // The actor's alone: only Run() touches it, on the actor's thread. Nothing
  // but this rule keeps other threads out; ThreadSanitizer checks it.
  std::unique_ptr<Room> room_;
  std::jthread actor_;  // last: started once everything it uses exists
};

}  // namespace kata::chat
