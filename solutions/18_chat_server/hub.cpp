#include "hub.h"

#include <algorithm>
#include <stdexcept>
#include <variant>

#include "room.h"

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
