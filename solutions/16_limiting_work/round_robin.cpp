#include "round_robin.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace limiting {

RoundRobin::RoundRobin(std::vector<std::string> servers) {
  for (std::string& name : servers) {
    const bool known =
        std::ranges::any_of(servers_, [&](const Server& s) { return s.name == name; });
    if (known) throw std::invalid_argument("RoundRobin: server \"" + name + "\" given twice");
    servers_.push_back(Server{std::move(name)});
  }
}

std::optional<std::string> RoundRobin::Next() {
  std::scoped_lock lock(mutex_);
  // One lap at most, from where the last pick left off.
  for (std::size_t tried = 0; tried < servers_.size(); ++tried) {
    const Server& server = servers_[next_];
    next_ = (next_ + 1) % servers_.size();
    if (server.in_service) return server.name;
  }
  return std::nullopt;
}

void RoundRobin::SetInService(const std::string& server, bool in_service) {
  std::scoped_lock lock(mutex_);
  auto it = std::ranges::find(servers_, server, &Server::name);
  if (it == servers_.end()) throw std::invalid_argument("RoundRobin: no server \"" + server + "\"");
  it->in_service = in_service;
}

}  // namespace limiting
