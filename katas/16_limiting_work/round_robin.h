// RoundRobin: picks the servers in turn, skipping those out of service, as a
// load balancer hands out requests.
//
//   limiting::RoundRobin servers({"a", "b", "c"});
//   servers.Next();  // "a", then "b", "c", "a", ...
//   servers.SetInService("b", false);
//   servers.Next();  // "c", then "a", "c", ...: b is skipped until it is back
//
// Thread safety: every method may be called from any thread at once.
#pragma once

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace limiting {

class RoundRobin {
 public:
  // Every server starts in service. Throws std::invalid_argument if a name
  // is there twice.
  explicit RoundRobin(std::vector<std::string> servers);

  // The next server in service after the last one picked, in the order
  // given, wrapping around; std::nullopt when none is in service.
  std::optional<std::string> Next();

  // Takes a server out of service (false) or puts it back (true). Throws
  // std::invalid_argument for a name it does not know.
  void SetInService(const std::string& server, bool in_service);

 private:
  struct Server {
    std::string name;
    bool in_service = true;
  };

  std::mutex mutex_;
  std::vector<Server> servers_;  // guarded by mutex_ (the names never change)
  std::size_t next_ = 0;         // guarded by mutex_: where the next search starts
};

}  // namespace limiting
