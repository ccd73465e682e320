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
# The application katas (1 to 6 but 5, whose web server the first build
# checks end to end) are the ones checked: their solutions parse and store
# what users send, where memory errors live. Kata 5's Boost.Beast web server
# costs more to build again than the make test budget allows. `kata run`
# checks every kata's learner files in the second build, and `make
# test-clang` (the clang-memory preset: KATA_MEMORY_KATAS=all) every kata's
# reference solution.
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
