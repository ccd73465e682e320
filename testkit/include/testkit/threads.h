// How many threads this process has right now ("Threads:" in
// /proc/self/status), for tests that check that code under test leaves no
// thread behind:
//
//   const int before = testkit::LiveThreads();
//   racer::Racer(a, b);
//   EXPECT_TRUE(testkit::Eventually([&] { return testkit::LiveThreads() <= before; }));
//
// A joined thread can stay listed for a moment after join() returns, so
// compare with Eventually and a short timeout rather than at once (or derive
// the suite from testkit::NoThreadLeaks, sync.h, which does that for you).
// The first call starts and joins one thread, so that ThreadSanitizer's
// helper thread (started with the process's first thread) is counted from
// the start.
//
// Thread safety: may be called from any thread.
#pragma once

namespace kata::testkit {

int LiveThreads();

}  // namespace kata::testkit
