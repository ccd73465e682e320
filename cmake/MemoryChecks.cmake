# The second build's checks in this build's ctest, so that `make test` is
# one ctest run with one summary.
#
# The second build (build/memory, the memory preset: AddressSanitizer and
# UndefinedBehaviorSanitizer) is its own CMake build folder: the two
# sanitizers cannot share a binary. `make test` configures it; the test
# `memory.build` builds its checks (KATA_MEMORY_KATAS: every step of these
# katas' reference solutions, and their memory bugs, tests/mutants/NN/*.patch
# with `# expect: MEMORY` or `# expect: UB`) while the other tests run. It
# runs niced: it soaks up what the ThreadSanitizer tests leave of the cores
# (many of them wait: for a deadlock to show, for a loopback reply) and never
# slows them. Its checks, memory.NN.stepK and the memory bugs' mutant.NN.M,
# wait for it (a ctest fixture).
#
# Katas 3 and 4 are the ones make test checks there: a file store and a
# command line, which parse and keep what users send, where memory errors
# live, and whose tests need no loopback server. The other application
# katas' tests run Boost.Beast's HTTP server (and kata 5 its websocket
# half), and building that, kata 2's JSON and every concurrency kata again
# under AddressSanitizer costs more than make test's ten-minute budget
# allows. `make test-clang` (the clang-memory preset: KATA_MEMORY_KATAS=all)
# checks every kata's reference and every memory bug in its second build,
# and `kata run` checks any kata's learner files there.
set(KATA_MEMORY_DIR ${CMAKE_SOURCE_DIR}/build/memory CACHE PATH "The second build's folder (the memory preset's)")
set(memory_ctest ${CMAKE_BINARY_DIR}/memory_ctest.cmake)
file(WRITE ${memory_ctest}
     "# Written by cmake/MemoryChecks.cmake: the second build's tests, once it is configured.\n"
     "if(EXISTS \"${KATA_MEMORY_DIR}/CTestTestfile.cmake\")\n"
     "  subdirs(\"${KATA_MEMORY_DIR}\")\n"
     "endif()\n")
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY TEST_INCLUDE_FILES ${memory_ctest})
add_test(NAME memory.build
         COMMAND nice -n 19 ${CMAKE_COMMAND} --build ${KATA_MEMORY_DIR} --target memory_checks)
set_tests_properties(memory.build PROPERTIES FIXTURES_SETUP memory_build LABELS memory TIMEOUT 900 COST 10000)
