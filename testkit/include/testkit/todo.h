// KATA_TODO("what to do") marks code the learner has still to write.
//
// It throws kata::testkit::TodoError, whose message names the function, the
// file and the line, so a red test says exactly where to start:
//   KATA_TODO at katas/01_http_server/player_server.cpp:12 in
//   http_server::PlayerServer::ServeHttp: answer GET /players/{name}
#pragma once

#include <source_location>
#include <stdexcept>
#include <string_view>

namespace kata::testkit {

class TodoError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void Todo(std::string_view message,
                       std::source_location where = std::source_location::current());

}  // namespace kata::testkit

#define KATA_TODO(message) ::kata::testkit::Todo((message))
