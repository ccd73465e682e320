// How many threads this process has right now (Linux: /proc/self/task), for
// tests that check that code under test leaves no thread behind:
//
//   const int before = testkit::ThreadCount();
//   racer::Racer(a, b);
//   EXPECT_TRUE(testkit::Eventually([&] { return testkit::ThreadCount() <= before; }));
//
// A joined thread can stay listed for a moment after join() returns, so
// compare with Eventually and a short timeout rather than at once. The first
// call starts and joins one thread, so that ThreadSanitizer's helper thread
// (started with the process's first thread) is counted from the start.
//
// Thread safety: may be called from any thread.
#pragma once

namespace kata::testkit {

int ThreadCount();

}  // namespace kata::testkit
