# chat_server end to end (apps/chat_server, docs/chat_server.md): the real
# binary on an ephemeral loopback port, driven by raw sockets: names,
# greetings, broadcast, direct messages, hostile input (over-long lines,
# binary garbage, 1 MiB with no newline, hundreds of connect-and-disconnect,
# a client that never reads), the command line, and SIGTERM. It runs the
# binary of this build tree, so in the kata preset the server runs under
# ThreadSanitizer and a race in it fails the test. A few seconds.
# Where the apps are off (the kata preset) the app is built from here.
if(TARGET solution_lib_18_chat_server)
  if(NOT KATA_BUILD_APPS)
    add_subdirectory(${CMAKE_SOURCE_DIR}/apps/chat_server ${CMAKE_BINARY_DIR}/apps/chat_server)
  endif()
  find_package(Python3 COMPONENTS Interpreter REQUIRED)
  add_test(NAME chat_server.e2e
           COMMAND Python3::Interpreter ${CMAKE_CURRENT_LIST_DIR}/chat_server_e2e.py
                   $<TARGET_FILE:chat_server>)
  set_tests_properties(chat_server.e2e PROPERTIES TIMEOUT 120 LABELS app)
endif()
