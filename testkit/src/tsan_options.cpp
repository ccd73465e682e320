// Default ThreadSanitizer options, compiled into every test binary so that a
// binary run by hand behaves as it does under the runner and ctest.
// TSAN_OPTIONS in the environment still overrides them.
//
// second_deadlock_stack: a lock-order inversion report shows where both
// locks were taken, not only one.
//
// Nothing else: every binary runs with TSan's lock-order detector on, and
// with no option that hides reports (docs/architecture.md says why the
// test server is not cpp-httplib).
extern "C" const char* __tsan_default_options() { return "second_deadlock_stack=1"; }
