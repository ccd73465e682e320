// The chat load: many members on loopback connections to a chat_server, in
// three phases, each paced so that a member that reads as fast as it can is
// never dropped (at most `window` lines in flight to any member, fewer than
// the server's outbox holds):
//
//   connect  every connection open and asked for its name
//   join     every member joined, counted done when each member that was
//            there has seen "* mK joined" (the welcome line says how many)
//   send     `senders` members send `messages` lines each ("msg ID"); a
//            message is done when every other member has it: the time from
//            its write to its last delivery is its fan-out latency
//
// Bounded: it gives up (and says where) after `time_limit`, or when nothing
// has moved for `stall_limit`.
#pragma once

#include <chrono>
#include <cstddef>
#include <ostream>
#include <string>

namespace chat_load {

struct LoadOptions {
  std::string host = "127.0.0.1";
  unsigned short port = 7000;
  int members = 10000;
  int senders = 100;
  int messages = 10;     // per sender
  int window = 15;       // joins in flight: below the server's --outbox
  int send_window = 0;   // messages in flight, below --outbox too; 0: --senders, at most --window
  int connecting = 256;  // connections being opened at once
  int threads = 2;
  std::chrono::seconds time_limit{300};
  std::chrono::seconds stall_limit{15};
};

// Runs the load and prints what it measured to `out`. Returns 0 when every
// phase finished with nothing lost or dropped, 1 otherwise.
int RunLoad(const LoadOptions& options, std::ostream& out);

}  // namespace chat_load
