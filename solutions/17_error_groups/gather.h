// GatherAndProcess: ask services A and B at once, give both answers to
// service C, and return C's answer, all within one budget of 50 ms for the
// whole call (Jon Bodner's example in "Learning Go"). The first failure
// wins: the other service is stopped and C is never asked. A caller whose
// own deadline is earlier keeps it.
//
//   context::Context request;
//   std::string answer = kata::GatherAndProcess(request, "pepper", services, clock);
//
// Thread safety: GatherAndProcess may be called from several threads at once
// if the services allow it; it returns only once every thread it started has
// ended.
#pragma once

#include <chrono>
#include <stdexcept>
#include <stop_token>
#include <string>

#include "context.h"
#include "kata/clock.h"

namespace kata {

// The budget of one whole call: A and B, then C.
inline constexpr std::chrono::milliseconds kGatherBudget{50};

// Thrown when the call's budget, or its caller's earlier deadline, ran out.
class DeadlineExceeded : public std::runtime_error {
 public:
  DeadlineExceeded() : std::runtime_error("deadline exceeded") {}
};

// Thrown when the caller cancelled the call.
class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

// The three services. Each may throw; each gives up soon after its stop
// token is requested (by throwing, or by returning whatever it has).
class Services {
 public:
  virtual ~Services() = default;
  virtual std::string A(const std::string& input, std::stop_token stop) = 0;
  virtual std::string B(const std::string& input, std::stop_token stop) = 0;
  virtual std::string C(const std::string& a, const std::string& b, std::stop_token stop) = 0;
};

// C's answer to A's and B's answers to `input`. Throws the first failure of
// a service, or DeadlineExceeded (Cancelled) once the budget has run out
// (the caller has cancelled), whatever the services threw after that.
std::string GatherAndProcess(const context::Context& caller, const std::string& input,
                             Services& services, Clock& clock);

}  // namespace kata
