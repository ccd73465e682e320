// Default ThreadSanitizer options, compiled into every test binary so that a
// binary run by hand behaves as it does under the runner and ctest.
// TSAN_OPTIONS in the environment still overrides them.
//
// second_deadlock_stack: a lock-order inversion report shows where both
// locks were taken, not only one.
//
// Test binaries that talk to cpp-httplib get tsan_options_httplib.cpp
// instead (see there, and kata_test_main in cmake/Katas.cmake).
extern "C" const char* __tsan_default_options() { return "second_deadlock_stack=1"; }
