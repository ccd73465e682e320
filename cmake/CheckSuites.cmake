# Fails when the test binary has a test that no step of kata.toml names.
# Usage: cmake -DBINARY=path -DKNOWN="A.*:B.*" -P CheckSuites.cmake
execute_process(COMMAND ${BINARY} --gtest_list_tests --gtest_filter=-${KNOWN}
                OUTPUT_VARIABLE listing RESULT_VARIABLE failed)
if(failed)
  message(FATAL_ERROR "${BINARY} --gtest_list_tests failed")
endif()
string(REGEX MATCHALL "[^\n]*\\.\n" orphans "${listing}")
if(orphans)
  message(FATAL_ERROR "suites that no step of kata.toml names:\n${orphans}")
endif()
message(STATUS "every suite belongs to a step")
