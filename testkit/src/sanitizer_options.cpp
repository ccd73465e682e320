// Default sanitizer options, compiled into every test binary so that a
// binary run by hand behaves as it does under the runner and ctest. The
// *SAN_OPTIONS variables in the environment still override them.
//
// ThreadSanitizer (the first build): second_deadlock_stack, so that a
// lock-order inversion report shows where both locks were taken, not only
// one. Nothing else: every binary runs with TSan's lock-order detector on,
// and with no option that hides reports (docs/architecture.md says why the
// test server is not cpp-httplib).
//
// AddressSanitizer and UndefinedBehaviorSanitizer (the second build, the
// memory preset): a reference to a local that outlives its function is
// caught (detect_stack_use_after_return), leaks are reported at exit, and
// undefined behaviour prints the stack that led to it. handle_abort: a
// failed check of the standard library (_GLIBCXX_ASSERTIONS) aborts, and
// AddressSanitizer then prints the stack of the call that broke it.

#if defined(__SANITIZE_THREAD__)
#define KATA_TSAN 1
#elif defined(__SANITIZE_ADDRESS__)
#define KATA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KATA_TSAN 1
#elif __has_feature(address_sanitizer)
#define KATA_ASAN 1
#endif
#endif

#if defined(KATA_TSAN)
extern "C" const char* __tsan_default_options() { return "second_deadlock_stack=1"; }
#elif defined(KATA_ASAN)
extern "C" const char* __asan_default_options() {
  return "detect_stack_use_after_return=1:detect_leaks=1:strict_string_checks=1:check_initialization_order=1:"
         "handle_abort=1:halt_on_error=0:suppress_equal_pcs=0";
}
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }
#endif
