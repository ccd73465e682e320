// KATA_TODO("what to do") marks code the learner has still to write.
//
// It throws kata::testkit::TodoError, whose message names the function, the
// file and the line, so a red test says exactly where to start:
//   KATA_TODO at katas/01_http_server/player_server.cpp:12 in
//   http_server::PlayerServer::ServeHttp: answer GET /players/{name}
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <version>
#if defined(__cpp_lib_source_location)
#include <source_location>
#endif

namespace kata::testkit {

#if defined(__cpp_lib_source_location)
using SourceLocation = std::source_location;
#else
// clang 14 with libstdc++ 12 has no std::source_location (it lacks the
// builtin the library's needs): the same facts from the builtins that both
// compilers have. function_name() is then the bare name, without its class.
struct SourceLocation {
  static constexpr SourceLocation current(const char* file = __builtin_FILE(), unsigned line = __builtin_LINE(),
                                          const char* function = __builtin_FUNCTION()) noexcept {
    return SourceLocation{file, line, function};
  }
  constexpr const char* file_name() const noexcept { return file; }
  constexpr unsigned line() const noexcept { return number; }
  constexpr unsigned column() const noexcept { return 0; }
  constexpr const char* function_name() const noexcept { return function; }

  const char* file = "";
  unsigned number = 0;
  const char* function = "";
};
#endif

class TodoError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

[[noreturn]] void Todo(std::string_view message, SourceLocation where = SourceLocation::current());

// How many KATA_TODOs this process has thrown so far, and the message of the
// last one. testkit::Eventually uses them to stop waiting, with that message,
// for something a server thread can no longer do because it hit a KATA_TODO.
// Thread safety: may be called from any thread.
unsigned TodosThrown();
std::string LastTodo();

}  // namespace kata::testkit

#if defined(__cpp_lib_source_location)
#define KATA_TODO(message) ::kata::testkit::Todo((message))
#else
// The builtins' function name has no class or namespace: the macro names
// the function itself.
#define KATA_TODO(message) \
  ::kata::testkit::Todo((message), ::kata::testkit::SourceLocation{__FILE__, __LINE__, __PRETTY_FUNCTION__})
#endif
