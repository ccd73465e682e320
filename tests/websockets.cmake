# The websocket pieces of support and testkit (kata 5 and poker_server use
# them): kata_web's WebServer against testkit's WebSocketClient, under TSan.
# Registered as `testkit.websocket`, next to testkit's own tests.
add_executable(web_server_tests ${CMAKE_SOURCE_DIR}/support/tests/web_server_test.cpp)
target_link_libraries(web_server_tests PRIVATE kata_web)
kata_test_main(web_server_tests)
kata_warnings(web_server_tests)
add_test(NAME testkit.websocket COMMAND web_server_tests)
set_tests_properties(testkit.websocket PROPERTIES TIMEOUT 120 LABELS testkit)
