// The racer: which of two URLs answers first?
//
//   std::string winner = racer::Racer("http://a.test", "http://b.test");
//
// A URL wins when it answers a GET with a 2xx status. An error status or a
// connection that cannot be made never wins. Racer throws RaceError, naming
// both URLs, when neither has won within the timeout, or as soon as both
// have failed.
//
// Thread safety: Racer may be called from many threads at once. It returns
// only when every thread it started has finished.
#pragma once

#include <chrono>
#include <stdexcept>
#include <string>
#include <string_view>

namespace racer {

inline constexpr std::chrono::milliseconds kDefaultTimeout = std::chrono::seconds(10);

class RaceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string Racer(std::string_view a, std::string_view b,
                  std::chrono::milliseconds timeout = kDefaultTimeout);

}  // namespace racer
