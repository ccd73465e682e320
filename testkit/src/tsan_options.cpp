// Default ThreadSanitizer options, compiled into every test binary so that a
// binary run by hand behaves as it does under the runner and ctest.
// TSAN_OPTIONS in the environment still overrides them.
//
// ignore_noninstrumented_modules: cpp-httplib comes from Debian as a shared
// library built without TSan. Its own accesses are invisible to TSan anyway,
// but the memcmp/memcpy it calls are intercepted, and without seeing the
// library's synchronisation TSan reports races inside it that are not in the
// code under test. This option keeps the interceptors quiet for calls made
// from uninstrumented modules only: every access in the katas, solutions,
// testkit and GoogleTest is still checked (the mutant self-checks prove it).
//
// second_deadlock_stack: a lock-order inversion report shows where both
// locks were taken, not only one.
extern "C" const char* __tsan_default_options() {
  return "ignore_noninstrumented_modules=1:second_deadlock_stack=1";
}
