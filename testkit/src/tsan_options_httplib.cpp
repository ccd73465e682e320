// ThreadSanitizer's defaults for test binaries that run cpp-httplib (a
// testkit::TestServer or HttpClient). Everything in tsan_options.cpp, plus:
//
// ignore_noninstrumented_modules: Debian ships cpp-httplib as a shared
// library built without TSan. Its own accesses are invisible to TSan, but the
// memcpy/memcmp it calls are intercepted, and without seeing the library's
// synchronisation TSan reports races inside it that are not in the code under
// test (measured: 3 to 6 such reports per run of katas 1, 2, 3 and 6). The
// option quiets interceptors called from uninstrumented modules; every access
// in the katas, solutions, testkit and GoogleTest is still checked (the
// mutant self-checks prove it). Its cost: with it, TSan also stays silent
// about lock-order inversions between std::mutex objects, so binaries that do
// not need it (katas 4, 5, 7 onward) do not get it.
extern "C" const char* __tsan_default_options() {
  return "ignore_noninstrumented_modules=1:second_deadlock_stack=1";
}
