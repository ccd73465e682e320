# The second build's checks in this build's ctest, so that `make test` is
# one ctest run with one summary.
#
# The second build (build/memory, the memory preset: AddressSanitizer and
# UndefinedBehaviorSanitizer) is its own CMake build folder: the two
# sanitizers cannot share a binary. `make test` configures it; the test
# `memory.build` builds its checks (KATA_MEMORY_KATAS: every step of these
# katas' reference solutions, and their memory bugs, tests/mutants/NN/*.patch
# with `# expect: MEMORY` or `# expect: UB`) while the other tests run, many
# of which spend their time waiting (for a deadlock's silence, a loopback
# reply). Its checks, memory.NN.stepK and the memory bugs' mutant.NN.M, wait
# for it (a ctest fixture).
#
# KATA_MEMORY_KATAS is "all": every step of every kata's reference and
# every memory bug. make test from a fresh clone took 483 s so on two cores
# (docs/architecture.md has the figures of smaller lists, and of g++). With
# a list of katas instead, the memory bugs of the others are each built
# alone: the test files of its step compiled against the patched copy,
# without the rest of the kata's tests (kata_add_mutants ... ALONE).
# `make test-gcc` checks the same built by g++ (the gcc-memory preset),
# `runner.run_memory_error` checks the runner's side in every make test, and
# `kata run` checks any kata's learner files there.
set(KATA_MEMORY_DIR ${CMAKE_SOURCE_DIR}/build/memory CACHE PATH "The second build's folder (the memory preset's)")
set(memory_ctest ${CMAKE_BINARY_DIR}/memory_ctest.cmake)
file(WRITE ${memory_ctest}
     "# Written by cmake/MemoryChecks.cmake: the second build's tests, once it is configured.\n"
     "if(EXISTS \"${KATA_MEMORY_DIR}/CTestTestfile.cmake\")\n"
     "  subdirs(\"${KATA_MEMORY_DIR}\")\n"
     "endif()\n")
set_property(DIRECTORY ${CMAKE_SOURCE_DIR} APPEND PROPERTY TEST_INCLUDE_FILES ${memory_ctest})
# Under the folder's lock, as every build of it: a learner's `kata run` may be
# building it in the background (runner/src/memory_check.h).
find_program(KATA_FLOCK flock REQUIRED)
add_test(NAME memory.build COMMAND ${KATA_FLOCK} ${KATA_MEMORY_DIR}/kata-run.lock
                                   ${CMAKE_COMMAND} --build ${KATA_MEMORY_DIR} --target memory_checks)
set_tests_properties(memory.build PROPERTIES FIXTURES_SETUP memory_build LABELS memory TIMEOUT 900 COST 10000)
