// KATA_TODO("what to do") marks code the learner has still to write.
//
// It throws kata::testkit::TodoError, whose message names the function, the
// file and the line, so a red test says exactly where to start:
//   KATA_TODO at katas/01_http_server/player_server.cpp:12 in
//   http_server::PlayerServer::ServeHttp: answer GET /players/{name}
#pragma once

#include <source_location>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kata::testkit {

class TodoError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void Todo(std::string_view message,
                       std::source_location where = std::source_location::current());

// How many KATA_TODOs this process has thrown so far, and the message of the
// last one. testkit::Eventually uses them to stop waiting, with that message,
// for something a server thread can no longer do because it hit a KATA_TODO.
// Thread safety: may be called from any thread.
unsigned TodosThrown();
std::string LastTodo();

}  // namespace kata::testkit

#define KATA_TODO(message) ::kata::testkit::Todo((message))
