# The websocket pieces of support and testkit (kata 5 and poker_server use
# them): kata_web's WebServer against testkit's WebSocketClient, under TSan.
# Registered as `testkit.websocket`, next to testkit's own tests.
if(NOT KATA_SANITIZER STREQUAL "address")  # the second build checks the katas only
add_executable(web_server_tests
  ${CMAKE_SOURCE_DIR}/support/tests/web_server_http_test.cpp
  ${CMAKE_SOURCE_DIR}/support/tests/web_server_websocket_test.cpp
  ${CMAKE_SOURCE_DIR}/support/tests/web_server_limits_test.cpp
  ${CMAKE_SOURCE_DIR}/support/tests/web_server_close_test.cpp)
target_link_libraries(web_server_tests PRIVATE kata_web_ws testkit_net testkit_ws)
kata_test_main(web_server_tests)
kata_warnings(web_server_tests)
add_test(NAME testkit.websocket COMMAND web_server_tests)
set_tests_properties(testkit.websocket PROPERTIES TIMEOUT 120 LABELS testkit)
endif()

# Kata 5's tests run a real WebServer: its test binaries (learner, reference,
# mutants) link kata_web_ws. (kata.toml's `uses` links only earlier katas.)
file(GLOB kata05_mutants CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/tests/mutants/05_websockets/*.patch)
set(kata05_targets kata_05_websockets solution_05_websockets)
foreach(patch IN LISTS kata05_mutants)
  get_filename_component(mutant ${patch} NAME_WE)
  list(APPEND kata05_targets mutant_05_websockets_${mutant})
endforeach()
foreach(target IN LISTS kata05_targets)
  if(TARGET ${target})
    target_link_libraries(${target} PRIVATE kata_web_ws)
  endif()
endforeach()
