// gdb's "thread apply all bt" of a stopped test binary: condensed for the
// learner, and read for what the blocked threads are waiting on.
//
// Thread safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "verdict.h"

namespace kata {

// Why every thread is blocked, as far as the frames tell.
struct BlockedThreads {
  // "condition-wait": a thread waits on a condition variable, latch,
  // barrier or semaphore (a lost wake-up, a missing predicate or notify);
  // "join": a thread waits in join() for a thread that never ends;
  // "lock-order": threads wait for mutexes; "" when the frames say nothing.
  std::string kind;
  std::string what;      // "waits on a condition variable in Broadcast::Await"
  std::string location;  // the learner's frame of the waiting thread
  std::string other;     // for "join": where the thread being waited for is
};

BlockedThreads ClassifyBlockedThreads(std::string_view dump, const SourceContext& context);

// In gdb's backtrace of one thread ("bt"), the frame in the repository that
// repeats most (at least 8 times): a function that calls itself without end.
bool FindGdbRecursion(std::string_view backtrace, const SourceContext& context, Frame& recursing);

// A crash that left no frame to show: a stack overflow whose report TSan
// had no room left to print, or a death by SIGSEGV, SIGILL or SIGBUS without
// a report. RunTests runs that test again under gdb and hands its backtrace
// to ExplainFramelessCrash, which names the recursing frame when there is
// one, or says plainly that none was recovered.
Problem* FramelessCrash(RunAnalysis& analysis);
void ExplainFramelessCrash(RunAnalysis& analysis, std::string_view backtrace, const SourceContext& context);

}  // namespace kata
