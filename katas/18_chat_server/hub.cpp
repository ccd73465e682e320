#include "hub.h"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "room.h"
#include "testkit/todo.h"

namespace kata::chat {

namespace {

// The inbox's room: senders wait only while the hub is this far behind.
constexpr std::size_t kInboxSlots = 256;

}  // namespace

bool ValidName(std::string_view name) {
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_';
  };
  return !name.empty() && name.size() <= 32 && std::ranges::all_of(name, allowed);
}

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
