#include "round_robin.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "testkit/todo.h"

namespace limiting {

RoundRobin::RoundRobin(std::vector<std::string> servers) {
  (void)servers;
  // TODO (step 7): keep the servers, in order, all in service; a name given
  // twice is std::invalid_argument.
  KATA_TODO("keep the servers in order");
}

std::optional<std::string> RoundRobin::Next() {
  // TODO (step 7)
  KATA_TODO("pick the next server in service, in turn");
}

void RoundRobin::SetInService(const std::string& server, bool in_service) {
  (void)server;
  (void)in_service;
  // TODO (step 7)
  KATA_TODO("take a server out of service, or put it back");
}

}  // namespace limiting
