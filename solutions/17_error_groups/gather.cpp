#include "gather.h"

#include <functional>
#include <memory>

#include "task_group.h"

namespace kata {

namespace {

void ThrowIfStopped(const context::Context& call) {
  switch (call.Err()) {
    case context::Reason::kNone:
      return;
    case context::Reason::kDeadlineExceeded:
      throw DeadlineExceeded();
    case context::Reason::kCancelled:
      throw Cancelled();
  }
}

// Runs one stage of the call. Once the call has stopped, its reason is the
// answer, whatever the stage threw or returned: a service that sees the stop
// gives up in its own way.
void RunStage(const context::Context& call, const std::function<void()>& stage) {
  try {
    stage();
  } catch (...) {
    ThrowIfStopped(call);
    throw;  // a service failed first
  }
  ThrowIfStopped(call);
}

}  // namespace

std::string GatherAndProcess(const context::Context& caller, const std::string& input,
                             Services& services, Clock& clock) {
  // One budget for the whole call, A and B and then C. A child of the
  // caller's context: the caller's earlier deadline, or its cancel, counts.
  const std::unique_ptr<context::Context> call = caller.WithTimeout(clock, kGatherBudget);

  std::string a;
  std::string b;
  RunStage(*call, [&] {
    TaskGroup group(call->Token());
    group.Go([&](std::stop_token stop) { a = services.A(input, stop); });
    group.Go([&](std::stop_token stop) { b = services.B(input, stop); });
    group.Wait();  // both have returned: a and b are ours to read
  });

  std::string out;
  RunStage(*call, [&] { out = services.C(a, b, call->Token()); });
  return out;
}

}  // namespace kata
